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

    static let types = ProviderType.allCases.map { Components.Option($0.rawValue, $0.title) }

    static func regions(on database: any Database) async throws -> [String] {
        ProbationRegions.choices(inUse: try await ProviderModel.query(on: database).all().map(\.region))
    }

    static func listView(_ request: Request, user: UserModel, errors: [FieldError] = [], form: [String: String] = [:]) async throws -> HTML {
        let providers = try await ProviderModel.query(on: request.db).sort(\.$type).sort(\.$name).all()
        return providersPage(
            await request.pageContext("Providers", errors: errors), providers: providers.map(summary), canAdd: Policy.canAdminister(user.userRole),
            types: types, regions: try await regions(on: request.db).map { Components.Option($0, $0) }, form: form)
    }

    /// The fields an admin sets for a provider: name, type and a region from the list.
    static func readFields(
        _ fields: [String: String], on database: any Database
    ) async throws -> (name: String, type: ProviderType?, region: String, errors: [FieldError]) {
        var errors: [FieldError] = []
        let name = (fields["name"] ?? "").trimmingCharacters(in: .whitespaces)
        if name.isEmpty || name.count > 120 { errors.append(FieldError(field: "name", message: "Enter the provider's name (up to 120 characters)")) }
        let type = ProviderType(rawValue: fields["type"] ?? "")
        if type == nil { errors.append(FieldError(field: "type", message: "Choose the type of provider")) }
        let region = fields["region"] ?? ""
        if !(try await regions(on: database)).contains(region) { errors.append(FieldError(field: "region", message: "Choose the region from the list")) }
        return (name, type, region, errors)
    }

    /// Admin: add a provider (a CRC, NPS division, PDU with its region, or YOT).
    @Sendable static func create(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        guard Policy.canAdminister(user.userRole) else { throw Abort(.forbidden, reason: "Only administrators add providers.") }
        let fields = try request.formFields()
        let (name, type, region, fieldErrors) = try await readFields(fields, on: request.db)
        var errors = fieldErrors
        let code = (fields["code"] ?? "").trimmingCharacters(in: .whitespaces)
        if code.range(of: #"^[a-z0-9]+(-[a-z0-9]+)*$"#, options: .regularExpression) == nil || code.count > 60 {
            errors.append(FieldError(field: "code", message: "Enter a short code of lowercase letters, digits and hyphens"))
        } else if try await ProviderModel.query(on: request.db).filter(\.$code == code).count() > 0 {
            errors.append(FieldError(field: "code", message: "Another provider already has the code \(code)"))
        }
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
            await request.pageContext(provider.name, breadcrumbs: [("Providers", .providers)]), provider: summary(provider), history: history,
            canEdit: Policy.canAdminister(user.userRole))
    }

    static func loadProvider(_ request: Request) async throws -> ProviderModel {
        guard let id = request.parameters.get("provider", as: UUID.self), let provider = try await ProviderModel.find(id, on: request.db) else {
            throw Abort(.notFound, reason: "There is no such provider.")
        }
        return provider
    }

    static func editView(_ request: Request, _ provider: ProviderModel, errors: [FieldError] = [], form: [String: String]? = nil) async throws -> HTML {
        providerEditPage(
            await request.pageContext(
                "Edit \(provider.name)", breadcrumbs: [("Providers", .providers), (provider.name, .provider(provider.id!))], errors: errors),
            id: provider.id!, code: provider.code, types: types, regions: try await regions(on: request.db).map { Components.Option($0, $0) },
            form: form ?? ["name": provider.name, "type": provider.type, "region": provider.region])
    }

    @Sendable static func editForm(_ request: Request) async throws -> HTML {
        _ = try AdminController.requireAdmin(request)
        return try await editView(request, try await loadProvider(request))
    }

    /// Admin: correct a provider's name, type or region; its code and history stay.
    @Sendable static func update(_ request: Request) async throws -> Response {
        _ = try AdminController.requireAdmin(request)
        let provider = try await loadProvider(request)
        let fields = try request.formFields()
        let (name, type, region, errors) = try await readFields(fields, on: request.db)
        guard errors.isEmpty, let type else {
            return .page(try await editView(request, provider, errors: errors, form: fields), status: .unprocessableEntity)
        }
        let before = "\(provider.name), \(provider.providerType.title), \(provider.region)"
        provider.name = name
        provider.type = type.rawValue
        provider.region = region
        try await provider.save(on: request.db)
        try await request.audit(.update, "provider", provider.id?.uuidString, detail: "from \(before) to \(name), \(type.title), \(region)")
        request.flash("\(name) updated.")
        return request.redirect(to: SiteURL.provider(provider.id!).path, redirectType: .normal)
    }

    static func summary(_ provider: ProviderModel) -> ProviderSummary {
        ProviderSummary(id: provider.id!, name: provider.name, type: provider.providerType.title, region: provider.region)
    }
}
