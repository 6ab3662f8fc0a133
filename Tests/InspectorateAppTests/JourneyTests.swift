import Fluent
import Foundation
import InspectionKit
import Testing
import Vapor
import VaporTesting

@testable import InspectorateApp

/// Other kinds of inspection, end to end over HTTP: a youth offending team under the 2021
/// youth framework (beside a 2018 one), and a thematic inspection across two providers.
@Suite("Youth and thematic inspections end to end")
struct JourneyTests {
    /// Drives one planned inspection to publication through the real routes: data request,
    /// upload, sampling, every case judged, organisational ratings, moderation, ratings, publish.
    static func drive(
        _ app: Application, inspection id: UUID, caseload: String, mainSize: Int, extraSize: Int, answer: (Int, SampledCaseModel) -> String,
        lead: Browser, inspector: Browser, quality: Browser, dataRequested: Bool = false
    ) async throws {
        if !dataRequested { #expect(try await lead.post("/inspections/\(id)/transition", [("action", "request-data")]).status == .seeOther) }
        try await lead.get("/inspections/\(id)/uploads")
        let upload = try await lead.upload("/inspections/\(id)/uploads/caseload", filename: "caseload.csv", content: caseload)
        let imported = try await WorkflowTests.waitForImport(lead, upload.location)
        #expect(imported.body.contains("Imported"), "\(imported.body.prefix(2000))")
        #expect(try await lead.post("/inspections/\(id)/transition", [("action", "start-sampling")]).status == .seeOther)
        let draw = try await lead.post(
            "/inspections/\(id)/sample/draw", [("size", "\(mainSize)"), ("extra_size", "\(extraSize)"), ("stratum", "none"), ("seed", "7")])
        #expect(draw.status == .seeOther)
        #expect(try await lead.post("/inspections/\(id)/sample/confirm", [("seed", "7")]).status == .seeOther)
        #expect(try await lead.post("/inspections/\(id)/transition", [("action", "start-fieldwork")]).status == .seeOther)

        let model = try #require(try await InspectionModel.find(id, on: app.db))
        let framework = try #require(app.frameworks[FrameworkID(model.frameworkID)])
        let sampled = try await app.db.query(SampledCaseModel.self).filter(\.$inspectionID == id).sort(\.$caseRef).all()
        try await inspector.get("/inspections/\(id)/cases")
        for (index, item) in sampled.enumerated() {
            for standard in framework.standards(judgedOn: item.sample) {
                let fields = standard.questions.flatMap { question in
                    [
                        ("answer-\(question.id)", answer(index, item)), ("rationale-\(question.id)", "Evidence for \(question.id)."),
                        ("version-\(question.id)", "0"),
                    ]
                }
                let saved = try await inspector.post("/inspections/\(id)/cases/\(item.id!)/standards/\(standard.id)", fields)
                #expect(saved.status == .seeOther, "\(item.caseRef) \(standard.id): \(saved.status)")
            }
            #expect(try await inspector.post("/inspections/\(id)/cases/\(item.id!)/complete", []).status == .seeOther)
        }
        #expect(try await lead.post("/inspections/\(id)/transition", [("action", "start-quality-assurance")]).status == .seeOther)
        for standard in framework.standards where standard.kind == .organisational {
            let rated = try await lead.post("/inspections/\(id)/organisational/\(standard.id)", [("rating", "good"), ("evidence", "Seen in meetings.")])
            #expect(rated.status == .seeOther)
        }
        try await quality.get("/inspections/\(id)/moderation")
        #expect(try await quality.post("/inspections/\(id)/moderation/draw", [("count", "2"), ("seed", "3")]).status == .seeOther)
        for moderated in try await app.db.query(ModerationCaseModel.self).filter(\.$inspectionID == id).all() {
            let stored = try await app.db.query(CaseAnswerModel.self).filter(\.$sampledCaseID == moderated.sampledCaseID).all()
            let marked = try await quality.post(
                "/inspections/\(id)/moderation/cases/\(moderated.sampledCaseID)/mark", stored.map { ("answer-\($0.questionID)", $0.answer.rawValue) })
            #expect(marked.status == .seeOther)
        }
        #expect(try await lead.post("/inspections/\(id)/transition", [("action", "confirm-ratings")]).status == .seeOther)
        #expect(try await lead.post("/inspections/\(id)/transition", [("action", "publish")]).status == .seeOther)
    }

    @Test("a YOT inspection under youth-2021 runs end to end with court and out-of-court samples, while youth-2018 stays in use", arguments: TestDatabases.all)
    func youthOffendingTeam(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let world = try await Fixtures.world(app)
            let yot = ProviderModel(code: "yot-test", name: "Testshire Youth Justice Service", type: .yot, region: "Wales")
            try await yot.create(on: app.db)
            let lead = Browser(app), inspector = Browser(app), quality = Browser(app), visitor = Browser(app)
            _ = try await lead.signIn("lead@test.example")
            _ = try await inspector.signIn("inspector@test.example")
            _ = try await quality.signIn("quality@test.example")
            try await lead.get("/inspections/new")
            func plan(_ framework: String, year: String) async throws -> Browser.Page {
                try await lead.post(
                    "/inspections/new",
                    [
                        ("provider", yot.id!.uuidString), ("framework", framework), ("year", year), ("start", "2021-11-01"), ("end", "2021-11-19"),
                        ("lead", world.users["lead@test.example"]!.uuidString), ("team[]", world.users["inspector@test.example"]!.uuidString),
                    ])
            }
            // An adult framework is refused for a YOT; both youth versions are offered and accepted.
            #expect(try await plan("probation-2018-crc", year: "2021/22").status == .unprocessableEntity)
            let form = try await lead.get("/inspections/new")
            #expect(form.body.contains("youth-2018") && form.body.contains("youth-2021") && !form.body.contains("thematic-edm-2020"))
            let older = try WorkflowTests.inspectionID(from: try await plan("youth-2018", year: "2020/21").location)
            let planned = try await plan("youth-2021", year: "2021/22")
            let id = try WorkflowTests.inspectionID(from: planned.location)

            // An adult caseload is refused whole for a youth inspection, naming the disposal types it expects.
            #expect(try await lead.post("/inspections/\(id)/transition", [("action", "request-data")]).status == .seeOther)
            try await lead.get("/inspections/\(id)/uploads")
            let adult = try await WorkflowTests.waitForImport(
                lead, try await lead.upload("/inspections/\(id)/uploads/caseload", filename: "adult.csv", content: Fixtures.caseload(rows: 10)).location)
            #expect(adult.body.contains("are not inspected under this framework"))
            #expect(adult.body.contains("referral-order"))
            #expect(try await app.db.query(EligibleCaseModel.self).filter(\.$inspectionID == id).count() == 0)

            try await Self.drive(
                app, inspection: id, caseload: Fixtures.youthCaseload(rows: 200), mainSize: 12, extraSize: 6,
                answer: { index, _ in index % 4 == 0 ? "not-sufficient" : "sufficient" }, lead: lead, inspector: inspector, quality: quality,
                dataRequested: true)

            let sampled = try await app.db.query(SampledCaseModel.self).filter(\.$inspectionID == id).all()
            let bySample = Dictionary(grouping: sampled, by: \.sample)
            #expect(bySample["court-disposals"]?.count == 12 && bySample["out-of-court-disposals"]?.count == 6)
            #expect(bySample["court-disposals"]!.allSatisfy { !$0.sentenceType.isOutOfCourt })
            #expect(bySample["out-of-court-disposals"]!.allSatisfy { $0.sentenceType.isOutOfCourt })

            // Published under youth-2021: thirteen standards including resettlement, rated by the engine.
            let ratings = try await visitor.get("/api/v1/inspections/\(id)")
            #expect(ratings.status == .ok)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(ratings.body.utf8)) as? [String: Any])
            let rating = try #require(json["ratings"] as? [String: Any])
            let standards = try #require(rating["standards"] as? [[String: Any]])
            #expect(standards.count == 13)
            #expect(standards.contains { $0["id"] as? String == "4.1" && $0["rating"] as? String == "good" })
            #expect(rating["framework"] as? String == "youth-2021")
            let report = try await visitor.get("/inspections/\(id)/report")
            #expect(report.status == .ok && report.body.contains("Resettlement policy and provision"))
            // The earlier inspection keeps its version.
            #expect(try await InspectionModel.find(older, on: app.db)?.frameworkID == "youth-2018")
        }
    }

