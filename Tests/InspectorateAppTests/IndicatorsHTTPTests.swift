import Fluent
import Foundation
import InspectionKit
import Testing
import Vapor

@testable import InspectorateApp

/// `GET /api/v1/providers/<code>/indicators`, on each database.
@Suite("Monitoring indicators over HTTP")
struct IndicatorsHTTPTests {
    @Test("a real decline raises an alert and a noisy dip does not; a provider reads only its own; the numbers are the core's", arguments: TestDatabases.all)
    func indicators(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let world = try await Fixtures.world(app)
            let (q1, q2) = (Quarter(parsing: "2024-Q1")!, Quarter(parsing: "2024-Q2")!)
            func submit(_ provider: UUID, _ period: Quarter, faceToFace: (Int, Int)) async throws {
                try await DataReturns.submit(
                    provider: provider, period: period,
                    read: .init(
                        caseloadRows: faceToFace.1, workforceRows: nil,
                        points: ["face-to-face-contact": IndicatorPoint(period: period, numerator: faceToFace.0, denominator: faceToFace.1)]),
                    by: Auditor(user: nil, ip: nil, userAgent: "test"), on: app.db)
            }
            // Alpha falls from 80% to 55% of 100 cases: real. Beta dips from 14 to 11 of 20: noise.
            try await submit(world.providerA, q1, faceToFace: (80, 100))
            try await submit(world.providerA, q2, faceToFace: (55, 100))
            try await submit(world.providerB, q1, faceToFace: (14, 20))
            try await submit(world.providerB, q2, faceToFace: (11, 20))
            let lead = Browser(app), providerA = Browser(app), anonymous = Browser(app)
            #expect(try await lead.signIn("lead@test.example").status == .seeOther)
            #expect(try await providerA.signIn("provider-a@test.example").status == .seeOther)

            func indicator(_ browser: Browser, _ code: String) async throws -> [String: Any] {
                let page = try await browser.get("/api/v1/providers/\(code)/indicators")
                #expect(page.status == .ok, "\(code): \(page.status)")
                let json = try #require(try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? [String: Any])
                let indicators = try #require(json["indicators"] as? [[String: Any]])
                #expect(indicators.map { $0["id"] as? String } == Indicator.standard.map(\.id))
                return try #require(indicators.first { $0["id"] as? String == "face-to-face-contact" })
            }
            let alpha = try await indicator(lead, "crc-a")
            let points = try #require(alpha["points"] as? [[String: Any]])
            let core = IndicatorPoint(period: q2, numerator: 55, denominator: 100).proportion()
            #expect(points.map { $0["period"] as? String } == ["2024-Q1", "2024-Q2"])
            #expect(points[1]["numerator"] as? Int == 55 && points[1]["denominator"] as? Int == 100 && points[1]["percent"] as? Double == 55)
            #expect(points[1]["ci_low"] as? Double == (core.interval!.lowerPercent * 10).rounded() / 10)
            #expect(points[1]["ci_high"] as? Double == (core.interval!.upperPercent * 10).rounded() / 10)
            let alert = try #require(alpha["alert"] as? [String: Any])
            let change = ChangeRule.standard.assess(
                from: IndicatorPoint(period: q1, numerator: 80, denominator: 100), to: IndicatorPoint(period: q2, numerator: 55, denominator: 100),
                better: .higher)!
            #expect(alert["from"] as? String == "2024-Q1" && alert["to"] as? String == "2024-Q2" && alert["difference"] as? Double == -25)
            #expect(alert["ci_low"] as? Double == (change.difference.lower * 1000).rounded() / 10)
            #expect(alert["ci_high"] as? Double == (change.difference.upper * 1000).rounded() / 10)
            #expect(try await indicator(lead, "crc-b")["alert"] is NSNull)

            // The provider reads its own; another provider's is refused; nobody signed in is asked to. Each read served is audited.
            #expect(try await indicator(providerA, "crc-a")["alert"] is [String: Any])
            #expect(try await providerA.get("/api/v1/providers/crc-b/indicators").status == .forbidden)
            #expect(try await anonymous.get("/api/v1/providers/crc-a/indicators").status == .unauthorized)
            #expect(try await lead.get("/api/v1/providers/nobody/indicators").status == .notFound)
            #expect(try await lead.get("/api/v1/providers/%3Cscript%3E/indicators").status == .notFound)
            #expect(try await AuditEventModel.query(on: app.db).filter(\.$entityType == "indicators").count() == 3)

            // The monitoring pages say the same in words: Alpha's alert first, Beta's dip called noise.
            let overview = try await lead.get("/monitoring").body
            #expect(overview.contains("<a href=\"/monitoring/crc-a\">Alpha CRC</a>: latest contact face to face, \u{2212}25.0 points ("))
            #expect(!overview.contains("<a href=\"/monitoring/crc-b\">Beta CRC</a>: "))
            let table = try #require(overview.range(of: "Each indicator&#39;s latest figure, by provider</caption>")).upperBound
            let alphaRow = try #require(overview.range(of: "Alpha CRC</a>", range: table..<overview.endIndex))
            let betaRow = try #require(overview.range(of: "Beta CRC</a>", range: table..<overview.endIndex))
            #expect(alphaRow.lowerBound < betaRow.lowerBound, "providers with alerts come first")
            #expect(overview.contains("at 95% confidence, excludes zero and the move is at least 5 percentage points"))
            let beta = try await lead.get("/monitoring/crc-b").body
            #expect(beta.contains("not a real change") && !beta.contains("Alert:"))
            #expect(beta.contains("<span class=\"figure\">55.0%</span>") && beta.contains("11 of 20"))
            let alphaPage = try await providerA.get("/monitoring/crc-a")
            #expect(alphaPage.status == .ok && alphaPage.body.contains("Alert: latest contact face to face \u{2212}25.0 points"))
            let own = try await providerA.get("/monitoring").body
            #expect(own.contains("Alpha CRC") && !own.contains("Beta CRC"))
            #expect(try await providerA.get("/monitoring/crc-b").status == .forbidden)
            #expect(try await lead.get("/monitoring/nobody").status == .notFound)

            // Planning the next inspection, its overview starts from the latest return and its alert.
            let planned = try await planCRCInspection(lead, world, year: "2025/26")
            let overviewPage = try await lead.get("/inspections/\(planned)").body
            #expect(overviewPage.contains("Between inspections") && overviewPage.contains("rather than asking the provider for them again"))
            #expect(overviewPage.contains("Alert: latest contact face to face \u{2212}25.0 points"))
            #expect(overviewPage.contains("April to June 2024") && overviewPage.contains("55 of 100") && overviewPage.contains("worse: a real change"))
            #expect(try await providerA.get("/inspections/\(planned)").body.contains("Alert: latest contact face to face"))
        }
    }

    @Test(
        "a return sent through the form is checked whole, recorded as the core counts it, and refused with nothing kept when anything is wrong",
        arguments: TestDatabases.all)
    func returnForm(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let world = try await Fixtures.world(app)
            let caseload = Array(DeliveryHTTPTests.caseload.utf8), workforce = Array(Fixtures.workforce.utf8)
            let badWorkforce = Array("team,grade,staff_in_post,vacancies,average_caseload,workload_tool_percent\nN,ACO,1,1,1,1\n".utf8)
            let providerA = Browser(app), providerB = Browser(app), lead = Browser(app), inspector = Browser(app), anonymous = Browser(app)
            for (browser, email) in [(providerA, "provider-a"), (providerB, "provider-b"), (lead, "lead"), (inspector, "inspector")] {
                #expect(try await browser.signIn("\(email)@test.example").status == .seeOther)
            }
            func send(_ browser: Browser, _ code: String = "crc-a", period: String, caseload: [UInt8]?, workforce: [UInt8]? = nil) async throws -> Browser.Page
            {
                try await browser.get("/monitoring/\(code)")
                var files = [(field: "caseload", filename: caseload == nil ? "" : "caseload.csv", bytes: caseload ?? [])]
                if let workforce { files.append((field: "workforce", filename: "bad.csv", bytes: workforce)) }
                return try await browser.postMultipart("/monitoring/\(code)/returns", fields: [("period", period)], files: files)
            }
            func returns() async throws -> Int { try await DataReturnModel.query(on: app.db).count() }

            // Before its first return, the provider finds its own page from the overview, with the form on it.
            #expect(try await providerA.get("/monitoring").body.contains("<a href=\"/monitoring/crc-a\">Alpha CRC</a>"))
            #expect(try await providerA.get("/monitoring/crc-a").body.contains("Send a quarterly return"))
            #expect(try await !inspector.get("/monitoring/crc-a").body.contains("Send a quarterly return"))

            // Every refusal re-shows the form with the reason beside its field, and keeps nothing.
            let refusals: [(period: String, caseload: [UInt8]?, workforce: [UInt8]?, message: String)] = [
                ("", caseload, nil, "Enter the quarter, for example 2024-Q4"),
                ("2019-Q5", caseload, nil, "Write the quarter as YYYY-Qn, for example 2024-Q4"),
                ("2099-Q1", caseload, nil, "January to March 2099 has not ended yet"),
                ("2019-Q3", nil, nil, "Choose the caseload CSV file"),
                ("2019-Q3", caseload, badWorkforce, "bad.csv:2:2: column &quot;grade&quot;, value &quot;ACO&quot;"),
                ("2019-Q3", Array("case_ref\nC1\n".utf8), nil, "caseload.csv:1"),
            ]
            for refusal in refusals {
                let page = try await send(providerA, period: refusal.period, caseload: refusal.caseload, workforce: refusal.workforce)
                #expect(page.status == .unprocessableEntity && page.body.contains(refusal.message), "\(refusal.message): \(page.status)")
                #expect(page.body.contains("There is a problem") && page.body.contains("Send a quarterly return"))
            }
            #expect(try await send(providerA, period: "2019-Q3", caseload: caseload, workforce: badWorkforce).body.contains("value=\"2019-Q3\""))
            #expect(try await returns() == 0)

            // Who may send: the provider's own users and leads; not another provider, not an inspector, not anyone signed out.
            #expect(try await send(providerB, period: "2019-Q3", caseload: caseload).status == .forbidden)
            #expect(try await send(inspector, period: "2019-Q3", caseload: caseload).status == .forbidden)
            let signedOut = try await anonymous.postMultipart(
                "/monitoring/crc-a/returns", fields: [("period", "2019-Q3")], files: [("caseload", "c.csv", caseload)])
            #expect([.forbidden, .unauthorized, .seeOther].contains(signedOut.status))
            // A form without its token, a body that is not a form upload, and one too large are refused before any rule.
            providerA.csrf = "forged"
            #expect(
                try await providerA.postMultipart("/monitoring/crc-a/returns", fields: [("period", "2019-Q3")], files: [("caseload", "c.csv", caseload)]).status
                    == .forbidden)
            try await providerA.get("/monitoring/crc-a")
            #expect(try await providerA.post("/monitoring/crc-a/returns", [("period", "2019-Q3")]).status == .unsupportedMediaType)
            let huge = [UInt8](repeating: UInt8(ascii: "a"), count: BodyLimits.dataReturn + 1)
            #expect(try await send(providerA, period: "2019-Q3", caseload: huge).status == .payloadTooLarge)
            #expect(try await returns() == 0)

            // Sent properly: recorded, said in words, and stored exactly as the core counts the same files.
            let sent = try await send(providerA, period: " 2019-Q3 ", caseload: caseload, workforce: workforce)
            #expect(sent.status == .seeOther && sent.location == "/monitoring/crc-a")
            #expect(
                try await providerA.get("/monitoring/crc-a").body.contains(
                    "Recorded Alpha CRC&#39;s return for July to September 2019: 10 cases and 3 workforce rows."))
            let quarter = Quarter(parsing: "2019-Q3")!
            let core = try QuarterlyReturn.read(period: quarter, caseload: (caseload, "c.csv"), workforce: (workforce, "w.csv"), today: ProviderData.today)
            let stored = try await DataReturns.series(
                of: try #require(try await ProviderModel.find(world.providerA, on: app.db)), frameworks: app.frameworks, on: app.db)
            #expect(stored.allSatisfy { $0.points == (core.points[$0.indicator.id].map { [$0] } ?? []) })
            #expect(core.points.count == 5)
            // A lead sends one for another provider; the audit names the sender.
            // Its caseload leaves one RoSH level blank, which a return may (an inspection's extract may not).
            let gap = Array(
                DeliveryHTTPTests.caseload.replacingOccurrences(of: "C1,community order,2018-01-10,low,", with: "C1,community order,2018-01-10,,").utf8)
            #expect(gap != caseload)
            #expect(try await send(lead, "crc-b", period: "2019-Q4", caseload: gap).status == .seeOther)
            #expect(try await DataReturns.periods(provider: world.providerB, on: app.db) == [Quarter(parsing: "2019-Q4")!])
            let crcB = try #require(try await ProviderModel.find(world.providerB, on: app.db))
            let recorded = try await DataReturns.series(of: crcB, frameworks: app.frameworks, on: app.db).first { $0.indicator == .roshRecorded }
            #expect(recorded?.points == [IndicatorPoint(period: Quarter(parsing: "2019-Q4")!, numerator: 9, denominator: 10)])
            let audit = try await AuditEventModel.query(on: app.db).filter(\.$entityType == "data-return").all()
            #expect(Set(audit.compactMap(\.userID)) == [world.users["provider-a@test.example"]!, world.users["lead@test.example"]!])
        }
    }

    @Test(
        "a PDU's return counts the indicator its frameworks declare, and the API gives the core's figure; a CRC's does not have it",
        arguments: TestDatabases.all)
    func declaredIndicator(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let world = try await Fixtures.world(app)
            let pdu = ProviderModel(code: "pdu-test", name: "Test PDU", type: .pdu, region: "Wales")
            try await pdu.create(on: app.db)
            let caseload = Array(Fixtures.caseload(rows: 60).utf8)
            let lead = Browser(app)
            #expect(try await lead.signIn("lead@test.example").status == .seeOther)
            for code in ["pdu-test", "crc-a"] {
                try await lead.get("/monitoring/\(code)")
                let sent = try await lead.postMultipart(
                    "/monitoring/\(code)/returns", fields: [("period", "2024-Q1")], files: [("caseload", "c.csv", caseload)])
                #expect(sent.status == .seeOther, "\(code): \(sent.body.prefix(300))")
            }
            let declared = try #require(app.frameworks.indicators(for: .pdu).first { $0.id == "high-rosh-held-by-po" })
            let core = try QuarterlyReturn.read(
                period: Quarter(year: 2024, number: 1)!, caseload: (caseload, "c.csv"), workforce: nil, today: ProviderData.today, declared: [declared])
            let expected = try #require(core.points[declared.id])
            #expect(expected.denominator > 0)
            func indicators(_ code: String) async throws -> [[String: Any]] {
                let page = try await lead.get("/api/v1/providers/\(code)/indicators")
                let json = try #require(try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as? [String: Any])
                return try #require(json["indicators"] as? [[String: Any]])
            }
            let pduIndicators = try await indicators("pdu-test")
            let line = try #require(pduIndicators.first { $0["id"] as? String == declared.id })
            let point = try #require((line["points"] as? [[String: Any]])?.first)
            #expect(point["numerator"] as? Int == expected.numerator && point["denominator"] as? Int == expected.denominator)
            #expect(try await !indicators("crc-a").contains { $0["id"] as? String == declared.id })
            #expect(try await lead.get("/monitoring/pdu-test").body.contains("High and very high RoSH cases held by a probation officer"))
            _ = world
        }
    }
}
