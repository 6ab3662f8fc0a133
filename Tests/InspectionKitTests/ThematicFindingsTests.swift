import InspectionKit
import Testing

@Suite("Thematic findings")
struct ThematicFindingsTests {
    @Test("each provider's share and interval, pooled over all, and whether two providers can be told apart")
    func findings() throws {
        let framework = try #require(Fixtures.catalog["thematic-accommodation-2020"])
        let findings = ThematicFindings(
            title: "Accommodation", framework: framework,
            parts: [
                .init(provider: "Alpha", answers: ["1.1.1": AnswerCounts(sufficient: 18, notSufficient: 2, notApplicable: 1)]),
                .init(provider: "Beta", answers: ["1.1.1": AnswerCounts(sufficient: 5, notSufficient: 15)]),
                .init(provider: "Gamma", answers: ["1.1.1": AnswerCounts(sufficient: 12, notSufficient: 8)]),
            ])
        let table = findings.table
        #expect(table.columns.map(\.title) == ["Key question", "Question", "Alpha", "Beta", "Gamma", "All providers"])
        #expect(table.rows.count == framework.standards.flatMap(\.questions).count)
        let row = try #require(table.rows.first { $0[0] == .text("1.1.1") })
        guard case .proportion(let alpha?) = row[2], case .proportion(let all?) = row[5] else {
            Issue.record("no proportions")
            return
        }
        #expect(alpha.count == 18 && alpha.of == 20)
        #expect(all.count == 35 && all.of == 60)
        // 90% (69.9–97.2%) against 25% (11.2–46.9%): clear of each other; 60% overlaps both.
        #expect(findings.differs("1.1.1", 0, 1))
        #expect(!findings.differs("1.1.1", 0, 2) || !findings.differs("1.1.1", 1, 2))
        #expect(findings.clearDifferences.contains("1.1.1: Alpha above Beta"))
        #expect(!findings.clearDifferences.contains { $0.hasPrefix("1.2") })
        // A question no one answered has no figure rather than 0%.
        let empty = try #require(table.rows.first { $0[0] == .text("1.3.1") })
        #expect(empty[2] == .proportion(nil) && empty[5] == .proportion(nil))
        #expect(table.csv().hasPrefix("question,text,provider-1_count,provider-1_of,provider-1_percent"))
    }
}
