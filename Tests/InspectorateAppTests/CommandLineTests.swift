import Fluent
import Foundation
import InspectionKit
import Testing

@testable import InspectorateApp

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

@Suite("inspectorate rate")
struct RateCommandTests {
    static let catalog = try! FrameworkCatalog.standard(environment: [:])

    static let judgements = """
        case_id,question,answer
        C1,2.1.1,yes
        C1,2.1.2,yes
        C1,2.1.3,no
        C2,2.1.1,yes
        C2,2.1.2,n/a
        C2,2.1.3,yes
        C3,2.1.1,no
        C3,2.1.2,yes
        C3,2.1.3,yes

        """

    func run(
        cases: String, organisation: String? = nil, framework: String = "probation-2018-crc", format: OutputFormat = .json, confidence: Double = 0.95
    ) throws -> CommandOutcome {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let request = RateRequest(
            frameworkID: framework, casesPath: try scratch.write("cases.csv", cases),
            organisationPath: try organisation.map { try scratch.write("org.csv", $0) },
            confidence: confidence, format: format)
        return RateRequest.run(request, catalog: Self.catalog)
    }

    @Test("JSON has the documented fields, with percentages from 0 to 100")
    func jsonShape() throws {
        // MUT
        let outcome = try run(cases: Self.judgements, organisation: "standard,rating\n1.1,good\n")
        // validation
        #expect(outcome.exitCode == 0)
        #expect(outcome.standardError.isEmpty)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
        #expect(json["framework"] as? String == "probation-2018-crc")
        #expect(json["overall"] is NSNull)
        #expect(json["total_score"] is NSNull)
        #expect((json["overall_reason"] as? String)?.contains("1.2 Staff") == true)
        let standards = try #require(json["standards"] as? [[String: Any]])
        #expect(standards.map { $0["id"] as? String } == ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "4.1", "4.2"])
        let leadership = standards[0]
        #expect(leadership["rating"] as? String == "good")
        #expect(leadership["score"] as? Int == 2)
        #expect(standards[1]["rating"] as? String == "not-rated")
        #expect(standards[1]["score"] is NSNull)
        let assessment = standards[4]
        // 2.1.1 and 2.1.3 are both 2 of 3 (66.7%, Good); the first in framework order is named.
        #expect(assessment["rating"] as? String == "good")
        #expect(assessment["limiting_question"] as? String == "2.1.1")
        #expect(assessment["crosses_band"] as? Bool == true)
        let questions = try #require(assessment["questions"] as? [[String: Any]])
        #expect(Set(questions[0].keys) == ["id", "sufficient", "insufficient", "not_applicable", "percent", "ci_low", "ci_high"])
        #expect(questions[1]["id"] as? String == "2.1.2")
        #expect(questions[1]["sufficient"] as? Int == 2)
        #expect(questions[1]["insufficient"] as? Int == 0)
        #expect(questions[1]["not_applicable"] as? Int == 1)
        #expect(questions[1]["percent"] as? Double == 100)
        #expect(questions[0]["percent"] as? Double == 200.0 / 3)
        let low = try #require(questions[0]["ci_low"] as? Double), high = try #require(questions[0]["ci_high"] as? Double)
        #expect(abs(low - 20.77) < 0.01 && abs(high - 93.85) < 0.01)
        let planning = standards[5]
        #expect(planning["rating"] as? String == "not-rated")
        #expect((planning["questions"] as? [[String: Any]])?.first?["percent"] is NSNull)
    }

    @Test("a complete inspection has an overall rating and total score")
    func overall() throws {
        // setup: every case question 3 of 4 (75%, Good), organisational all Requires improvement
        let questions = Self.catalog["probation-2018-crc"]!.standards.filter { $0.kind == .caseBased }.flatMap(\.questions)
        var rows = ["case_id,question,answer"]
        for question in questions {
            for index in 1...4 { rows.append("C\(index),\(question.id),\(index == 4 ? "no" : "yes")") }
        }
        let organisation = "standard,rating\n1.1,requires improvement\n1.2,Requires improvement\n1.3,requires-improvement\n1.4,REQUIRES IMPROVEMENT\n"
        // MUT
        let outcome = try run(cases: rows.joined(separator: "\n"), organisation: organisation)
        // validation
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
        #expect(json["total_score"] as? Int == 16)  // 6 × 2 + 4 × 1
        #expect(json["overall"] as? String == "good")
        #expect(json["overall_reason"] is NSNull)
    }

