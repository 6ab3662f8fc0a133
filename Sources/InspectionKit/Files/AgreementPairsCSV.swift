/// Reads a second-marking file, `item,first,second`: one row per judgement marked twice, each
/// answer `yes`, `no` or `n/a`. Every problem is reported with its line; agreement is only
/// returned from a file with none.
public enum AgreementPairsCSV {
    public static let columns = ["item", "first", "second"]

    public static func read(bytes: [UInt8], file: String) throws(InputProblems) -> Agreement {
        var agreement = Agreement()
        var problems: [InputProblem] = []
        var firstLine: [String: Int] = [:]
        try CSVTable.read(bytes: bytes, file: file, columns: columns, report: { problems.append($0) }) { row in
            let item = row.text(0)
            if item.isEmpty {
                problems.append(row.problem(0, value: "", "the item is empty"))
            } else if let earlier = firstLine[item] {
                problems.append(row.problem(0, value: item, "duplicate: item \(item) is already compared on line \(earlier)"))
            } else {
                firstLine[item] = row.line
            }
            let answers = [1, 2].map { column -> Answer? in
                let answer = Answer(parsing: row.raw(column))
                if answer == nil { problems.append(row.problem(column, value: row.raw(column), "unknown answer; expected yes, no or n/a")) }
                return answer
            }
            if let first = answers[0], let second = answers[1] { agreement.record(first, second) }
        }
        guard problems.isEmpty else { throw InputProblems(problems) }
        return agreement
    }
}
