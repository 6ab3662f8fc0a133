import Fluent
import Foundation
import SQLKit
import Vapor

/// Records who viewed or changed what, when and from where. Rows are append-only (see
/// `CreateAuditEvents`).
enum AuditAction: String, CaseIterable {
    case signIn = "sign-in", signInFailed = "sign-in-failed", signOut = "sign-out"
    case view, create, update, transition, upload, export

    /// How the audit log names it for a person.
    var title: String {
        switch self {
        case .signIn: "Signed in"
        case .signInFailed: "Sign-in refused"
        case .signOut: "Signed out"
        case .view: "Viewed"
        case .create: "Created"
        case .update: "Changed"
        case .transition: "Moved to the next stage"
        case .upload: "Uploaded"
        case .export: "Exported"
        }
    }
}

/// Who is acting and from where: what every audit row records besides the event. Owners of
/// rows take one, so they audit their changes in the same transaction without needing a request.
struct Auditor: Sendable {
    let user: UserModel?
    let ip: String?
    let userAgent: String?

    /// Writes an audit row on `database` (a transaction, to record a change atomically with it).
    func record(
        _ action: AuditAction, _ entityType: String, _ entityID: String? = nil, inspection: UUID? = nil, detail: String = "", on database: any Database
    ) async throws {
        // One plain INSERT: every case view writes one, and creating it as a Fluent model
        // reflected over its twelve fields each time (the case page's profile).
        try await (database as! any SQLDatabase).insert(into: AuditEventModel.schema)
            .columns("id", "at", "user_id", "user_email", "role", "action", "entity_type", "entity_id", "inspection_id", "detail", "ip", "user_agent")
            .values(
                SQLBind(UUID()), SQLBind(Date()), SQLBind(user?.id), SQLBind(user?.email), SQLBind(user?.role.rawValue), SQLBind(action.rawValue),
                SQLBind(entityType), SQLBind(entityID), SQLBind(inspection), SQLBind(String(detail.prefix(2000))), SQLBind(ip),
                SQLBind(userAgent.map { String($0.prefix(300)) })
            )
            .run()
    }
}

extension Request {
    /// The signed-in user (or `user`) at this request's address.
    func auditor(as explicitUser: UserModel? = nil) -> Auditor {
        Auditor(user: explicitUser ?? user, ip: clientAddress, userAgent: headers.first(name: .userAgent))
    }

    /// Writes an audit row on `database` (pass a transaction to record a change atomically with it).
    func audit(
        _ action: AuditAction, _ entityType: String, _ entityID: String? = nil, inspection: UUID? = nil, detail: String = "",
        on database: (any Database)? = nil, user explicitUser: UserModel? = nil
    ) async throws {
        try await auditor(as: explicitUser).record(action, entityType, entityID, inspection: inspection, detail: detail, on: database ?? db)
    }
}
