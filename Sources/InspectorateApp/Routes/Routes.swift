import Fluent
import InspectorateViews
import SQLKit
import Vapor

/// Every route the application serves, in one place, registered from the typed site map.
func routes(_ app: Application) throws {
    func on(
        _ method: HTTPMethod, _ pattern: SiteURL.Pattern, body: HTTPBodyStreamStrategy = .collect,
        _ handler: @escaping @Sendable (Request) async throws -> some AsyncResponseEncodable
    ) {
        app.on(method, pattern.components.map { PathComponent(stringLiteral: $0) }, body: body, use: handler)
    }
    // Read as it arrives by `UploadReceiver`, never collected in memory.
    let upload = HTTPBodyStreamStrategy.stream

    on(.GET, .health, health)
    on(.GET, .ready, ready)
    on(.GET, .stylesheet) { _ in asset(Assets.stylesheet, type: HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"])) }
    on(.GET, .script) { _ in asset(Assets.script, type: HTTPMediaType(type: "text", subType: "javascript", parameters: ["charset": "utf-8"])) }

    on(.GET, .home, HomeController.home)
    on(.GET, .login, AccountController.loginForm)
    on(.POST, .login, AccountController.login)
    on(.POST, .logout, AccountController.logout)
    on(.GET, .accountPassword, AccountController.passwordForm)
    on(.POST, .accountPassword, AccountController.changePassword)
    on(.GET, .accountSessions, AccountController.sessions)
    on(.POST, .accountSessions, AccountController.endSession)

    on(.GET, .providers, ProvidersController.list)
    on(.POST, .providers, ProvidersController.create)
    on(.GET, .provider, ProvidersController.show)
    on(.GET, .providerEdit, ProvidersController.editForm)
    on(.POST, .providerEdit, ProvidersController.update)

    on(.GET, .inspections, InspectionsController.list)
    on(.GET, .myCases, CasesController.mine)
    on(.GET, .newInspection, InspectionsController.newForm)
    on(.POST, .newInspection, InspectionsController.create)
    on(.GET, .inspection, InspectionsController.show)
    on(.GET, .inspectionEdit, InspectionsController.editForm)
    on(.POST, .inspectionEdit, InspectionsController.update)
    on(.GET, .inspectionWithdraw, InspectionsController.withdrawForm)
    on(.POST, .inspectionWithdraw, InspectionsController.withdraw)
    on(.GET, .inspectionSuspension, InspectionsController.suspensionForm)
    on(.POST, .inspectionSuspension, InspectionsController.suspension)
    on(.POST, .transition, InspectionsController.transition)

    on(.GET, .uploads, UploadsController.page)
    on(.POST, .uploadSubmission, UploadsController.submission)
    on(.POST, .uploadCaseload, body: upload, UploadsController.uploadCaseload)
    on(.POST, .uploadWorkforce, body: upload, UploadsController.uploadWorkforce)
    on(.GET, .importJob, UploadsController.job)
    on(.GET, .importErrors, UploadsController.problemsCSV)

    on(.GET, .sample, SamplingController.page)
    on(.POST, .sampleDraw, SamplingController.draw)
    on(.POST, .sampleConfirm, SamplingController.confirm)
    on(.POST, .sampleReopen, SamplingController.reopen)

    on(.GET, .cases, CasesController.list)
    on(.GET, .caseTasks, CasesController.tasks)
    on(.GET, .caseStandard, CasesController.standardForm)
    on(.POST, .caseStandard, CasesController.saveStandard)
    on(.GET, .caseFacts, CasesController.factsForm)
    on(.POST, .caseFacts, CasesController.saveFacts)
    on(.GET, .caseInterview, CasesController.interviewForm)
    on(.POST, .caseInterview, CasesController.saveInterview)
    on(.GET, .caseCheck, CasesController.check)
    on(.POST, .caseComplete, CasesController.complete)
    on(.POST, .caseAssign, CasesController.assign)

    on(.GET, .organisational, RatingsController.organisationalForm)
    on(.POST, .organisational, RatingsController.saveOrganisational)
    on(.GET, .ratings, RatingsController.ratings)

    on(.GET, .programme, ProgrammeController.page)
    on(.GET, .apiProgramme, ProgrammeController.api)

    on(.GET, .surveys, SurveysController.index)
    on(.GET, .survey, SurveysController.show)
    on(.POST, .survey, SurveysController.record)
    on(.POST, .surveyResponseDelete, SurveysController.delete)

    on(.GET, .recommendations, RecommendationsController.index)
    on(.POST, .recommendations, RecommendationsController.add)
    on(.POST, .recommendationDelete, RecommendationsController.delete)
    on(.POST, .recommendationActionPlan, RecommendationsController.saveActionPlan)
    on(.GET, .followUp, RecommendationsController.followUp)
    on(.POST, .followUpJudgement, RecommendationsController.judge)

    on(.GET, .moderation, ModerationController.page)
    on(.POST, .moderationDraw, ModerationController.draw)
    on(.GET, .moderationCase, ModerationController.casePage)
    on(.POST, .moderationMark, ModerationController.mark)
    on(.POST, .moderationResolve, ModerationController.resolve)

    on(.GET, .sfo, SFOController.index)
    on(.POST, .sfo, SFOController.record)
    on(.GET, .sfoYear, SFOController.yearPage)
    on(.POST, .sfoSample, SFOController.drawSample)
    on(.GET, .sfoTable, SFOController.table)
    on(.GET, .sfoReview, SFOController.reviewPage)
    on(.POST, .sfoReview, SFOController.rate)
    on(.GET, .sfoReviewEdit, SFOController.editForm)
    on(.POST, .sfoReviewEdit, SFOController.update)
    on(.POST, .sfoPublish, SFOController.publish)
    on(.GET, .sfoSummaries, SFOController.publishedIndex)
    on(.GET, .sfoSummary, SFOController.publishedYear)
    on(.GET, .sfoSummaryTable, SFOController.publishedTable)

    on(.GET, .thematicList, ThematicController.list)
    on(.GET, .newThematic, ThematicController.newForm)
    on(.POST, .newThematic, ThematicController.create)
    on(.GET, .thematic, ThematicController.show)
    on(.GET, .thematicFindings, ThematicController.findingsTable)

    on(.GET, .report, ReportsController.report)
    on(.GET, .reportEdit, ReportsController.editForm)
    on(.POST, .reportEdit, ReportsController.saveEdit)
    on(.GET, .reportTable, ReportsController.reportTable)
    on(.GET, .reportPDF, ReportsController.reportPDF)
    on(.GET, .nationalRatings, ReportsController.nationalRatings)
    on(.GET, .howWeRate, ReportsController.howWeRate)
    on(.GET, .nationalRatingsCSV, ReportsController.allRatingsCSV)
    on(.GET, .nationalRatingsJSON, ReportsController.allRatingsJSON)
    on(.GET, .nationalRatingsTable, ReportsController.nationalRatingsTable)
    on(.GET, .annualReports, ReportsController.annualReports)
    on(.GET, .annualReport, ReportsController.annualReport)
    on(.GET, .annualTable, ReportsController.annualTable)
    on(.GET, .annualRegion, ReportsController.annualRegion)

    on(.GET, .adminUsers, AdminController.users)
    on(.POST, .adminUsers, AdminController.createUser)
    on(.GET, .adminUser, AdminController.user)
    on(.POST, .adminUser, AdminController.updateUser)
    on(.GET, .adminAudit, AdminController.audit)
    on(.GET, .adminAuditCSV, AdminController.auditCSV)
    on(.GET, .adminTokens, TokensController.list)
    on(.POST, .adminTokens, TokensController.issue)
    on(.GET, .adminTokenRevoke, TokensController.confirmRevoke)
    on(.POST, .adminTokenRevoke, TokensController.revoke)

    on(.GET, .openAPI, APIController.openAPI)
    on(.GET, .monitoring, MonitoringController.overview)
    on(.GET, .monitoringProvider, MonitoringController.provider)
    on(.POST, .monitoringReturn, body: .collect(maxSize: ByteCount(value: BodyLimits.dataReturn)), MonitoringController.submitReturn)
    on(.GET, .apiProviders, APIController.providers)
    on(.GET, .apiProviderIndicators, APIController.indicators)
    on(.GET, .apiProviderRatings, APIController.providerRatings)
    on(.GET, .apiChanges, APIController.changes)
    on(.GET, .apiInspections, APIController.inspections)
    on(.GET, .apiInspection, APIController.inspection)
    on(.GET, .apiInspectionFigures, APIController.figures)
    on(.GET, .apiInspectionJudgements, APIController.judgements)
    on(.GET, .apiInspectionRecommendations, RecommendationsController.api)
    on(.GET, .apiRatings, APIController.ratings)
    on(.GET, .apiAnnual, APIController.annual)
    on(.GET, .apiSFOYear, SFOController.api)
}

func asset(_ text: String, type: HTTPMediaType) -> Response {
    let response = Response(status: .ok, body: .init(string: text))
    response.headers.contentType = type
    response.headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=3600")
    return response
}

struct HealthStatus: Content {
    let status: String
}

/// For load balancers and monitors: `{"status":"ok"}` when the app can reach its database,
/// 503 `{"status":"unavailable"}` when it cannot.
@Sendable
func health(_ request: Request) async throws -> Response {
    do {
        guard let sql = request.db as? any SQLDatabase else { throw Abort(.internalServerError) }
        try await sql.raw("SELECT 1").run()
        return try await HealthStatus(status: "ok").encodeResponse(for: request)
    } catch {
        request.logger.error("Health check failed to reach the database: \(String(reflecting: error))")
        let response = try await HealthStatus(status: "unavailable").encodeResponse(for: request)
        response.status = .serviceUnavailable
        return response
    }
}

/// For a load balancer deciding whether to send requests here: 200 when the database answers,
/// every migration is applied and the frameworks are loaded; 503, saying which is not, while
/// any is not, and from the moment the instance starts stopping.
func ready(_ request: Request) async throws -> Response {
    var checks: [String: String] = [:]
    var ready = true
    func fail(_ check: String, _ state: String) {
        checks[check] = state
        ready = false
    }
    if request.application.inFlight.isStopping { fail("instance", "stopping") } else { checks["instance"] = "running" }
    do {
        try await (request.db as! any SQLDatabase).raw("SELECT 1").run()
        checks["database"] = "ok"
        // Throws, rather than counting, on a database never migrated (no migrations table yet).
        switch try? await request.application.migrator.previewPrepareBatch().get().count {
        case 0?: checks["migrations"] = "applied"
        case let pending?: fail("migrations", "\(pending) not applied")
        case nil: fail("migrations", "none applied")
        }
    } catch {
        request.logger.error("Readiness check failed to reach the database: \(String(reflecting: error))")
        fail("database", "unreachable")
    }
    let frameworks = request.application.frameworks.frameworks.count
    if frameworks > 0 { checks["frameworks"] = "\(frameworks) loaded" } else { fail("frameworks", "none loaded") }
    let response = ReportsController.json(["status": ready ? "ready" : "unavailable", "checks": checks], status: ready ? .ok : .serviceUnavailable)
    response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
    return response
}

/// A draw's seed as typed on a form: blank means a fresh random one, which is recorded with the
/// draw like a typed one. Kept below 2^63 so it round-trips through a signed database column.
enum SeedField {
    case seed(Int64)
    case invalid(FieldError)

    static func read(_ fields: [String: String]) -> SeedField {
        let text = (fields["seed"] ?? "").trimmingCharacters(in: .whitespaces)
        if text.isEmpty { return .seed(Int64.random(in: 1...(1 << 53))) }
        guard let value = Int64(text), value >= 0 else {
            return .invalid(FieldError(field: "seed", message: "Enter the seed as a whole number, or leave it blank"))
        }
        return .seed(value)
    }
}

extension Request {
    /// Every field of a URL-encoded form, as text.
    func formFields() throws -> [String: String] {
        guard let body = body.string else { return [:] }
        var fields: [String: String] = [:]
        for pair in body.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            func decode(_ text: Substring) -> String {
                (String(text).replacingOccurrences(of: "+", with: " ").removingPercentEncoding) ?? String(text)
            }
            let key = decode(parts[0])
            let value = parts.count > 1 ? decode(parts[1]) : ""
            if key.hasSuffix("[]") {
                fields[key, default: ""] += (fields[key] == nil ? "" : "\u{1F}") + value
            } else {
                fields[key] = value
            }
        }
        return fields
    }
}
