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
        let formatter = ISO8601DateFormatter()
        return tokensPage(
            await request.pageContext("API tokens", errors: errors),
            tokens: tokens.map {
                TokenRow(
                    id: $0.id!, name: $0.name, user: emails[$0.userID] ?? "–", created: formatter.string(from: $0.createdAt),
                    lastUsed: $0.lastUsedAt.map(formatter.string) ?? "never", revoked: $0.revokedAt.map(formatter.string))
            },
            users: users.map { Components.Option($0.id!.uuidString, "\($0.email) (\($0.userRole.title))") }, newToken: newToken, form: form)
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
        guard errors.isEmpty, let user else { return .page(try await view(request, errors: errors, form: fields), status: .unprocessableEntity) }
        let token = APITokens.generate()
        let model = APITokenModel(name: name, tokenHash: APITokens.hash(token), userID: user.id!, createdBy: admin.id!)
        try await model.create(on: request.db)
        try await request.audit(.create, "api-token", model.id?.uuidString, detail: "\(name) for \(user.email)")
        // Shown on this response only; never stored in the clear or put in a redirect.
        return .page(try await view(request, newToken: token), status: .created)
    }

    @Sendable static func revoke(_ request: Request) async throws -> Response {
        _ = try AdminController.requireAdmin(request)
        guard let id = request.parameters.get("token", as: UUID.self), let token = try await APITokenModel.find(id, on: request.db) else {
            throw Abort(.notFound, reason: "There is no such token.")
        }
        if token.revokedAt == nil {
            token.revokedAt = Date()
            try await token.save(on: request.db)
            try await request.audit(.update, "api-token", id.uuidString, detail: "revoked \(token.name)")
        }
        request.flash("Token \"\(token.name)\" revoked.")
        return request.redirect(to: SiteURL.adminTokens.path, redirectType: .normal)
    }
}
