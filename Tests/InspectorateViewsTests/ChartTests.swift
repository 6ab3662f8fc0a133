import Foundation
import InspectionKit
import Testing

@testable import InspectorateViews

@Suite("Charts")
struct ChartTests {
    @Test("a rating chart is a figure named by its title; every word is HTML text and the drawings are hidden from screen readers")
    func ratingBars() {
        let chart = Charts.ratingBars(
            id: "mix", title: "Ratings <by> standard", description: "Stacked bars.",
            bars: [
                .init(label: "1.1 Leadership & vision", counts: [(.outstanding, 0), (.good, 3), (.requiresImprovement, 18), (.inadequate, 0)]),
                .init(label: "2.1 Assessment", counts: [(.good, 5), (.requiresImprovement, 10), (.inadequate, 6)]),
            ]
        ).rendered
        #expect(chart.hasPrefix("<figure class=\"chart\" id=\"mix\" aria-labelledby=\"mix-title\">"))
        #expect(chart.contains("<span class=\"visually-hidden\" id=\"mix-title\">Ratings &lt;by&gt; standard</span>Stacked bars.</figcaption>"))
        // Each bar's counts are written out in words, so none is lost when a segment is too narrow.
        #expect(chart.contains("<span class=\"chart__name\">1.1 Leadership &amp; vision</span>: 3 Good, 18 Requires improvement</p>"))
        #expect(chart.contains("<span class=\"chart__name\">2.1 Assessment</span>: 5 Good, 10 Requires improvement, 6 Inadequate</p>"))
        // Five segments; a count is drawn inside its segment only where it would fit on a phone (3 of 21 is 49px there: it does).
        #expect(chart.components(separatedBy: "<rect x=\"").count - 1 == 5 + Rating.allCases.count)
        #expect(chart.contains(">18</text>") && chart.contains(">3</text>"))
        #expect(chart.components(separatedBy: "aria-hidden=\"true\"").count - 1 == chart.components(separatedBy: "<svg").count - 1)
        // Good is patterned, so it differs from Outstanding without colour; the legend says which is which.
        #expect(chart.contains("fill=\"url(#mix-good)\"") && chart.contains("<pattern id=\"mix-good\""))
        #expect(chart.contains("<ul class=\"chart__legend\" aria-label=\"Key\">") && chart.contains("</svg>Requires improvement</li>"))
        #expect(
            !chart.contains("<script") && !chart.contains("href=") && !chart.contains("@font-face") && !chart.contains("url(http") && !chart.contains("style="))
    }

    @Test("a narrow segment leaves its count to the label rather than spill out of its bar")
    func narrowSegment() {
        let chart = Charts.ratingBars(
            id: "n", title: "T", description: "D.", bars: [.init(label: "Wide", counts: [(.good, 1), (.inadequate, 120)])]
        ).rendered
        // 1 of 121 is 3px wide on a phone, too narrow for "1"; 120 fits.
        #expect(!chart.contains(">1</text>") && chart.contains(">120</text>"))
        #expect(chart.contains("Wide</span>: 1 Good, 120 Inadequate"))
    }

    @Test("a percentage chart draws each interval and writes each value with its interval, and says when there are no cases")
    func percentBars() {
        let chart = Charts.percentBars(
            id: "p", title: "Checks", description: "Bars.",
            groups: [
                (
                    heading: "Checks <done>",
                    bars: [
                        .init(label: "Domestic abuse", value: Proportion(count: 13, of: 20)), .init(label: "Home visit", value: Proportion(count: 0, of: 0)),
                    ]
                )
            ]
        ).rendered
        #expect(chart.contains("<p class=\"chart__heading\">Checks &lt;done&gt;</p>"))
        #expect(chart.contains("Domestic abuse</span>: 65% of 20 (likely 43–82%)</p>") && chart.contains("Home visit</span>: no cases</p>"))
        // 65% of the width, and the interval 43.28–81.88% as a line with an end mark at each end.
        #expect(chart.contains("<rect x=\"0\" y=\"0\" width=\"65.00%\""))
        #expect(chart.contains("<line x1=\"43.29%\" y1=\"12.0\" x2=\"81.88%\" y2=\"12.0\""))
        #expect(chart.contains("<line x1=\"81.88%\" y1=\"6.0\" x2=\"81.88%\" y2=\"18.0\""))
        // The axis's line runs along its top; the tick labels sit below the ticks, the ends anchored inwards.
        #expect(chart.contains("text-anchor=\"start\" fill=\"#0b0c0c\" font-weight=\"normal\">0%</text>"))
        #expect(chart.contains("text-anchor=\"end\" fill=\"#0b0c0c\" font-weight=\"normal\">100%</text>"))
    }

    @Test("a change chart writes each change in points with a true minus sign, and its zero line stays inside each bar's drawing")
    func changeBars() {
        let chart = Charts.changeBars(id: "c", title: "Change", description: "D.", bars: [(label: "A", points: -12.5), (label: "B", points: nil)]).rendered
        #expect(chart.contains("A</span>: −12.5 points</p>") && chart.contains("B</span>: no figure</p>"))
        #expect(chart.contains(">−13.0 points</text>") && chart.contains(">+13.0 points</text>"))
        #expect(chart.components(separatedBy: "<line x1=\"50%\" y1=\"0\" x2=\"50%\" y2=\"24.0\"").count - 1 == 2)
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
        #expect(Components.caseFilter(["check": "home-visit", "rosh": ""]) == CaseFilter(check: .homeVisit))
        #expect(Components.caseFilter(["rosh": "extreme"]) == nil)
        #expect(Components.caseFilter(["need": "housing"]) == nil && Components.caseFilter(["need": "finance", "stage": "later"]) == nil)
        let need = CaseFilter(need: .mentalHealth, needStage: .met)
        #expect(Components.query(need) == "need=mental-health&stage=met")
        #expect(Components.caseFilter(["need": "mental-health", "stage": "met"]) == need)
    }
}
