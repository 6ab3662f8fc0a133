import Fluent
import Foundation
import InspectionKit
import Testing
import Vapor
import VaporTesting

@testable import InspectorateApp

/// The unified probation service over HTTP: PDU inspections under the PDU frameworks, and a
/// region rated partly from its PDUs' judgements added up.
@Suite("PDU and regional inspections end to end")
struct UnifiedServiceTests {
    struct Team {
        let lead: Browser, inspector: Browser, quality: Browser, visitor: Browser
    }

    static func signIn(_ app: Application) async throws -> Team {
        let team = Team(lead: Browser(app), inspector: Browser(app), quality: Browser(app), visitor: Browser(app))
        _ = try await team.lead.signIn("lead@test.example")
        _ = try await team.inspector.signIn("inspector@test.example")
        _ = try await team.quality.signIn("quality@test.example")
        return team
    }

    static func plan(_ team: Team, _ world: Fixtures.World, provider: ProviderModel, framework: String, year: String) async throws -> UUID {
        try await team.lead.get("/inspections/new")
        let planned = try await team.lead.post(
            "/inspections/new",
            [
                ("provider", provider.id!.uuidString), ("framework", framework), ("year", year), ("start", "2023-10-02"), ("end", "2023-10-20"),
                ("lead", world.users["lead@test.example"]!.uuidString), ("team[]", world.users["inspector@test.example"]!.uuidString),
            ])
        #expect(planned.status == .seeOther, "planning \(provider.name) under \(framework): \(planned.body.prefix(600))")
        return try WorkflowTests.inspectionID(from: planned.location)
    }

    /// Plans and publishes one PDU inspection, its answers varied by `pattern` so each PDU's
    /// counts differ.
    static func publishPDU(
        _ app: Application, _ team: Team, _ world: Fixtures.World, _ pdu: ProviderModel, framework: String = "probation-2023-pdu", year: String = "2023/24",
        pattern: Int
    ) async throws -> UUID {
        let id = try await plan(team, world, provider: pdu, framework: framework, year: year)
        try await JourneyTests.drive(
            app, inspection: id, caseload: Fixtures.caseload(rows: 60, prefix: pdu.code.uppercased()), mainSize: 6 + pattern, extraSize: 0,
            answer: { index, _ in (index + pattern) % 3 == 0 ? "not-sufficient" : "sufficient" }, lead: team.lead, inspector: team.inspector,
            quality: team.quality)
        return id
    }

    /// Counts (sufficient, insufficient, n/a) added up, as pooling adds them.
    static func sum(_ counts: [[Int]]) -> [Int] { counts.reduce([0, 0, 0]) { zip($0, $1).map(+) } }

