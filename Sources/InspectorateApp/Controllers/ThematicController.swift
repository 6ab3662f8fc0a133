import Fluent
import Foundation
import InspectionKit
import InspectorateViews
import Vapor

/// Thematic inspections: one theme across several providers. Each provider's part is an
/// ordinary inspection (same upload, sampling and assessment screens); this controller sets
/// them up together and reports the findings side by side.
enum ThematicController {
    static func thematicFrameworks(_ request: Request) -> [Framework] {
        request.application.frameworks.frameworks.filter { $0.inspects.contains("thematic") }
    }

    struct Loaded {
        let model: ThematicInspectionModel
        let framework: Framework
        let parts: [InspectionModel]
        let providers: [UUID: ProviderModel]

        var published: Bool { ThematicController.isPublished(parts) }
    }

    /// A thematic inspection is public once every provider's part is published.
    static func isPublished(_ parts: [InspectionModel]) -> Bool {
        !parts.isEmpty && parts.allSatisfy { $0.state == .published }
    }

    static func load(_ request: Request) async throws -> Loaded {
        guard let id = request.parameters.get("thematic", as: UUID.self), let model = try await ThematicInspectionModel.find(id, on: request.db) else {
            throw Abort(.notFound, reason: "There is no such thematic inspection.")
        }
        guard let framework = request.application.frameworks[FrameworkID(model.frameworkID)] else {
            throw Abort(.internalServerError, reason: "This thematic inspection uses framework \(model.frameworkID), which is not installed.")
        }
        let parts = try await InspectionModel.query(on: request.db).filter(\.$thematicID == id).all()
        let providers = Dictionary(
            uniqueKeysWithValues: try await ProviderModel.query(on: request.db).filter(\.$id ~~ parts.map(\.providerID)).all().map { ($0.id!, $0) })
        let loaded = Loaded(
            model: model, framework: framework, parts: parts.sorted { providers[$0.providerID]?.name ?? "" < providers[$1.providerID]?.name ?? "" },
            providers: providers)
        // Drafts are the inspectorate's own; the public and providers see only published findings.
        if !loaded.published {
            guard let user = request.user else { throw Abort(.unauthorized, reason: "Sign in to see this thematic inspection.") }
            guard user.role.isStaff else { throw Abort(.notFound, reason: "There is no such thematic inspection.") }
        }
        return loaded
    }

    @Sendable static func list(_ request: Request) async throws -> HTML {
        let staff = request.user?.role.isStaff == true
        let models = try await ThematicInspectionModel.query(on: request.db).sort(\.$yearLabel, .descending).sort(\.$title).all()
        let parts = Dictionary(grouping: try await InspectionModel.query(on: request.db).filter(\.$thematicID != nil).all()) { $0.thematicID! }
        let items = models.compactMap { model -> ThematicSummary? in
            let own = parts[model.id!] ?? []
            let published = isPublished(own)
            guard staff || published else { return nil }
            return ThematicSummary(
                id: model.id!, title: model.title, framework: model.frameworkID, year: model.yearLabel, providers: own.count, published: published)
        }
        return thematicListPage(
            await request.pageContext("Thematic inspections"), items: items, canCreate: request.user.map { Policy.canCreateInspections($0.role) } ?? false)
    }

    static func form(_ request: Request, values: [String: String], providers: Set<String>, team: Set<String>) async throws -> NewThematicForm {
        let users = try await UserModel.query(on: request.db).sort(\.$email).all()
        return NewThematicForm(
            frameworks: thematicFrameworks(request).map { Components.Option($0.id.rawValue, "\($0.title) (\($0.id))") },
            providers: try await ProviderModel.query(on: request.db).sort(\.$name).all().map {
                Components.Option($0.id!.uuidString, "\($0.name) (\($0.providerType.shortTitle))")
            },
            leads: users.filter { [.lead, .admin].contains($0.role) }.map { Components.Option($0.id!.uuidString, $0.email) },
            inspectors: users.filter { [.inspector, .lead].contains($0.role) }.map { Components.Option($0.id!.uuidString, $0.email) },
            values: values, chosenProviders: providers, team: team)
    }

    static func requirePlanner(_ request: Request) throws -> UserModel {
        let user = try request.requireUser()
        guard Policy.canCreateInspections(user.role) else { throw Abort(.forbidden, reason: "Only lead inspectors set up thematic inspections.") }
        return user
    }

