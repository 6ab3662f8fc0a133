import Fluent
import Foundation
import InspectionKit
import InspectorateViews
import Vapor

/// An inspection loaded for a request, with what the access rules need.
struct InspectionContext {
    let model: InspectionModel
    let provider: ProviderModel
    let framework: Framework
    /// The lead and the members, by email.
    let team: [TeamMember]
    let access: InspectionAccess

    var id: UUID { model.id! }
    var state: InspectionState { model.state }
    var title: String { "\(provider.name) \(model.yearLabel)" }

    static func load(_ request: Request) async throws -> InspectionContext {
        guard let id = request.parameters.get("inspection", as: UUID.self),
            let model = try await InspectionModel.find(id, on: request.db)
        else { throw Abort(.notFound, reason: "There is no such inspection.") }
        return try await load(model, on: request.db, frameworks: request.application.frameworks)
    }

    static func load(_ model: InspectionModel, on database: any Database, frameworks: FrameworkCatalog) async throws -> InspectionContext {
        guard let provider = try await ProviderModel.find(model.providerID, on: database) else { throw Abort(.internalServerError) }
        guard let framework = frameworks[FrameworkID(model.frameworkID)] else {
            throw Abort(.internalServerError, reason: "This inspection uses framework \(model.frameworkID), which is not installed.")
        }
        let team = try await InspectionTeam.of(inspection: model.id!, lead: model.leadID, on: database)
        return InspectionContext(
            model: model, provider: provider, framework: framework, team: team.people,
            access: InspectionAccess(model, team: team.memberIDs))
    }

    /// The inspection itself: staff and the provider's own users; everyone once published.
    func canSeeWorkingData(_ request: Request) -> Bool {
        guard let user = request.user else { return false }
        return Policy.canView(access, role: user.role, userProviderID: user.providerID)
    }

    func requireView(_ request: Request) throws {
        // Published material is public: anyone may read it, signed in or not.
        if Policy.isPublic(access) { return }
        guard let user = request.user else { throw Abort(.unauthorized, reason: "Sign in to see this inspection.") }
        guard Policy.canView(access, role: user.role, userProviderID: user.providerID) else {
            throw Abort(.notFound, reason: "There is no such inspection.")
        }
    }

    /// Case-level data is never public, even when published.
    func requireStaffOrProvider(_ request: Request) throws -> UserModel {
        let user = try request.requireUser()
        guard Policy.canView(access, role: user.role, userProviderID: user.providerID) else {
            throw Abort(.notFound, reason: "There is no such inspection.")
        }
        return user
    }

    /// Case-level data: inspectorate staff only (provider users see their inspection and uploads, not case judgements in progress).
    func requireStaff(_ request: Request) throws -> UserModel {
        let user = try requireStaffOrProvider(request)
        guard user.role.isStaff else { throw Abort(.forbidden, reason: "Only the inspection team can see case assessments.") }
        return user
    }

    func requireLead(_ request: Request) throws -> UserModel {
        let user = try requireStaffOrProvider(request)
        guard Policy.canLead(access, role: user.role, userID: user.id!) else {
            throw Abort(.forbidden, reason: "Only the inspection's lead inspector can do this.")
        }
        return user
    }

    func requireAssessor(_ request: Request) throws -> UserModel {
        let user = try requireStaffOrProvider(request)
        guard Policy.canAssess(access, role: user.role, userID: user.id!) else {
            throw Abort(.forbidden, reason: "Only the inspection team can assess its cases.")
        }
        return user
    }

    /// Changes are refused once published (and case judgements once rated).
    func requireEditable(casework: Bool = false) throws {
        if state == .published { throw Abort(.conflict, reason: "This inspection is published and can no longer change.") }
        if state == .withdrawn { throw Abort(.conflict, reason: "This inspection was withdrawn and can no longer change.") }
        if state == .suspended { throw Abort(.conflict, reason: "This inspection is suspended: nothing in it changes until the lead resumes it.") }
        if casework, state == .rated { throw Abort(.conflict, reason: "The ratings are confirmed; case judgements can no longer change.") }
    }

    var breadcrumbs: [(String, SiteURL)] { [("Inspections", .inspections), (title, .inspection(id))] }
}
