import Fluent
import Foundation
import InspectionKit
import InspectorateViews
import Testing
import Vapor
import VaporTesting

@testable import InspectorateApp

/// Every route × every role, through the real HTTP stack. A route added without a row here
/// fails `everyRouteIsInTheMatrix`.
@Suite("Authorization matrix")
struct AuthorizationMatrixTests {
    enum Who: String, CaseIterable {
        case anonymous, admin, lead, otherLead, inspector, outsider, quality, analyst, providerA, providerB

        var email: String? {
            switch self {
            case .anonymous: nil
            case .admin: "admin@test.example"
            case .lead: "lead@test.example"
            case .otherLead: "lead2@test.example"
            case .inspector: "inspector@test.example"
            case .outsider: "outsider@test.example"
            case .quality: "quality@test.example"
            case .analyst: "analyst@test.example"
            case .providerA: "provider-a@test.example"
            case .providerB: "provider-b@test.example"
            }
        }
    }

    static let everyone = Set(Who.allCases)
    static let signedIn = everyone.subtracting([.anonymous])
    static let staff: Set<Who> = [.admin, .lead, .otherLead, .inspector, .outsider, .quality, .analyst]
    static let ownProvider = staff.union([.providerA])
    static let leadOnly: Set<Who> = [.admin, .lead]
    static let team: Set<Who> = [.admin, .lead, .inspector]

    /// A request and who may make it. Inspection "A" belongs to provider A and is in fieldwork;
    /// "B" belongs to provider B and is published.
    struct Row {
        let method: HTTPMethod
        let pattern: SiteURL.Pattern
        let inspection: String
        let allowed: Set<Who>
    }

