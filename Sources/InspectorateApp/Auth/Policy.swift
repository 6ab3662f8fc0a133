import Foundation
import InspectionKit

/// Who may do what. Pure functions of the user and the record, so they are tested without a
/// database and every handler asks the same questions.
enum Policy {
    /// Whether `role` may see the inspection's working data (cases, uploads, ratings in progress).
    static func canView(_ inspection: InspectionAccess, role: Role, userProviderID: UUID?) -> Bool {
        role.isStaff || (role == .provider && userProviderID == inspection.providerID)
    }

    /// Whether the public may see it: only once published.
    static func isPublic(_ inspection: InspectionAccess) -> Bool { inspection.state == .published }

    /// Whether this caller, signed in or not, may see the inspection at all.
    static func canSee(_ inspection: InspectionAccess, user: UserModel?) -> Bool {
        isPublic(inspection) || user.map { canView(inspection, role: $0.role, userProviderID: $0.providerID) } ?? false
    }

    /// A provider's monitoring indicators and alerts: the inspectorate's staff, and the provider's own users.
    static func canSeeMonitoring(of provider: UUID, user: UserModel) -> Bool {
        user.role.isStaff || (user.role == .provider && user.providerID == provider)
    }

    /// Sending a provider's quarterly data return: its own users, any lead, or an admin.
    static func canSubmitReturn(for provider: UUID, user: UserModel) -> Bool {
        [.lead, .admin].contains(user.role) || (user.role == .provider && user.providerID == provider)
    }

    /// Planning, sampling, state changes and organisational ratings: the inspection's lead, or an admin.
    static func canLead(_ inspection: InspectionAccess, role: Role, userID: UUID) -> Bool {
        role == .admin || (role == .lead && inspection.leadID == userID)
    }

    /// Assessing cases: the lead and the inspection's team.
    static func canAssess(_ inspection: InspectionAccess, role: Role, userID: UUID) -> Bool {
        canLead(inspection, role: role, userID: userID) || ([.inspector, .lead].contains(role) && inspection.team.contains(userID))
    }

    /// Uploading the provider's data: its own provider users, the lead, or an admin.
    static func canUpload(_ inspection: InspectionAccess, role: Role, userID: UUID, userProviderID: UUID?) -> Bool {
        canLead(inspection, role: role, userID: userID) || (role == .provider && userProviderID == inspection.providerID)
    }

    /// Drawing the moderation sample, second-marking it blind and resolving disagreements.
    static func canModerate(role: Role) -> Bool { role == .quality }

    /// Recording, sampling and rating serious further offence reviews.
    static func canQualityAssureSFO(role: Role) -> Bool { [.quality, .admin].contains(role) }

    static func canCreateInspections(_ role: Role) -> Bool { [.admin, .lead].contains(role) }
    static func canAdminister(_ role: Role) -> Bool { role == .admin }
}

/// What the policy needs to know about an inspection.
struct InspectionAccess: Sendable {
    let providerID: UUID
    let leadID: UUID
    let team: Set<UUID>
    let state: InspectionState
}

extension InspectionAccess {
    init(_ model: InspectionModel, team: Set<UUID> = []) {
        self.init(providerID: model.providerID, leadID: model.leadID, team: team, state: model.state)
    }
}
