import Fluent
import Foundation
import InspectionKit
import SQLKit
import Testing
import Vapor
import VaporTesting

@testable import InspectorateApp

/// Every file in `Tests/corpus` is a malformed input: a damaged upload, a bad judgements or
/// pairs file, or a form with bad values. Each must get a clear error naming the problem, and
/// leave the database exactly as it was.
@Suite("Malformed input corpus")
struct MalformedInputTests {
    struct Entry: Decodable {
        let file: String
        let target: String
        let expect: String
    }

    struct Form: Decodable {
        let path: String
        let `as`: String
        let fields: [String: String]
    }

    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("corpus")

    static func entries() throws -> [Entry] {
        try JSONDecoder().decode([Entry].self, from: Data(contentsOf: corpus.appendingPathComponent("manifest.json")))
    }

    /// Rows in every table that holds inspection, case, review or account data.
    static func counts(_ app: Application) async throws -> [String: Int] {
        let sql = app.db as! any SQLDatabase
        struct Count: Decodable { let n: Int }
        var counts: [String: Int] = [:]
        for table in [
            "providers", "users", "inspections", "team_members", "eligible_cases", "workforce_figures", "sampled_cases", "case_answers", "interviews",
            "organisational_ratings", "moderation_cases", "moderation_answers", "thematic_inspections", "sfo_reviews", "api_tokens",
        ] {
            counts[table] = try await sql.raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table)").first(decoding: Count.self)?.n
        }
        return counts
    }

    /// The page's text with HTML's escapes undone, so messages can be matched as written.
    static func text(_ html: String) -> String {
        html.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&lt;", with: "<")
            .replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    @Test("the corpus has at least 40 files, each listed once")
    func size() throws {
        let entries = try Self.entries()
        #expect(entries.count >= 40)
        #expect(Set(entries.map(\.file)).count == entries.count)
        for entry in entries { #expect(FileManager.default.fileExists(atPath: Self.corpus.appendingPathComponent(entry.file).path), "\(entry.file)") }
    }

    @Test("each malformed input gets a clear error and changes nothing", arguments: TestDatabases.all)
    func corpusIsRefused(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let world = try await Fixtures.world(app)
            let inspection = InspectionModel()
            inspection.providerID = world.providerA
            inspection.frameworkID = "probation-2018-crc"
            inspection.yearLabel = "2019/20"
            inspection.state = .dataRequested
            inspection.fieldworkStart = "2019-09-02"
            inspection.fieldworkEnd = "2019-09-20"
            inspection.leadID = world.users["lead@test.example"]!
            inspection.isDemo = false
            try await inspection.create(on: app.db)
            let a = inspection.id!
            var browsers: [String: Browser] = [:]
            for email in ["lead@test.example", "quality@test.example", "provider-a@test.example"] {
                let browser = Browser(app)
                #expect(try await browser.signIn(email).status == .seeOther)
                browsers[email] = browser
            }
            let catalog = app.frameworks
            var refused = 0, failed = 0
            for entry in try Self.entries() {
                let path = Self.corpus.appendingPathComponent(entry.file).path
                let before = try await Self.counts(app)
                var message = ""
                switch entry.target {
                case "caseload", "workforce":
                    let provider = browsers["provider-a@test.example"]!
                    try await provider.get("/inspections/\(a)/uploads")
                    let bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
                    let upload = try await provider.upload(
                        "/inspections/\(a)/uploads/\(entry.target)", filename: URL(fileURLWithPath: path).lastPathComponent, bytes: bytes)
                    if upload.status == .unprocessableEntity {
                        // An empty upload is refused at once, before any import starts.
                        message = Self.text(upload.body)
                        #expect(message.contains("There is a problem"), "\(entry.file)")
                    } else {
                        #expect(upload.status == .seeOther, "\(entry.file): \(upload.status)")
                        let page = try await WorkflowTests.waitForImport(provider, upload.location)
                        message = Self.text(page.body)
                        #expect(message.contains("The file was not imported"), "\(entry.file): \(message.prefix(600))")
                    }
                case "judgements":
                    let outcome = RateRequest.run(RateRequest(frameworkID: "probation-2018-crc", casesPath: path), catalog: catalog)
                    #expect(outcome.exitCode == 2 && outcome.standardOutput.isEmpty, "\(entry.file)")
                    message = outcome.standardError
                case "pairs":
                    let outcome = AgreementCommand.outcome(pairsPath: path, format: .json)
                    #expect(outcome.exitCode == 2 && outcome.standardOutput.isEmpty, "\(entry.file)")
                    message = outcome.standardError
                default:
                    let form = try JSONDecoder().decode(Form.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
                    func fill(_ text: String) -> String {
                        text.replacingOccurrences(of: "{A}", with: a.uuidString).replacingOccurrences(of: "{providerA}", with: world.providerA.uuidString)
                            .replacingOccurrences(of: "{lead}", with: world.users["lead@test.example"]!.uuidString)
                    }
                    let browser = browsers[form.as]!
                    try await browser.get("/inspections")
                    let page = try await browser.post(fill(form.path), form.fields.sorted { $0.key < $1.key }.map { ($0.key, fill($0.value)) })
                    #expect(page.status == .unprocessableEntity, "\(entry.file): \(page.status)")
                    #expect(page.body.contains("There is a problem"), "\(entry.file)")
                    #expect(!page.body.contains("<script>alert") && !page.body.contains("<script>yyy"), "\(entry.file) echoes a script tag")
                    message = Self.text(page.body)
                }
                let unchanged = try await Self.counts(app) == before
                #expect(message.contains(entry.expect), "\(entry.file): expected \"\(entry.expect)\" in \(message.prefix(800))")
                #expect(unchanged, "\(entry.file) changed the database")
                if message.contains(entry.expect) && unchanged { refused += 1 } else { failed += 1 }
            }
            print("malformed input corpus: \(refused) passed, \(failed) failed")
        }
    }
}
