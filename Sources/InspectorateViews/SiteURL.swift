import Foundation

/// Every page and action of the site, in one place: routes are registered from these patterns
/// and links are built from the same cases, so the two cannot drift apart.
public enum SiteURL: Hashable, Sendable {
    case home
    case health
    case ready
    case login
    case logout
    case accountPassword
    case accountSessions
    case stylesheet
    case script

    case providers
    case provider(UUID)
    case providerEdit(UUID)

    case inspections
    case myCases
    case newInspection
    case inspection(UUID)
    case inspectionEdit(UUID)
    case inspectionWithdraw(UUID)
    case inspectionSuspension(UUID)
    case transition(UUID)

    case uploads(UUID)
    case uploadCaseload(UUID)
    case uploadWorkforce(UUID)
    case uploadSubmission(UUID)
    case importJob(UUID, UUID)
    case importErrors(UUID, UUID)

    case sample(UUID)
    case sampleDraw(UUID)
    case sampleConfirm(UUID)
    case sampleReopen(UUID)

    case cases(UUID)
    case caseTasks(UUID, UUID)
    case caseStandard(UUID, UUID, String)
    case caseFacts(UUID, UUID)
    case caseInterview(UUID, UUID)
    case caseCheck(UUID, UUID)
    case caseComplete(UUID, UUID)
    case caseAssign(UUID, UUID)

    case organisational(UUID, String)
    case ratings(UUID)

    case programme
    case apiProgramme
    case apiChanges

    case surveys(UUID)
    case survey(UUID, String)
    case surveyResponseDelete(UUID, String, UUID)

    case recommendations(UUID)
    case recommendationDelete(UUID, UUID)
    case recommendationActionPlan(UUID, UUID)
    case followUp(UUID)
    case followUpJudgement(UUID, UUID)
    case apiInspectionRecommendations(UUID)

    case moderation(UUID)
    case moderationDraw(UUID)
    case moderationCase(UUID, UUID)
    case moderationMark(UUID, UUID)
    case moderationResolve(UUID, UUID)

    case sfo
    case sfoYear(String)
    case sfoSample(String)
    case sfoTable(String, String)
    case sfoReview(UUID)
    case sfoReviewEdit(UUID)
    case sfoPublish(String)
    case sfoSummaries
    case sfoSummary(String)
    case sfoSummaryTable(String, String)
    case apiSFOYear(String)

    case thematicList
    case newThematic
    case thematic(UUID)
    case thematicFindings(UUID, String)

    case report(UUID)
    case reportEdit(UUID)
    case reportTable(UUID, String)
    case reportPDF(UUID)
    case nationalRatings
    case nationalRatingsCSV
    case nationalRatingsJSON
    case nationalRatingsTable(String)
    case annualReports
    case howWeRate
    case annualReport(String)
    case annualTable(String, String)
    case annualRegion(String, String)

    case adminUsers
    case adminUser(UUID)
    case adminAudit
    case adminAuditCSV
    case adminTokens
    case adminTokenRevoke(UUID)

    case openAPI
    case monitoring
    case monitoringProvider(String)
    case monitoringReturn(String)
    case apiProviders
    case apiProviderIndicators(String)
    case apiProviderRatings(String)
    case apiInspections
    case apiInspection(UUID)
    case apiInspectionFigures(UUID)
    case apiInspectionJudgements(UUID)
    case apiRatings
    case apiAnnual(String)

