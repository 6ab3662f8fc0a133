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
        let published = try await InspectionData.published(since: since ?? .distantPast, on: request.db)
        let latest = published.compactMap(\.inspection.publishedAt).max()
        return ReportsController.json([
            "since": since.map(APITime.format) ?? NSNull(),
            "next_since": (latest ?? since).map(APITime.format) ?? NSNull(),
            "changes": published.map { change -> [String: Any] in
                let id = change.inspection.id!.uuidString.lowercased()
                return [
                    "kind": "inspection-published", "id": id, "provider": change.providerCode, "year": change.inspection.yearLabel,
                    "at": change.inspection.publishedAt.map(APITime.format) ?? NSNull(), "href": SiteURL.apiInspection(change.inspection.id!).path.lowercased(),
                ]
            },
        ])
    }

    @Sendable static func providers(_ request: Request) async throws -> Response {
        _ = try await caller(request)
        let providers = try await ProviderModel.query(on: request.db).sort(\.$name).all()
        let codes = Dictionary(uniqueKeysWithValues: providers.map { ($0.id!, $0.code) })
        return ReportsController.json([
            "providers": providers.map {
                PublishedJSON.provider(code: $0.code, name: $0.name, type: $0.type, region: $0.region, parent: $0.parentID.flatMap { codes[$0] })
            }
        ])
    }

    @Sendable static func inspections(_ request: Request) async throws -> Response {
        let user = try await caller(request)
        let year = request.query[String.self, at: "year"].map { $0.replacingOccurrences(of: "-", with: "/") }
        let providerCode = request.query[String.self, at: "provider"]
        let published = Dictionary(uniqueKeysWithValues: try await ReportData.published(request).map { ($0.summary.id, $0) })
        let providers = Dictionary(uniqueKeysWithValues: try await ProviderModel.query(on: request.db).all().map { ($0.id!, $0) })
        var items: [[String: Any]] = []
        for model in try await InspectionModel.query(on: request.db).sort(\.$yearLabel).all() {
            guard let provider = providers[model.providerID], let framework = request.application.frameworks[FrameworkID(model.frameworkID)] else { continue }
            guard Policy.canSee(InspectionAccess(model), user: user), year.map({ model.yearLabel == $0 }) ?? true,
                providerCode.map({ provider.code == $0 }) ?? true
            else { continue }
            let summary =
                published[model.id!.uuidString.lowercased()]?.summary
                ?? ReportData.summary(model, provider: provider, parentCode: provider.parentID.flatMap { providers[$0]?.code }, framework: framework)
            items.append(
                PublishedJSON.inspection(summary, state: model.state, overall: published[summary.id]?.rating.overall.rating, pools: framework.pools))
        }
        return ReportsController.json(["inspections": items])
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
        return ReportsController.json(PublishedJSON.ratings(try await ReportData.published(request)))
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
