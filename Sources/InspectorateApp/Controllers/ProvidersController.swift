import Fluent
import Foundation
import InspectionKit
import InspectorateViews
import Vapor

enum ProvidersController {
    @Sendable static func list(_ request: Request) async throws -> HTML {
        let user = try request.requireUser()
        guard user.role.isStaff else { throw Abort(.forbidden, reason: "Providers are listed for inspectorate staff.") }
        return try await listView(request, user: user)
    }

    static let types = ProviderType.allCases.map { Components.Option($0.rawValue, $0.title) }

    /// The choices the provider form offers, from the rows as they are.
    static func formChoices(on database: any Database, excluding: UUID? = nil) async throws -> ProviderFormChoices {
        let all = try await ProviderModel.all(on: database)
        return ProviderFormChoices(
            types: types, regions: try await ProviderModel.regionChoices(on: database).map { Components.Option($0, $0) },
            parents: all.filter { $0.providerType == .region }.map { Components.Option($0.id!.uuidString, $0.name) },
            predecessors: all.filter { $0.id != excluding && $0.providerType != .region }.map {
                Components.Option($0.id!.uuidString, $0.name, hint: $0.providerType.title)
            })
    }

    static func listView(_ request: Request, user: UserModel, errors: [FieldError] = [], form: [String: String] = [:]) async throws -> HTML {
        let providers = try await ProviderModel.all(on: request.db)
        let names = Dictionary(uniqueKeysWithValues: providers.map { ($0.id!, $0.name) })
        return providersPage(
            await request.pageContext("Providers", errors: errors), providers: providers.map { summary($0, parentName: $0.parentID.flatMap { names[$0] }) },
            canAdd: Policy.canAdminister(user.role), choices: try await formChoices(on: request.db), form: form)
    }

    /// Admin: add a provider (a CRC, NPS division, PDU with its region, or YOT).
    @Sendable static func create(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        guard Policy.canAdminister(user.role) else { throw Abort(.forbidden, reason: "Only administrators add providers.") }
        let fields = try request.formFields()
        let (values, fieldErrors) = try await ProviderModel.read(fields, editing: nil, on: request.db)
        var errors = fieldErrors
        let code = (fields["code"] ?? "").trimmingCharacters(in: .whitespaces)
        if code.range(of: #"^[a-z0-9]+(-[a-z0-9]+)*$"#, options: .regularExpression) == nil || code.count > 60 {
            errors.append(FieldError(field: "code", message: "Enter a short code of lowercase letters, digits and hyphens"))
        } else if try await ProviderModel.query(on: request.db).filter(\.$code == code).count() > 0 {
            errors.append(FieldError(field: "code", message: "Another provider already has the code \(code)"))
        }
        guard errors.isEmpty, let values else {
            return .page(try await listView(request, user: user, errors: errors, form: fields), status: .unprocessableEntity)
        }
        let provider = ProviderModel(code: code, name: values.name, type: values.type, region: values.region, parentID: values.parentID)
        try await request.db.writeTransaction { database in
            try await provider.create(on: database)
            try await provider.setPredecessors(values.predecessors, carryingRecommendations: values.carriesRecommendations, on: database)
            try await request.audit(.create, "provider", provider.id?.uuidString, detail: "\(values.name) (\(values.type.title))", on: database)
        }
        request.flash("\(values.name) added.")
        return request.redirect(to: SiteURL.providers.path, redirectType: .normal)
    }

    @Sendable static func show(_ request: Request) async throws -> HTML {
        guard let id = request.parameters.get("provider", as: UUID.self), let provider = try await ProviderModel.find(id, on: request.db) else {
            throw Abort(.notFound, reason: "There is no such provider.")
        }
        let user = try request.requireUser()
        guard user.role.isStaff || user.providerID == id else { throw Abort(.notFound, reason: "There is no such provider.") }
        let history = try await InspectionsController.summaries(request, query: InspectionModel.query(on: request.db).filter(\.$providerID == id))
        let parent = try await provider.parentID.asyncFlatMap { try await ProviderModel.find($0, on: request.db) }
        let lineage = try await provider.lineage(on: request.db)
        let link = { (provider: ProviderModel) in ProviderLink(id: provider.id!, name: provider.name) }
        return providerPage(
            await request.pageContext(provider.name, breadcrumbs: [("Providers", .providers)]), provider: summary(provider, parentName: parent?.name),
            family: ProviderFamily(
                parent: parent.map(link), children: try await ProviderModel.children(of: id, on: request.db).map(link),
                predecessors: lineage.predecessors.map(link), successors: lineage.successors.map(link)),
            history: history, canEdit: Policy.canAdminister(user.role))
    }

    static func loadProvider(_ request: Request) async throws -> ProviderModel {
        guard let id = request.parameters.get("provider", as: UUID.self), let provider = try await ProviderModel.find(id, on: request.db) else {
            throw Abort(.notFound, reason: "There is no such provider.")
        }
        return provider
    }

    static func editView(_ request: Request, _ provider: ProviderModel, errors: [FieldError] = [], form: [String: String]? = nil) async throws -> HTML {
        let predecessors = try await provider.lineage(on: request.db).predecessors.map { $0.id!.uuidString }
        let carries = try await provider.carriesRecommendations(on: request.db)
        return providerEditPage(
            await request.pageContext(
                "Edit \(provider.name)", breadcrumbs: [("Providers", .providers), (provider.name, .provider(provider.id!))], errors: errors),
            id: provider.id!, code: provider.code, choices: try await formChoices(on: request.db, excluding: provider.id),
            form: form ?? [
                "name": provider.name, "type": provider.type.rawValue, "region": provider.region, "parent": provider.parentID?.uuidString ?? "",
                "predecessors[]": predecessors.joined(separator: "\u{1F}"),
                "carriesRecommendations[]": carries ? "yes" : "",
            ])
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
        let (values, errors) = try await ProviderModel.read(fields, editing: provider, on: request.db)
        guard errors.isEmpty, let values else {
            return .page(try await editView(request, provider, errors: errors, form: fields), status: .unprocessableEntity)
        }
        let before = "\(provider.name), \(provider.type.title), \(provider.region)"
        provider.apply(values)
        try await request.db.writeTransaction { database in
            try await provider.save(on: database)
            try await provider.setPredecessors(values.predecessors, carryingRecommendations: values.carriesRecommendations, on: database)
            try await request.audit(
                .update, "provider", provider.id?.uuidString,
                detail: "from \(before) to \(values.name), \(values.type.title), \(values.region); \(values.predecessors.count) predecessors", on: database)
        }
        request.flash("\(values.name) updated.")
        return request.redirect(to: SiteURL.provider(provider.id!).path, redirectType: .normal)
    }

    static func summary(_ provider: ProviderModel, parentName: String? = nil) -> ProviderSummary {
        ProviderSummary(id: provider.id!, code: provider.code, name: provider.name, type: provider.type.title, region: provider.region, parent: parentName)
    }
}