    /// The route pattern, with `:name` for each parameter.
    public var pattern: Pattern {
        switch self {
        case .home: .home
        case .health: .health
        case .ready: .ready
        case .login: .login
        case .logout: .logout
        case .accountPassword: .accountPassword
        case .accountSessions: .accountSessions
        case .stylesheet: .stylesheet
        case .script: .script
        case .providers: .providers
        case .provider: .provider
        case .providerEdit: .providerEdit
        case .inspections: .inspections
        case .myCases: .myCases
        case .newInspection: .newInspection
        case .inspection: .inspection
        case .inspectionEdit: .inspectionEdit
        case .inspectionWithdraw: .inspectionWithdraw
        case .inspectionSuspension: .inspectionSuspension
        case .transition: .transition
        case .uploads: .uploads
        case .uploadCaseload: .uploadCaseload
        case .uploadWorkforce: .uploadWorkforce
        case .uploadSubmission: .uploadSubmission
        case .importJob: .importJob
        case .importErrors: .importErrors
        case .sample: .sample
        case .sampleDraw: .sampleDraw
        case .sampleConfirm: .sampleConfirm
        case .sampleReopen: .sampleReopen
        case .cases: .cases
        case .caseTasks: .caseTasks
        case .caseStandard: .caseStandard
        case .caseFacts: .caseFacts
        case .caseInterview: .caseInterview
        case .surveys: .surveys
        case .programme: .programme
        case .apiProgramme: .apiProgramme
        case .apiChanges: .apiChanges
        case .survey: .survey
        case .surveyResponseDelete: .surveyResponseDelete
        case .recommendations: .recommendations
        case .recommendationDelete: .recommendationDelete
        case .recommendationActionPlan: .recommendationActionPlan
        case .followUp: .followUp
        case .followUpJudgement: .followUpJudgement
        case .apiInspectionRecommendations: .apiInspectionRecommendations
        case .caseCheck: .caseCheck
        case .caseComplete: .caseComplete
        case .caseAssign: .caseAssign
        case .organisational: .organisational
        case .ratings: .ratings
        case .moderation: .moderation
        case .moderationDraw: .moderationDraw
        case .moderationCase: .moderationCase
        case .moderationMark: .moderationMark
        case .moderationResolve: .moderationResolve
        case .sfo: .sfo
        case .sfoYear: .sfoYear
        case .sfoSample: .sfoSample
        case .sfoTable: .sfoTable
        case .sfoReview: .sfoReview
        case .sfoReviewEdit: .sfoReviewEdit
        case .sfoPublish: .sfoPublish
        case .sfoSummaries: .sfoSummaries
        case .sfoSummary: .sfoSummary
        case .sfoSummaryTable: .sfoSummaryTable
        case .apiSFOYear: .apiSFOYear
        case .thematicList: .thematicList
        case .newThematic: .newThematic
        case .thematic: .thematic
        case .thematicFindings: .thematicFindings
        case .report: .report
        case .reportEdit: .reportEdit
        case .reportTable: .reportTable
        case .reportPDF: .reportPDF
        case .nationalRatings: .nationalRatings
        case .nationalRatingsCSV: .nationalRatingsCSV
        case .nationalRatingsJSON: .nationalRatingsJSON
        case .nationalRatingsTable: .nationalRatingsTable
        case .annualReports: .annualReports
        case .howWeRate: .howWeRate
        case .annualReport: .annualReport
        case .annualTable: .annualTable
        case .annualRegion: .annualRegion
        case .adminUsers: .adminUsers
        case .adminUser: .adminUser
        case .adminAudit: .adminAudit
        case .adminAuditCSV: .adminAuditCSV
        case .adminTokens: .adminTokens
        case .adminTokenRevoke: .adminTokenRevoke
        case .openAPI: .openAPI
        case .monitoring: .monitoring
        case .monitoringProvider: .monitoringProvider
        case .monitoringReturn: .monitoringReturn
        case .apiProviders: .apiProviders
        case .apiProviderIndicators: .apiProviderIndicators
        case .apiProviderRatings: .apiProviderRatings
        case .apiInspections: .apiInspections
        case .apiInspection: .apiInspection
        case .apiInspectionFigures: .apiInspectionFigures
        case .apiInspectionJudgements: .apiInspectionJudgements
        case .apiRatings: .apiRatings
        case .apiAnnual: .apiAnnual
        }
    }