    @Test("the table is aligned and gives bands in words")
    func table() throws {
        let outcome = try run(cases: Self.judgements, organisation: "standard,rating\n1.1,good\n", format: .table)
        #expect(outcome.exitCode == 0)
        let lines = outcome.standardOutput.split(separator: "\n")
        let header = try #require(lines.first { $0.hasPrefix("Standard ") })
        let leadership = try #require(lines.first { $0.hasPrefix("1.1 Leadership") })
        let assessment = try #require(lines.first { $0.hasPrefix("2.1 Assessment") })
        let ratingColumn = try #require(header.range(of: "Rating")).lowerBound.utf16Offset(in: header)
        #expect(leadership.dropFirst(ratingColumn).hasPrefix("Good"))
        #expect(assessment.dropFirst(ratingColumn).hasPrefix("Good"))
        #expect(lines.contains { $0.hasPrefix("1.2 Staff") && $0.dropFirst(ratingColumn).hasPrefix("Not rated") })
        #expect(outcome.standardOutput.contains("2/3 66.7%"))
        #expect(outcome.standardOutput.contains("could be"))
    }

    @Test("bad input exits 2 with one message per problem naming file, line, column and value, and nothing on stdout")
    func badInput() throws {
        let outcome = try run(
            cases: "case_id,question,answer\nC1,2.1.1,yes\nC1,2.1.1,no\nC2,7.7.7,yes\nC3,2.1.2,perhaps\n",
            organisation: "standard,rating\n2.1,good\n")
        #expect(outcome.exitCode == 2)
        #expect(outcome.standardOutput.isEmpty)
        let lines = outcome.standardError.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        #expect(lines[0].hasSuffix("cases.csv:3:1: column \"case_id\", value \"C1\": duplicate: case C1 already has an answer to 2.1.1 on line 2"))
        #expect(lines[1].contains("cases.csv:4:2: column \"question\", value \"7.7.7\": unknown question id"))
        #expect(lines[2].contains("cases.csv:5:3: column \"answer\", value \"perhaps\": unknown answer"))
        #expect(lines[3].contains("org.csv:2:1: column \"standard\", value \"2.1\": standard 2.1 Assessment is case-based"))
    }

    @Test("a missing header, an unknown framework, a bad confidence and a missing file are each reported")
    func otherBadInput() throws {
        let header = try run(cases: "id,q,a\nC1,2.1.1,yes\n")
        #expect(header.exitCode == 2)
        #expect(header.standardError.contains("cases.csv:1:1: value \"id,q,a\": missing header"))
        let framework = try run(cases: Self.judgements, framework: "probation-1999")
        #expect(framework.exitCode == 2)
        #expect(
            framework.standardError.contains(
                "unknown framework \"probation-1999\"; known frameworks: probation-2018-crc, probation-2018-nps, probation-2021-pdu, probation-2023-pdu, probation-2023-region, thematic-accommodation-2020"
            ))
        let confidence = try run(cases: Self.judgements, confidence: 95)
        #expect(confidence.standardError.contains("--confidence: must be between 0 and 1"))
        let missing = RateRequest.run(RateRequest(frameworkID: "youth-2018", casesPath: "/nonexistent/cases.csv"), catalog: Self.catalog)
        #expect(missing.exitCode == 2)
        #expect(missing.standardError == "error: /nonexistent/cases.csv: no such file\n")
        #expect(missing.standardOutput.isEmpty)
    }
}

