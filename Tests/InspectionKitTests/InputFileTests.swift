import Foundation
import Testing

@testable import InspectionKit

@Suite("CSV parser")
struct CSVParserTests {
    func records(_ text: String) throws -> [(line: Int, fields: [String])] {
        var parser = try CSVParser(bytes: Array(text.utf8))
        var fields: [CSVParser.Field] = []
        var result: [(Int, [String])] = []
        while let line = try parser.nextRecord(into: &fields) {
            result.append((line, fields.map(parser.string)))
        }
        return result
    }

    @Test("reads quoted fields with commas, doubled quotes and line breaks, counting lines")
    func quoting() throws {
        let rows = try records("a,b\n\"x, y\",\"say \"\"hi\"\"\"\n\"two\nlines\",z\nlast,row\n")
        #expect(rows.map(\.fields) == [["a", "b"], ["x, y", "say \"hi\""], ["two\nlines", "z"], ["last", "row"]])
        #expect(rows.map(\.line) == [1, 2, 3, 5])
    }

    @Test("accepts a byte-order mark, CRLF line ends, blank lines and no final newline")
    func tolerance() throws {
        let rows = try records("\u{FEFF}a,b\r\n\r\n1,2\r\n\n3,\"\"")
        #expect(rows.map(\.fields) == [["a", "b"], ["1", "2"], ["3", ""]])
        #expect(rows.map(\.line) == [1, 3, 5])
    }

    @Test(
        "rejects damaged files, naming the line",
        arguments: [
            ("a,b\n\"open,2\n", CSVParser.Problem.unterminatedQuote(line: 2)),
            ("a,b\nx\"y,2\n", .quoteInUnquotedField(line: 2, column: 1)),
            ("a,b\n\"x\"y,2\n", .textAfterClosingQuote(line: 2, column: 1)),
        ])
    func damaged(text: String, expected: CSVParser.Problem) {
        #expect(throws: expected) { try records(text) }
    }

    @Test("rejects text that is not UTF-8, naming the line")
    func notUTF8() {
        // "café" in Latin-1: é is the single byte 0xE9
        let bytes = Array("a,b\nok,1\n".utf8) + [0x63, 0x61, 0x66, 0xE9, 0x2C, 0x32, 0x0A]
        #expect(throws: CSVParser.Problem.notUTF8(line: 3)) { try CSVParser(bytes: bytes) }
        #expect(CSVParser.firstInvalidUTF8Offset(Array("naïve ✓ 𝄞".utf8), from: 0) == nil)
        #expect(CSVParser.firstInvalidUTF8Offset([0xED, 0xA0, 0x80], from: 0) == 0)  // a UTF-16 surrogate
        #expect(CSVParser.firstInvalidUTF8Offset([0xC0, 0x80], from: 0) == 0)  // overlong
    }

    @Test("rejects a field longer than the limit")
    func hugeField() throws {
        let text = "a,b\n" + String(repeating: "x", count: 70_000) + ",1\n"
        #expect(throws: CSVParser.Problem.fieldTooLong(line: 2, column: 1, limit: 65_536)) { try records(text) }
    }
}

@Suite("Judgements file")
struct JudgementsCSVTests {
    func read(_ text: String, framework: Framework = Fixtures.crc) throws(InputProblems) -> [QuestionID: AnswerCounts] {
        try JudgementsCSV.read(bytes: Array(text.utf8), file: "cases.csv", framework: framework)
    }

    func problems(_ text: String) -> [InputProblem] {
        do {
            _ = try read(text)
            return []
        } catch {
            return error.problems
        }
    }

    @Test("counts answers per key question, accepting synonyms in any case")
    func counts() throws {
        let answers = try read(
            """
            case_id,question,answer
            C1,2.1.1,yes
            C2,2.1.1,Sufficient
            C3,2.1.1,NO
            C4,2.1.1,insufficient
            C5,2.1.1,N/A
            C6,2.1.1, n/a
            C1,2.1.2,YES

            """)
        #expect(answers["2.1.1"] == AnswerCounts(sufficient: 2, notSufficient: 2, notApplicable: 2))
        #expect(answers["2.1.2"] == AnswerCounts(sufficient: 1))
        #expect(answers["2.1.3"] == nil)
    }

