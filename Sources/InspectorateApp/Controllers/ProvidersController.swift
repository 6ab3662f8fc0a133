import Fluent
import Foundation
import InspectionKit
import InspectorateViews
import Vapor

enum ProvidersController {
    @Sendable static func list(_ request: Request) async throws -> HTML {
        let user = try request.requireUser()
        guard user.userRole.isStaff else { throw Abort(.forbidden, reason: "Providers are listed for inspectorate staff.") }
        return try await listView(request, user: user)
    }

    static func listView(_ request: Request, user: UserModel, errors: [FieldError] = [], form: [String: String] = [:]) async throws -> HTML {
        let providers = try await ProviderModel.query(on: request.db).sort(\.$type).sort(\.$name).all()
        return providersPage(
            await request.pageContext("Providers", errors: errors), providers: providers.map(summary), canAdd: Policy.canAdminister(user.userRole),
            types: ProviderType.allCases.map { Components.Option($0.rawValue, $0.title) }, form: form)
    }

    /// Admin: add a provider (a CRC, NPS division, PDU with its region, or YOT).
    @Sendable static func create(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        guard Policy.canAdminister(user.userRole) else { throw Abort(.forbidden, reason: "Only administrators add providers.") }
        let fields = try request.formFields()
        var errors: [FieldError] = []
        let name = (fields["name"] ?? "").trimmingCharacters(in: .whitespaces)
        if name.isEmpty || name.count > 120 { errors.append(FieldError(field: "name", message: "Enter the provider's name (up to 120 characters)")) }
        let code = (fields["code"] ?? "").trimmingCharacters(in: .whitespaces)
        if code.range(of: #"^[a-z0-9]+(-[a-z0-9]+)*$"#, options: .regularExpression) == nil || code.count > 60 {
            errors.append(FieldError(field: "code", message: "Enter a short code of lowercase letters, digits and hyphens"))
        } else if try await ProviderModel.query(on: request.db).filter(\.$code == code).count() > 0 {
            errors.append(FieldError(field: "code", message: "Another provider already has the code \(code)"))
        }
        let type = ProviderType(rawValue: fields["type"] ?? "")
        if type == nil { errors.append(FieldError(field: "type", message: "Choose the type of provider")) }
        let region = (fields["region"] ?? "").trimmingCharacters(in: .whitespaces)
        if region.isEmpty || region.count > 120 { errors.append(FieldError(field: "region", message: "Enter the region (up to 120 characters)")) }
        guard errors.isEmpty, let type else {
            return .page(try await listView(request, user: user, errors: errors, form: fields), status: .unprocessableEntity)
        }
        let provider = ProviderModel(code: code, name: name, type: type, region: region)
        try await provider.create(on: request.db)
        try await request.audit(.create, "provider", provider.id?.uuidString, detail: "\(name) (\(type.rawValue))")
        request.flash("\(name) added.")
        return request.redirect(to: SiteURL.providers.path, redirectType: .normal)
    }

    @Sendable static func show(_ request: Request) async throws -> HTML {
        guard let id = request.parameters.get("provider", as: UUID.self), let provider = try await ProviderModel.find(id, on: request.db) else {
            throw Abort(.notFound, reason: "There is no such provider.")
        }
        let user = try request.requireUser()
        guard user.userRole.isStaff || user.providerID == id else { throw Abort(.notFound, reason: "There is no such provider.") }
        let history = try await InspectionsController.summaries(request, query: InspectionModel.query(on: request.db).filter(\.$providerID == id))
        return providerPage(
            await request.pageContext(provider.name, breadcrumbs: [("Providers", .providers)]), provider: summary(provider), history: history)
    }

    static func summary(_ provider: ProviderModel) -> ProviderSummary {
        ProviderSummary(id: provider.id!, name: provider.name, type: provider.providerType.title, region: provider.region)
    }
}
