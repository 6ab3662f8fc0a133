import Fluent
import Foundation
import InspectionKit
import Testing
import Vapor
import VaporTesting

@testable import InspectorateApp

/// The demo, seeded into the app: the published reports and the two inspections that are not.
struct DemoWorld {
    let published: InspectionModel
    let unpublished: [InspectionModel]
    let fieldwork: InspectionModel

    static func seed(_ app: Application) async throws -> DemoWorld {
        _ = try await DemoSeeder.seed(app)
        let providers = Dictionary(uniqueKeysWithValues: try await ProviderModel.query(on: app.db).all().map { ($0.code, $0.id!) })
        let all = try await InspectionModel.query(on: app.db).all()
        let durham = all.first { $0.providerID == providers["durham-tees-valley"] && $0.yearLabel == "2019/20" }!
        let unpublished = all.filter { $0.state != InspectionState.published }
        return DemoWorld(published: durham, unpublished: unpublished, fieldwork: unpublished.first { $0.state == .fieldwork }!)
    }
}

func jsonObject(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }

@Suite("Reports and open data over HTTP")
struct ReportHTTPTests {
    @Test("report figures equal what `rate` computes from the exported judgements", arguments: TestDatabases.all)
    func figuresMatchTheEngine(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let demo = try await DemoWorld.seed(app)
            let id = demo.published.id!
            let scratch = try ScratchDirectory()
            defer { scratch.remove() }
            let judgements = try await ExportData.judgements(inspection: id, on: app.db)
            #expect(judgements.count > 1_000)
            let cases = try scratch.write("cases.csv", try await ExportData.judgementsCSV(inspection: id, on: app.db))
            let org = try scratch.write("org.csv", try await ExportData.organisationalCSV(inspection: id, on: app.db))
            let rated = RateRequest.run(
                RateRequest(frameworkID: demo.published.frameworkID, casesPath: cases, organisationPath: org, format: .json), catalog: app.frameworks)
            #expect(rated.exitCode == 0, "\(rated.standardError)")
            let engine = try jsonObject(rated.standardOutput) as! [String: Any]

            // The API gives exactly the engine's JSON.
            let visitor = Browser(app)
            let api = try await visitor.get("/api/v1/inspections/\(id)")
            #expect(api.status == .ok)
            let apiRatings = (try jsonObject(api.body) as! [String: Any])["ratings"] as! [String: Any]
            #expect(NSDictionary(dictionary: apiRatings).isEqual(to: engine), "API ratings differ from `rate`")

            // The public page shows the same numbers for every key question and standard.
            let page = try await visitor.get("/inspections/\(id)/report")
            #expect(page.status == .ok)
            let standards = engine["standards"] as! [[String: Any]]
            var questionsChecked = 0
            for standard in standards {
                let rating = standard["rating"] as! String
                #expect(page.body.contains("<th scope=\"row\">\(standard["id"]!)</th><td>"), "standard \(standard["id"]!)")
                if rating != "not-rated" { #expect(page.body.contains("rating--\(rating)")) }
                for question in standard["questions"] as! [[String: Any]] {
                    let sufficient = question["sufficient"] as! Int
                    let applicable = sufficient + (question["insufficient"] as! Int)
                    guard let percent = question["percent"] as? Double else { continue }
                    let expected =
                        String(
                            format: "<span class=\"figure\">%.1f%%</span> <span class=\"interval\">(%.1f–%.1f%%)</span> <span class=\"count\">%d of %d</span>",
                            percent, question["ci_low"] as! Double, question["ci_high"] as! Double, sufficient, applicable)
                    let row = page.body.range(of: "<th scope=\"row\">\(question["id"]!)</th>").map { page.body[$0.lowerBound...].prefix(1_200) } ?? ""
                    #expect(row.contains(expected), "question \(question["id"]!): expected \(expected)")
                    questionsChecked += 1
                }
            }
            #expect(questionsChecked >= 14)
            let overall = engine["overall"] as! String
            let overallTag = "<a href=\"/how-we-rate#\(overall)\" class=\"rating-link\"><strong class=\"rating rating--\(overall)\">"
            #expect(page.body.contains("Overall rating: \(overallTag)"))
            #expect(page.body.contains("framework <code>\(demo.published.frameworkID)</code>"))

            // The bulk CSV carries the same limiting-question figures.
            let csv = try await visitor.get("/ratings.csv").body
            let rows = csv.split(separator: "\r\n").filter { $0.hasPrefix(id.uuidString.lowercased()) }
            #expect(rows.count == standards.count + 1)
            for standard in standards where standard["kind"] as? String == "case" {
                let limiting = (standard["questions"] as! [[String: Any]]).first { $0["id"] as? String == standard["limiting_question"] as? String }!
                let expected = String(
                    format: ",%@,%d,%d,%.1f,", standard["rating"] as! String, limiting["sufficient"] as! Int,
                    (limiting["sufficient"] as! Int) + (limiting["insufficient"] as! Int), limiting["percent"] as! Double)
                #expect(rows.contains { $0.contains(",\(standard["id"]!),") && $0.contains(expected) }, "CSV row for \(standard["id"]!)")
            }
        }
    }