    @Test("finds its columns by name, in any order, ignoring extra columns")
    func columnOrder() throws {
        let answers = try read("answer,rationale,question,case_id\nyes,\"clear, thorough\",2.2.1,C1\n")
        #expect(answers["2.2.1"] == AnswerCounts(sufficient: 1))
    }

    @Test("names the file, line, column and value of every problem")
    func problemsNamed() {
        let found = problems(
            """
            case_id,question,answer
            C1,2.1.1,yes
            C1,9.9.9,yes
            C1,2.1.2,maybe
            C1,2.1.1,no
            ,2.1.3,yes
            C2,1.1.1,yes
            C3,2.1.1
            C4,2.1.1,yes,with an unquoted, comma

            """)
        #expect(
            found.map(\.description) == [
                "cases.csv:3:2: column \"question\", value \"9.9.9\": unknown question id for framework probation-2018-crc",
                "cases.csv:4:3: column \"answer\", value \"maybe\": unknown answer; expected yes, no or n/a (or sufficient, insufficient)",
                "cases.csv:5:1: column \"case_id\", value \"C1\": duplicate: case C1 already has an answer to 2.1.1 on line 2",
                "cases.csv:6:1: column \"case_id\", value \"\": the case id is empty",
                "cases.csv:7:2: column \"question\", value \"1.1.1\": question 1.1.1 belongs to organisational standard 1.1 Leadership, which inspectors rate directly, not from cases",
                "cases.csv:8:3: expected 3 fields as in the header, found 2",
                "cases.csv:9:4: found 5 fields but the header has 3; a value may contain a comma without quotes around it",
            ])
    }

    @Test("a missing header is one clear problem")
    func missingHeader() {
        let found = problems("C1,2.1.1,yes\n")
        #expect(found.count == 1)
        #expect(found.first?.line == 1)
        #expect(found.first?.message.contains("missing header \"case_id\", \"question\", \"answer\"") == true)
        #expect(problems("").first?.message.contains("the file is empty") == true)
    }

    @Test("a question from another framework is unknown")
    func otherFramework() {
        #expect(problems("case_id,question,answer\nC1,4.1.1,yes\n").isEmpty)
        do {
            _ = try read("case_id,question,answer\nC1,4.1.1,yes\n", framework: Fixtures.nps)
            Issue.record("4.1.1 is not an NPS question")
        } catch {
            #expect(error.problems.first?.message == "unknown question id for framework probation-2018-nps")
        }
    }

    @Test("a damaged file reports where")
    func damaged() {
        let found = problems("case_id,question,answer\nC1,2.1.1,\"yes\n")
        #expect(found.first?.description == "cases.csv:2: a quoted field starts here but its closing quote is missing")
    }
}

@Suite("Judgements file: the clean-file scan")
struct CleanJudgementsScanTests {
    let questionIDs = Fixtures.crc.standards.filter { $0.kind == .caseBased }.flatMap(\.questions).map(\.id.rawValue)

    func scanned(_ text: String) -> [QuestionID: AnswerCounts]? {
        CleanJudgementsScan.counts(bytes: Array(text.utf8), questionIDs: questionIDs).map { counts in
            Dictionary(uniqueKeysWithValues: zip(questionIDs, counts).filter { $0.1 != AnswerCounts() }.map { (QuestionID($0.0), $0.1) })
        }
    }

    func exact(_ text: String) -> [QuestionID: AnswerCounts]? {
        try? JudgementsCSV.readExactly(bytes: Array(text.utf8), file: "cases.csv", framework: Fixtures.crc)
    }

    @Test("counts a generated national file itself, exactly as the field-by-field reader does")
    func generatedFile() throws {
        var text = ""
        Generators.judgements(framework: Fixtures.crc, cases: 2_000, seed: 7) { text += $0 }
        let counts = try #require(scanned(text), "the scan gave up on a clean generated file")
        #expect(counts == exact(text))
        #expect(counts.values.reduce(0) { $0 + $1.sufficient + $1.notSufficient + $1.notApplicable } == text.split(separator: "\n").count - 1)
    }

