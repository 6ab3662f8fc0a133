import Fluent
import Foundation
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

extension Request {
    /// Writes an audit row on `database` (pass a transaction to record a change atomically with it).
    func audit(
        _ action: AuditAction, _ entityType: String, _ entityID: String? = nil, inspection: UUID? = nil, detail: String = "",
        on database: (any Database)? = nil, user explicitUser: UserModel? = nil
    ) async throws {
        let event = AuditEventModel()
        let actor = explicitUser ?? user
        event.at = Date()
        event.userID = actor?.id
        event.userEmail = actor?.email
        event.role = actor?.role
        event.action = action.rawValue
        event.entityType = entityType
        event.entityID = entityID
        event.inspectionID = inspection
        event.detail = String(detail.prefix(2000))
        event.ip = clientAddress
        event.userAgent = headers.first(name: .userAgent).map { String($0.prefix(300)) }
        try await event.create(on: database ?? db)
    }
}
