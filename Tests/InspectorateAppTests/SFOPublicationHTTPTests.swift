import Fluent
import Foundation
import InspectionKit
import Testing
import Vapor
import VaporTesting

@testable import InspectorateApp

@Suite("SFO annual summary, published")
struct SFOPublicationHTTPTests {
    static func date(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

    /// 30 reviews in 2019/20: 12 murders, 3 manslaughters and 15 other offences, the first of
    /// each ten sampled (so 3 sampled), and two in 2018/19.
    static func reviews() -> [SFOReview] {
        let current = (0..<30).map { index in
            SFOReview(
                reference: "REF-LEAK-\(index)", provider: "crc-a", providerType: .crc,
                category: index < 12 ? .murder : index < 15 ? .manslaughter : .otherSeriousViolentOrSexual,
                roshBefore: index.isMultiple(of: 2) ? .medium : .high, mappaLevelBefore: nil, notified: date("2019-06-01").adding(days: index),
                submitted: date("2019-09-01"), centralQACompleted: date("2019-10-01"), otherAgenciesInvolved: index == 0,
                victimOrFamilyAsked: index == 10, sampled: index.isMultiple(of: 10), overall: index == 0 ? .good : index == 10 ? .inadequate : nil)
        }
        let previous = (0..<2).map { index in
            SFOReview(
                reference: "REF-LEAK-P\(index)", provider: "crc-a", providerType: .crc, category: .rape, roshBefore: .low, mappaLevelBefore: nil,
                notified: date("2018-06-01"), submitted: date("2018-08-01"), otherAgenciesInvolved: false)
        }
        return current + previous
    }

    @Test(
        "a quality lead publishes a year once every sampled review is rated; anyone then reads it, frozen, with small figures withheld and no review in sight",
        arguments: TestDatabases.all)
    func publishAndReadAnonymously(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let world = try await Fixtures.world(app)
            let qualityID = world.users["quality@test.example"]!
            try await SFOReviews.load(
                Self.reviews(), providers: ["crc-a": world.providerA], sampleSeed: 1, ratedBy: qualityID, at: Date(),
                rationale: { rating, standard in "SECRET-RATIONALE \(rating.slug) \(standard)" }, on: app.db)
            let anonymous = Browser(app)
            for path in ["/sfo-summaries/2019-20", "/api/v1/sfo/years/2019-20", "/sfo-summaries/2019-20/tables/sfo-summary.csv"] {
                #expect(try await anonymous.get(path).status == .notFound, "\(path) before publication")
            }
            #expect(try await anonymous.get("/sfo-summaries").body.contains("No summary has been published yet"))

            let quality = Browser(app), inspector = Browser(app)
            _ = try await quality.signIn("quality@test.example")
            _ = try await inspector.signIn("inspector@test.example")
            try await inspector.get("/sfo/years/2019-20")
            #expect(try await inspector.post("/sfo/years/2019-20/publish", []).status == .forbidden)
            // REF-LEAK-20 is sampled but not rated: refused, and nothing published.
            let page = try await quality.get("/sfo/years/2019-20")
            #expect(page.body.contains("Publish the 2019/20 summary"))
            let early = try await quality.post("/sfo/years/2019-20/publish", [])
            #expect(early.status == .conflict && early.body.contains("1 sampled review is not rated yet"))
            #expect(try await SFOPublicationModel.query(on: app.db).count() == 0)
            #expect(try await quality.post("/sfo/years/2021-22/publish", []).status == .conflict)

            let unrated = try await SFOReviewModel.query(on: app.db).filter(\.$reference == "REF-LEAK-20").first()!
            unrated.overallRating = .requiresImprovement
            try await unrated.save(on: app.db)
            let published = try await quality.post("/sfo/years/2019-20/publish", [])
            #expect(published.status == .seeOther && published.headers.first(name: .location) == "/sfo-summaries/2019-20")
            #expect(try await quality.post("/sfo/years/2019-20/publish", []).status == .conflict)
            #expect(try await SFOPublicationModel.query(on: app.db).count() == 1)
            #expect(try await AuditEventModel.query(on: app.db).filter(\.$entityType == "sfo-publication").count() == 1)

            // Anyone reads the page, every table as CSV and JSON, and the API.
            let summary = try await anonymous.get("/sfo-summaries/2019-20")
            #expect(summary.status == .ok && summary.body.contains("Annual summary 2019/20"))
            #expect(try await anonymous.get("/sfo-summaries").body.contains("href=\"/sfo-summaries/2019-20\""))
            var everything = summary.body
            for table in ["sfo-summary", "sfo-by-offence", "sfo-by-provider-type", "sfo-by-risk"] {
                for format in ["csv", "json"] {
                    let download = try await anonymous.get("/sfo-summaries/2019-20/tables/\(table).\(format)")
                    #expect(download.status == .ok, "\(table).\(format)")
                    everything += download.body
                }
            }
            let api = try await anonymous.get("/api/v1/sfo/years/2019-20")
            #expect(api.status == .ok)
            everything += api.body
            // Nothing about an individual review: no reference, service, rationale or date.
            for secret in ["REF-LEAK", "Alpha CRC", "crc-a", "SECRET-RATIONALE", "2019-06-0", "2019-09-01"] {
                #expect(!everything.contains(secret), "\(secret) leaked")
            }

            let json = try JSONSerialization.jsonObject(with: Data(api.body.utf8)) as! [String: Any]
            #expect(json["year"] as? String == "2019/20" && json["previous_year"] as? String == "2018/19")
            let tables = Dictionary(uniqueKeysWithValues: (json["tables"] as! [[String: Any]]).map { ($0["id"] as! String, $0["rows"] as! [[String: Any]]) })
            // By offence: manslaughter's 3 are under five; murder (12) is the smallest other part,
            // withheld so that the 3 cannot be worked out from the 30; and from the homicides.
            let offence = Dictionary(uniqueKeysWithValues: tables["sfo-by-offence"]!.map { ($0["offence"] as! String, $0) })
            #expect(offence["Manslaughter"]?["notified"] as? String == "suppressed")
            #expect(offence["Murder"]?["notified"] as? String == "suppressed")
            #expect(offence["Other serious violent or sexual offence"]?["notified"] as? Int == 15)
            #expect(offence["Rape"]?["notified"] as? Int == 0)
            // Three rated (fewer than five): Good or better is withheld in the summary.
            let rows = Dictionary(uniqueKeysWithValues: tables["sfo-summary"]!.map { ($0["figure"] as! String, $0) })
            #expect(rows["Reviews notified"]?["current"] as? Int == 30 && rows["Reviews notified"]?["previous"] as? Int == 2)
            #expect(rows["Rated Good or better overall"]?["current"] as? String == "suppressed")
            let high = rows["Previously assessed high or very high risk"]?["current"] as? [String: Any]
            #expect(high?["count"] as? Int == 15 && high?["of"] as? Int == 30)

            // A consumer syncing through the changes feed finds the summary; a filter by kind of
            // service leaves it out (it is national), a filter by year keeps it.
            func changes(_ query: String) async throws -> [[String: Any]] {
                let page = try await anonymous.get("/api/v1/changes?\(query)")
                #expect(page.status == .ok, "\(query)")
                return (try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as! [String: Any])["changes"] as! [[String: Any]]
            }
            let sync = try await changes("since=2000-01-01T00:00:00Z")
            #expect(
                sync.contains {
                    $0["kind"] as? String == "sfo-summary-published" && $0["href"] as? String == "/api/v1/sfo/years/2019-20" && $0["provider"] is NSNull
                })
            #expect(try await changes("type=crc").allSatisfy { $0["kind"] as? String == "inspection-published" })
            #expect(try await changes("year=2019-20").contains { $0["kind"] as? String == "sfo-summary-published" })
            #expect(try await changes("year=2018-19").isEmpty)

            // A correction after publication changes the quality leads' page, not the published figures.
            let victim = try await SFOReviewModel.query(on: app.db).filter(\.$reference == "REF-LEAK-2").first()!
            victim.victimAsked = true
            victim.roshBefore = .veryHigh
            try await victim.save(on: app.db)
            #expect(try await anonymous.get("/api/v1/sfo/years/2019-20").body == api.body)
            let staffCSV = try await quality.get("/sfo/years/2019-20/tables/sfo-summary.csv").body
            #expect(staffCSV.contains("Previously assessed high or very high risk,16,30,"))
        }
    }
}