@Suite("inspectorate frameworks and sample-size")
struct FrameworkAndSampleSizeCommandTests {
    @Test("frameworks show --format json has id, title, standards with kind and questions, and overall_bands")
    func showJSON() throws {
        let outcome = try FrameworksCommand.show("probation-2018-nps", in: RateCommandTests.catalog, format: .json)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
        #expect(json["id"] as? String == "probation-2018-nps")
        #expect((json["title"] as? String)?.contains("National Probation Service") == true)
        let standards = try #require(json["standards"] as? [[String: Any]])
        #expect(standards.count == 10)
        #expect(standards[0]["kind"] as? String == "organisational")
        #expect(standards[8]["id"] as? String == "3.1")
        #expect(standards[8]["kind"] as? String == "case")
        let questions = try #require(standards[4]["questions"] as? [[String: Any]])
        #expect(questions.map { $0["id"] as? String } == ["2.1.1", "2.1.2", "2.1.3"])
        #expect(questions[2]["text"] as? String == "Does assessment focus sufficiently on keeping other people safe?")
        let bands = try #require(json["overall_bands"] as? [[String: Any]])
        #expect(bands.map { [$0["from"] as? Int, $0["to"] as? Int] } == [[0, 5], [6, 15], [16, 25], [26, 30]])
    }

    @Test("sample-size prints the rounded-up size, and JSON adds the inputs and the uncorrected size")
    func sampleSize() throws {
        #expect(SampleSizeCommand.calculate(population: 1000, confidence: 0.95, margin: 0.05, proportion: 0.5, format: .table).standardOutput == "278\n")
        #expect(SampleSizeCommand.calculate(population: 1000, confidence: 0.8, margin: 0.05, proportion: 0.5, format: .table).standardOutput == "142\n")
        let json = SampleSizeCommand.calculate(population: 2000, confidence: 0.8, margin: 0.05, proportion: 0.5, format: .json)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.standardOutput.utf8)) as? [String: Any])
        #expect(object["population"] as? Int == 2000)
        #expect(object["confidence"] as? Double == 0.8)
        #expect(object["margin"] as? Double == 0.05)
        #expect(object["proportion"] as? Double == 0.5)
        #expect(abs((object["uncorrected"] as? Double ?? 0) - 164.237) < 0.001)
        #expect(object["required"] as? Int == 152)  // 164.24 × 2000 / (1999 + 164.24) = 151.8
        let bad = SampleSizeCommand.calculate(population: 0, confidence: 0.8, margin: 0.05, proportion: 0.5, format: .table)
        #expect(bad.exitCode == 2)
        #expect(bad.standardError.contains("--population"))
    }
}

/// The real executable, as scripts and other tools call it.
@Suite("The inspectorate executable")
struct ExecutableTests {
    @Test("the binary is built beside the tests")
    func exists() {
        #expect(FileManager.default.isExecutableFile(atPath: Executable.url.path), "build it first: swift build")
    }