    var parameters: [String] {
        switch self {
        case .provider(let id), .providerEdit(let id), .inspection(let id), .inspectionEdit(let id), .inspectionWithdraw(let id), .inspectionSuspension(let id),
            .transition(let id),
            .uploads(let id),
            .uploadCaseload(let id),
            .uploadWorkforce(let id), .uploadSubmission(let id), .sample(let id), .sampleDraw(let id), .sampleConfirm(let id), .sampleReopen(let id),
            .cases(let id), .ratings(let id), .surveys(let id), .recommendations(let id), .followUp(let id), .apiInspectionRecommendations(let id),
            .report(let id), .reportEdit(let id), .reportPDF(let id), .adminTokenRevoke(let id), .adminUser(let id), .apiInspection(let id),
            .apiInspectionFigures(let id),
            .apiInspectionJudgements(let id), .moderation(let id), .moderationDraw(let id), .thematic(let id), .sfoReview(let id), .sfoReviewEdit(let id):
            [id.uuidString]
        case .reportTable(let id, let table), .thematicFindings(let id, let table): [id.uuidString, table]
        case .nationalRatingsTable(let table): [table]
        case .annualReport(let year), .apiAnnual(let year), .sfoYear(let year), .sfoSample(let year), .sfoPublish(let year), .sfoSummary(let year),
            .apiSFOYear(let year):
            [year]
        case .apiProviderIndicators(let code), .apiProviderRatings(let code), .monitoringProvider(let code), .monitoringReturn(let code): [code]
        case .sfoTable(let year, let table), .sfoSummaryTable(let year, let table): [year, table]
        case .annualTable(let year, let table): [year, table]
        case .annualRegion(let year, let region): [year, region]
        case .importJob(let a, let b), .importErrors(let a, let b), .caseTasks(let a, let b), .caseFacts(let a, let b),
            .caseInterview(let a, let b), .caseCheck(let a, let b), .caseComplete(let a, let b), .caseAssign(let a, let b), .moderationCase(let a, let b),
            .moderationMark(let a, let b), .moderationResolve(let a, let b), .recommendationDelete(let a, let b), .recommendationActionPlan(let a, let b),
            .followUpJudgement(let a, let b):
            [a.uuidString, b.uuidString]
        case .caseStandard(let a, let b, let standard): [a.uuidString, b.uuidString, standard]
        case .organisational(let a, let standard): [a.uuidString, standard]
        case .survey(let a, let survey): [a.uuidString, survey]
        case .surveyResponseDelete(let a, let survey, let response): [a.uuidString, survey, response.uuidString]
        default: []
        }
    }

    /// The concrete path, e.g. `/inspections/5F0…/cases`.
    public var path: String {
        var parameters = self.parameters.makeIterator()
        let parts = pattern.rawValue.split(separator: "/").map { part in
            part.hasPrefix(":") ? (parameters.next() ?? "").addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? "" : String(part)
        }
        return "/" + parts.joined(separator: "/")
    }