    static let matrix: [Row] = [
        Row(method: .GET, pattern: .home, inspection: "A", allowed: everyone),
        Row(method: .GET, pattern: .health, inspection: "A", allowed: everyone),
        Row(method: .GET, pattern: .ready, inspection: "A", allowed: everyone),
        Row(method: .GET, pattern: .login, inspection: "A", allowed: everyone),
        Row(method: .POST, pattern: .login, inspection: "A", allowed: everyone),
        Row(method: .POST, pattern: .logout, inspection: "A", allowed: everyone),
        Row(method: .GET, pattern: .stylesheet, inspection: "A", allowed: everyone),
        Row(method: .GET, pattern: .script, inspection: "A", allowed: everyone),
        Row(method: .GET, pattern: .providers, inspection: "A", allowed: staff),
        Row(method: .POST, pattern: .providers, inspection: "A", allowed: [.admin]),
        Row(method: .GET, pattern: .provider, inspection: "A", allowed: ownProvider),
        Row(method: .GET, pattern: .providerEdit, inspection: "A", allowed: [.admin]),
        Row(method: .POST, pattern: .providerEdit, inspection: "A", allowed: [.admin]),
        Row(method: .GET, pattern: .inspections, inspection: "A", allowed: signedIn),
        Row(method: .GET, pattern: .myCases, inspection: "A", allowed: staff),
        Row(method: .GET, pattern: .newInspection, inspection: "A", allowed: [.admin, .lead, .otherLead]),
        Row(method: .POST, pattern: .newInspection, inspection: "A", allowed: [.admin, .lead, .otherLead]),
        Row(method: .GET, pattern: .inspection, inspection: "A", allowed: ownProvider),
        Row(method: .GET, pattern: .inspectionEdit, inspection: "A", allowed: leadOnly),
        Row(method: .POST, pattern: .inspectionEdit, inspection: "A", allowed: leadOnly),
        Row(method: .GET, pattern: .inspectionWithdraw, inspection: "A", allowed: leadOnly),
        Row(method: .POST, pattern: .inspectionWithdraw, inspection: "A", allowed: leadOnly),
        Row(method: .GET, pattern: .inspectionSuspension, inspection: "A", allowed: leadOnly),
        Row(method: .POST, pattern: .inspectionSuspension, inspection: "A", allowed: leadOnly),
        Row(method: .GET, pattern: .inspection, inspection: "B", allowed: everyone),
        Row(method: .POST, pattern: .transition, inspection: "A", allowed: leadOnly),
        Row(method: .GET, pattern: .uploads, inspection: "A", allowed: ownProvider),
        Row(method: .POST, pattern: .uploadCaseload, inspection: "A", allowed: leadOnly.union([.providerA])),
        Row(method: .POST, pattern: .uploadWorkforce, inspection: "A", allowed: leadOnly.union([.providerA])),
        Row(method: .POST, pattern: .uploadSubmission, inspection: "A", allowed: ownProvider),
        Row(method: .GET, pattern: .importJob, inspection: "A", allowed: ownProvider),
        Row(method: .GET, pattern: .importErrors, inspection: "A", allowed: ownProvider),
        Row(method: .GET, pattern: .sample, inspection: "A", allowed: staff),
        Row(method: .POST, pattern: .sampleDraw, inspection: "A", allowed: leadOnly),
        Row(method: .POST, pattern: .sampleConfirm, inspection: "A", allowed: leadOnly),
        Row(method: .POST, pattern: .sampleReopen, inspection: "A", allowed: leadOnly),
        Row(method: .GET, pattern: .cases, inspection: "A", allowed: staff),
        Row(method: .GET, pattern: .cases, inspection: "B", allowed: staff),
        Row(method: .GET, pattern: .caseTasks, inspection: "A", allowed: staff),
        Row(method: .GET, pattern: .caseStandard, inspection: "A", allowed: staff),
        Row(method: .POST, pattern: .caseStandard, inspection: "A", allowed: team),
        Row(method: .GET, pattern: .caseFacts, inspection: "A", allowed: staff),
        Row(method: .POST, pattern: .caseFacts, inspection: "A", allowed: team),
        Row(method: .GET, pattern: .caseInterview, inspection: "A", allowed: staff),
        Row(method: .POST, pattern: .caseInterview, inspection: "A", allowed: team),
        Row(method: .GET, pattern: .caseCheck, inspection: "A", allowed: staff),
        Row(method: .POST, pattern: .caseComplete, inspection: "A", allowed: team),
        Row(method: .POST, pattern: .caseAssign, inspection: "A", allowed: leadOnly),
        Row(method: .GET, pattern: .organisational, inspection: "A", allowed: staff),
        Row(method: .POST, pattern: .organisational, inspection: "A", allowed: leadOnly),
        // Surveys: staff read responses (a provider never does, its staff's words least of all); the team records; the lead removes.
        Row(method: .GET, pattern: .surveys, inspection: "A", allowed: staff),
        Row(method: .GET, pattern: .survey, inspection: "A", allowed: staff),
        Row(method: .POST, pattern: .survey, inspection: "A", allowed: team),
        Row(method: .POST, pattern: .surveyResponseDelete, inspection: "A", allowed: leadOnly),
        Row(method: .GET, pattern: .ratings, inspection: "A", allowed: ownProvider),
        Row(method: .GET, pattern: .ratings, inspection: "B", allowed: everyone),
        // Recommendations: the lead writes them while the inspection is open; the provider plans against them once published.
        Row(method: .GET, pattern: .recommendations, inspection: "A", allowed: ownProvider),
        Row(method: .GET, pattern: .recommendations, inspection: "B", allowed: staff.union([.providerB])),
        Row(method: .POST, pattern: .recommendations, inspection: "A", allowed: leadOnly),
        Row(method: .POST, pattern: .recommendationDelete, inspection: "A", allowed: leadOnly),
        Row(method: .POST, pattern: .recommendationActionPlan, inspection: "B", allowed: [.providerB]),
        Row(method: .GET, pattern: .followUp, inspection: "A", allowed: staff),
        Row(method: .POST, pattern: .followUpJudgement, inspection: "A", allowed: leadOnly),
        // Moderation: staff read it; only quality leads draw, second-mark and resolve.
        Row(method: .GET, pattern: .moderation, inspection: "A", allowed: staff),
        Row(method: .POST, pattern: .moderationDraw, inspection: "A", allowed: [.quality]),
        Row(method: .GET, pattern: .moderationCase, inspection: "A", allowed: staff),
        Row(method: .POST, pattern: .moderationMark, inspection: "A", allowed: [.quality]),
        Row(method: .POST, pattern: .moderationResolve, inspection: "A", allowed: [.quality]),
        Row(method: .GET, pattern: .adminUsers, inspection: "A", allowed: [.admin]),
        Row(method: .POST, pattern: .adminUsers, inspection: "A", allowed: [.admin]),
        Row(method: .GET, pattern: .adminAudit, inspection: "A", allowed: [.admin]),
        Row(method: .GET, pattern: .adminAuditCSV, inspection: "A", allowed: [.admin]),
        Row(method: .GET, pattern: .adminTokens, inspection: "A", allowed: [.admin]),
        Row(method: .POST, pattern: .adminTokens, inspection: "A", allowed: [.admin]),
        Row(method: .GET, pattern: .adminUser, inspection: "A", allowed: [.admin]),
        Row(method: .POST, pattern: .adminUser, inspection: "A", allowed: [.admin]),
        Row(method: .GET, pattern: .accountPassword, inspection: "A", allowed: signedIn),
        Row(method: .POST, pattern: .accountPassword, inspection: "A", allowed: signedIn),
        Row(method: .GET, pattern: .accountSessions, inspection: "A", allowed: signedIn),
        Row(method: .POST, pattern: .accountSessions, inspection: "A", allowed: signedIn),
        Row(method: .GET, pattern: .adminTokenRevoke, inspection: "A", allowed: [.admin]),
        Row(method: .POST, pattern: .adminTokenRevoke, inspection: "A", allowed: [.admin]),
        // Serious further offence reviews: staff read them; quality leads (and admins) record, sample and rate.
        Row(method: .GET, pattern: .sfo, inspection: "A", allowed: staff),
        Row(method: .POST, pattern: .sfo, inspection: "A", allowed: [.admin, .quality]),
        Row(method: .GET, pattern: .sfoYear, inspection: "A", allowed: staff),
        Row(method: .POST, pattern: .sfoSample, inspection: "A", allowed: [.admin, .quality]),
        Row(method: .GET, pattern: .sfoTable, inspection: "A", allowed: staff),
        Row(method: .GET, pattern: .sfoReview, inspection: "A", allowed: staff),
        Row(method: .POST, pattern: .sfoReview, inspection: "A", allowed: [.admin, .quality]),
        Row(method: .GET, pattern: .sfoReviewEdit, inspection: "A", allowed: [.admin, .quality]),
        Row(method: .POST, pattern: .sfoReviewEdit, inspection: "A", allowed: [.admin, .quality]),
        Row(method: .POST, pattern: .sfoPublish, inspection: "A", allowed: [.admin, .quality]),
        // A published summary is for everyone.
        Row(method: .GET, pattern: .sfoSummaries, inspection: "A", allowed: everyone),
        Row(method: .GET, pattern: .sfoSummary, inspection: "A", allowed: everyone),
        Row(method: .GET, pattern: .sfoSummaryTable, inspection: "A", allowed: everyone),
        Row(method: .GET, pattern: .apiSFOYear, inspection: "A", allowed: everyone),
        // Thematic inspections: the list is public (published ones only); a draft's findings are staff-only.
        Row(method: .GET, pattern: .thematicList, inspection: "A", allowed: everyone),
        Row(method: .GET, pattern: .newThematic, inspection: "A", allowed: [.admin, .lead, .otherLead]),
        Row(method: .POST, pattern: .newThematic, inspection: "A", allowed: [.admin, .lead, .otherLead]),
        Row(method: .GET, pattern: .thematic, inspection: "A", allowed: staff),
        Row(method: .GET, pattern: .thematicFindings, inspection: "A", allowed: staff),
        // Reports: a draft is the inspectorate's and its provider's; a published one is everyone's.
        Row(method: .GET, pattern: .report, inspection: "A", allowed: ownProvider),
        Row(method: .GET, pattern: .report, inspection: "B", allowed: everyone),
        Row(method: .GET, pattern: .reportTable, inspection: "A", allowed: ownProvider),
        Row(method: .GET, pattern: .reportTable, inspection: "B", allowed: everyone),
        Row(method: .GET, pattern: .reportPDF, inspection: "A", allowed: ownProvider),
        Row(method: .GET, pattern: .reportPDF, inspection: "B", allowed: everyone),
        Row(method: .GET, pattern: .reportEdit, inspection: "A", allowed: leadOnly),
        Row(method: .POST, pattern: .reportEdit, inspection: "A", allowed: leadOnly),
        Row(method: .GET, pattern: .nationalRatings, inspection: "A", allowed: everyone),
        Row(method: .GET, pattern: .howWeRate, inspection: "A", allowed: everyone),
        Row(method: .GET, pattern: .nationalRatingsCSV, inspection: "A", allowed: everyone),
        Row(method: .GET, pattern: .nationalRatingsJSON, inspection: "A", allowed: everyone),
        Row(method: .GET, pattern: .nationalRatingsTable, inspection: "A", allowed: everyone),
        Row(method: .GET, pattern: .annualReports, inspection: "A", allowed: everyone),
        Row(method: .GET, pattern: .annualReport, inspection: "A", allowed: everyone),
        Row(method: .GET, pattern: .annualTable, inspection: "A", allowed: everyone),
        Row(method: .GET, pattern: .annualRegion, inspection: "A", allowed: everyone),
        Row(method: .GET, pattern: .programme, inspection: "A", allowed: everyone),
        Row(method: .GET, pattern: .apiProgramme, inspection: "A", allowed: everyone),
        // The API: published material is public; working data needs staff.
        Row(method: .GET, pattern: .openAPI, inspection: "A", allowed: everyone),
        Row(method: .GET, pattern: .apiProviders, inspection: "A", allowed: everyone),
        Row(method: .GET, pattern: .apiProviderIndicators, inspection: "A", allowed: ownProvider),
        Row(method: .GET, pattern: .apiProviderRatings, inspection: "A", allowed: everyone),
        Row(method: .GET, pattern: .apiChanges, inspection: "A", allowed: everyone),
        Row(method: .GET, pattern: .monitoring, inspection: "A", allowed: signedIn),
        Row(method: .GET, pattern: .monitoringProvider, inspection: "A", allowed: ownProvider),
        Row(method: .POST, pattern: .monitoringReturn, inspection: "A", allowed: [.admin, .lead, .otherLead, .providerA]),
        Row(method: .GET, pattern: .apiInspections, inspection: "A", allowed: everyone),
        Row(method: .GET, pattern: .apiInspection, inspection: "A", allowed: ownProvider),
        Row(method: .GET, pattern: .apiInspection, inspection: "B", allowed: everyone),
        Row(method: .GET, pattern: .apiInspectionFigures, inspection: "A", allowed: ownProvider),
        Row(method: .GET, pattern: .apiInspectionFigures, inspection: "B", allowed: everyone),
        Row(method: .GET, pattern: .apiInspectionRecommendations, inspection: "A", allowed: ownProvider),
        Row(method: .GET, pattern: .apiInspectionRecommendations, inspection: "B", allowed: everyone),
        Row(method: .GET, pattern: .apiInspectionJudgements, inspection: "A", allowed: staff),
        Row(method: .GET, pattern: .apiInspectionJudgements, inspection: "B", allowed: staff),
        Row(method: .GET, pattern: .apiRatings, inspection: "A", allowed: everyone),
        Row(method: .GET, pattern: .apiAnnual, inspection: "A", allowed: everyone),
    ]