    @Sendable static func newForm(_ request: Request) async throws -> HTML {
        let user = try requirePlanner(request)
        return newThematicPage(
            await request.pageContext("Set up a thematic inspection", breadcrumbs: [("Thematic inspections", .thematicList)]),
            form: try await form(request, values: ["lead": user.id!.uuidString], providers: [], team: []))
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        _ = try requirePlanner(request)
        let fields = try request.formFields()
        func chosen(_ name: String) -> Set<String> { Set((fields["\(name)[]"] ?? "").split(separator: "\u{1F}").map(String.init).filter { !$0.isEmpty }) }
        let team = chosen("team"), providerIDs = chosen("providers")
        let plan = try await InspectionsController.PlanFields(fields, team: team, on: request.db)
        var errors: [FieldError] = []
        let title = (fields["title"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if title.isEmpty || title.count > 200 { errors.append(FieldError(field: "title", message: "Name the theme, in 200 characters or fewer")) }
        let framework = thematicFrameworks(request).first { $0.id.rawValue == fields["framework"] }
        if framework == nil { errors.append(FieldError(field: "framework", message: "Choose a thematic framework")) }
        let providers = try await ProviderModel.query(on: request.db).filter(\.$id ~~ providerIDs.compactMap(UUID.init(uuidString:))).all()
        if providers.count != providerIDs.count {
            errors.append(FieldError(field: "providers", message: "Choose providers from the list"))
        } else if providers.count < 2 {
            errors.append(FieldError(field: "providers", message: "Choose at least two providers: a thematic inspection compares them"))
        }
        errors += plan.errors
        guard errors.isEmpty, let framework, let start = plan.start, let end = plan.end, let lead = plan.lead else {
            let context = await request.pageContext(
                "Set up a thematic inspection", breadcrumbs: [("Thematic inspections", .thematicList)], errors: errors)
            return .page(
                newThematicPage(context, form: try await form(request, values: fields, providers: providerIDs, team: team)), status: .unprocessableEntity)
        }
        let thematic = ThematicInspectionModel()
        thematic.title = title
        thematic.frameworkID = framework.id.rawValue
        thematic.yearLabel = plan.year
        thematic.leadID = lead.id!
        thematic.isDemo = false
        try await request.db.writeTransaction { database in
            try await thematic.create(on: database)
            for provider in providers {
                _ = try await plan.createInspection(
                    provider: provider.id!, framework: framework, start: start, end: end, lead: lead.id!, thematic: thematic.id, on: database)
            }
            try await request.audit(
                .create, "thematic-inspection", thematic.id?.uuidString,
                detail: "\(title) \(plan.year), \(framework.id), \(providers.count) providers", on: database)
        }
        request.flash("Thematic inspection set up, with a part for each of \(providers.count) providers.")
        return request.redirect(to: SiteURL.thematic(thematic.id!).path, redirectType: .normal)
    }

    /// Each provider's answers: frozen at confirmation, live before.
    static func findings(_ loaded: Loaded, on database: any Database) async throws -> ThematicFindings {
        var parts: [ThematicFindings.Part] = []
        for inspection in loaded.parts {
            var answers = FrozenRatings(snapshot: inspection.ratingsSnapshot)?.answers
            if answers == nil { answers = try await CaseAnswers.counts(inspection: inspection.id!, on: database) }
            parts.append(.init(provider: loaded.providers[inspection.providerID]?.name ?? "?", answers: answers ?? [:]))
        }
        return ThematicFindings(title: loaded.model.title, framework: loaded.framework, parts: parts)
    }

    @Sendable static func show(_ request: Request) async throws -> HTML {
        let loaded = try await load(request)
        let findings = try await findings(loaded, on: request.db)
        var parts: [ThematicPart] = []
        for inspection in loaded.parts {
            let completed = try await SampledCaseModel.query(on: request.db).filter(\.$inspectionID == inspection.id!)
                .filter(\.$status == CaseStatus.complete).count()
            parts.append(
                ThematicPart(
                    inspection: inspection.id!, provider: loaded.providers[inspection.providerID]?.name ?? "?", state: inspection.state,
                    assessedCases: completed))
        }
        let lead = try await UserModel.find(loaded.model.leadID, on: request.db)?.email ?? "?"
        return thematicPage(
            await request.pageContext(loaded.model.title, breadcrumbs: [("Thematic inspections", .thematicList)]), id: loaded.model.id!,
            title: loaded.model.title, framework: "\(loaded.framework.title) (\(loaded.framework.id))", year: loaded.model.yearLabel, lead: lead,
            parts: parts, findings: findings.table, clearDifferences: findings.clearDifferences, published: loaded.published,
            showParts: request.user?.role.isStaff == true)
    }

    @Sendable static func findingsTable(_ request: Request) async throws -> Response {
        let loaded = try await load(request)
        let (id, format) = try ReportsController.tableRequest(request)
        let table = try await findings(loaded, on: request.db).table
        guard table.id == id else { throw Abort(.notFound, reason: "This thematic inspection has no table \(id).") }
        return ReportsController.download(table, format: format, name: "thematic-\(loaded.model.id!.uuidString.lowercased())-\(id)")
    }
}
