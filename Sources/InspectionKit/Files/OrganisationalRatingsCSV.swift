/// Reads the ratings inspectors gave the organisational standards: `standard,rating`.
public enum OrganisationalRatingsCSV {
    public static let columns = ["standard", "rating"]
    private static let standardColumn = 0, ratingColumn = 1

    public static func read(bytes: [UInt8], file: String, framework: Framework) throws(InputProblems) -> [StandardID: Rating] {
        var ratings: [StandardID: Rating] = [:]
        var lines: [StandardID: Int] = [:]
        var problems: [InputProblem] = []
        try CSVTable.read(bytes: bytes, file: file, columns: columns, report: { problems.append($0) }) { row in
            let idText = row.text(standardColumn)
            let ratingText = row.raw(ratingColumn)
            let id = StandardID(idText)
            var standardOK = false
            if let standard = framework.standard(id) {
                if standard.kind.isRatedFromCases {
                    problems.append(
                        row.problem(
                            standardColumn, value: idText,
                            standard.kind == .pooled
                                ? "standard \(id) \(standard.title) is pooled: its rating comes from other inspections' case judgements added up, not from this file"
                                : "standard \(id) \(standard.title) is case-based: its rating comes from the case judgements, not from this file"))
                } else {
                    standardOK = true
                }
            } else {
                problems.append(row.problem(standardColumn, value: idText, "unknown standard for framework \(framework.id)"))
            }
            let rating = Rating(parsing: ratingText)
            if rating == nil {
                problems.append(row.problem(ratingColumn, value: ratingText, "unknown rating; expected outstanding, good, requires improvement or inadequate"))
            }
            guard standardOK, let rating else { return }
            if let earlier = lines[id] {
                problems.append(row.problem(standardColumn, value: idText, "duplicate: standard \(id) was already rated on line \(earlier)"))
                return
            }
            lines[id] = row.line
            ratings[id] = rating
        }
        guard problems.isEmpty else { throw InputProblems(problems) }
        return ratings
    }
}
