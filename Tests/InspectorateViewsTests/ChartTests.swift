import Foundation
import InspectionKit
import Testing

@testable import InspectorateViews

@Suite("Charts")
struct ChartTests {
    @Test("a rating chart is an accessible image with a bar segment per rating given, and no external anything")
    func ratingBars() {
        let svg = Charts.ratingBars(
            id: "mix", title: "Ratings <by> standard", description: "Stacked bars.",
            bars: [
                .init(label: "1.1 Leadership & vision", counts: [(.outstanding, 0), (.good, 3), (.requiresImprovement, 18), (.inadequate, 0)]),
                .init(label: "2.1 Assessment", counts: [(.good, 5), (.requiresImprovement, 10), (.inadequate, 6)]),
            ]
        ).rendered
        #expect(svg.contains("role=\"img\"") && svg.contains("aria-labelledby=\"mix-title mix-desc\""))
        #expect(svg.contains("<title id=\"mix-title\">Ratings &lt;by&gt; standard</title>") && svg.contains("<desc id=\"mix-desc\">Stacked bars.</desc>"))
        #expect(svg.contains("1.1 Leadership &amp; vision"))
        // 2 segments + 3 segments, each with its count in words for hover and in text.
        #expect(svg.components(separatedBy: "<title>").count - 1 == 5)
        #expect(svg.contains("<title>Requires improvement: 18</title>") && svg.contains(">18</text>"))
        // Good is patterned, so it differs from Outstanding without colour.
        #expect(svg.contains("fill=\"url(#mix-good)\"") && svg.contains("<pattern id=\"mix-good\""))
        #expect(!svg.contains("<script") && !svg.contains("href=") && !svg.contains("@font-face") && !svg.contains("url(http"))
    }

    @Test("a percentage chart draws each interval and writes each value, and says when there are no cases")
    func percentBars() {
        let svg = Charts.percentBars(
            id: "p", title: "Checks", description: "Bars.",
            groups: [
                (
                    heading: "Checks",
                    bars: [
                        .init(label: "Domestic abuse", value: Proportion(count: 13, of: 20)), .init(label: "Home visit", value: Proportion(count: 0, of: 0)),
                    ]
                )
            ]
        ).rendered
        #expect(svg.contains(">Domestic abuse: 65% of 20</text>") && svg.contains(">Home visit: no cases</text>"))
        // 65% of the 476-unit scale, and the interval 43.28–81.89% as a line.
        #expect(svg.contains("width=\"309.4\""))
        #expect(svg.contains("M206.0 64.0H389.8"))
        #expect(svg.contains(">0%</text>") && svg.contains(">100%</text>"))
    }

    @Test("a published table shows each figure with its interval and count, and links cases only when asked")
    func dataTable() {
        let table = DataTable(
            id: "checks", title: "Checks", note: "Framework probation-2018-crc; 20 cases.", columns: [.init("check", "Check"), .init("done", "Done")],
            rows: [[.text("Home visit"), .proportion(Proportion(count: 13, of: 20, cases: CaseFilter(check: .homeVisit)))]])
        let public_ = Components.dataTable(table, links: .init(csv: "/t.csv", json: "/t.json")).rendered
        #expect(public_.contains("65.0%") && public_.contains("(43.3–81.9%)") && public_.contains("13 of 20"))
        #expect(public_.contains("Framework probation-2018-crc; 20 cases.") && public_.contains("href=\"/t.csv\""))
        #expect(!public_.contains("check=home-visit"))
        let staff = Components.dataTable(table, links: .init(cases: { "/cases?" + Components.query($0) })).rendered
        #expect(staff.contains("href=\"/cases?check=home-visit\""))
        #expect(Components.caseFilter(question: nil, any: nil, rosh: nil, check: "home-visit", grade: nil) == CaseFilter(check: .homeVisit))
        #expect(Components.caseFilter(question: nil, any: nil, rosh: "extreme", check: nil, grade: nil) == nil)
    }
}
