import Fluent
import Foundation
import SQLKit
import Vapor

/// Records who viewed or changed what, when and from where. Rows are append-only (see
/// `CreateAuditEvents`).
enum AuditAction: String, CaseIterable, Codable {
    case signIn = "sign-in", signInFailed = "sign-in-failed", signOut = "sign-out"
    case view, create, update, delete, transition, upload, export

    /// How the audit log names it for a person.
    var title: String {
        switch self {
        case .signIn: "Signed in"
        case .signInFailed: "Sign-in refused"
        case .signOut: "Signed out"
        case .view: "Viewed"
        case .create: "Created"
        case .update: "Changed"
        case .delete: "Deleted"
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

    /// One event to record.
    struct Entry {
        let action: AuditAction
        let entityType: String
        var entityID: String? = nil
        var inspection: UUID? = nil
        var detail: String = ""
    }

    /// Writes an audit row on `database` (a transaction, to record a change atomically with it).
    func record(
        _ action: AuditAction, _ entityType: String, _ entityID: String? = nil, inspection: UUID? = nil, detail: String = "", on database: any Database
    ) async throws {
        try await record([Entry(action: action, entityType: entityType, entityID: entityID, inspection: inspection, detail: detail)], on: database)
    }

    /// Writes the rows in one plain INSERT: every case view and autosave writes some, and a
    /// Fluent model per row reflected over its twelve fields each time (the case page's profile).
    func record(_ entries: [Entry], on database: any Database) async throws {
        guard !entries.isEmpty else { return }
        let now = Date()
        let insert = (database as! any SQLDatabase).insert(into: AuditEventModel.schema)
            .columns("id", "at", "user_id", "user_email", "role", "action", "entity_type", "entity_id", "inspection_id", "detail", "ip", "user_agent")
        for entry in entries {
            insert.values(
                SQLBind(UUID()), SQLBind(now), SQLBind(user?.id), SQLBind(user?.email), SQLBind(user?.role.rawValue), SQLBind(entry.action.rawValue),
                SQLBind(entry.entityType), SQLBind(entry.entityID), SQLBind(entry.inspection), SQLBind(String(entry.detail.prefix(2000))), SQLBind(ip),
                SQLBind(userAgent.map { String($0.prefix(300)) }))
        }
        try await insert.run()
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
