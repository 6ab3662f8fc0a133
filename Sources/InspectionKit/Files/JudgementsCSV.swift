/// Reads a judgements file, `case_id,question,answer`, one row per case and key question,
/// into answer counts per key question.
///
/// Every row is checked and every problem reported; counts are only returned from a file with
/// none. Built to read a national file of a million rows in well under a second.
public enum JudgementsCSV {
    public static let columns = ["case_id", "question", "answer"]

    public static func read(bytes: [UInt8], file: String, framework: Framework) throws(InputProblems) -> [QuestionID: AnswerCounts] {
        var parser: CSVParser
        do {
            parser = try CSVParser(bytes: bytes)
        } catch {
            throw InputProblems([InputProblem(file: file, csv: error)])
        }
        // Questions are looked up once by text and then counted by index.
        let caseQuestions = framework.standards.filter { $0.kind == .caseBased }.flatMap(\.questions)
        let questionIndex = Dictionary(uniqueKeysWithValues: caseQuestions.enumerated().map { ($1.id.rawValue, $0) })
        let organisationalQuestions = Dictionary(
            framework.standards.filter { $0.kind == .organisational }
                .flatMap { standard in standard.questions.map { ($0.id.rawValue, standard) } },
            uniquingKeysWith: { first, _ in first })
        var counts = [AnswerCounts](repeating: AnswerCounts(), count: caseQuestions.count)
        var firstLine: [CaseQuestion: Int] = [:]
        var problems: [InputProblem] = []
        var fields: [CSVParser.Field] = []
        fields.reserveCapacity(8)

        do {
            guard try parser.nextRecord(into: &fields) != nil else {
                throw InputProblems([
                    InputProblem(file: file, line: 1, message: "the file is empty; the first line must be \"\(columns.joined(separator: ","))\"")
                ])
            }
            let header = try HeaderColumns(parser: parser, header: fields, expected: columns, file: file)
            let (caseColumn, questionColumn, answerColumn) = (header.indices[0], header.indices[1], header.indices[2])
            let needed = header.indices.max()! + 1

            while let line = try parser.nextRecord(into: &fields) {
                guard fields.count >= needed else {
                    problems.append(InputProblem(file: file, line: line, column: fields.count + 1, message: "expected \(needed) fields, found \(fields.count)"))
                    continue
                }
                let caseID = parser.string(fields[caseColumn]).trimmingCharacters(in: .whitespaces)
                let questionText = parser.string(fields[questionColumn]).trimmingCharacters(in: .whitespaces)
                var valid = true
                if caseID.isEmpty {
                    problems.append(
                        InputProblem(file: file, line: line, column: caseColumn + 1, columnName: "case_id", value: "", message: "the case id is empty"))
                    valid = false
                }
                let question = questionIndex[questionText]
                if question == nil {
                    let message =
                        organisationalQuestions[questionText].map {
                            "question \(questionText) belongs to organisational standard \($0.id) \($0.title), which inspectors rate directly, not from cases"
                        } ?? "unknown question id for framework \(framework.id)"
                    problems.append(
                        InputProblem(file: file, line: line, column: questionColumn + 1, columnName: "question", value: questionText, message: message))
                    valid = false
                }
                let answer = answer(parser, fields[answerColumn])
                if answer == nil {
                    problems.append(
                        InputProblem(
                            file: file, line: line, column: answerColumn + 1, columnName: "answer", value: parser.string(fields[answerColumn]),
                            message: "unknown answer; expected yes, no or n/a (or sufficient, insufficient)"))
                    valid = false
                }
                guard valid, let question, let answer else { continue }
                if let earlier = firstLine.updateValue(line, forKey: CaseQuestion(caseID: caseID, question: question)) {
                    firstLine[CaseQuestion(caseID: caseID, question: question)] = earlier
                    problems.append(
                        InputProblem(
                            file: file, line: line, column: caseColumn + 1, columnName: "case_id", value: caseID,
                            message: "duplicate: case \(caseID) already has an answer to \(questionText) on line \(earlier)"))
                    continue
                }
                counts[question].record(answer)
            }
        } catch let error as CSVParser.Problem {
            problems.append(InputProblem(file: file, csv: error))
        } catch let error as InputProblems {
            throw error
        } catch {
            problems.append(InputProblem(file: file, line: nil, message: "\(error)"))
        }
        guard problems.isEmpty else { throw InputProblems(problems) }
        var result: [QuestionID: AnswerCounts] = [:]
        for (index, question) in caseQuestions.enumerated() where counts[index] != AnswerCounts() {
            result[question.id] = counts[index]
        }
        return result
    }

    /// Recognises the common spellings without building a string.
    private static func answer(_ parser: CSVParser, _ field: CSVParser.Field) -> Answer? {
        if parser.field(field, equals: "yes") { return .sufficient }
        if parser.field(field, equals: "no") { return .notSufficient }
        if parser.field(field, equals: "n/a") { return .notApplicable }
        return Answer(parsing: parser.string(field))
    }

    private struct CaseQuestion: Hashable {
        let caseID: String
        let question: Int
    }
}