    /// A sample value for each path parameter other than the inspection.
    static func table(for pattern: SiteURL.Pattern) -> String {
        switch pattern {
        case .reportTable: "ratings.csv"
        case .nationalRatingsTable: "latest.json"
        case .thematicFindings: "findings.csv"
        case .sfoTable, .sfoSummaryTable: "sfo-summary.csv"
        default: "overall-ratings.csv"
        }
    }

    @Test("every route the app serves is in the matrix")
    func everyRouteIsInTheMatrix() async throws {
        try await withApp(.sqliteInMemory) { app in
            let served = Set(app.routes.all.map { "\($0.method.rawValue) /\($0.path.map(\.description).joined(separator: "/"))" })
            let covered = Set(Self.matrix.map { "\($0.method.rawValue) \($0.pattern.rawValue == "/" ? "/" : $0.pattern.rawValue)" })
            #expect(served.subtracting(covered).isEmpty, "routes missing from the matrix: \(served.subtracting(covered).sorted())")
            #expect(covered.subtracting(served).isEmpty, "matrix rows with no route: \(covered.subtracting(served).sorted())")
        }
    }

    /// Two inspections: A (provider A, fieldwork, with a sampled case and a failed upload) and B
    /// (provider B, published). Each has a recommendation, and so has an earlier published
    /// inspection of provider A, which A follows up.
    static func world(
        _ app: Application
    ) async throws -> (
        world: Fixtures.World, a: UUID, b: UUID, caseID: UUID, moderatedCaseID: UUID, job: UUID, token: UUID, thematic: UUID, review: UUID,
        recommendations: [SiteURL.Pattern: UUID]
    ) {
        let world = try await Fixtures.world(app)
        func inspection(provider: UUID, state: InspectionState, year: String = "2019/20") async throws -> InspectionModel {
            let model = InspectionModel()
            model.providerID = provider
            model.frameworkID = "probation-2018-crc"
            model.yearLabel = year
            model.state = state
            model.fieldworkStart = "2019-09-02"
            model.fieldworkEnd = "2019-09-20"
            model.leadID = world.users["lead@test.example"]!
            model.isDemo = false
            try await model.create(on: app.db)
            try await InspectionTeam.replace(
                inspection: model.id!, lead: model.leadID, with: [world.users["inspector@test.example"]!], on: app.db)
            return model
        }
        let a = try await inspection(provider: world.providerA, state: .fieldwork)
        let b = try await inspection(provider: world.providerB, state: .published)
        let frozen = FrozenRatings(
            frameworkID: "probation-2018-crc", confidence: 0.95, answers: ["2.1.1": AnswerCounts(sufficient: 3, notSufficient: 1)], organisational: [:],
            frozenAt: Date())
        b.ratingsSnapshot = String(decoding: try JSONEncoder().encode(frozen), as: UTF8.self)
        try await b.save(on: app.db)
        let earlier = try await inspection(provider: world.providerA, state: .published, year: "2018/19")
        earlier.ratingsSnapshot = b.ratingsSnapshot
        try await earlier.save(on: app.db)
        var recommendations: [SiteURL.Pattern: UUID] = [:]
        for (pattern, made) in [(SiteURL.Pattern.recommendationDelete, a), (.recommendationActionPlan, b), (.followUpJudgement, earlier)] {
            let recommendation = Recommendation(text: "Improve risk assessment.", addressee: .provider)
            try await Recommendations.add(recommendation, inspection: made.id!, auditor: Auditor(user: nil, ip: nil, userAgent: nil), on: app.db)
            recommendations[pattern] = try #require(try await Recommendations.of(inspection: made.id!, on: app.db).first?.id)
        }
        // A published PDU inspection, so the year has a region page.
        let london = try #require(try await ProviderModel.query(on: app.db).filter(\.$code == "region-london").first())
        let pdu = ProviderModel(code: "pdu-matrix", name: "Matrix PDU", type: .pdu, region: london.region, parentID: london.id)
        try await pdu.create(on: app.db)
        let pduInspection = try await inspection(provider: pdu.id!, state: .published)
        pduInspection.frameworkID = "probation-2021-pdu"
        pduInspection.ratingsSnapshot = String(
            decoding: try JSONEncoder().encode(
                FrozenRatings(
                    frameworkID: "probation-2021-pdu", confidence: 0.95, answers: ["2.1.1": AnswerCounts(sufficient: 3, notSufficient: 1)],
                    organisational: [:], frozenAt: Date())), as: UTF8.self)
        try await pduInspection.save(on: app.db)
        func sampledCase(_ reference: String) async throws -> SampledCaseModel {
            let sampled = SampledCaseModel()
            sampled.inspectionID = a.id!
            sampled.caseRef = reference
            sampled.sample = "supervision"
            sampled.stratum = "low|licence"
            sampled.rosh = .low
            sampled.sentenceType = .licence
            sampled.officerGrade = .probationOfficer
            sampled.team = "Team 0"
            sampled.assessorID = world.users["inspector@test.example"]!
            sampled.status = .notStarted
            sampled.facts = "{}"
            sampled.factsVersion = 0
            try await sampled.create(on: app.db)
            return sampled
        }
        let sampled = try await sampledCase("A00001")
        // A second case, drawn for moderation and awaiting its second marking.
        let moderatedCase = try await sampledCase("A00002")
        let moderation = ModerationCaseModel()
        moderation.inspectionID = a.id!
        moderation.sampledCaseID = moderatedCase.id!
        moderation.firstMarkerID = world.users["inspector@test.example"]!
        moderation.status = ModerationStatus.awaiting
        moderation.seed = 1
        moderation.drawnBy = world.users["quality@test.example"]!
        moderation.drawnAt = Date()
        try await moderation.create(on: app.db)
        let job = ImportJobModel()
        job.inspectionID = a.id!
        job.kind = .caseload
        job.status = .failed
        job.filename = "bad.csv"
        job.totalBytes = 10
        job.processedBytes = 0
        job.rowCount = 0
        job.problems = "line,column,value,reason\n2,rosh,extreme,unknown RoSH level\n"
        try await job.create(on: app.db)
        let admin = world.users["admin@test.example"]!
        let token = APITokenModel(
            name: "matrix", tokenHash: APITokens.hash("matrix-token"), userID: world.users["analyst@test.example"]!, createdBy: admin,
            expiresAt: Date().addingTimeInterval(86_400))
        try await token.create(on: app.db)
        let thematic = ThematicInspectionModel()
        thematic.title = "Accommodation"
        thematic.frameworkID = "thematic-accommodation-2020"
        thematic.yearLabel = "2020/21"
        thematic.leadID = world.users["lead@test.example"]!
        thematic.isDemo = false
        try await thematic.create(on: app.db)
        let review = SFOReviewModel()
        review.reference = "SFO-1"
        review.providerID = world.providerA
        review.offenceCategory = .murder
        review.roshBefore = .medium
        review.notifiedOn = "2019-06-01"
        review.submittedOn = "2019-08-01"
        review.otherAgencies = false
        review.victimAsked = false
        review.yearLabel = "2019/20"
        review.sampled = true
        review.ratings = "{}"
        review.overallRating = .good
        try await review.create(on: app.db)
        // The year's summary is published, so its public pages have something to show.
        try await SFOPublications.publish("2019/20", auditor: Auditor(user: nil, ip: nil, userAgent: nil), on: app.db)
        return (world, a.id!, b.id!, sampled.id!, moderatedCase.id!, job.id!, token.id!, thematic.id!, review.id!, recommendations)
    }