    /// Route patterns. Parameter names are shared by the handlers that read them.
    public enum Pattern: String, CaseIterable, Sendable {
        case home = "/"
        case health = "/health"
        case ready = "/ready"
        case login = "/login"
        case logout = "/logout"
        case accountPassword = "/account/password"
        case accountSessions = "/account/sessions"
        case stylesheet = "/assets/app.css"
        case script = "/assets/app.js"
        case providers = "/providers"
        case provider = "/providers/:provider"
        case providerEdit = "/providers/:provider/edit"
        case inspections = "/inspections"
        case myCases = "/my-cases"
        case newInspection = "/inspections/new"
        case inspection = "/inspections/:inspection"
        case inspectionEdit = "/inspections/:inspection/edit"
        case inspectionWithdraw = "/inspections/:inspection/withdraw"
        case inspectionSuspension = "/inspections/:inspection/suspension"
        case transition = "/inspections/:inspection/transition"
        case uploads = "/inspections/:inspection/uploads"
        case uploadCaseload = "/inspections/:inspection/uploads/caseload"
        case uploadWorkforce = "/inspections/:inspection/uploads/workforce"
        case uploadSubmission = "/inspections/:inspection/uploads/submission"
        case importJob = "/inspections/:inspection/imports/:job"
        case importErrors = "/inspections/:inspection/imports/:job/errors.csv"
        case sample = "/inspections/:inspection/sample"
        case sampleDraw = "/inspections/:inspection/sample/draw"
        case sampleConfirm = "/inspections/:inspection/sample/confirm"
        case sampleReopen = "/inspections/:inspection/sample/reopen"
        case cases = "/inspections/:inspection/cases"
        case caseTasks = "/inspections/:inspection/cases/:case"
        case caseStandard = "/inspections/:inspection/cases/:case/standards/:standard"
        case caseFacts = "/inspections/:inspection/cases/:case/facts"
        case caseInterview = "/inspections/:inspection/cases/:case/interview"
        case caseCheck = "/inspections/:inspection/cases/:case/check"
        case caseComplete = "/inspections/:inspection/cases/:case/complete"
        case caseAssign = "/inspections/:inspection/cases/:case/assign"
        case organisational = "/inspections/:inspection/organisational/:standard"
        case ratings = "/inspections/:inspection/ratings"
        case surveys = "/inspections/:inspection/surveys"
        case programme = "/programme"
        case apiProgramme = "/api/v1/programme"
        case apiChanges = "/api/v1/changes"
        case survey = "/inspections/:inspection/surveys/:survey"
        case surveyResponseDelete = "/inspections/:inspection/surveys/:survey/responses/:response/delete"
        case recommendations = "/inspections/:inspection/recommendations"
        case recommendationDelete = "/inspections/:inspection/recommendations/:recommendation/delete"
        case recommendationActionPlan = "/inspections/:inspection/recommendations/:recommendation/action-plan"
        case followUp = "/inspections/:inspection/follow-up"
        case followUpJudgement = "/inspections/:inspection/follow-up/:recommendation"
        case apiInspectionRecommendations = "/api/v1/inspections/:inspection/recommendations"
        case moderation = "/inspections/:inspection/moderation"
        case moderationDraw = "/inspections/:inspection/moderation/draw"
        case moderationCase = "/inspections/:inspection/moderation/cases/:case"
        case moderationMark = "/inspections/:inspection/moderation/cases/:case/mark"
        case moderationResolve = "/inspections/:inspection/moderation/cases/:case/resolve"
        case sfo = "/sfo"
        case sfoYear = "/sfo/years/:year"
        case sfoSample = "/sfo/years/:year/sample"
        case sfoTable = "/sfo/years/:year/tables/:table"
        case sfoReview = "/sfo/reviews/:review"
        case sfoReviewEdit = "/sfo/reviews/:review/edit"
        case sfoPublish = "/sfo/years/:year/publish"
        case sfoSummaries = "/sfo-summaries"
        case sfoSummary = "/sfo-summaries/:year"
        case sfoSummaryTable = "/sfo-summaries/:year/tables/:table"
        case apiSFOYear = "/api/v1/sfo/years/:year"
        case thematicList = "/thematic"
        case newThematic = "/thematic/new"
        case thematic = "/thematic/:thematic"
        case thematicFindings = "/thematic/:thematic/tables/:table"
        case report = "/inspections/:inspection/report"
        case reportEdit = "/inspections/:inspection/report/edit"
        case reportTable = "/inspections/:inspection/report/tables/:table"
        case reportPDF = "/inspections/:inspection/report.pdf"
        case nationalRatings = "/ratings"
        case nationalRatingsCSV = "/ratings.csv"
        case nationalRatingsJSON = "/ratings.json"
        case nationalRatingsTable = "/ratings/tables/:table"
        case annualReports = "/annual"
        case howWeRate = "/how-we-rate"
        case annualReport = "/annual/:year"
        case annualTable = "/annual/:year/tables/:table"
        case annualRegion = "/annual/:year/regions/:region"
        case adminUsers = "/admin/users"
        case adminUser = "/admin/users/:user"
        case adminAudit = "/admin/audit"
        case adminAuditCSV = "/admin/audit.csv"
        case adminTokens = "/admin/tokens"
        case adminTokenRevoke = "/admin/tokens/:token/revoke"
        case openAPI = "/openapi.json"
        case monitoring = "/monitoring"
        case monitoringProvider = "/monitoring/:code"
        case monitoringReturn = "/monitoring/:code/returns"
        case apiProviders = "/api/v1/providers"
        case apiProviderIndicators = "/api/v1/providers/:code/indicators"
        case apiProviderRatings = "/api/v1/providers/:code/ratings"
        case apiInspections = "/api/v1/inspections"
        case apiInspection = "/api/v1/inspections/:inspection"
        case apiInspectionFigures = "/api/v1/inspections/:inspection/figures"
        case apiInspectionJudgements = "/api/v1/inspections/:inspection/judgements"
        case apiRatings = "/api/v1/ratings"
        case apiAnnual = "/api/v1/annual/:year"

        /// The path's parts, for registering the route.
        public var components: [String] { rawValue.split(separator: "/").map(String.init) }
    }
}
