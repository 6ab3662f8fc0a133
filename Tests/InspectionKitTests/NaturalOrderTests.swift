import Testing

@testable import InspectionKit

@Suite("Natural order")
struct NaturalOrderTests {
    @Test("numbers within names sort by value, letters ignoring case")
    func examples() {
        let teams = ["Team 10", "team 2", "Team 1", "Team 2a", "Team 02", "Team 9", "Office", "A10", "A9", "a1"]
        #expect(teams.sortedNaturally { $0 } == ["a1", "A9", "A10", "Office", "Team 1", "Team 02", "team 2", "Team 2a", "Team 9", "Team 10"])
        #expect(
            ["inspector-10@demo.test", "inspector-2@demo.test", "inspector@demo.test"].sortedNaturally { $0 } == [
                "inspector-2@demo.test", "inspector-10@demo.test", "inspector@demo.test",
            ])
        #expect(NaturalOrder.precedes("Team 99999999999999999999998", "Team 99999999999999999999999"))
        #expect(NaturalOrder.precedes("Team", "Team 1") && !NaturalOrder.precedes("Team 1", "Team"))
    }

    @Test("a strict, total order: irreflexive, asymmetric, transitive and the same whatever the input order")
    func strictTotalOrder() {
        var generator = SeededGenerator(seed: 7)
        let pieces = ["Team ", "team ", "A", "a", "0", "00", "1", "2", "9", "10", "-", " ", "é", "Z"]
        let names = (0..<300).map { _ in (0..<Int(generator.next() % 4 + 1)).map { _ in pieces[Int(generator.next() % UInt64(pieces.count))] }.joined() }
        for a in names {
            #expect(!NaturalOrder.precedes(a, a))
        }
        for (a, b) in zip(names, names.dropFirst()) where a != b {
            #expect(NaturalOrder.precedes(a, b) != NaturalOrder.precedes(b, a), "\(a) vs \(b)")
        }
        let sorted = names.sortedNaturally { $0 }
        for (a, b) in zip(sorted, sorted.dropFirst()) {
            #expect(!NaturalOrder.precedes(b, a), "\(sorted) is out of order at \(a), \(b)")
        }
        #expect(names.reversed().sortedNaturally { $0 } == sorted)
    }
}

@Suite("The sample's mix, as people read it")
struct SampleMixOrderTests {
    @Test("strata by RoSH level, then sentence type, then team in natural order")
    func mixOrder() throws {
        let framework = try #require(try FrameworkCatalog.standard(environment: [:])["probation-2018-crc"])
        var eligible: [EligibleCaseRecord] = []
        for (index, team) in ["Team 10", "Team 2", "Team 1"].enumerated() {
            for rosh in [RoshLevel.high, .low] {
                for number in 0..<5 {
                    eligible.append(
                        EligibleCaseRecord(
                            caseReference: "R\(index)\(rosh.rawValue)\(number)", sentenceType: .communityOrder,
                            startDate: CalendarDate(year: 2020, month: 1, day: 6)!,
                            rosh: rosh, officerGrade: .probationOfficer, team: team, gender: "female", ethnicity: "White"))
                }
            }
        }
        let sample = InspectionSample(eligible: eligible, framework: framework, mainSize: 12, extraSize: 0, seed: 1, extraStratum: .team)
        let titles = sample.mix.map(\.title)
        #expect(
            titles == [
                "Low RoSH · Community order · Team 1", "Low RoSH · Community order · Team 2", "Low RoSH · Community order · Team 10",
                "High RoSH · Community order · Team 1", "High RoSH · Community order · Team 2", "High RoSH · Community order · Team 10",
            ])
    }
}
