import Fluent
import Foundation
import InspectionKit
import Testing
import Vapor

@testable import InspectorateApp

/// Every list endpoint pages and filters the same way, on the demo data.
@Suite("Paging and filtering the API's lists")
struct ListPagingHTTPTests {
    @Test("walking next covers every item once; filters agree with the core's published reports; bad parameters are refused", arguments: TestDatabases.all)
    func lists(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            _ = try await DemoWorld.seed(app)
            let visitor = Browser(app)
            func json(_ path: String) async throws -> (object: [String: Any], link: String?) {
                let page = try await visitor.get(path)
                #expect(page.status == .ok, "\(path): \(page.status) \(page.body.prefix(200))")
                return (try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as! [String: Any], page.headers.first(name: "Link"))
            }
            /// Every item of a list, following `next` from its first page.
            func walk(_ start: String, key: String) async throws -> (items: [[String: Any]], pages: Int, total: Int) {
                var items: [[String: Any]] = [], pages = 0, total = 0
                var next: String? = start
                while let path = next, pages < 100 {
                    let (object, link) = try await json(path)
                    let paging = object["paging"] as! [String: Any]
                    items += object[key] as! [[String: Any]]
                    total = paging["total"] as! Int
                    next = paging["next"] as? String
                    if let next { #expect(link?.contains("<\(next)>; rel=\"next\"") == true, "\(path): \(link ?? "no Link")") }
                    pages += 1
                }
                return (items, pages, total)
            }

            // Providers, seven a page: every one once, in as many pages as it takes.
            let all = try await ProviderModel.all(on: app.db)
            let providers = try await walk("/api/v1/providers?per_page=7", key: "providers")
            #expect(providers.total == all.count && providers.items.count == all.count && providers.pages == (all.count + 6) / 7)
            #expect(Set(providers.items.map { $0["code"] as! String }) == Set(all.map(\.code)))
            let second = try await json("/api/v1/providers?per_page=7&page=2").object["paging"] as! [String: Any]
            #expect(second["previous"] as? String == "/api/v1/providers?page=1&per_page=7")

            // Published ratings by type, year and rating, against the core's own list.
            let reports = try await ReportData.published(try Request(application: app, on: app.eventLoopGroup.next()))
            func expected(_ type: ProviderType, _ year: String, _ rating: Rating?) -> Set<String> {
                var ids: Set<String> = []
                for report in reports where report.summary.providerType == type && report.summary.year == year {
                    if let rating, report.rating.overall.rating != rating { continue }
                    ids.insert(report.summary.id)
                }
                return ids
            }
            let crc2019 = try await walk("/api/v1/ratings?type=crc&year=2019-20&per_page=4", key: "inspections")
            #expect(Set(crc2019.items.map { $0["id"] as! String }) == expected(.crc, "2019/20", nil) && crc2019.total == 10)
            let good = try await walk("/api/v1/ratings?type=crc&year=2019/20&rating=good", key: "inspections")
            // The seeds: "three now rated 'Good'" of the CRCs inspected in 2019/20.
            #expect(good.items.count == 3 && Set(good.items.map { $0["id"] as! String }) == expected(.crc, "2019/20", .good))
            // Providers with a 2019/20 rating of Good are those three companies.
            let goodProviders = try await walk("/api/v1/providers?year=2019-20&rating=good&type=crc", key: "providers")
            #expect(goodProviders.items.count == 3)
            // Inspections by region and framework.
            let london = try await walk("/api/v1/inspections?region=london&per_page=3", key: "inspections")
            #expect(!london.items.isEmpty && london.items.allSatisfy { ($0["provider"] as! [String: Any])["region"] as? String == "London" })
            let pdu2021 = try await walk("/api/v1/inspections?framework=probation-2021-pdu", key: "inspections")
            #expect(!pdu2021.items.isEmpty && pdu2021.items.allSatisfy { $0["framework"] as? String == "probation-2021-pdu" })

            // The changes feed pages too, and its pages together are the whole feed: every published
            // report, and the demo's one published SFO summary.
            let feed = try await walk("/api/v1/changes?per_page=10", key: "changes")
            let published = reports.count + 1
            #expect(feed.items.count == published && feed.total == published && Set(feed.items.map { $0["id"] as! String }).count == published)
            #expect(feed.items.filter { $0["kind"] as? String == "sfo-summary-published" }.map { $0["year"] as? String } == ["2019/20"])

            // Each bad parameter is refused on each list, in words.
            for list in ["providers", "inspections", "ratings", "changes"] {
                for (query, words) in [
                    ("page=0", "page must be"), ("per_page=500", "from 1 to 200"), ("type=prison", "type must be one of"),
                    ("rating=ok", "rating must be one of"), ("year=19-20", "inspection year"),
                ] {
                    let page = try await visitor.get("/api/v1/\(list)?\(query)")
                    #expect(page.status == .badRequest && page.body.contains(words), "\(list)?\(query): \(page.status) \(page.body.prefix(120))")
                }
            }
        }
    }
}
