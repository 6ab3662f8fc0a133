import InspectionKit
import Testing

@Suite("The moderation dip sample")
struct ModerationDrawTests {
    /// 40 cases: inspector A assessed 30, B 8, C 2.
    static let assessed: [ModerationDraw.AssessedCase] =
        (0..<30).map { .init(reference: "A\($0)", assessor: "a") } + (0..<8).map { .init(reference: "B\($0)", assessor: "b") }
        + (0..<2).map { .init(reference: "C\($0)", assessor: "c") }

    @Test("a percentage is rounded up, and the same seed gives the same draw in any input order")
    func reproducible() {
        let draw = ModerationDraw(from: Self.assessed, size: .percent(10), seed: 7)
        #expect(draw.requested == 4 && draw.cases.count == 4)
        let again = ModerationDraw(from: Self.assessed.reversed(), size: .percent(10), seed: 7)
        #expect(Set(draw.cases) == Set(again.cases))
        #expect(Set(draw.cases.map(\.reference)).count == 4)
    }

    @Test("every inspector has at least one case, even when fewer cases are asked for than there are inspectors")
    func everyInspector() {
        for seed in UInt64(0)..<50 {
            let draw = ModerationDraw(from: Self.assessed, size: .count(1), seed: seed)
            #expect(Set(draw.cases.map(\.assessor)) == ["a", "b", "c"])
            #expect(draw.cases.count == 3 && draw.requested == 1)
        }
    }

    @Test("a draw is never bigger than the cases there are, and different seeds reach every case")
    func bounds() {
        #expect(ModerationDraw(from: Self.assessed, size: .count(500), seed: 1).cases.count == 40)
        #expect(ModerationDraw(from: [], size: .percent(20), seed: 1).cases.isEmpty)
        var seen = Set<String>()
        for seed in UInt64(0)..<200 { seen.formUnion(ModerationDraw(from: Self.assessed, size: .count(4), seed: seed).cases.map(\.reference)) }
        #expect(seen.count == 40)
    }

    @Test("the form's size: a percentage or a number, not both, not neither, within range")
    func sizeForm() throws {
        #expect(try ModerationDraw.Size(percent: "20", count: "") == .percent(20))
        #expect(try ModerationDraw.Size(percent: nil, count: " 12 ") == .count(12))
        for (percent, count) in [("", ""), ("10", "5"), ("0", ""), ("101", ""), ("ten", ""), ("", "0"), ("", "-3"), ("", "2.5")] {
            #expect(throws: InputProblem.self) { try ModerationDraw.Size(percent: percent, count: count) }
        }
    }
}
