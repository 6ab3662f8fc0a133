import InspectionKit
import Testing

@Suite("Synthetic file generators")
struct GeneratorTests {
    static func text(_ body: ((String) -> Void) -> Void) -> String {
        var text = ""
        body { text += $0 }
        return text
    }

    @Test("judgements: every case judged on one sample's questions, readable by rate, the same for the same seed")
    func judgements() throws {
        let framework = try #require(Fixtures.catalog["probation-2018-crc"])
        let file = Self.text { Generators.judgements(framework: framework, cases: 500, seed: 4, write: $0) }
        let counts = try JudgementsCSV.read(bytes: Array(file.utf8), file: "generated.csv", framework: framework)
        let lines = file.split(separator: "\n").dropFirst()
        #expect(Set(lines.map { $0.split(separator: ",")[0] }).count == 500)
        #expect(counts.values.map { $0.applicable + $0.notApplicable }.reduce(0, +) == lines.count)
        // Main sample questions are answered for most cases, the extra samples' for the rest.
        #expect(counts["2.1.1"]!.applicable + counts["2.1.1"]!.notApplicable > 350)
        #expect((counts["4.1.1"]?.applicable ?? 0) > 0 && (counts["4.2.1"]?.applicable ?? 0) > 0)
        #expect(file == Self.text { Generators.judgements(framework: framework, cases: 500, seed: 4, write: $0) })
        #expect(file != Self.text { Generators.judgements(framework: framework, cases: 500, seed: 5, write: $0) })
    }

    @Test("caseload: valid for the uploader, only the framework's sentence types, the same for the same seed")
    func caseload() throws {
        let today = CalendarDate(year: 2026, month: 11, day: 21)!
        let adult = Self.text { Generators.caseload(rows: 2000, seed: 9, today: today, write: $0) }
        let records = try CaseloadCSV.read(bytes: Array(adult.utf8), file: "caseload.csv", today: today)
        #expect(records.count == 2000)
        #expect(Set(records.map(\.rosh)).count == 4 && Set(records.map(\.sentenceType)).count == 4)
        let youth = try #require(Fixtures.catalog["youth-2021"])
        let youthFile = Self.text { Generators.caseload(rows: 300, seed: 9, framework: youth, today: today, write: $0) }
        let youthRecords = try CaseloadCSV.read(
            bytes: Array(youthFile.utf8), file: "youth.csv", today: today, accepting: youth.sampledSentenceTypes)
        #expect(youthRecords.count == 300 && youthRecords.contains { $0.sentenceType.isOutOfCourt })
        #expect(adult == Self.text { Generators.caseload(rows: 2000, seed: 9, today: today, write: $0) })
    }
}
