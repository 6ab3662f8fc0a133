import InspectionKit
import Testing

@Suite("Equality breakdowns")
struct EqualityTests {
    static let framework = Fixtures.catalog["probation-2018-crc"]!

    /// A case of `ethnicity` judged on 2.1.1 (nil: not answered) and 2.1.3.
    static func evidence(
        _ reference: String, _ ethnicity: String, _ first: Answer?, _ second: Answer = .sufficient, age: AgeBand? = .from25To34
    )
        -> CaseEvidence
    {
        var answers: [QuestionID: Answer] = ["2.1.3": second]
        if let first { answers["2.1.1"] = first }
        return CaseEvidence(
            reference: reference, sample: "supervision", rosh: .medium, answers: answers, facts: CaseFacts(), interview: nil,
            profile: CaseProfile(gender: "male", ethnicity: ethnicity, ageBand: age))
    }

    /// 20 cases: White 10 (7 sufficient on 2.1.1), Black 6 (3 sufficient; one not answered),
    /// Asian 3 (1 sufficient), one with no ethnicity recorded (sufficient).
    static let cases: [CaseEvidence] =
        (0..<10).map { evidence("W\($0)", "White", $0 < 7 ? .sufficient : .notSufficient) }
        + (0..<6).map { evidence("B\($0)", "Black", $0 == 5 ? nil : $0 < 3 ? .sufficient : .notSufficient) }
        + (0..<3).map { evidence("A\($0)", "Asian", $0 == 0 ? .sufficient : .notSufficient, age: nil) }
        + [evidence("N0", "not recorded", .sufficient)]

    @Test("groups and shares counted by hand, before any suppression")
    func handCounted() throws {
        let figures = EqualityFigures(.ethnicity, framework: Self.framework, cases: Self.cases)
        // Largest first, "Not recorded" last.
        #expect(figures.groups == ["White", "Black", "Asian", "Not recorded"])
        let table = figures.table(id: "t", title: "T", source: "", suppressing: false)
        #expect(table.columns.map(\.title) == ["Key question", "Question", "All cases", "White", "Black", "Asian", "Not recorded"])
        #expect(table.rows[0] == [.text("Sample"), .text("Cases in the sample"), .count(20), .count(10), .count(6), .count(3), .count(1)])
        let row = try #require(table.rows.first { $0[0] == .text("2.1.1") })
        // All: 7 + 3 + 1 + 1 = 12 sufficient of 19 answered (B5 has no answer).
        #expect(row[2] == .proportion(Proportion(count: 12, of: 19)))
        #expect(
            row[3...] == [
                .proportion(Proportion(count: 7, of: 10)), .proportion(Proportion(count: 3, of: 5)), .proportion(Proportion(count: 1, of: 3)),
                .proportion(Proportion(count: 1, of: 1)),
            ])
    }

    @Test("a small group is suppressed, and so is the group that would reveal it; the all-cases figure stays")
    func suppression() throws {
        let table = EqualityFigures(.ethnicity, framework: Self.framework, cases: Self.cases).table(id: "t", title: "T", source: "")
        // Cases: Asian 3 and Not recorded 1 are under five; together they are 4, still under
        // five, so the smallest other group (Black, 6) is withheld too. White's 10 and the 20
        // stay.
        #expect(table.rows[0] == [.text("Sample"), .text("Cases in the sample"), .count(20), .count(10), .suppressed, .suppressed, .suppressed])
        // 2.1.1: Black answered 5 (five is enough), Asian 3 and Not recorded 1 make 4: Black goes
        // too, as 12 of 19 less White's 7 of 10 would otherwise give the other two away.
        let row = try #require(table.rows.first { $0[0] == .text("2.1.1") })
        #expect(row[2] == .proportion(Proportion(count: 12, of: 19)) && row[3] == .proportion(Proportion(count: 7, of: 10)))
        #expect(Array(row[4...]) == [.suppressed, .suppressed, .suppressed])
        // An unanswered question (no case applicable) has nothing to withhold.
        let empty = try #require(table.rows.first { $0[0] == .text("2.2.1") })
        #expect(Array(empty[3...]) == Array(repeating: .proportion(Proportion(count: 0, of: 0)), count: 4))
    }

    @Test("age bands group as words; inspections pool group by group")
    func ageAndPooling() throws {
        let figures = EqualityFigures(.ageBand, framework: Self.framework, cases: Self.cases)
        #expect(figures.groups == ["25 to 34", "Not recorded"] && figures.cases["Not recorded"] == 3)
        let pooled = try #require(EqualityFigures.pooled([figures, figures]))
        #expect(pooled.cases == ["25 to 34": 34, "Not recorded": 6])
        #expect(pooled.sufficient["2.1.1"]?["25 to 34"] == Proportion(count: 22, of: 32))
        #expect(EqualityFigures.pooled([]) == nil)
    }
}
