import Fluent
import Foundation
import InspectionKit
import Testing
import Vapor

@testable import InspectorateApp

/// The programme page and API, from real rows, on each database.
@Suite("The inspection programme over HTTP")
struct ProgrammeHTTPTests {
    @Test("each service due in a year stands as its inspection says; the days to publication and the API are the core's", arguments: TestDatabases.all)
    func programme(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let world = try await Fixtures.world(app)
            func inspection(_ provider: UUID, _ year: String, _ state: InspectionState, end: String, published: String? = nil) async throws -> UUID {
                let model = InspectionModel()
                model.providerID = provider
                model.frameworkID = "probation-2018-crc"
                model.yearLabel = year
                model.state = state
                model.fieldworkStart = "2019-09-02"
                model.fieldworkEnd = end
                model.leadID = world.users["lead@test.example"]!
                model.isDemo = false
                // Midday UK time, so the day is the same in any time zone the test machine has.
                model.publishedAt = published.map { ISO8601DateFormatter().date(from: "\($0)T12:00:00Z")! }
                try await model.create(on: app.db)
                return model.id!
            }
            // Alpha: published 80 days after fieldwork (20 September to 9 December 2019); Beta: in fieldwork.
            let alpha = try await inspection(world.providerA, "2019/20", .published, end: "2019-09-20", published: "2019-12-09")
            let beta = try await inspection(world.providerB, "2019/20", .fieldwork, end: "2019-10-04")
            // Alpha's 2018/19 report took 41 days.
            _ = try await inspection(world.providerA, "2018/19", .published, end: "2018-10-01", published: "2018-11-11")

            let visitor = Browser(app)
            let page = try await visitor.get("/programme?year=2019-20")
            #expect(page.status == .ok)
            #expect(page.body.contains("<h1 class=\"heading-l\">Inspection programme 2019/20</h1>"))
            // 2019/20 has ended (today is later), so Beta, still in fieldwork, is overdue; Alpha is published.
            #expect(page.body.contains("<a href=\"/inspections/\(alpha.uuidString)/report\">Alpha CRC</a>"))
            #expect(page.body.contains("Beta CRC") && page.body.contains(">Overdue<") && page.body.contains(">Published<"))
            #expect(!page.body.contains(beta.uuidString))
            // The regions are not due before 2021/22, so they are not listed in 2019/20.
            #expect(!page.body.contains("Probation region"))
            #expect(
                page.body.contains("<th scope=\"row\">2019/20</th><td class=\"numeric\">1</td><td class=\"numeric\">80</td><td class=\"numeric\">80–80</td>"))
            #expect(page.body.contains("<th scope=\"row\">2018/19</th><td class=\"numeric\">1</td><td class=\"numeric\">41</td>"))
            // A year that is not one is refused in words.
            let bad = try await visitor.get("/programme?year=2019-21")
            #expect(bad.status == .badRequest && bad.body.contains("That is not an inspection year"))

            // The API gives the same as the core computes from the same rows.
            let core = try await InspectionData.programme(
                year: InspectionYear(parsing: "2019/20")!, today: ProviderData.today, time: app.timeInWords, on: app.db
            ).programme
            let json = try JSONSerialization.jsonObject(with: Data(try await visitor.get("/api/v1/programme?year=2019/20").body.utf8)) as! [String: Any]
            let services = json["services"] as! [[String: Any]]
            #expect(services.map { $0["code"] as! String } == core.lines.map(\.service.code))
            #expect(services.map { $0["status"] as! String } == core.lines.map(\.status.rawValue))
            #expect(services.first { $0["code"] as? String == "crc-b" }?["inspection"] is NSNull, "an unpublished inspection's id is not given")
            let published = json["published"] as! [[String: Any]]
            #expect(published.count == 1 && published[0]["days"] as? Int == 80 && published[0]["published_on"] as? String == "2019-12-09")
            let timeliness = json["timeliness"] as! [[String: Any]]
            #expect(timeliness.map { $0["median_days"] as? Double } == core.timeliness.map(\.median))
            #expect(timeliness.map { $0["year"] as? String } == ["2018/19", "2019/20"])
        }
    }
}
