import Fluent
import Foundation
import InspectionKit
import InspectorateViews
import SQLKit
import Vapor

/// The JSON API under /api/v1, described by /openapi.json. Published material is public;
/// working data needs a bearer token (or a signed-in session) of someone allowed to see it.
enum APIController {
    /// Who is calling: the owner of a valid bearer token, or the signed-in user, or nobody.
    /// A token that is unknown or revoked is refused outright rather than treated as anonymous.
    static func caller(_ request: Request) async throws -> UserModel? {
        guard let bearer = request.headers.bearerAuthorization else { return request.user }
        let hash = APITokens.hash(bearer.token)
        // A token works only while it is unrevoked, unexpired, and its user may still sign in.
        guard let token = try await APITokenModel.query(on: request.db).filter(\.$tokenHash == hash).filter(\.$revokedAt == nil).first(),
            (token.expiresAt ?? .distantPast) > Date(), let user = try await UserModel.find(token.userID, on: request.db), user.isActive
        else {
            throw Abort(
                .unauthorized, headers: ["WWW-Authenticate": "Bearer"], reason: "The bearer token is not valid, has expired or has been revoked.")
        }
        token.lastUsedAt = Date()
        try await token.save(on: request.db)
        // Every use of a token is recorded: who, which token, what was asked for, from where.
        try await request.audit(
            .view, "api-token", token.id?.uuidString, detail: "\(request.method) \(LogText.escaped(request.url.string, limit: 300)) with \(token.name)",
            user: user)
        return user
    }

    struct Visible {
        let context: InspectionContext
        let user: UserModel?
        var published: Bool { context.state == .published }
    }

    /// An inspection the caller may see; anything else is "not found", so the API never says
    /// whether an unpublished inspection exists.
    static func visibleInspection(_ request: Request) async throws -> Visible {
        let user = try await caller(request)
        guard let id = request.parameters.get("inspection", as: UUID.self), let model = try await InspectionModel.find(id, on: request.db) else {
            throw Abort(.notFound, reason: "There is no such inspection.")
        }
        let context = try await InspectionContext.load(model, on: request.db, frameworks: request.application.frameworks)
        guard Policy.canSee(context.access, user: user) else { throw Abort(.notFound, reason: "There is no such inspection.") }
        return Visible(context: context, user: user)
    }

    /// A provider's monitoring indicators, quarter by quarter, each with its interval and any
    /// alert: for staff and for the provider's own users.
    @Sendable static func indicators(_ request: Request) async throws -> Response {
        let user = try await caller(request)
        guard let user else {
            throw Abort(.unauthorized, headers: ["WWW-Authenticate": "Bearer"], reason: "Sign in, or send a bearer token, to read indicators.")
        }
        let code = request.parameters.get("code") ?? ""
        guard let provider = try await ProviderModel.find(code: code, on: request.db) else {
            throw Abort(.notFound, reason: "There is no provider with that code.")
        }
        guard Policy.canSeeMonitoring(of: provider.id!, user: user) else {
            throw Abort(.forbidden, reason: "Only the inspectorate and the provider's own staff can read its indicators.")
        }
        let rule = request.application.configuration.changeRule
        let series = try await DataReturns.series(of: provider, frameworks: request.application.frameworks, on: request.db)
        try await request.audit(.view, "indicators", provider.code)
        return ReportsController.json(PublishedJSON.indicators(series, provider: provider.code, rule: rule))
    }

    /// A provider's published ratings with those of the providers it took over from and that
    /// took over from it, oldest first, each saying how it is related.
    @Sendable static func providerRatings(_ request: Request) async throws -> Response {
        _ = try await caller(request)
        guard let provider = try await ProviderModel.find(code: request.parameters.get("code") ?? "", on: request.db) else {
            throw Abort(.notFound, reason: "There is no provider with that code.")
        }
        let providers = Dictionary(uniqueKeysWithValues: try await ProviderModel.all(on: request.db).map { ($0.id!, $0) })
        let lineage = ProviderLineage(of: provider.id!, links: try await ProviderModel.links(on: request.db))
        let members = lineage.members.compactMap { id, relation in providers[id].map { (provider: $0, relation: relation) } }
            .sorted { ($0.relation.rawValue, $0.provider.name) < ($1.relation.rawValue, $1.provider.name) }
        let relations = Dictionary(uniqueKeysWithValues: members.map { ($0.provider.code, $0.relation) })
        func described(_ model: ProviderModel) -> [String: Any] {
            PublishedJSON.provider(
                code: model.code, name: model.name, type: model.type, region: model.region, parent: model.parentID.flatMap { providers[$0]?.code })
        }
        let reports = try await ReportData.published(request).filter { relations[$0.summary.providerCode] != nil }
            .sorted {
                ($0.summary.year, $0.summary.publishedAt ?? .distantPast, $0.summary.providerName) < (
                    $1.summary.year, $1.summary.publishedAt ?? .distantPast, $1.summary.providerName
                )
            }
        return ReportsController.json([
            "provider": described(provider),
            "lineage": members.map { ["relation": $0.relation.rawValue, "provider": described($0.provider)] as [String: Any] },
            "inspections": reports.map {
                ["relation": relations[$0.summary.providerCode]!.rawValue, "inspection": PublishedJSON.published($0)] as [String: Any]
            },
        ])
    }

