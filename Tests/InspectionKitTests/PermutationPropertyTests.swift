import Foundation
import Testing

@testable import InspectionKit

/// Property: a judgements file means the same whatever the order of its rows.
@Suite("Row order never matters")
struct PermutationPropertyTests {
    /// A random but reproducible judgements file for the CRC framework.
    static func judgementRows(seed: UInt64, cases: Int) -> [String] {
        var generator = SeededGenerator(seed: seed)
        let questions = Fixtures.crc.standards.filter { $0.kind == .caseBased }.flatMap(\.questions).map(\.id.rawValue)
        let answers = ["yes", "no", "n/a", "Sufficient", "insufficient", "YES"]
        var rows: [String] = []
        for index in 0..<cases {
            for question in questions where generator.uniform(below: 3) > 0 {
                rows.append("C\(index),\(question),\(answers[generator.uniform(below: answers.count)])")
            }
        }
        return rows
    }

    static func ratingJSON(_ rows: [String]) throws -> Data {
        let bytes = Array((["case_id,question,answer"] + rows).joined(separator: "\n").utf8)
        let answers = try JudgementsCSV.read(bytes: bytes, file: "cases.csv", framework: Fixtures.crc)
        let rating = RatingEngine(framework: Fixtures.crc).rate(answers: answers, organisationalRatings: Fixtures.organisational(Fixtures.crc, .good))
        return try RatingReport(rating).jsonData()
    }

    @Test("permuting the rows of cases.csv never changes the output", arguments: 1...25)
    func permutation(trial: Int) throws {
        // setup
        let rows = Self.judgementRows(seed: UInt64(trial), cases: 5 + trial * 3)
        var generator = SeededGenerator(seed: UInt64(1000 + trial))
        var permuted = rows
        permuted.shuffle(using: &generator)
        #expect(permuted != rows || rows.count < 2)
        // MUT
        let original = try Self.ratingJSON(rows)
        let shuffled = try Self.ratingJSON(permuted)
        // validation
        #expect(original == shuffled)
    }

    @Test("the output is not insensitive to content (the property test can fail)")
    func sensitivity() throws {
        let rows = Self.judgementRows(seed: 3, cases: 30)
        let flipped = rows.map { $0.hasSuffix(",no") ? String($0.dropLast(2)) + "yes" : $0 }
        #expect(try Self.ratingJSON(rows) != Self.ratingJSON(flipped))
    }
}
