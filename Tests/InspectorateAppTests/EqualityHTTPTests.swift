import Fluent
import Foundation
import InspectionKit
import Testing
import Vapor
import VaporTesting

@testable import InspectorateApp

@Suite("Equality breakdowns over HTTP")
struct EqualityHTTPTests {
    @Test(
        "a published report breaks its key questions down by ethnicity, gender and age band; every small group is withheld, and so is the group that would reveal it",
        arguments: TestDatabases.all)
    func smallCellsAreWithheld(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let demo = try await DemoWorld.seed(app)
            let id = demo.published.id!
            let visitor = Browser(app)
            let page = try await visitor.get("/inspections/\(id)/report")
            #expect(page.status == .ok && page.body.contains("Judgements by ethnicity, gender and age"))

            // The figures before the rule, from the same cases (stored through the caseload
            // import, age bands included), to check what the public copy withheld.
            let context = try await InspectionContext.load(demo.published, on: app.db, frameworks: app.frameworks)
            let cases = try await ReportData.evidence(inspection: id, on: app.db)
            #expect(cases.contains { $0.profile.ageBand != nil } && cases.contains { $0.profile.ethnicity == "Black" })
            var secondary = 0
            for characteristic in EqualityCharacteristic.allCases {
                let name = "equality-\(characteristic.rawValue)"
                let open = EqualityFigures(characteristic, framework: context.framework, cases: cases).table(
                    id: name, title: "", source: "", suppressing: false)
                let download = try await visitor.get("/inspections/\(id)/report/tables/\(name).json")
                #expect(download.status == .ok, "\(name)")
                let json = try JSONSerialization.jsonObject(with: Data(download.body.utf8)) as! [String: Any]
                let rows = json["rows"] as! [[String: Any]]
                let groups = open.columns.dropFirst(3)
                #expect((json["columns"] as! [[String: Any]]).compactMap { $0["title"] as? String }.dropFirst(3).elementsEqual(groups.map(\.title)))
                #expect(rows.count == open.rows.count)
                for (published, row) in zip(rows, open.rows) {
                    var hidden: [Int] = []
                    for (offset, column) in groups.enumerated() {
                        let cell = row[3 + offset]
                        let size: Int =
                            switch cell {
                            case .count(let count): count
                            case .proportion(let proportion?): proportion.of
                            default: 0
                            }
                        let withheld = published[column.key] as? String == "suppressed"
                        // Primary: every figure from 1 to 4 cases is withheld.
                        if size > 0 && size < 5 { #expect(withheld, "\(name) \(row[0]) \(column.title): \(size) cases shown") }
                        if withheld {
                            hidden.append(size)
                            if size >= 5 { secondary += 1 }
                        } else if case .proportion(let proportion?) = cell {
                            // What is shown is the figure itself.
                            let shown = published[column.key] as? [String: Any]
                            #expect(shown?["count"] as? Int == proportion.count && shown?["of"] as? Int == proportion.of)
                        }
                    }
                    // Secondary: what is withheld cannot be worked out from "All cases".
                    if !hidden.isEmpty { #expect(hidden.count >= 2 && hidden.reduce(0, +) >= 5, "\(name) \(row[0]): \(hidden)") }
                    #expect(published["all"] as? String != "suppressed")
                }
                let csv = try await visitor.get("/inspections/\(id)/report/tables/\(name).csv")
                #expect(csv.status == .ok && csv.body.contains("suppressed"), "\(name).csv")
            }
            // Some group of five or more was withheld only to protect a smaller one.
            #expect(secondary > 0)

            // The annual report carries the year's breakdowns, added up per framework.
            let annual = try await visitor.get("/annual/2019-20/tables/equality-ethnicity-probation-2018-crc.json")
            #expect(annual.status == .ok && annual.body.contains("Black"))
        }
    }
}