    /// The seeds' deck: "An inspection of Hampshire and Isle of Wight could not be completed due
    /// to Covid-19, so an overall rating could not be awarded."
    @Test("seed: the demo's Hampshire and Isle of Wight 2019/20 is published with its case standards, no overall rating and the reason")
    func hampshireCutShort() async throws {
        try await withApp(.sqliteInMemory) { app in
            _ = try await DemoWorld.seed(app)
            let hampshire = try #require(try await ProviderModel.query(on: app.db).filter(\.$code == "hampshire-iow").first())
            let inspection = try #require(
                try await InspectionModel.query(on: app.db).filter(\.$providerID == hampshire.id!).filter(\.$yearLabel == "2019/20").first())
            let reason = try #require(inspection.partialReason)
            #expect(inspection.state == .published && inspection.suspendedReason == reason && reason.contains("Covid-19"))
            let visitor = Browser(app)
            let report = try await visitor.get("/inspections/\(inspection.id!)/report")
            #expect(report.status == .ok && report.body.contains("No overall rating: \(reason)"))
            let ratings = try #require(
                try UnifiedServiceTests.json(try await visitor.get("/api/v1/inspections/\(inspection.id!)"))["ratings"] as? [String: Any])
            #expect(ratings["overall"] is NSNull && ratings["overall_reason"] as? String == reason)
            let rated = (ratings["standards"] as? [[String: Any]] ?? []).filter { $0["rating"] as? String != "not-rated" }.compactMap { $0["id"] as? String }
            #expect(rated == ["2.1", "2.2", "2.3", "2.4", "4.1", "4.2"])
            let national = try await visitor.get("/ratings?year=2019-20&type=crc")
            #expect(national.body.contains("Hampshire and Isle of Wight CRC") && national.body.contains(reason))
            let annual = try await visitor.get("/annual/2019-20")
            #expect(annual.status == .ok && annual.body.contains("No overall rating"))
        }
    }

    @Test("unpublished inspections appear in no public page, download or API response", arguments: TestDatabases.all)
    func nothingUnpublishedLeaks(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let demo = try await DemoWorld.seed(app)
            #expect(demo.unpublished.count == 3)  // Essex CRC and Cardiff YOT in fieldwork, Thames Valley awaiting data
            let visitor = Browser(app)
            let publicPaths = [
                "/", "/ratings", "/ratings?year=2020-21", "/ratings?type=crc&region=East", "/ratings.csv", "/ratings.json", "/ratings/tables/latest.csv",
                "/ratings/tables/latest.json?year=2020-21", "/ratings/tables/change.json", "/annual", "/annual/2019-20", "/annual/2018-19",
                "/annual/2019-20/tables/checks-by-provider.csv", "/annual/2019-20/tables/keeping-people-safe.json", "/api/v1/inspections", "/api/v1/ratings",
                "/api/v1/annual/2019-20", "/api/v1/providers", "/openapi.json", "/annual/2023-24", "/annual/2023-24/regions/region-north-east",
                "/annual/2023-24/tables/region-region-wales-probation-2023-pdu.csv",
            ]
            for path in publicPaths {
                let page = try await visitor.get(path)
                #expect(page.status == .ok, "\(path): \(page.status)")
                for hidden in demo.unpublished {
                    #expect(!page.body.lowercased().contains(hidden.id!.uuidString.lowercased()), "\(path) names unpublished \(hidden.id!)")
                }
                if path != "/api/v1/providers" && path != "/openapi.json" {
                    // 2020/21 has nothing published (Essex and Thames Valley are under way); 2021/22 has its
                    // published PDU inspections, but not the Cardiff YOT inspection in fieldwork.
                    #expect(
                        !page.body.contains("2020/21") && !page.body.contains("Cardiff Youth Justice Service 2021/22"),
                        "\(path) shows an unpublished inspection")
                }
            }
            #expect(try await visitor.get("/annual/2020-21").status == .notFound)
            #expect(try await visitor.get("/annual/2023-24/regions/region-london").status == .notFound, "no London PDU was inspected in 2023/24")
            let region = try await visitor.get("/annual/2023-24/regions/region-north-east")
            #expect(
                region.body.contains("Sunderland PDU") && region.body.contains("The regional inspection") && !region.body.contains("Cardiff and the Vale PDU"))
            for hidden in demo.unpublished {
                let id = hidden.id!
                for path in ["/inspections/\(id)/report", "/inspections/\(id)/report/tables/ratings.csv", "/inspections/\(id)/ratings"] {
                    let page = try await visitor.get(path)
                    #expect(page.status == .seeOther && (page.location ?? "").hasPrefix("/login"), "\(path): \(page.status)")
                }
                for path in ["/api/v1/inspections/\(id)", "/api/v1/inspections/\(id)/figures", "/api/v1/inspections/\(id)/judgements"] {
                    let page = try await visitor.get(path)
                    #expect(page.status == .notFound, "\(path): \(page.status)")
                    let error = (try jsonObject(page.body) as! [String: Any])["error"] as! [String: Any]
                    #expect(error["status"] as? Int == 404 && error["code"] as? String == "not-found" && error["message"] is String)
                }
            }
            // Its own provider sees its draft report; another provider's user would get 404 (matrix).
            let provider = Browser(app)
            #expect(try await provider.signIn("provider@demo.test", password: DemoSeeder.password).status == .seeOther)
            let thamesValley = demo.unpublished.first { $0.state == .dataRequested }!
            let draft = try await provider.get("/inspections/\(thamesValley.id!)/report")
            #expect(draft.status == .ok && draft.body.contains("Not published"))
            #expect(!draft.body.contains("/cases?"), "providers cannot drill into cases")
        }
    }

    @Test("public figures are kept between requests, yet follow a publication or withdrawal at once", arguments: TestDatabases.all)
    func keptFiguresFollowPublication(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let demo = try await DemoWorld.seed(app)
            let visitor = Browser(app)
            let id = demo.published.id!.uuidString.lowercased()
            func shown() async throws -> (annual: String, ratings: String) {
                (try await visitor.get("/annual/2019-20").body, try await visitor.get("/ratings.json").body.lowercased())
            }
            var (annual, ratings) = try await shown()
            #expect(annual.contains("From the 14 inspections of 2019/20") && ratings.contains(id))
            // The summary sentence counts every CRC inspected, including Hampshire's with no overall rating.
            #expect(annual.contains("10 CRCs: 3 Good, 6 Requires improvement, 1 with no overall rating."))
            demo.published.state = .qualityAssurance
            try await demo.published.save(on: app.db)
            (annual, ratings) = try await shown()
            #expect(annual.contains("From the 13 inspections of 2019/20") && !ratings.contains(id), "a withdrawn report is gone at once")
            demo.published.state = .published
            try await demo.published.save(on: app.db)
            (annual, ratings) = try await shown()
            #expect(annual.contains("From the 14 inspections of 2019/20") && ratings.contains(id))
        }
    }

    @Test("staff drill from a percentage to its cases; the public cannot", arguments: [AppConfiguration.Database.sqliteInMemory])
    func drillDown(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let demo = try await DemoWorld.seed(app)
            let id = demo.published.id!
            let anonymous = try await Browser(app).get("/inspections/\(id)/report")
            #expect(!anonymous.body.contains("/cases?"))
            #expect(try await Browser(app).get("/inspections/\(id)/cases?question=2.2.3&rosh=low").status == .seeOther)

            let inspector = Browser(app)
            _ = try await inspector.signIn("inspector@demo.test", password: DemoSeeder.password)
            let report = try await inspector.get("/inspections/\(id)/report")
            let link = try #require(report.body.range(of: "href=\"/inspections/\(id.uuidString)/cases?question=2.2.3&amp;rosh=medium\""))
            let figure = report.body[link.upperBound...].prefix(400)
            let counts = try #require(figure.firstMatch(of: /<span class="count">(\d+) of (\d+)<\/span>/))
            let list = try await inspector.get("/inspections/\(id)/cases?question=2.2.3&rosh=medium")
            #expect(list.status == .ok)
            #expect(list.body.contains("Together they give \(counts.1) of \(counts.2)"))
            #expect(list.body.components(separatedBy: "/cases/").count - 1 == Int(counts.2)!, "one row per case behind the figure")
            #expect(try await inspector.get("/inspections/\(id)/cases?rosh=extreme").status == .badRequest)
        }
    }

    @Test("admins issue and revoke bearer tokens; the API's working data needs one", arguments: TestDatabases.all)
    func tokens(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let demo = try await DemoWorld.seed(app)
            let admin = Browser(app)
            _ = try await admin.signIn("admin@demo.test", password: DemoSeeder.password)
            try await admin.get("/admin/tokens")
            let analyst = try await UserModel.query(on: app.db).filter(\.$email == "analyst@demo.test").first()!
            let missing = try await admin.post("/admin/tokens", [("name", ""), ("user", "")])
            #expect(missing.status == .unprocessableEntity && missing.body.contains("href=\"#name\"") && missing.body.contains("href=\"#user\""))
            #expect(try await APITokenModel.query(on: app.db).count() == 0)
            let noExpiry = try await admin.post("/admin/tokens", [("name", "Forever"), ("user", analyst.id!.uuidString), ("days", "36500")])
            #expect(noExpiry.status == .unprocessableEntity && noExpiry.body.contains("href=\"#days\""))
            let issued = try await admin.post("/admin/tokens", [("name", "Analysts' dashboard"), ("user", analyst.id!.uuidString), ("days", "90")])
            #expect(issued.status == .created)
            let token = try #require(issued.body.firstMatch(of: /id="new-token">(insp_[A-Za-z0-9_-]+)</).map { String($0.1) })
            // Only the hash is stored.
            let stored = try await APITokenModel.query(on: app.db).first()!
            #expect(stored.tokenHash != token && stored.tokenHash == APITokens.hash(token))

            let fieldwork = demo.fieldwork.id!
            func get(_ path: String, bearer: String?) async throws -> Browser.Page {
                try await Browser(app).request(.GET, path, headers: bearer.map { ["Authorization": "Bearer \($0)"] } ?? [:])
            }
            let judgements = try await get("/api/v1/inspections/\(fieldwork)/judgements", bearer: token)
            #expect(judgements.status == .ok)
            let answers = try await CaseAnswerModel.query(on: app.db).join(SampledCaseModel.self, on: \CaseAnswerModel.$sampledCaseID == \SampledCaseModel.$id)
                .filter(SampledCaseModel.self, \.$inspectionID == fieldwork).count()
            #expect(((try jsonObject(judgements.body) as! [String: Any])["judgements"] as! [Any]).count == answers)
            let listed = try await get("/api/v1/inspections", bearer: token).body
            #expect(listed.contains(fieldwork.uuidString.lowercased()))
            #expect(!(try await get("/api/v1/inspections", bearer: nil).body.contains(fieldwork.uuidString.lowercased())))

            let anonymous = try await get("/api/v1/inspections/\(demo.published.id!)/judgements", bearer: nil)
            #expect(anonymous.status == .unauthorized && anonymous.headers.first(name: "WWW-Authenticate") == "Bearer")
            let bogus = try await get("/api/v1/ratings", bearer: "insp_not-a-token")
            #expect(bogus.status == .unauthorized)
            let error = (try jsonObject(bogus.body) as! [String: Any])["error"] as! [String: Any]
            #expect(error["status"] as? Int == 401 && error["code"] as? String == "unauthorized")

            // A token lasts as long as chosen; an expired one is refused like a revoked one.
            #expect(abs(stored.expiresAt!.timeIntervalSinceNow - 90 * 86_400) < 600)
            stored.expiresAt = Date().addingTimeInterval(-1)
            try await stored.save(on: app.db)
            #expect(try await get("/api/v1/inspections/\(fieldwork)/judgements", bearer: token).status == .unauthorized)
            stored.expiresAt = Date().addingTimeInterval(3_600)
            try await stored.save(on: app.db)
            // A deactivated user's token stops working with their account.
            analyst.deactivatedAt = Date()
            try await analyst.save(on: app.db)
            #expect(try await get("/api/v1/inspections/\(fieldwork)/judgements", bearer: token).status == .unauthorized)
            analyst.deactivatedAt = nil
            try await analyst.save(on: app.db)
            #expect(try await get("/api/v1/inspections/\(fieldwork)/judgements", bearer: token).status == .ok)
            // Revoking is confirmed on its own page first.
            let confirm = try await admin.get("/admin/tokens/\(stored.id!)/revoke")
            #expect(confirm.status == .ok && confirm.body.contains("cannot be undone") && confirm.body.contains("Revoke token"))
            #expect(try await get("/api/v1/inspections/\(fieldwork)/judgements", bearer: token).status == .ok)
            #expect(try await admin.post("/admin/tokens/\(stored.id!)/revoke", []).status == .seeOther)
            #expect(try await get("/api/v1/inspections/\(fieldwork)/judgements", bearer: token).status == .unauthorized)
            // Issued and revoked, and each successful use recorded (a refused one never got a user).
            let audit = try await AuditEventModel.query(on: app.db).filter(\.$entityType == "api-token").all()
            #expect(audit.filter { $0.action != .view }.count == 2)
            #expect(audit.filter { $0.action == .view }.count >= 3)
        }
    }

    @Test("the lead writes key findings and recommendations; they are published with the report", arguments: [AppConfiguration.Database.sqliteInMemory])
    func reportText(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let demo = try await DemoWorld.seed(app)
            let lead = Browser(app)
            _ = try await lead.signIn("lead@demo.test", password: DemoSeeder.password)
            let id = demo.fieldwork.id!
            try await lead.get("/inspections/\(id)/report/edit")
            let tooLong = try await lead.post("/inspections/\(id)/report/edit", [("keyFindings", String(repeating: "x", count: 10_001))])
            #expect(tooLong.status == .unprocessableEntity && tooLong.body.contains("href=\"#keyFindings\""))
            let saved = try await lead.post("/inspections/\(id)/report/edit", [("keyFindings", "Staff know their cases.\nRisk <b>is</b> under-assessed.")])
            #expect(saved.status == .seeOther)
            try await lead.get("/inspections/\(id)/recommendations")
            let unaddressed = try await lead.post("/inspections/\(id)/recommendations", [("text", "Train staff."), ("addressee", "")])
            #expect(unaddressed.status == .unprocessableEntity && unaddressed.body.contains("href=\"#addressee\""))
            #expect(
                try await lead.post("/inspections/\(id)/recommendations", [("text", "Train <b>staff</b>."), ("addressee", "provider")]).status == .seeOther)
            #expect(try await lead.post("/inspections/\(id)/recommendations", [("text", "Fund training."), ("addressee", "hmpps")]).status == .seeOther)
            let report = try await lead.get("/inspections/\(id)/report")
            #expect(report.body.contains("<p>Risk &lt;b&gt;is&lt;/b&gt; under-assessed.</p>"))
            #expect(report.body.contains("Train &lt;b&gt;staff&lt;/b&gt;."))
            #expect(report.body.contains("For HM Prison and Probation Service."))
            #expect(try await lead.get("/inspections/\(demo.published.id!)/report/edit").status == .conflict)
            // The published demo reports carry words that agree with their ratings.
            let published = try await Browser(app).get("/inspections/\(demo.published.id!)/report").body
            #expect(published.contains("Durham Tees Valley CRC is rated"))
        }
    }
}

