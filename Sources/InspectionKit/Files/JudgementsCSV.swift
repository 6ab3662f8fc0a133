/// Reads a judgements file, `case_id,question,answer`, one row per case and key question,
/// into answer counts per key question.
///
/// Every row is checked and every problem reported; counts are only returned from a file with
/// none. A clean file is counted by ``CleanJudgementsScan`` in one pass with no string per row;
/// anything else is read exactly, field by field.
public enum JudgementsCSV {
    public static let columns = ["case_id", "question", "answer"]
    private static let caseColumn = 0, questionColumn = 1, answerColumn = 2

    public static func read(bytes: [UInt8], file: String, framework: Framework) throws(InputProblems) -> [QuestionID: AnswerCounts] {
        // Questions are looked up once by text and then counted by index.
        let caseQuestions = framework.standards.filter { $0.kind == .caseBased }.flatMap(\.questions)
        if let counts = CleanJudgementsScan.counts(bytes: bytes, questionIDs: caseQuestions.map(\.id.rawValue)) {
            return byQuestion(counts, caseQuestions)
        }
        return try readExactly(bytes: bytes, file: file, framework: framework)
    }

    /// Reads field by field, reporting every problem with its line and column.
    static func readExactly(bytes: [UInt8], file: String, framework: Framework) throws(InputProblems) -> [QuestionID: AnswerCounts] {
        let caseQuestions = framework.standards.filter { $0.kind == .caseBased }.flatMap(\.questions)
        let questionIndex = Dictionary(uniqueKeysWithValues: caseQuestions.enumerated().map { ($1.id.rawValue, $0) })
        let organisationalQuestions = Dictionary(
            framework.standards.filter { $0.kind == .organisational }
                .flatMap { standard in standard.questions.map { ($0.id.rawValue, standard) } },
            uniquingKeysWith: { first, _ in first })
        var counts = [AnswerCounts](repeating: AnswerCounts(), count: caseQuestions.count)
        var firstLine: [CaseQuestion: Int] = [:]
        var problems: [InputProblem] = []

        try CSVTable.read(bytes: bytes, file: file, columns: columns, report: { problems.append($0) }) { row in
            let caseID = row.text(caseColumn)
            let questionText = row.text(questionColumn)
            var valid = true
            if caseID.isEmpty {
                problems.append(row.problem(caseColumn, value: "", "the case id is empty"))
                valid = false
            }
            let question = questionIndex[questionText]
            if question == nil {
                let message =
                    organisationalQuestions[questionText].map {
                        "question \(questionText) belongs to organisational standard \($0.id) \($0.title), which inspectors rate directly, not from cases"
                    } ?? "unknown question id for framework \(framework.id)"
                problems.append(row.problem(questionColumn, value: questionText, message))
                valid = false
            }
            let answer = answer(row)
            if answer == nil {
                problems.append(
                    row.problem(answerColumn, value: row.raw(answerColumn), "unknown answer; expected yes, no or n/a (or sufficient, insufficient)"))
                valid = false
            }
            guard valid, let question, let answer else { return }
            let key = CaseQuestion(caseID: caseID, question: question)
            if let earlier = firstLine[key] {
                problems.append(row.problem(caseColumn, value: caseID, "duplicate: case \(caseID) already has an answer to \(questionText) on line \(earlier)"))
                return
            }
            firstLine[key] = row.line
            counts[question].record(answer)
        }
        guard problems.isEmpty else { throw InputProblems(problems) }
        return byQuestion(counts, caseQuestions)
    }

    private static func byQuestion(_ counts: [AnswerCounts], _ questions: [KeyQuestion]) -> [QuestionID: AnswerCounts] {
        var result: [QuestionID: AnswerCounts] = [:]
        for (index, question) in questions.enumerated() where counts[index] != AnswerCounts() {
            result[question.id] = counts[index]
        }
        return result
    }

    /// Recognises the common spellings without building a string.
    private static func answer(_ row: CSVTable.Row) -> Answer? {
        if row.field(answerColumn, equals: "yes") { return .sufficient }
        if row.field(answerColumn, equals: "no") { return .notSufficient }
        if row.field(answerColumn, equals: "n/a") { return .notApplicable }
        return Answer(parsing: row.raw(answerColumn))
    }

    private struct CaseQuestion: Hashable {
        let caseID: String
        let question: Int
    }
}