    @Test(
        "agrees with the exact reader on clean files written unusually",
        arguments: [
            "case_id,question,answer\r\nC1,2.1.1,yes\r\nC2,2.1.1,no\r\n",
            "\u{FEFF}case_id,question,answer\nC1,2.1.1,yes\n",
            " Case_ID ,Question,ANSWER\n C1 , 2.1.1 ,yes\n\nC1,2.1.2,Sufficient\n",
            "answer,note,question,case_id\nyes,fine!,2.1.1,C1\nN/A,,2.1.2,C1\nno,,2.1.1,C2",
            "case_id,question,answer\nC1,2.1.1,yes\nC2,2.1.1,yes\nC1,2.1.2,no\n",
            "case_id,question,answer\n",
        ])
    func unusualButClean(text: String) throws {
        let counts = try #require(scanned(text), "the scan gave up")
        #expect(counts == exact(text))
    }

    @Test(
        "gives up on anything the exact reader must explain or decode",
        arguments: [
            "case_id,question,answer\nC1,2.1.1,yes\nC1,2.1.1,no\n",  // a duplicate, even far apart:
            "case_id,question,answer\nC1,2.1.1,yes\nC2,2.1.1,no\nC1,2.1.1,no\n",
            "case_id,question,answer\nC1,9.9.9,yes\n",
            "case_id,question,answer\nC1,1.1.1,yes\n",
            "case_id,question,answer\nC1,2.1.1,maybe\n",
            "case_id,question,answer\n ,2.1.1,yes\n",
            "case_id,question,answer\nC1,2.1.1\n",
            "case_id,question,answer\n\"C1\",2.1.1,yes\n",
            "case_id,question,answer\nC\u{e9}1,2.1.1,yes\n",
            "case_id,question,answer\nC1,2.1.1,yes\rC2,2.1.1,yes\n",
            "case_id,question,answer\nC1\u{0},2.1.1,yes\n",
            "case_id,question\nC1,2.1.1\n",
            "",
        ])
    func givesUp(text: String) {
        #expect(scanned(text) == nil)
    }

    @Test("a case id longer than the exact reader's field limit is left to it")
    func longField() {
        #expect(scanned("case_id,question,answer\n\(String(repeating: "C", count: 70_000)),2.1.1,yes\n") == nil)
    }
}

@Suite("Organisational ratings file")
struct OrganisationalRatingsCSVTests {
    func problems(_ text: String) -> [String] {
        do {
            _ = try OrganisationalRatingsCSV.read(bytes: Array(text.utf8), file: "org.csv", framework: Fixtures.crc)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test("reads ratings as people write them")
    func reads() throws {
        let ratings = try OrganisationalRatingsCSV.read(
            bytes: Array("standard,rating\n1.1,Good\n1.2,requires improvement\n1.3,Requires-Improvement\n1.4,OUTSTANDING\n".utf8),
            file: "org.csv", framework: Fixtures.crc)
        #expect(ratings == ["1.1": .good, "1.2": .requiresImprovement, "1.3": .requiresImprovement, "1.4": .outstanding])
    }

    @Test("rejects a rating for a case-based standard, unknown standards and ratings, and duplicates")
    func rejects() {
        #expect(
            problems("standard,rating\n2.1,good\n9.9,good\n1.1,great\n1.2,good\n1.2,inadequate\n") == [
                "org.csv:2:1: column \"standard\", value \"2.1\": standard 2.1 Assessment is case-based: its rating comes from the case judgements, not from this file",
                "org.csv:3:1: column \"standard\", value \"9.9\": unknown standard for framework probation-2018-crc",
                "org.csv:4:2: column \"rating\", value \"great\": unknown rating; expected outstanding, good, requires improvement or inadequate",
                "org.csv:6:1: column \"standard\", value \"1.2\": duplicate: standard 1.2 was already rated on line 5",
            ])
        #expect(problems("id,grade\n1.1,good\n").first?.contains("missing header \"standard\", \"rating\"") == true)
    }
}