    static func json(_ page: Browser.Page) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? [String: Any])
    }

    /// Each question's counts in an inspection's published ratings: id → (sufficient, insufficient, n/a).
    static func questionCounts(_ ratings: [String: Any]) -> [String: [Int]] {
        var counts: [String: [Int]] = [:]
        for standard in ratings["standards"] as? [[String: Any]] ?? [] {
            for question in standard["questions"] as? [[String: Any]] ?? [] {
                counts[question["id"] as! String] = ["sufficient", "insufficient", "not_applicable"].map { question[$0] as! Int }
            }
        }
        return counts
    }

    @Test("a PDU inspection under probation-2021-pdu is planned and published, rated on its seven standards", arguments: TestDatabases.all)
    func pduInspection(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let world = try await Fixtures.world(app)
            let team = try await Self.signIn(app)
            let region = try #require(try await ProviderModel.query(on: app.db).filter(\.$code == "region-north-east").first())
            let pdu = ProviderModel(code: "sunderland", name: "Sunderland PDU", type: .pdu, region: region.region, parentID: region.id)
            try await pdu.create(on: app.db)
            // A PDU framework is not offered for a CRC.
            try await team.lead.get("/inspections/new")
            let wrong = try await team.lead.post(
                "/inspections/new",
                [
                    ("provider", world.providerA.uuidString), ("framework", "probation-2021-pdu"), ("year", "2021/22"), ("start", "2021-10-04"),
                    ("end", "2021-10-22"), ("lead", world.users["lead@test.example"]!.uuidString),
                ])
            #expect(wrong.status == .unprocessableEntity && wrong.body.contains("is for PDU inspections, not CRC"))
            let id = try await Self.publishPDU(app, team, world, pdu, framework: "probation-2021-pdu", year: "2021/22", pattern: 0)
            let published = try Self.json(try await team.visitor.get("/api/v1/inspections/\(id)"))
            let inspection = try #require(published["inspection"] as? [String: Any])
            #expect(inspection["state"] as? String == "published" && inspection["framework"] as? String == "probation-2021-pdu")
            #expect(inspection["pooled_from"] == nil, "only a framework that pools says what it pooled")
            let provider = try #require(inspection["provider"] as? [String: Any])
            #expect(provider["parent"] as? String == "region-north-east" && provider["type"] as? String == "pdu")
            let ratings = try #require(published["ratings"] as? [String: Any])
            #expect((ratings["standards"] as? [[String: Any]])?.count == 7 && ratings["maximum_score"] as? Int == 21)
            let report = try await team.visitor.get("/inspections/\(id)/report")
            #expect(report.status == .ok && report.body.contains("Probation inspection standards 2021: Probation Delivery Units"))
            let csv = try await team.visitor.get("/ratings.csv")
            #expect(csv.body.hasPrefix("inspection_id,") && csv.body.contains(",parent,framework_title"))
            #expect(csv.body.contains("region-north-east,Probation inspection standards 2021: Probation Delivery Units"))
        }
    }

    @Test(
        "a region pools three published PDU inspections key question by key question, rates its own unpaid-work sample, publishes, and agrees with `rate`",
        arguments: TestDatabases.all)
    func regionalInspection(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let world = try await Fixtures.world(app)
            let team = try await Self.signIn(app)
            let northEast = try #require(try await ProviderModel.query(on: app.db).filter(\.$code == "region-north-east").first())
            let wales = try #require(try await ProviderModel.query(on: app.db).filter(\.$code == "region-wales").first())
            var pdus: [ProviderModel] = []
            for (code, name) in [("sunderland", "Sunderland PDU"), ("stockton", "Stockton and Hartlepool PDU"), ("durham", "County Durham PDU")] {
                let pdu = ProviderModel(code: code, name: name, type: .pdu, region: northEast.region, parentID: northEast.id)
                try await pdu.create(on: app.db)
                pdus.append(pdu)
            }
            let cardiff = ProviderModel(code: "cardiff", name: "Cardiff PDU", type: .pdu, region: wales.region, parentID: wales.id)
            try await cardiff.create(on: app.db)
            var pooledIDs: [UUID] = []
            for (index, pdu) in pdus.enumerated() { pooledIDs.append(try await Self.publishPDU(app, team, world, pdu, pattern: index)) }
            // Another region's PDU, and one of this region's in another year: neither is pooled.
            let elsewhere = try await Self.publishPDU(app, team, world, cardiff, pattern: 1)
            let earlier = try await Self.publishPDU(app, team, world, pdus[0], year: "2022/23", pattern: 2)

            let regional = try await Self.plan(team, world, provider: northEast, framework: "probation-2023-region", year: "2023/24")
            try await JourneyTests.drive(
                app, inspection: regional, caseload: Fixtures.caseload(rows: 80, prefix: "NE"), mainSize: 8, extraSize: 4,
                answer: { index, _ in index % 4 == 0 ? "not-sufficient" : "sufficient" }, lead: team.lead, inspector: team.inspector,
                quality: team.quality)

            let published = try Self.json(try await team.visitor.get("/api/v1/inspections/\(regional)"))
            let inspection = try #require(published["inspection"] as? [String: Any])
            #expect(inspection["state"] as? String == "published")
            let pooledFrom = try #require(inspection["pooled_from"] as? [String])
            #expect(Set(pooledFrom) == Set(pooledIDs.map { $0.uuidString.lowercased() }))
            #expect(!pooledFrom.contains(elsewhere.uuidString.lowercased()) && !pooledFrom.contains(earlier.uuidString.lowercased()))
            let ratings = try #require(published["ratings"] as? [String: Any])
            let regionCounts = Self.questionCounts(ratings)

            // Each pooled key question's counts are the sum of the three PDUs' counts of the question it names.
            let framework = try #require(app.frameworks["probation-2023-region"])
            var pduCounts: [[String: [Int]]] = []
            for id in pooledIDs {
                pduCounts.append(
                    Self.questionCounts(try #require(try Self.json(try await team.visitor.get("/api/v1/inspections/\(id)"))["ratings"] as? [String: Any])))
            }
            var pooledQuestions = 0
            for standard in framework.standards where standard.kind == .pooled {
                for question in standard.questions {
                    let sum = Self.sum(pduCounts.map { $0[question.pools!.rawValue] ?? [0, 0, 0] })
                    #expect(regionCounts[question.id.rawValue] == sum, "\(question.id) pools \(question.pools!)")
                    #expect(sum.reduce(0, +) > 0)
                    pooledQuestions += 1
                }
            }
            #expect(pooledQuestions == 10)
            // Its interval is the Wilson interval of the pooled counts.
            let standards = try #require(ratings["standards"] as? [[String: Any]])
            let protection = try #require(standards.first { $0["id"] as? String == "2.2" })
            let first = try #require((protection["questions"] as? [[String: Any]])?.first)
            let counts = regionCounts["2.2.1"]!
            let wilson = WilsonInterval(successes: counts[0], trials: counts[0] + counts[1], confidence: .ninetyFivePercent)
            #expect(abs((first["ci_low"] as! Double) - wilson.lowerPercent) < 0.051 && abs((first["ci_high"] as! Double) - wilson.upperPercent) < 0.051)
            // The region's own unpaid-work and victim samples are judged and rated.
            for own in ["2.4", "2.6"] {
                let standard = try #require(standards.first { $0["id"] as? String == own })
                #expect(standard["rating"] is String, "\(own) is rated from the region's own sample")
            }
            #expect(regionCounts["2.4.1"].map { $0[0] + $0[1] } == 8 && regionCounts["2.6.1"].map { $0[0] + $0[1] } == 4)

            // The report names the pooled inspections and links each to its report.
            let report = try await team.visitor.get("/inspections/\(regional)/report")
            for (pdu, id) in zip(pdus, pooledIDs) {
                #expect(report.body.contains("href=\"/inspections/\(id.uuidString)/report\"") && report.body.contains(pdu.name))
            }
            #expect(!report.body.contains("Cardiff PDU"))

            // /ratings.json says the same, and so does `inspectorate rate` on the exported judgements.
            let open = try #require(try Self.json(try await team.visitor.get("/ratings.json"))["inspections"] as? [[String: Any]])
            let row = try #require(open.first { $0["id"] as? String == regional.uuidString.lowercased() })
            #expect(Set(row["pooled_from"] as? [String] ?? []) == Set(pooledFrom))
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pooled-\(UUID())")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            func write(_ name: String, _ text: String) throws -> String {
                let path = directory.appendingPathComponent(name).path
                try text.write(toFile: path, atomically: true, encoding: .utf8)
                return path
            }
            var pooledFiles: [String] = []
            for id in pooledIDs { pooledFiles.append(try write("\(id).csv", try await ExportData.judgementsCSV(inspection: id, on: app.db))) }
            let outcome = RateRequest.run(
                RateRequest(
                    frameworkID: "probation-2023-region", casesPath: try write("own.csv", try await ExportData.judgementsCSV(inspection: regional, on: app.db)),
                    organisationPath: try write("org.csv", try await ExportData.organisationalCSV(inspection: regional, on: app.db)),
                    pooledPaths: pooledFiles, format: .json),
                catalog: app.frameworks)
            #expect(outcome.exitCode == 0, "\(outcome.standardError)")
            let recomputed = try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
            #expect(NSDictionary(dictionary: recomputed).isEqual(to: ratings), "rate on the exported judgements gives the published ratings")
            #expect(row["ratings"].map { NSDictionary(dictionary: $0 as! [String: Any]).isEqual(to: recomputed) } == true)

            // A PDU inspection changed after the region was published cannot change its ratings,
            // and a later PDU inspection of the same round is not added to them.
            let answers = try await CaseAnswerModel.query(on: app.db).join(SampledCaseModel.self, on: \CaseAnswerModel.$sampledCaseID == \SampledCaseModel.$id)
                .filter(SampledCaseModel.self, \.$inspectionID == pooledIDs[0]).all()
            for answer in answers {
                answer.answer = .notSufficient
                try await answer.save(on: app.db)
            }
            let latecomer = ProviderModel(code: "gateshead", name: "Gateshead PDU", type: .pdu, region: northEast.region, parentID: northEast.id)
            try await latecomer.create(on: app.db)
            _ = try await Self.publishPDU(app, team, world, latecomer, pattern: 2)
            let after = try Self.json(try await team.visitor.get("/api/v1/inspections/\(regional)"))
            #expect(NSDictionary(dictionary: after["ratings"] as! [String: Any]).isEqual(to: ratings))
            #expect(Set((after["inspection"] as? [String: Any])?["pooled_from"] as? [String] ?? []) == Set(pooledFrom))
        }
    }

    @Test("a region's page lists each PDU and whether its inspection is pooled; confirming waits for every PDU of the round", arguments: TestDatabases.all)
    func regionWaitsForItsPDUs(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let world = try await Fixtures.world(app)
            let team = try await Self.signIn(app)
            let wales = try #require(try await ProviderModel.query(on: app.db).filter(\.$code == "region-wales").first())
            var pdus: [ProviderModel] = []
            for (code, name) in [("cardiff", "Cardiff and the Vale PDU"), ("swansea", "Swansea PDU"), ("gwent", "Gwent PDU")] {
                let pdu = ProviderModel(code: code, name: name, type: .pdu, region: wales.region, parentID: wales.id)
                try await pdu.create(on: app.db)
                pdus.append(pdu)
            }
            _ = try await Self.publishPDU(app, team, world, pdus[0], pattern: 0)
            let swansea = try await Self.plan(team, world, provider: pdus[1], framework: "probation-2023-pdu", year: "2023/24")
            let regional = try await Self.plan(team, world, provider: wales, framework: "probation-2023-region", year: "2023/24")
            let page = try await team.lead.get("/inspections/\(regional)")
            #expect(page.body.contains("PDU inspections it pools"))
            #expect(page.body.contains("Cardiff and the Vale PDU") && page.body.contains("Pooled: its ratings are confirmed"))
            #expect(page.body.contains("Swansea PDU") && page.body.contains("Not yet pooled: planned"))
            #expect(page.body.contains("Gwent PDU") && page.body.contains("Not inspected in 2023/24"))
            let context = try await InspectionContext.load(
                try #require(try await InspectionModel.find(regional, on: app.db)), on: app.db, frameworks: app.frameworks)
            #expect(try await InspectionData.progress(context, on: app.db).unsettledPooled == ["Swansea PDU (planned)"])
            // A withdrawn PDU inspection is not part of the round.
            try await team.lead.get("/inspections/\(swansea)/withdraw")
            #expect(try await team.lead.post("/inspections/\(swansea)/withdraw", [("reason", "The PDU merged.")]).status == .seeOther)
            #expect(try await InspectionData.progress(context, on: app.db).unsettledPooled.isEmpty)
        }
    }

    /// A framework nobody has written code for: a file in an extra directory, inspecting regions,
    /// pooling PDU judgements into one standard and sampling MAPPA cases for another.
    static let invented = """
        id: dynamic-public-protection-2025
        title: "Dynamic public protection 2025 (invented for a test)"
        inspects: [region]
        pools_from: [probation-2023-pdu]
        case_bands:
          - { rating: outstanding, from_percent: 80 }
          - { rating: good, from_percent: 65 }
          - { rating: requires-improvement, from_percent: 50 }
          - { rating: inadequate, from_percent: 0 }
        points: { outstanding: 3, good: 2, requires-improvement: 1, inadequate: 0 }
        overall_bands:
          - { rating: inadequate, from: 0, to: 1 }
          - { rating: requires-improvement, from: 2, to: 4 }
          - { rating: good, from: 5, to: 7 }
          - { rating: outstanding, from: 8, to: 9 }
        samples:
          - { id: mappa, title: MAPPA cases, sentence_types: [community-order, suspended-sentence, licence, post-sentence-supervision] }
        domains:
          - id: "1"
            title: Leadership
            standards:
              - id: "1.1"
                title: Public protection leadership
                kind: organisational
          - id: "2"
            title: Practice
            standards:
              - id: "2.1"
                title: Risk across the region
                kind: pooled
                questions:
                  - { id: "2.1.1", text: Does assessment keep other people safe?, pools: "2.1.3" }
                  - { id: "2.1.2", text: Does reviewing keep other people safe?, pools: "2.4.3" }
              - id: "2.2"
                title: Multi-agency public protection
                kind: case
                sample: mappa
                questions:
                  - { id: "2.2.1", text: Is information shared with MAPPA partners in good time? }

        """

    @Test("an invented framework in an extra directory is planned, pooled, rated and published with no new code", arguments: TestDatabases.all)
    func inventedFramework(database: AppConfiguration.Database) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("frameworks-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.invented.write(to: directory.appendingPathComponent("dynamic-public-protection-2025.yaml"), atomically: true, encoding: .utf8)
        try await withApp(database) { app in
            app.frameworks = try FrameworkCatalog.standard(environment: ["INSPECTORATE_FRAMEWORKS": directory.path])
            let world = try await Fixtures.world(app)
            let team = try await Self.signIn(app)
            let region = try #require(try await ProviderModel.query(on: app.db).filter(\.$code == "region-london").first())
            var pooledIDs: [UUID] = []
            for (index, name) in ["Camden and Islington PDU", "Hackney and City PDU"].enumerated() {
                let pdu = ProviderModel(code: "london-\(index)", name: name, type: .pdu, region: region.region, parentID: region.id)
                try await pdu.create(on: app.db)
                pooledIDs.append(try await Self.publishPDU(app, team, world, pdu, pattern: index))
            }
            let form = try await team.lead.get("/inspections/new")
            #expect(form.body.contains("Dynamic public protection 2025 (invented for a test)"))
            let id = try await Self.plan(team, world, provider: region, framework: "dynamic-public-protection-2025", year: "2023/24")
            try await JourneyTests.drive(
                app, inspection: id, caseload: Fixtures.caseload(rows: 40, prefix: "LDN"), mainSize: 5, extraSize: 0,
                answer: { index, _ in index % 5 == 0 ? "not-sufficient" : "sufficient" }, lead: team.lead, inspector: team.inspector,
                quality: team.quality)
            let published = try Self.json(try await team.visitor.get("/api/v1/inspections/\(id)"))
            let inspection = try #require(published["inspection"] as? [String: Any])
            #expect(inspection["state"] as? String == "published" && inspection["framework"] as? String == "dynamic-public-protection-2025")
            #expect(Set(inspection["pooled_from"] as? [String] ?? []) == Set(pooledIDs.map { $0.uuidString.lowercased() }))
            let counts = Self.questionCounts(try #require(published["ratings"] as? [String: Any]))
            var pdus: [[String: [Int]]] = []
            for pooled in pooledIDs {
                pdus.append(
                    Self.questionCounts(try #require(try Self.json(try await team.visitor.get("/api/v1/inspections/\(pooled)"))["ratings"] as? [String: Any])))
            }
            for (question, source) in [("2.1.1", "2.1.3"), ("2.1.2", "2.4.3")] {
                #expect(counts[question] == Self.sum(pdus.map { $0[source]! }))
            }
            #expect(counts["2.2.1"].map { $0[0] + $0[1] } == 5)
            let national = try await team.visitor.get("/ratings?framework=dynamic-public-protection-2025&year=2023-24")
            #expect(national.status == .ok && national.body.contains("Dynamic public protection 2025 (invented for a test): ratings 2023/24"))
            #expect(national.body.contains("Risk across the region") && !national.body.contains("Camden and Islington PDU 2023/24</a>"))
        }
    }
}

/// "An inspection of Hampshire and Isle of Wight could not be completed due to Covid-19, so an
/// overall rating could not be awarded."
@Suite("Suspended and partial inspections")
struct SuspensionTests {
    @Test(
        "a lead suspends an inspection with a reason, resumes it, suspends it again and publishes what was rated with no overall rating",
        arguments: TestDatabases.all)
    func suspendAndPublishPartially(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let world = try await Fixtures.world(app)
            let lead = Browser(app), visitor = Browser(app)
            _ = try await lead.signIn("lead@test.example")
            let id = try await planCRCInspection(lead, world, year: "2019/20")
            #expect(try await lead.post("/inspections/\(id)/transition", [("action", "request-data")]).status == .seeOther)
            try await lead.get("/inspections/\(id)/uploads")
            let upload = try await lead.upload("/inspections/\(id)/uploads/caseload", filename: "caseload.csv", content: Fixtures.caseload(rows: 60))
            _ = try await WorkflowTests.waitForImport(lead, upload.location)
            #expect(try await lead.post("/inspections/\(id)/transition", [("action", "start-sampling")]).status == .seeOther)
            #expect(
                try await lead.post("/inspections/\(id)/sample/draw", [("size", "6"), ("extra_size", "2"), ("stratum", "none"), ("seed", "7")]).status
                    == .seeOther)
            #expect(try await lead.post("/inspections/\(id)/sample/confirm", [("seed", "7")]).status == .seeOther)
            #expect(try await lead.post("/inspections/\(id)/transition", [("action", "start-fieldwork")]).status == .seeOther)
            // Fieldwork stops part way: the supervision cases are judged, unpaid work and through the gate are not.
            let framework = try #require(app.frameworks["probation-2018-crc"])
            try await lead.get("/inspections/\(id)/cases")
            for item in try await app.db.query(SampledCaseModel.self).filter(\.$inspectionID == id).filter(\.$sample == "supervision").all() {
                for standard in framework.standards(judgedOn: "supervision") {
                    let fields = standard.questions.flatMap { question in
                        [("answer-\(question.id)", "sufficient"), ("rationale-\(question.id)", "Seen."), ("version-\(question.id)", "0")]
                    }
                    #expect(try await lead.post("/inspections/\(id)/cases/\(item.id!)/standards/\(standard.id)", fields).status == .seeOther)
                }
            }
            for standard in framework.standards where standard.kind == .organisational {
                #expect(
                    try await lead.post("/inspections/\(id)/organisational/\(standard.id)", [("rating", "good"), ("evidence", "Seen in meetings.")]).status
                        == .seeOther)
            }

            // Publishing what was rated is refused until the inspection is suspended; suspending needs a reason.
            try await lead.get("/inspections/\(id)/suspension")
            let early = try await lead.post("/inspections/\(id)/suspension", [("action", "publish-partial"), ("reason", "Covid-19")])
            #expect(early.status == .unprocessableEntity && early.body.contains("Only a suspended inspection is published without an overall rating"))
            let silent = try await lead.post("/inspections/\(id)/suspension", [("action", "suspend"), ("reason", "  ")])
            #expect(silent.status == .unprocessableEntity && silent.body.contains("Enter the reason for suspending the inspection"))
            #expect(try await InspectionModel.find(id, on: app.db)?.state == .fieldwork)
            let reason = "Fieldwork stopped on 23 March 2020 because of Covid-19."
            #expect(try await lead.post("/inspections/\(id)/suspension", [("action", "suspend"), ("reason", reason)]).status == .seeOther)
            let suspended = try await lead.get("/inspections/\(id)")
            #expect(suspended.body.contains("Suspended") && suspended.body.contains(reason))
            // Nothing changes while it is suspended.
            let organisational = try await lead.post("/inspections/\(id)/organisational/1.1", [("rating", "outstanding"), ("evidence", "Later.")])
            #expect(organisational.status == .conflict && organisational.body.contains("suspended"))
            #expect(try await lead.post("/inspections/\(id)/transition", [("action", "start-quality-assurance")]).status == .conflict)
            // Resumed, it is back in fieldwork; suspended again, it is published with no overall rating.
            try await lead.get("/inspections/\(id)/suspension")
            #expect(try await lead.post("/inspections/\(id)/suspension", [("action", "resume")]).status == .seeOther)
            #expect(try await InspectionModel.find(id, on: app.db)?.state == .fieldwork)
            try await lead.get("/inspections/\(id)/suspension")
            #expect(try await lead.post("/inspections/\(id)/suspension", [("action", "suspend"), ("reason", reason)]).status == .seeOther)
            let page = try await lead.get("/inspections/\(id)/suspension")
            #expect(page.body.contains("4.1 Unpaid work") && page.body.contains("2.1 Assessment"))
            let because = "The inspection could not be completed due to Covid-19, so an overall rating could not be awarded."
            #expect(try await lead.post("/inspections/\(id)/suspension", [("action", "publish-partial"), ("reason", because)]).status == .seeOther)

            let stored = try #require(try await InspectionModel.find(id, on: app.db))
            #expect(stored.state == .published && stored.partialReason == because)
            let json = try UnifiedServiceTests.json(try await visitor.get("/api/v1/inspections/\(id)"))
            let ratings = try #require(json["ratings"] as? [String: Any])
            #expect(ratings["overall"] is NSNull && (ratings["overall_reason"] as? String) == because)
            let standards = try #require(ratings["standards"] as? [[String: Any]])
            #expect(
                standards.filter { $0["rating"] as? String != "not-rated" }.map { $0["id"] as! String }
                    == ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4"],
                "\(standards.map { ($0["id"]!, $0["rating"]!) })")
            let report = try await visitor.get("/inspections/\(id)/report")
            #expect(report.status == .ok && report.body.contains("Not rated") && report.body.contains(because))
            let national = try await visitor.get("/ratings?year=2019-20")
            #expect(national.body.contains(because))
            let csv = try await visitor.get("/ratings.csv")
            #expect(csv.body.contains("overall,Overall rating,not-rated"))
        }
    }
}