    @Test("rate writes JSON to stdout and exits 0")
    func rate() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let cases = try scratch.write("cases.csv", RateCommandTests.judgements)
        let outcome = try Executable.run(["rate", "--framework", "probation-2018-crc", "--cases", cases, "--format", "json"])
        #expect(outcome.exitCode == 0)
        #expect(outcome.standardError.isEmpty)
        #expect(outcome.standardOutput.contains("\"limiting_question\" : \"2.1.1\""))
    }

    @Test("bad input exits with status 2 and prints nothing on stdout")
    func badInput() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let cases = try scratch.write("cases.csv", "case_id,question,answer\nC1,2.1.1,maybe\n")
        let outcome = try Executable.run(["rate", "--framework", "probation-2018-crc", "--cases", cases])
        #expect(outcome.exitCode == 2)
        #expect(outcome.standardOutput.isEmpty)
        #expect(outcome.standardError.contains("cases.csv:2:3: column \"answer\", value \"maybe\""))
    }

    @Test("agreement --format json gives n, excluded, observed agreement, kappa and AC1; a bad line exits 2 naming it")
    func agreement() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        // The Wikipedia worked example (20 both yes, 5 and 10 disagreements, 15 both no) plus two n/a pairs.
        var rows = ["item,first,second"]
        rows += (0..<20).map { "a\($0),yes,yes" } + (0..<5).map { "b\($0),yes,no" } + (0..<10).map { "c\($0),no,yes" }
        rows += (0..<15).map { "d\($0),no,no" } + ["e1,n/a,yes", "e2,no,n/a"]
        let pairs = try scratch.write("pairs.csv", rows.joined(separator: "\n") + "\n")
        let outcome = try Executable.run(["agreement", "--pairs", pairs, "--format", "json"])
        #expect(outcome.exitCode == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(outcome.standardOutput.utf8)) as? [String: Any])
        #expect(json["n"] as? Int == 50)
        #expect(json["excluded"] as? Int == 2)
        #expect(abs((json["observed_agreement"] as? Double ?? 0) - 0.7) < 1e-9)
        #expect(abs((json["cohen_kappa"] as? Double ?? 0) - 0.4) < 1e-9)
        #expect(abs((json["gwet_ac1"] as? Double ?? 0) - 0.205 / 0.505) < 1e-9)

        let table = try Executable.run(["agreement", "--pairs", pairs])
        #expect(table.standardOutput.contains("Cohen's kappa       0.400 (fair)"))

        let bad = try scratch.write("bad.csv", "item,first,second\nx,yes,yes\ny,yes,perhaps\n")
        let refused = try Executable.run(["agreement", "--pairs", bad, "--format", "json"])
        #expect(refused.exitCode == 2)
        #expect(refused.standardOutput.isEmpty)
        #expect(refused.standardError.contains("bad.csv:3:3") && refused.standardError.contains("perhaps"))
    }

    @Test("generate writes files rate and import read; an unknown framework exits 2")
    func generate() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let cases = scratch.url.appendingPathComponent("cases.csv").path
        let made = try Executable.run(["generate", "judgements", "--framework", "probation-2018-nps", "--cases", "2000", "--seed", "3", "--output", cases])
        #expect(made.exitCode == 0 && made.standardOutput.isEmpty)
        let rated = try Executable.run(["rate", "--framework", "probation-2018-nps", "--cases", cases, "--format", "json"])
        #expect(rated.exitCode == 0 && rated.standardOutput.contains("\"limiting_question\""))
        let again = try Executable.run(["generate", "judgements", "--framework", "probation-2018-nps", "--cases", "2000", "--seed", "3"])
        #expect(again.standardOutput == (try String(contentsOfFile: cases, encoding: .utf8)))
        let caseload = try Executable.run(["generate", "caseload", "--rows", "50", "--seed", "3"])
        #expect(caseload.exitCode == 0 && caseload.standardOutput.split(separator: "\n").count == 51)
        let unknown = try Executable.run(["generate", "judgements", "--framework", "probation-1999", "--cases", "5"])
        #expect(unknown.exitCode == 2 && unknown.standardError.contains("unknown framework"))
    }

    @Test("usage mistakes also exit with status 2")
    func usage() throws {
        let outcome = try Executable.run(["rate", "--cases", "x.csv"])
        #expect(outcome.exitCode == 2)
        #expect(outcome.standardError.contains("--framework"))
    }

    @Test("frameworks list, and sample-size, work from the command line")
    func listAndSampleSize() throws {
        let list = try Executable.run(["frameworks", "list"])
        #expect(list.exitCode == 0)
        let rows = list.standardOutput.split(separator: "\n").map { $0.split(separator: " ", maxSplits: 2).prefix(2).joined(separator: " ") }
        #expect(rows.contains("probation-2018-crc 10"))
        #expect(rows.contains("youth-2018 12") && rows.contains("youth-2021 13"))
        #expect(rows.contains("thematic-accommodation-2020 3") && rows.contains("thematic-edm-2020 3"))
        let size = try Executable.run(["sample-size", "--population", "1000"])
        #expect(size.standardOutput == "142\n")
    }

    @Test("a broken framework file stops the command, naming the file and field")
    func brokenFramework() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        _ = try scratch.write("broken-2030.yaml", "id: broken-2030\ntitle: Broken\n")
        let outcome = try Executable.run(["frameworks", "list"], environment: ["INSPECTORATE_FRAMEWORKS": scratch.url.path])
        #expect(outcome.exitCode == 1)
        #expect(outcome.standardError.contains("broken-2030.yaml:1:1: case_bands: is missing"))
    }
}