    @Test("a thematic inspection across two providers: set up, assessed with the usual screens, findings compared with intervals", arguments: TestDatabases.all)
    func thematic(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let world = try await Fixtures.world(app)
            let lead = Browser(app), inspector = Browser(app), quality = Browser(app), visitor = Browser(app), provider = Browser(app)
            _ = try await lead.signIn("lead@test.example")
            _ = try await inspector.signIn("inspector@test.example")
            _ = try await quality.signIn("quality@test.example")
            _ = try await provider.signIn("provider-a@test.example")
            try await lead.get("/thematic/new")
            let fields: [(String, String)] = [
                ("title", "Accommodation"), ("framework", "thematic-accommodation-2020"), ("year", "2020/21"), ("start", "2020-09-01"),
                ("end", "2020-10-30"), ("lead", world.users["lead@test.example"]!.uuidString),
                ("team[]", world.users["inspector@test.example"]!.uuidString),
            ]
            // One provider is not a comparison; a non-thematic framework is not offered.
            let one = try await lead.post("/thematic/new", fields + [("providers[]", world.providerA.uuidString)])
            #expect(one.status == .unprocessableEntity && one.body.contains("at least two providers"))
            let wrong = try await lead.post(
                "/thematic/new",
                fields.map { $0.0 == "framework" ? ($0.0, "probation-2018-crc") : $0 } + [
                    ("providers[]", world.providerA.uuidString), ("providers[]", world.providerB.uuidString),
                ])
            #expect(wrong.status == .unprocessableEntity && wrong.body.contains("Choose a thematic framework"))
            #expect(try await app.db.query(ThematicInspectionModel.self).count() == 0)
            #expect(try await inspector.post("/thematic/new", fields).status == .forbidden)
            let created = try await lead.post(
                "/thematic/new", fields + [("providers[]", world.providerA.uuidString), ("providers[]", world.providerB.uuidString)])
            #expect(created.status == .seeOther)
            let thematic = try #require(try await app.db.query(ThematicInspectionModel.self).first())
            let parts = try await app.db.query(InspectionModel.self).filter(\.$thematicID == thematic.id!).all()
            #expect(parts.count == 2 && parts.allSatisfy { $0.frameworkID == "thematic-accommodation-2020" })

            // Drafts are the inspectorate's: the public is sent to sign in, providers see nothing.
            #expect(try await visitor.get("/thematic/\(thematic.id!)").status == .seeOther)
            #expect(try await provider.get("/thematic/\(thematic.id!)").status == .notFound)
            #expect(!(try await visitor.get("/thematic").body.contains("Accommodation")))

            // Each provider's part goes through the usual screens; Alpha's practice is better than Beta's.
            for part in parts {
                let alpha = part.providerID == world.providerA
                try await Self.drive(
                    app, inspection: part.id!, caseload: Fixtures.caseload(rows: 120, prefix: alpha ? "A" : "B"), mainSize: 20, extraSize: 0,
                    answer: { index, _ in alpha ? (index % 10 == 0 ? "not-sufficient" : "sufficient") : (index % 10 < 7 ? "not-sufficient" : "sufficient") },
                    lead: lead, inspector: inspector, quality: quality)
            }

            // Published: the findings compare the providers on every question, with intervals, and add up.
            let page = try await visitor.get("/thematic/\(thematic.id!)")
            #expect(page.status == .ok)
            #expect(page.body.contains("Alpha CRC") && page.body.contains("Beta CRC") && page.body.contains("All providers"))
            let csv = try await visitor.get("/thematic/\(thematic.id!)/tables/findings.csv")
            let lines = csv.body.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            let header = try #require(lines.first)
            let row = try #require(lines.first { $0.first == "1.1.1" })
            func value(_ name: String) -> Int { Int(row[header.firstIndex(of: name)!])! }
            #expect(value("provider-1_of") == 20 && value("provider-2_of") == 20)
            #expect(value("provider-1_count") == 18 && value("provider-2_count") == 6)
            #expect(value("all_count") == value("provider-1_count") + value("provider-2_count") && value("all_of") == 40)
            #expect(page.body.contains("90.0%") && page.body.contains("30.0%"))
            #expect(page.body.contains("1.1.1: Alpha CRC above Beta CRC"))
            #expect(try await visitor.get("/thematic").body.contains("Accommodation"))
            // Thematic parts stay out of the national ratings table.
            #expect(!(try await visitor.get("/ratings.csv").body.contains("2020/21")))
        }
    }

    @Test(
        "SFO reviews: record (bad input refused whole), draw a stratified sample, rate with rationales, read the year's summary", arguments: TestDatabases.all)
    func seriousFurtherOffences(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let world = try await Fixtures.world(app)
            let quality = Browser(app), inspector = Browser(app)
            _ = try await quality.signIn("quality@test.example")
            _ = try await inspector.signIn("inspector@test.example")
            try await quality.get("/sfo")
            func record(
                _ reference: String, _ category: String, rosh: String, notified: String, submitted: String, agencies: String
            ) async throws
                -> Browser.Page
            {
                try await quality.post(
                    "/sfo",
                    [
                        ("reference", reference), ("provider", world.providerA.uuidString), ("category", category), ("rosh", rosh), ("mappa", "none"),
                        ("notified", notified), ("submitted", submitted), ("agencies", agencies), ("victim", agencies.isEmpty ? "" : "no"),
                    ])
            }
            let bad = try await record("Jane Smith", "arson", rosh: "low", notified: "2019-13-01", submitted: "2019-01-01", agencies: "")
            #expect(bad.status == .unprocessableEntity)
            for field in ["reference", "category", "notified", "agencies", "victim"] { #expect(bad.body.contains("href=\"#\(field)\""), "\(field)") }
            let early = try await record("S0", "murder", rosh: "low", notified: "2019-06-01", submitted: "2019-05-01", agencies: "no")
            #expect(early.status == .unprocessableEntity && early.body.contains("cannot be submitted before it was notified"))
            #expect(try await app.db.query(SFOReviewModel.self).count() == 0)
            #expect(try await inspector.post("/sfo", [("reference", "S9")]).status == .forbidden)

            // Five reviews in 2019/20 (two homicides, one previously low risk) and one in 2018/19.
            let rows: [(String, String, String, String, String, String)] = [
                ("S1", "murder", "low", "2019-04-10", "2019-07-09", "yes"), ("S2", "manslaughter", "high", "2019-05-01", "2019-06-30", "no"),
                ("S3", "rape", "medium", "2019-09-01", "2019-10-31", "no"), ("S4", "rape", "low", "2019-12-01", "", "no"),
                ("S5", "other-serious-violent-or-sexual", "medium", "2020-02-01", "2020-03-02", "no"),
                ("P1", "murder", "medium", "2018-05-01", "2018-06-30", "yes"),
            ]
            for row in rows {
                #expect(try await record(row.0, row.1, rosh: row.2, notified: row.3, submitted: row.4, agencies: row.5).status == .seeOther)
            }
            #expect(try await record("S1", "murder", rosh: "low", notified: "2019-04-10", submitted: "", agencies: "no").status == .unprocessableEntity)

            // Draw 40% of 2019/20 within each category: 2 of 5 reviews.
            try await quality.get("/sfo/years/2019-20")
            #expect(try await quality.post("/sfo/years/2019-20/sample", [("percent", "150")]).status == .unprocessableEntity)
            #expect(try await quality.post("/sfo/years/2019-20/sample", [("percent", "40"), ("seed", "9")]).status == .seeOther)
            #expect(try await quality.post("/sfo/years/2019-20/sample", [("percent", "40")]).status == .conflict)
            let sampled = try await app.db.query(SFOReviewModel.self).filter(\.$sampled == true).all()
            #expect(sampled.count == 2 && sampled.allSatisfy { $0.yearLabel == "2019/20" })

            // Rate each submitted sampled review: every standard needs a rating and a rationale.
            var rated = 0
            for review in sampled where review.submittedOn != nil {
                let path = "/sfo/reviews/\(review.id!)"
                try await quality.get(path)
                let missing = try await quality.post(path, [("rating-learning", "good")])
                #expect(missing.status == .unprocessableEntity && missing.body.contains("href=\"#rationale-learning\""))
                let fields = (SFOStandard.allCases.map(\.rawValue) + ["overall"]).flatMap {
                    [("rating-\($0)", rated == 0 ? "good" : "inadequate"), ("rationale-\($0)", "Reason for \($0).")]
                }
                #expect(try await quality.post(path, fields).status == .seeOther)
                rated += 1
            }
            #expect(rated >= 1)
            let stored = try await app.db.query(SFOReviewModel.self).filter(\.$overallRating != nil).all()
            #expect(stored.count == rated && stored.allSatisfy { $0.judgements.count == 5 })

            // The summary: counts, shares with their denominators, and last year beside this year.
            let page = try await inspector.get("/sfo/years/2019-20")
            #expect(page.status == .ok && page.body.contains("Annual summary 2019/20"))
            let csv = try await inspector.get("/sfo/years/2019-20/tables/sfo-summary.csv").body
            let lines = csv.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            #expect(lines.first?.prefix(3) == ["figure", "current_count", "current_of"])
            /// This year's count, total and percent, and last year's count, for the row named `figure`.
            func row(_ figure: String) -> [String] {
                guard let line = lines.first(where: { $0.first == figure }) else { return [] }
                return [line[1], line[2], line[3], line[6]]
            }
            #expect(row("Reviews notified") == ["5", "", "", "1"])
            #expect(row("Reviews quality-assured (sampled)") == ["2", "", "", "0"])
            #expect(row("Homicides previously assessed low or medium risk") == ["1", "2", "50.0", "1"])
            // Other agencies are counted in the quality-assured sample only: S1 is the one involving them.
            let agenciesInSample = sampled.filter(\.otherAgencies).count
            #expect(row("Other agencies involved (of the quality-assured sample)").prefix(2) == ["\(agenciesInSample)", "2"])
            // Days: S1 90, S2 60, S3 60, S5 30 → sorted 30 60 60 90, median (nearest rank 2) 60; P1 60; S4 awaited.
            #expect(row("Median days from notification to submission") == ["60", "", "", "60"])
            #expect(row("Reviews not yet submitted") == ["1", "", "", "0"])
            #expect(row("Rated Good or better overall").prefix(2) == [rated > 0 ? "1" : "0", "\(rated)"])
            #expect(try await Browser(app).get("/sfo/years/2019-20").status == .seeOther)  // not public
        }
    }
}