    /// What was published at or after `since`, earliest first, so a consumer can sync: it asks
    /// again with `next_since` and may see the last change twice (the boundary is inclusive, so
    /// nothing published in the same instant is missed), which it drops by id.
    @Sendable static func changes(_ request: Request) async throws -> Response {
        _ = try await caller(request)
        var since: Date?
        if let text = request.query[String.self, at: "since"], !text.isEmpty {
            guard let parsed = APITime.parse(text) else {
                throw Abort(.badRequest, reason: "since is not a timestamp: write it as 2024-01-31T09:00:00Z.")
            }
            since = parsed
        }
        let query = try listQuery(request)
        // The published reports hold everything a change needs, and are kept between requests.
        let reports = try await ReportData.published(request).map { Change.inspection($0) }
        let summaries = try await SFOPublications.all(on: request.db).map { Change.sfoSummary($0) }
        let changes = (reports + summaries).filter { ($0.at ?? .distantPast) >= (since ?? .distantPast) }
            .sorted { ($0.at ?? .distantPast, $0.id) < ($1.at ?? .distantPast, $1.id) }
        let page = query.page(changes, facets: \.facets)
        // The next sync starts from the last change on this page, so paging through a long feed
        // and syncing are the same walk.
        let latest = page.items.compactMap(\.at).max() ?? since
        let sinceText: Any = since.map(APITime.format) ?? NSNull()
        let nextSince: Any = latest.map(APITime.format) ?? NSNull()
        return paged(
            request, page, query: query, key: "changes", keeping: [("since", since.map(APITime.format))], extra: ["since": sinceText, "next_since": nextSince]
        ) { $0.json }
    }

    /// One thing published: an inspection's report, or a year's SFO summary.
    enum Change {
        case inspection(InspectionReport)
        case sfoSummary(SFOPublicationModel)

        var at: Date? {
            switch self {
            case .inspection(let report): report.summary.publishedAt
            case .sfoSummary(let publication): publication.publishedAt
            }
        }

        var id: String {
            switch self {
            case .inspection(let report): report.summary.id
            case .sfoSummary(let publication): publication.id!.uuidString
            }
        }

        /// A national SFO summary has no provider, type, region, framework or rating, so only
        /// a year filter can let it through.
        var facets: ListQuery.Facets {
            switch self {
            case .inspection(let report):
                ListQuery.Facets(type: report.summary.providerType, region: report.summary.region, inspections: [APIController.facets(report)])
            case .sfoSummary(let publication):
                ListQuery.Facets(type: nil, region: nil, inspections: [(InspectionYear(parsing: publication.yearLabel), "", nil)])
            }
        }

        var json: [String: Any] {
            let at: Any = self.at.map(APITime.format) ?? NSNull()
            switch self {
            case .inspection(let report):
                return [
                    "kind": "inspection-published", "id": report.summary.id, "provider": report.summary.providerCode, "year": report.summary.year, "at": at,
                    "href": "/api/v1/inspections/\(report.summary.id)",
                ]
            case .sfoSummary(let publication):
                return [
                    "kind": "sfo-summary-published", "id": publication.id!.uuidString, "provider": NSNull(), "year": publication.yearLabel, "at": at,
                    "href": SiteURL.apiSFOYear(yearSlug(publication.yearLabel)).path,
                ]
            }
        }
    }

    /// The list query of a request: its filters and page, or a 400 saying what is wrong.
    static func listQuery(_ request: Request) throws -> ListQuery {
        var parameters: [String: String] = [:]
        for name in ListQuery.parameters { parameters[name] = request.query[String.self, at: name] }
        switch ListQuery.read(parameters) {
        case .success(let query): return query
        case .failure(let problem): throw Abort(.badRequest, reason: "\(problem.message).")
        }
    }