@Suite("inspectorate serve")
struct ServeCommandTests {
    @Test("serves /health over real HTTP on an SQLite file, and stops on SIGTERM")
    func serves() async throws {
        // setup
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let port = try freeLocalPort()
        let process = Process()
        process.executableURL = Executable.url
        process.arguments = ["serve", "--hostname", "127.0.0.1", "--port", String(port)]
        process.environment = ["SQLITE_PATH": scratch.url.appendingPathComponent("serve.sqlite").path, "PATH": "/usr/bin:/bin"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        // MUT: poll until the server answers (it takes under a second; allow 60 on a busy machine)
        var body: String?
        for _ in 0..<600 where body == nil {
            try await Task.sleep(for: .milliseconds(100))
            body = try? await HTTP.get("http://127.0.0.1:\(port)/health")
        }
        // validation
        #expect(body == #"{"status":"ok"}"#)
        process.terminate()
        process.waitUntilExit()
        #expect(process.terminationReason == .exit || process.terminationStatus == SIGTERM)
    }
}

/// A minimal HTTP client for tests that talk to a real server.
enum HTTP {
    static func get(_ address: String) async throws -> String {
        let (data, response) = try await URLSession.shared.data(from: URL(string: address)!)
        guard (response as? HTTPURLResponse)?.statusCode == 200 else { throw URLError(.badServerResponse) }
        return String(decoding: data, as: UTF8.self)
    }
}

@Suite("Database commands")
struct DatabaseCommandTests {
    @Test("user create reads the password from standard input, refuses bad input, and user list shows the account")
    func users() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let environment = ["SQLITE_PATH": scratch.url.appendingPathComponent("users.sqlite").path, "BCRYPT_COST": "4"]
        let created = try Executable.run(
            ["user", "create", "--email", "Lead@Example.org", "--role", "lead"], environment: environment, input: "a long enough password\n")
        #expect(created.exitCode == 0, "\(created.standardError)")
        #expect(created.standardOutput == "Created lead@example.org (Lead inspector).\n")
        let short = try Executable.run(["user", "create", "--email", "x@example.org", "--role", "boss"], environment: environment, input: "short\n")
        #expect(short.exitCode == 2)
        #expect(short.standardError.contains("--role: Choose a role"))
        #expect(short.standardError.contains("--password: Enter a password of at least 12 characters"))
        let list = try Executable.run(["user", "list"], environment: environment)
        #expect(list.standardOutput.contains("lead@example.org  lead"))
    }

    @Test("demo seeds once, is idempotent, and refuses a database with real data")
    func demo() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let real = ["SQLITE_PATH": scratch.url.appendingPathComponent("real.sqlite").path, "BCRYPT_COST": "4"]
        _ = try Executable.run(["user", "create", "--email", "real@example.org", "--role", "admin"], environment: real, input: "a long enough password\n")
        let refused = try Executable.run(["demo"], environment: real)
        #expect(refused.exitCode == 2)
        #expect(refused.standardError.contains("not demo data"))

