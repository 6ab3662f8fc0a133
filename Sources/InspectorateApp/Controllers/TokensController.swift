import Fluent
import Foundation
import InspectorateViews
import Vapor

/// Administrators issue and revoke API bearer tokens.
enum TokensController {
    static func view(_ request: Request, newToken: String? = nil, errors: [FieldError] = [], form: [String: String] = [:]) async throws -> HTML {
        let tokens = try await APITokenModel.query(on: request.db).sort(\.$createdAt, .descending).all()
        let users = try await UserModel.query(on: request.db).sort(\.$email).all()
        let emails = Dictionary(uniqueKeysWithValues: users.map { ($0.id!, $0.email) })
        let words = request.application.timeInWords
        let now = Date()
        return tokensPage(
            await request.pageContext("API tokens", errors: errors),
            tokens: tokens.map {
                TokenRow(
                    id: $0.id!, name: $0.name, user: emails[$0.userID] ?? "–", created: words.date($0.createdAt),
                    lastUsed: $0.lastUsedAt.map { words.moment($0) } ?? "never", revoked: $0.revokedAt.map { words.moment($0) },
                    expires: $0.expiresAt.map(words.date) ?? "–", expired: ($0.expiresAt ?? .distantPast) <= now)
            },
            users: users.map { Components.Option($0.id!.uuidString, "\($0.email) (\($0.role.title))") }, newToken: newToken, form: form)
    }

    @Sendable static func list(_ request: Request) async throws -> HTML {
        _ = try AdminController.requireAdmin(request)
        return try await view(request)
    }

    @Sendable static func issue(_ request: Request) async throws -> Response {
        let admin = try AdminController.requireAdmin(request)
        let fields = try request.formFields()
        let name = (fields["name"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        var errors: [FieldError] = []
        if name.isEmpty { errors.append(FieldError(field: "name", message: "Say what the token is for")) }
        if name.count > 200 { errors.append(FieldError(field: "name", message: "The name must be 200 characters or fewer")) }
        var user: UserModel?
        if let id = fields["user"].flatMap(UUID.init(uuidString:)) { user = try await UserModel.find(id, on: request.db) }
        if user == nil { errors.append(FieldError(field: "user", message: "Choose the user the token is for")) }
        let days = Int(fields["days"] ?? "")
        if days == nil || !validDays.contains(days!) {
            errors.append(FieldError(field: "days", message: "Choose how long the token lasts: \(validDays.map(String.init).joined(separator: ", ")) days"))
        }
        guard errors.isEmpty, let user, let days else {
            return .page(try await view(request, errors: errors, form: fields), status: .unprocessableEntity)
        }
        let token = APITokens.generate()
        let model = APITokenModel(
            name: name, tokenHash: APITokens.hash(token), userID: user.id!, createdBy: admin.id!, expiresAt: Date().addingTimeInterval(Double(days) * 86_400))
        try await model.create(on: request.db)
        try await request.audit(.create, "api-token", model.id?.uuidString, detail: "\(name) for \(user.email)")
        // Shown on this response only; never stored in the clear or put in a redirect.
        return .page(try await view(request, newToken: token), status: .created)
    }

    /// How long a token may last, in days: a quarter by default, a year at most.
    static let validDays = [30, 90, 365]

    static func loadToken(_ request: Request) async throws -> APITokenModel {
        guard let id = request.parameters.get("token", as: UUID.self), let token = try await APITokenModel.find(id, on: request.db) else {
            throw Abort(.notFound, reason: "There is no such token.")
        }
        return token
    }

    /// Revoking cannot be undone, so it is asked for on a page of its own.
    @Sendable static func confirmRevoke(_ request: Request) async throws -> HTML {
        _ = try AdminController.requireAdmin(request)
        let token = try await loadToken(request)
        let user = try await UserModel.find(token.userID, on: request.db)
        return revokeTokenPage(
            await request.pageContext("Revoke a token", breadcrumbs: [("API tokens", .adminTokens)]), id: token.id!, name: token.name,
            user: user?.email ?? "–", revoked: token.revokedAt != nil)
    }

    @Sendable static func revoke(_ request: Request) async throws -> Response {
        _ = try AdminController.requireAdmin(request)
        let token = try await loadToken(request)
        let id = token.id!
        if token.revokedAt == nil {
            token.revokedAt = Date()
            try await token.save(on: request.db)
            try await request.audit(.update, "api-token", id.uuidString, detail: "revoked \(token.name)")
        }
        request.flash("Token \"\(token.name)\" revoked.")
        return request.redirect(to: SiteURL.adminTokens.path, redirectType: .normal)
    }
}