    /// A page of a list: its items under `key`, where it sits (`paging`, with the addresses of
    /// the next and previous pages), and the same addresses in a Link header.
    /// - Parameter keeping: the endpoint's own parameters, carried into those addresses.
    static func paged<Item>(
        _ request: Request, _ page: ListPage<Item>, query: ListQuery, key: String, keeping: [(String, String?)] = [], extra: [String: Any] = [:],
        encode: (Item) -> Any
    ) -> Response {
        func address(_ number: Int?) -> String? { number.map { "\(request.url.path)?\(query.queryString(page: $0, keeping: keeping))" } }
        let paging: [String: Any] = [
            "page": page.page, "per_page": page.perPage, "total": page.total, "pages": page.pages,
            "next": address(page.next) ?? NSNull(), "previous": address(page.previous) ?? NSNull(),
        ]
        var object = extra
        object[key] = page.items.map(encode)
        object["paging"] = paging
        let response = ReportsController.json(object)
        let links = [(address(page.next), "next"), (address(page.previous), "prev")].compactMap { url, rel in url.map { "<\($0)>; rel=\"\(rel)\"" } }
        if !links.isEmpty { response.headers.replaceOrAdd(name: "Link", value: links.joined(separator: ", ")) }
        return response
    }

    /// What a published report is, for the list filters.
    static func facets(_ report: InspectionReport) -> (year: InspectionYear?, framework: String, rating: Rating?) {
        (InspectionYear(parsing: report.summary.year), report.summary.frameworkID.rawValue, report.rating.overall.rating)
    }

    @Sendable static func providers(_ request: Request) async throws -> Response {
        _ = try await caller(request)
        let query = try listQuery(request)
        let providers = try await ProviderModel.query(on: request.db).sort(\.$name).all()
        let codes = Dictionary(uniqueKeysWithValues: providers.map { ($0.id!, $0.code) })
        let published = Dictionary(grouping: try await ReportData.published(request), by: \.summary.providerCode)
        let page = query.page(providers) { provider in
            ListQuery.Facets(type: provider.type, region: provider.region, inspections: (published[provider.code] ?? []).map(facets))
        }
        return paged(request, page, query: query, key: "providers") {
            PublishedJSON.provider(code: $0.code, name: $0.name, type: $0.type, region: $0.region, parent: $0.parentID.flatMap { codes[$0] })
        }
    }

    @Sendable static func inspections(_ request: Request) async throws -> Response {
        let user = try await caller(request)
        let query = try listQuery(request)
        let providerCode = request.query[String.self, at: "provider"]
        let published = Dictionary(uniqueKeysWithValues: try await ReportData.published(request).map { ($0.summary.id, $0) })
        let providers = Dictionary(uniqueKeysWithValues: try await ProviderModel.query(on: request.db).all().map { ($0.id!, $0) })
        var items: [(object: [String: Any], facets: ListQuery.Facets)] = []
        for model in try await InspectionModel.query(on: request.db).sort(\.$yearLabel).all() {
            guard let provider = providers[model.providerID], let framework = request.application.frameworks[FrameworkID(model.frameworkID)] else { continue }
            guard Policy.canSee(InspectionAccess(model), user: user), providerCode.map({ provider.code == $0 }) ?? true else { continue }
            let report = published[model.id!.uuidString.lowercased()]
            let summary =
                report?.summary
                ?? ReportData.summary(model, provider: provider, parentCode: provider.parentID.flatMap { providers[$0]?.code }, framework: framework)
            items.append(
                (
                    PublishedJSON.inspection(summary, state: model.state, overall: report?.rating.overall.rating, pools: framework.pools),
                    ListQuery.Facets(
                        type: provider.type, region: provider.region,
                        inspections: [(InspectionYear(parsing: model.yearLabel), model.frameworkID, report?.rating.overall.rating)])
                ))
        }
        return paged(request, query.page(items, facets: \.facets), query: query, key: "inspections", keeping: [("provider", providerCode)]) { $0.object }
    }

    @Sendable static func inspection(_ request: Request) async throws -> Response {
        let visible = try await visibleInspection(request)
        if !visible.published {
            try await request.audit(.view, "inspection", visible.context.id.uuidString, inspection: visible.context.id, user: visible.user)
        }
        let rating = try await InspectionData.ratings(visible.context, on: request.db)
        let summary = try await ReportData.summary(visible.context, on: request.db)
        return ReportsController.json([
            "inspection": PublishedJSON.inspection(
                summary, state: visible.context.model.state, overall: visible.published ? rating.overall.rating : nil, pools: visible.context.framework.pools),
            "ratings": PublishedJSON.ratings(rating),
        ])
    }

    @Sendable static func figures(_ request: Request) async throws -> Response {
        let visible = try await visibleInspection(request)
        if !visible.published {
            try await request.audit(.view, "figures", visible.context.id.uuidString, inspection: visible.context.id, user: visible.user)
        }
        let report = try await ReportData.report(visible.context, surveys: request.application.surveys, on: request.db)
        return ReportsController.json([
            "inspection_id": report.summary.id, "framework": report.summary.frameworkID.rawValue, "tables": PublishedJSON.tables(report.tables),
        ])
    }