        let demo = ["SQLITE_PATH": scratch.url.appendingPathComponent("demo.sqlite").path, "BCRYPT_COST": "4"]
        let first = try Executable.run(["demo"], environment: demo)
        #expect(first.exitCode == 0, "\(first.standardError)")
        #expect(first.standardOutput.contains("Seeded 60 inspections and"))
        let second = try Executable.run(["demo"], environment: demo)
        #expect(second.standardOutput == "The demo data is already in this database.\n")
        let list = try Executable.run(["user", "list"], environment: demo)
        for role in ["admin", "lead", "inspector", "quality", "analyst", "provider"] {
            #expect(list.standardOutput.contains("\(role)@demo.test"))
        }
    }

    @Test("export writes the files rate reads, and rate on them gives the published ratings")
    func exportThenRate() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let database = scratch.url.appendingPathComponent("demo.sqlite").path
        let environment = ["SQLITE_PATH": database, "BCRYPT_COST": "4"]
        #expect(try Executable.run(["demo"], environment: environment).exitCode == 0)
        var published: (id: UUID, framework: String, ratings: [String: Any])?
        try await withApp(AppConfiguration(database: .sqliteFile(path: database), passwordCost: 4)) { app in
            let model = try await InspectionModel.query(on: app.db).filter(\.$state == .published).sort(\.$yearLabel).first()!
            let body = try await Browser(app).get("/api/v1/inspections/\(model.id!)").body
            published = (model.id!, model.frameworkID, (try jsonObject(body) as! [String: Any])["ratings"] as! [String: Any])
        }
        let inspection = try #require(published)
        let cases = scratch.url.appendingPathComponent("cases.csv").path
        let org = scratch.url.appendingPathComponent("org.csv").path
        let judgements = try Executable.run(["export", "judgements", "--inspection", inspection.id.uuidString, "--output", cases], environment: environment)
        #expect(judgements.exitCode == 0, "\(judgements.standardError)")
        #expect(try String(contentsOfFile: cases, encoding: .utf8).hasPrefix("case_id,question,answer\n"))
        let organisational = try Executable.run(["export", "organisational", "--inspection", inspection.id.uuidString], environment: environment)
        #expect(organisational.standardOutput.hasPrefix("standard,rating\n1.1,"))
        try organisational.standardOutput.write(toFile: org, atomically: true, encoding: .utf8)
        let rated = try Executable.run(["rate", "--framework", inspection.framework, "--cases", cases, "--organisation", org, "--format", "json"])
        #expect(rated.exitCode == 0, "\(rated.standardError)")
        let engine = try jsonObject(rated.standardOutput) as! [String: Any]
        #expect(NSDictionary(dictionary: engine).isEqual(to: inspection.ratings), "rate on the exported files differs from the published ratings")

        let unknown = try Executable.run(["export", "judgements", "--inspection", UUID().uuidString], environment: environment)
        #expect(unknown.exitCode == 2 && unknown.standardError.contains("there is no inspection"))
        let malformed = try Executable.run(["export", "judgements", "--inspection", "durham"], environment: environment)
        #expect(malformed.exitCode == 2 && malformed.standardError.contains("is not an inspection id"))
    }

    @Test("import caseload checks every row, changes nothing on a bad file, and imports a good one")
    func importCaseload() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let path = scratch.url.appendingPathComponent("import.sqlite").path
        let environment = ["SQLITE_PATH": path, "BCRYPT_COST": "4"]
        // setup: an inspection waiting for data, made through the app on the same file
        var inspectionID = UUID()
        try await withApp(AppConfiguration.testing(.sqliteFile(path: path))) { app in
            let world = try await Fixtures.world(app)
            let model = InspectionModel()
            model.providerID = world.providerA
            model.frameworkID = "probation-2018-crc"
            model.yearLabel = "2019/20"
            model.state = .dataRequested
            model.fieldworkStart = "2019-09-02"
            model.fieldworkEnd = "2019-09-20"
            model.leadID = world.users["lead@test.example"]!
            model.isDemo = false
            try await model.create(on: app.db)
            inspectionID = model.id!
        }
        let bad = try scratch.write("bad.csv", Fixtures.caseload(rows: 3) + "Z1,licence,2019-01-01,extreme,none,none,PO,T,male,White\n")
        let refused = try Executable.run(["import", "caseload", "--inspection", inspectionID.uuidString, bad], environment: environment)
        #expect(refused.exitCode == 2)
        #expect(refused.standardError.contains("bad.csv:5:4: column \"rosh\", value \"extreme\""))
        let good = try scratch.write("good.csv", Fixtures.caseload(rows: 2500))
        let imported = try Executable.run(["import", "caseload", "--inspection", inspectionID.uuidString, good], environment: environment)
        #expect(imported.exitCode == 0, "\(imported.standardError)")
        #expect(imported.standardOutput.contains("Imported 2500 eligible cases"))
        #expect(imported.standardError.contains("Saving: 100%"))
        let unknown = try Executable.run(["import", "caseload", "--inspection", UUID().uuidString, good], environment: environment)
        #expect(unknown.exitCode == 2)
    }

    @Test("import return checks the quarter, the provider and both files, changes nothing when any is wrong, and records the indicators")
    func importReturn() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let path = scratch.url.appendingPathComponent("return.sqlite").path
        let environment = ["SQLITE_PATH": path, "BCRYPT_COST": "4"]
        try await withApp(AppConfiguration.testing(.sqliteFile(path: path))) { app in _ = try await Fixtures.world(app) }
        let caseload = try scratch.write("caseload.csv", DeliveryHTTPTests.caseload)
        let workforce = try scratch.write("workforce.csv", Fixtures.workforce)
        let bad = try scratch.write("bad.csv", "team,grade,staff_in_post,vacancies,average_caseload,workload_tool_percent\nN,ACO,1,1,1,1\n")
        func run(_ arguments: [String]) throws -> CommandOutcome { try Executable.run(["import", "return"] + arguments, environment: environment) }
        let refusals: [([String], String)] = [
            (["--provider", "crc-a", "--period", "2019-Q5", "--caseload", caseload], "is not a quarter; write it as YYYY-Qn"),
            (["--provider", "crc-a", "--period", "2099-Q1", "--caseload", caseload], "January to March 2099 has not ended yet (it ends on 31 March 2099)"),
            (["--provider", "crc-a", "--period", "2013-Q4", "--caseload", caseload], "October to December 2013 is before January to March 2014"),
            (["--provider", "crc-z", "--period", "2019-Q3", "--caseload", caseload], "there is no provider with the code \"crc-z\""),
            (["--provider", "crc-a", "--period", "2019-Q3", "--caseload", caseload, "--workforce", bad], "bad.csv:2:2: column \"grade\", value \"ACO\""),
            (["--provider", "crc-a", "--period", "2019-Q3", "--caseload", scratch.url.appendingPathComponent("none.csv").path], "no such file"),
        ]
        for (arguments, message) in refusals {
            let outcome = try run(arguments)
            #expect(outcome.exitCode == 2 && outcome.standardError.contains(message), "\(arguments): \(outcome.standardError)")
        }
        let recorded = try run(["--provider", "crc-a", "--period", "2019-Q3", "--caseload", caseload, "--workforce", workforce])
        #expect(recorded.exitCode == 0, "\(recorded.standardError)")
        #expect(recorded.standardOutput.contains("Recorded Alpha CRC's return for July to September 2019: 10 cases, 3 workforce rows."))
        #expect(recorded.standardOutput.contains("Vacancy rate: 13.3% (5.3–29.7%), 4 of 30"))
        #expect(recorded.standardOutput.contains("Accredited programmes started: 50.0%"))
        // Sent again for the same quarter, without the workforce file: it replaces the first.
        let again = try run(["--provider", "crc-a", "--period", "2019-Q3", "--caseload", caseload])
        #expect(again.exitCode == 0 && again.standardOutput.contains("Vacancy rate: not in this return"))
        try await withApp(AppConfiguration.testing(.sqliteFile(path: path))) { app in
            let provider = try #require(try await ProviderModel.query(on: app.db).filter(\.$code == "crc-a").first())
            #expect(try await DataReturnModel.query(on: app.db).count() == 1)
            let series = try await DataReturns.series(of: provider, frameworks: app.frameworks, on: app.db)
            let quarter = Quarter(parsing: "2019-Q3")!
            #expect(series.first { $0.indicator == .faceToFaceContact }?.points == [IndicatorPoint(period: quarter, numerator: 4, denominator: 7)])
            #expect(series.first { $0.indicator == .vacancyRate }?.points.isEmpty == true)
            let audit = try await AuditEventModel.query(on: app.db).filter(\.$entityType == "data-return").all()
            #expect(audit.map(\.action).sorted { $0.rawValue < $1.rawValue } == [.update, .upload])
        }
    }
}
