/// One row of a provider's workforce figures.
public struct WorkforceRecord: Sendable, Hashable, Codable {
    public var team: String
    public var grade: OfficerGrade
    public var staffInPost: Double
    public var vacancies: Double
    public var averageCaseload: Double
    public var workloadToolPercent: Double

    public init(team: String, grade: OfficerGrade, staffInPost: Double, vacancies: Double, averageCaseload: Double, workloadToolPercent: Double) {
        self.team = team
        self.grade = grade
        self.staffInPost = staffInPost
        self.vacancies = vacancies
        self.averageCaseload = averageCaseload
        self.workloadToolPercent = workloadToolPercent
    }

    /// Vacancies as a share of established posts (in post + vacant).
    public var vacancyRate: Double? {
        staffInPost + vacancies > 0 ? vacancies / (staffInPost + vacancies) : nil
    }
}

/// Reads a provider's workforce figures: staff in post and vacancies (full-time equivalents),
/// average caseload per officer and workload-tool percentage, by team and grade.
public enum WorkforceCSV {
    public static let columns = ["team", "grade", "staff_in_post", "vacancies", "average_caseload", "workload_tool_percent"]

    public static func read(bytes: [UInt8], file: String) throws(InputProblems) -> [WorkforceRecord] {
        var problems: [InputProblem] = []
        var records: [WorkforceRecord] = []
        var seen: [String: Int] = [:]
        try CSVTable.read(bytes: bytes, file: file, columns: columns, maximumFieldLength: 1024, report: { problems.append($0) }) { row in
            func number(_ name: String, _ range: ClosedRange<Double>, _ what: String) -> Double? {
                let value = row[name]
                guard let number = Double(value), number.isFinite, range.contains(number) else {
                    problems.append(row.problem(name, value: value, "expected \(what)"))
                    return nil
                }
                return number
            }
            let team = row["team"]
            if team.isEmpty || team.count > 80 { problems.append(row.problem("team", value: team, "a team name is 1 to 80 characters")) }
            let gradeText = row["grade"]
            let grade = OfficerGrade(parsing: gradeText)
            if grade == nil { problems.append(row.problem("grade", value: gradeText, "unknown grade; expected PO or PSO")) }
            let staff = number("staff_in_post", 0...10_000, "a number of full-time equivalent staff from 0 to 10,000")
            let vacancies = number("vacancies", 0...10_000, "a number of full-time equivalent vacancies from 0 to 10,000")
            let caseload = number("average_caseload", 0...1_000, "an average caseload per officer from 0 to 1,000")
            let workload = number("workload_tool_percent", 0...500, "a workload-tool percentage from 0 to 500")
            guard !team.isEmpty, team.count <= 80, let grade, let staff, let vacancies, let caseload, let workload else { return }
            let key = "\(team.lowercased())|\(grade.rawValue)"
            if let earlier = seen[key] {
                problems.append(row.problem("team", value: team, "duplicate: \(team) \(grade.title) is already on line \(earlier)"))
                return
            }
            seen[key] = row.line
            records.append(
                WorkforceRecord(team: team, grade: grade, staffInPost: staff, vacancies: vacancies, averageCaseload: caseload, workloadToolPercent: workload))
        }
        if records.isEmpty && problems.isEmpty { problems.append(InputProblem(file: file, line: 2, message: "the file has a header but no rows")) }
        guard problems.isEmpty else { throw InputProblems(problems) }
        return records
    }
}