    /// Case-level judgements: working data, for inspectorate staff only, never public.
    @Sendable static func judgements(_ request: Request) async throws -> Response {
        let visible = try await visibleInspection(request)
        guard let user = visible.user else {
            throw Abort(.unauthorized, headers: ["WWW-Authenticate": "Bearer"], reason: "Case judgements need a bearer token.")
        }
        guard user.role.isStaff else { throw Abort(.forbidden, reason: "Only inspectorate staff can read case judgements.") }
        // Blind second marking holds here as on the pages: a quality lead does not see the
        // first marker's answers of a case awaiting their second marking.
        let blind = try await ModerationData.blindCases(for: user, inspection: visible.context.id, on: request.db)
        try await request.audit(.export, "judgements", visible.context.id.uuidString, inspection: visible.context.id, user: user)
        let rows = try await ExportData.judgements(inspection: visible.context.id, withholding: blind, on: request.db)
        return ReportsController.json([
            "inspection_id": visible.context.id.uuidString.lowercased(), "framework": visible.context.framework.id.rawValue,
            "judgements": rows.map { ["case_reference": $0.caseReference, "sample": $0.sample, "question": $0.question, "answer": $0.answer] },
            "withheld_cases": blind.count,
        ])
    }

    @Sendable static func ratings(_ request: Request) async throws -> Response {
        _ = try await caller(request)
        let query = try listQuery(request)
        let reports = PublishedJSON.sorted(try await ReportData.published(request))
        let page = query.page(reports) { ListQuery.Facets(type: $0.summary.providerType, region: $0.summary.region, inspections: [facets($0)]) }
        return paged(request, page, query: query, key: "inspections", encode: PublishedJSON.published)
    }

    @Sendable static func annual(_ request: Request) async throws -> Response {
        _ = try await caller(request)
        let report = try await ReportsController.annual(request)
        return ReportsController.json([
            "year": report.year, "previous_year": report.previousYear.map { $0 as Any } ?? NSNull(), "tables": PublishedJSON.tables(report.tables),
        ])
    }

    /// The OpenAPI document, parsed once from its source.
    @Sendable static func openAPI(_ request: Request) async throws -> Response {
        let response = Response(status: .ok, body: .init(data: try OpenAPIDocument.json()))
        response.headers.contentType = .json
        return response
    }
}

/// Judgements as the `rate` command reads them, for the API and `inspectorate export`.
enum ExportData {
    /// The judgements file `inspectorate rate --cases` reads.
    static func judgementsCSV(inspection: UUID, on database: any Database) async throws -> String {
        let rows = try await judgements(inspection: inspection, on: database)
        return "case_id,question,answer\n" + rows.map { "\(CSVField.quoted($0.caseReference)),\($0.question),\($0.answer)\n" }.joined()
    }

    /// The file `inspectorate rate --organisation` reads.
    static func organisationalCSV(inspection: UUID, on database: any Database) async throws -> String {
        let ratings = try await InspectionData.organisationalRatings(inspection: inspection, on: database)
        return "standard,rating\n" + ratings.sorted { $0.key < $1.key }.map { "\($0.key.rawValue),\($0.value.slug)\n" }.joined()
    }

    struct Judgement: Decodable {
        let caseReference: String
        let sample: String
        let question: String
        let answer: String
    }

    /// Every judgement of the inspection, less those of the cases in `withholding`.
    static func judgements(inspection: UUID, withholding: Set<UUID> = [], on database: any Database) async throws -> [Judgement] {
        try await CaseAnswers.exported(inspection: inspection, on: database).filter { !withholding.contains($0.caseID) }.map {
            Judgement(caseReference: $0.reference, sample: $0.sample, question: $0.question, answer: $0.answer.fileText)
        }
    }
}

/// Issuing and checking API tokens. The token is shown once; only its SHA-256 is stored.
enum APITokens {
    static func generate() -> String { "insp_" + [UInt8].random(count: 32).base64URLEncoded }

    static func hash(_ token: String) -> String { token.sha256Hex }
}

/// Moments as the API writes and reads them: ISO 8601 in UTC, to the millisecond.
enum APITime {
    static func parse(_ text: String) -> Date? {
        let plain = ISO8601DateFormatter()
        let fractional = ISO8601DateFormatter()
        fractional.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return fractional.date(from: text) ?? plain.date(from: text)
    }

    /// Rounded down to the millisecond, so asking again from it never skips the moment itself.
    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: Date(timeIntervalSince1970: (date.timeIntervalSince1970 * 1000).rounded(.down) / 1000))
    }
}