@Suite("A report as a PDF")
struct ReportPDFTests {
    @Test("the PDF is the public page, standing alone, opening on a cover with the provider, year, overall rating and framework version")
    func printsThePublicPageWithACover() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        // A stand-in browser that "prints" the page it is given, so the page itself can be read.
        let browser = try scratch.write("chromium", PDFPrinterTests.recordingBrowser)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: browser)
        var configuration = AppConfiguration.testing(.sqliteInMemory)
        configuration.chromiumPath = browser
        try await withApp(configuration) { app in
            let demo = try await DemoWorld.seed(app)
            let id = demo.published.id!
            let visitor = Browser(app)
            let page = try await visitor.get("/inspections/\(id)/report", accept: ErrorPageTests.browserAccept)
            #expect(page.body.contains("<a href=\"/inspections/\(id)/report.pdf\" download>Download this report as a PDF</a>"))
            #expect(page.body.contains("<button type=\"button\" class=\"button button--secondary\" data-print hidden>Print this report</button>"))

            let pdf = try await visitor.get("/inspections/\(id)/report.pdf", accept: ErrorPageTests.browserAccept)
            #expect(pdf.status == .ok && pdf.headers.contentType == HTTPMediaType(type: "application", subType: "pdf"))
            #expect(pdf.headers.first(name: .contentDisposition) == "attachment; filename=\"durham-tees-valley-2019-20-report.pdf\"")
            let printed = pdf.body
            #expect(printed.hasPrefix("%PDF"))
            #expect(
                printed.contains("<dt>Provider</dt><dd>Durham Tees Valley CRC (Community Rehabilitation Company, North East)</dd>"), "\(printed.prefix(3000))")
            #expect(printed.contains("<dt>Inspection year</dt><dd>2019/20</dd>"))
            #expect(printed.contains("<dt>Overall rating</dt><dd>Requires improvement</dd>"))
            #expect(printed.contains("version probation-2018-crc</dd>"))
            // It stands alone: styles inline (the print rules with them), no script, no one signed in.
            #expect(
                printed.contains("<style>") && printed.contains("@media print") && !printed.contains("<script") && !printed.contains("<link rel=\"stylesheet\"")
            )
            #expect(!printed.contains("Sign out") && !printed.contains("name=\"_csrf\""))
        }
    }

    @Test("without Chromium, the PDF link says so in a page a person can act on, and JSON for a script")
    func withoutChromium() async throws {
        var configuration = AppConfiguration.testing(.sqliteInMemory)
        configuration.chromiumPath = "/no/such/chromium"
        try await withApp(configuration) { app in
            let demo = try await DemoWorld.seed(app)
            let visitor = Browser(app)
            let page = try await visitor.get("/inspections/\(demo.published.id!)/report.pdf", accept: ErrorPageTests.browserAccept)
            #expect(page.status == .serviceUnavailable && page.headers.contentType == .html)
            #expect(page.body.contains("Chromium is not installed") && page.body.contains("Print this report"))
            let script = try await visitor.get("/inspections/\(demo.published.id!)/report.pdf", accept: "application/json")
            #expect(script.status == .serviceUnavailable && script.body.contains("\"status\":503"))
        }
    }
}