    @Test("each role may do exactly what the matrix says", arguments: TestDatabases.all)
    func matrixHolds(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let (world, a, b, caseID, moderatedCaseID, job, token, thematic, review, recommendations) = try await Self.world(app)
            var browsers: [Who: Browser] = [:]
            for who in Who.allCases {
                let browser = Browser(app)
                if let email = who.email {
                    #expect(try await browser.signIn(email).status == .seeOther, "\(who) signs in")
                } else {
                    try await browser.get("/login")
                }
                browsers[who] = browser
            }
            for row in Self.matrix {
                let inspection = row.inspection == "A" ? a : b
                let path = row.pattern.rawValue
                    .replacingOccurrences(of: ":inspection", with: inspection.uuidString)
                    .replacingOccurrences(of: ":provider", with: world.providerA.uuidString)
                    .replacingOccurrences(of: ":code", with: "crc-a")
                    .replacingOccurrences(of: ":case", with: (row.pattern.rawValue.contains("/moderation/") ? moderatedCaseID : caseID).uuidString)
                    .replacingOccurrences(of: ":job", with: job.uuidString)
                    .replacingOccurrences(of: ":standard", with: row.pattern == .organisational ? "1.1" : "2.1")
                    .replacingOccurrences(of: ":token", with: token.uuidString)
                    .replacingOccurrences(of: ":thematic", with: thematic.uuidString)
                    .replacingOccurrences(of: ":review", with: review.uuidString)
                    .replacingOccurrences(of: ":user", with: world.users["analyst@test.example"]!.uuidString)
                    .replacingOccurrences(of: ":year", with: "2019-20")
                    .replacingOccurrences(of: ":region", with: "region-london")
                    .replacingOccurrences(of: ":survey", with: "staff-2019")
                    .replacingOccurrences(of: ":response", with: UUID().uuidString)
                    .replacingOccurrences(of: ":recommendation", with: (recommendations[row.pattern] ?? UUID()).uuidString)
                    .replacingOccurrences(of: ":table", with: Self.table(for: row.pattern))
                for who in Who.allCases where !(row.pattern == .logout) {
                    let browser = browsers[who]!
                    let page = row.method == .GET ? try await browser.get(path) : try await browser.post(path, [])
                    let deniedByLogin = page.status == .seeOther && (page.location ?? "").hasPrefix("/login")
                    let denied = deniedByLogin || [.unauthorized, .forbidden, .notFound].contains(page.status)
                    let expectAllowed = row.allowed.contains(who)
                    #expect(
                        denied != expectAllowed, "\(row.method) \(row.pattern.rawValue) [\(row.inspection)] as \(who): \(page.status) \(page.location ?? "")")
                    #expect(page.status != .internalServerError, "\(row.method) \(path) as \(who) failed: \(page.body.prefix(200))")
                    // Keep everyone signed in: a POST to /login signs nobody out, but refresh the token.
                    if row.method == .POST { try await browser.get("/inspections") }
                }
            }
            // Provider users never see another provider's report before publication, nor its cases after.
            #expect(try await browsers[.providerB]!.get("/inspections/\(a)/ratings").status == .notFound)
            #expect(try await browsers[.providerA]!.get("/inspections/\(b)/cases").status == .notFound)
            #expect(try await browsers[.anonymous]!.get("/inspections/\(a)/uploads").status == .seeOther)
            // A provider user's own work lists only their provider; the published list is public.
            let home = try await browsers[.providerA]!.get("/").body
            let own = home[home.range(of: "Your inspections")!.lowerBound..<home.range(of: "Published inspections</h2>")!.lowerBound]
            #expect(own.contains("Alpha CRC") && !own.contains("Beta CRC"))
        }
    }

    @Test("a role change, a deactivation and a password reset each end the person's sessions at once", arguments: TestDatabases.all)
    func sessionsEnd(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let world = try await Fixtures.world(app)
            let analyst = world.users["analyst@test.example"]!
            let admin = Browser(app)
            _ = try await admin.signIn("admin@test.example")
            try await admin.get("/admin/users/\(analyst)")
            let person = Browser(app)
            _ = try await person.signIn("analyst@test.example")
            #expect(try await person.get("/inspections").status == .ok)
            // A role change: signed out at once; signing in again gives the new role.
            #expect(try await admin.post("/admin/users/\(analyst)", [("action", "save"), ("role", "inspector"), ("provider", "")]).status == .seeOther)
            #expect(try await person.get("/inspections").location?.hasPrefix("/login") == true)
            #expect(try await person.signIn("analyst@test.example").status == .seeOther)
            #expect(try await person.get("/").body.contains("(Inspector)"))
            // Deactivated: signed out, and the right password no longer signs in.
            #expect(try await admin.post("/admin/users/\(analyst)", [("action", "deactivate")]).status == .seeOther)
            #expect(try await person.get("/inspections").location?.hasPrefix("/login") == true)
            #expect(try await person.signIn("analyst@test.example").status == .unauthorized)
            // An admin cannot deactivate themselves; a bad role is explained and changes nothing.
            #expect(try await admin.post("/admin/users/\(world.users["admin@test.example"]!)", [("action", "deactivate")]).status == .conflict)
            let bad = try await admin.post("/admin/users/\(analyst)", [("action", "save"), ("role", "emperor"), ("provider", "")])
            #expect(bad.status == .unprocessableEntity && bad.body.contains("Choose a role"))
            // Reactivated with a reset password: the old one no longer works.
            #expect(try await admin.post("/admin/users/\(analyst)", [("action", "reactivate")]).status == .seeOther)
            #expect(try await admin.post("/admin/users/\(analyst)", [("action", "reset-password"), ("password", "short")]).status == .unprocessableEntity)
            #expect(
                try await admin.post("/admin/users/\(analyst)", [("action", "reset-password"), ("password", "a brand new password")]).status == .seeOther)
            #expect(try await person.signIn("analyst@test.example").status == .unauthorized)
            #expect(try await person.signIn("analyst@test.example", password: "a brand new password").status == .seeOther)
            let stored = try await UserModel.find(analyst, on: app.db)
            #expect(stored?.role == .inspector && stored?.isActive == true && (stored?.sessionEpoch ?? 0) >= 4)
        }
    }

    @Test("an admin adds a provider; bad input is explained and saves nothing")
    func addProvider() async throws {
        try await withApp(.sqliteInMemory) { app in
            let world = try await Fixtures.world(app)
            let admin = Browser(app)
            _ = try await admin.signIn("admin@test.example")
            try await admin.get("/providers")
            let bad = try await admin.post("/providers", [("name", ""), ("code", "Bad Code"), ("type", "pdu"), ("region", "Wales")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("href=\"#name\"") && bad.body.contains("href=\"#code\"") && bad.body.contains("Choose the region the PDU belongs to"))
            // The two fixture providers and the twelve regions every installation has.
            #expect(try await app.db.query(ProviderModel.self).count() == 14)
            let wales = try #require(try await ProviderModel.query(on: app.db).filter(\.$code == "region-wales").first())
            #expect(wales.providerType == .region && wales.name == "Wales region")
            let crcWithRegion = try await admin.post(
                "/providers", [("name", "A CRC"), ("code", "a-crc"), ("type", "crc"), ("region", "Wales"), ("parent", wales.id!.uuidString)])
            #expect(crcWithRegion.status == .unprocessableEntity && crcWithRegion.body.contains("Only a PDU belongs to a region"))
            let added = try await admin.post(
                "/providers",
                [
                    ("name", "North Wales PDU"), ("code", "north-wales-pdu"), ("type", "pdu"), ("region", ""), ("parent", wales.id!.uuidString),
                    ("predecessors[]", world.providerA.uuidString),
                ])
            #expect(added.status == .seeOther)
            let list = try await admin.get("/providers")
            #expect(list.body.contains("North Wales PDU") && list.body.contains("Probation Delivery Unit"))
            let pdu = try #require(try await ProviderModel.query(on: app.db).filter(\.$code == "north-wales-pdu").first())
            #expect(pdu.parentID == wales.id && pdu.region == "Wales", "a PDU takes its region's")
            let page = try await admin.get("/providers/\(pdu.id!)")
            #expect(
                page.body.contains("Part of") && page.body.contains("Wales region") && page.body.contains("Took over from") && page.body.contains("Alpha CRC"))
            #expect(try await admin.get("/providers/\(wales.id!)").body.contains("North Wales PDU"))
            let predecessor = try await admin.get("/providers/\(world.providerA)")
            #expect(predecessor.body.contains("Taken over by") && predecessor.body.contains("North Wales PDU"))
            // A region with PDUs stays a region; another provider's id is not a predecessor.
            let retype = try await admin.post("/providers/\(wales.id!)/edit", [("name", "Wales region"), ("type", "crc"), ("region", "Wales")])
            #expect(retype.status == .unprocessableEntity && retype.body.contains("has PDUs, so it stays a region"))
            let strange = try await admin.post(
                "/providers/\(pdu.id!)/edit",
                [("name", "North Wales PDU"), ("type", "pdu"), ("parent", wales.id!.uuidString), ("predecessors[]", UUID().uuidString)])
            #expect(strange.status == .unprocessableEntity && strange.body.contains("Choose predecessors from the list"))
            #expect(try await ProviderLinkModel.query(on: app.db).count() == 1)
            #expect(
                try await admin.post("/providers", [("name", "Again"), ("code", "north-wales-pdu"), ("type", "pdu"), ("parent", wales.id!.uuidString)]).status
                    == .unprocessableEntity)
        }
    }

    @Test("a form without its token is refused, even when signed in")
    func csrf() async throws {
        try await withApp(.sqliteInMemory) { app in
            _ = try await Fixtures.world(app)
            let lead = Browser(app)
            _ = try await lead.signIn("lead@test.example")
            try await lead.get("/inspections/new")
            let forged = try await lead.post("/inspections/new", [("provider", "x")], csrf: "forged")
            #expect(forged.status == .forbidden)
            #expect(forged.body.contains("This form has expired or did not come from Inspectorate"))
            // Sign-in itself needs the token from the sign-in page.
            let stranger = Browser(app)
            #expect(try await stranger.post("/login", [("email", "lead@test.example"), ("password", Fixtures.password)]).status == .forbidden)
        }
    }

    @Test("repeated failed sign-ins are throttled, and a right password does not get through meanwhile")
    func throttling() async throws {
        try await withApp(.sqliteInMemory) { app in
            _ = try await Fixtures.world(app)
            let attacker = Browser(app)
            for _ in 0..<5 {
                #expect(try await attacker.signIn("lead@test.example", password: "wrong password").status == .unauthorized)
            }
            let blocked = try await attacker.signIn("lead@test.example")
            #expect(blocked.status == .tooManyRequests)
            #expect(blocked.body.contains("Too many failed attempts"))
            // Another account is not affected.
            #expect(try await Browser(app).signIn("inspector@test.example").status == .seeOther)
        }
    }

    @Test("session cookies are HttpOnly and SameSite=Lax, and Secure behind https")
    func cookies() async throws {
        try await withApp(.sqliteInMemory) { app in
            let page = try await Browser(app).get("/login")
            let cookie = try #require(page.headers[.setCookie].first)
            #expect(cookie.contains("HttpOnly"))
            #expect(cookie.contains("SameSite=Lax"))
            #expect(!cookie.contains("Secure"))
            // Its life as Max-Age, which needs no date formatted per response (and which
            // browsers prefer to Expires anyway).
            #expect(cookie.contains("Max-Age=\(Int(AppConfiguration.testing(.sqliteInMemory).sessionLifetime))"))
            #expect(!cookie.contains("Expires"))
        }
        var secure = AppConfiguration.testing(.sqliteInMemory)
        secure.secureCookies = true
        try await withApp(secure) { app in
            let cookie = try #require(try await Browser(app).get("/login").headers[.setCookie].first)
            #expect(cookie.contains("Secure"))
        }
    }
}
