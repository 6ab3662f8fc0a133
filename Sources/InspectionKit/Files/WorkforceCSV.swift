/// The grades a workforce return counts: the two that hold cases, and the senior probation
/// officers who manage them.
public enum StaffGrade: String, Sendable, Codable, CaseIterable, Hashable {
    case probationOfficer = "po"
    case probationServicesOfficer = "pso"
    case seniorProbationOfficer = "spo"

    public var title: String {
        switch self {
        case .probationOfficer: "PO"
        case .probationServicesOfficer: "PSO"
        case .seniorProbationOfficer: "SPO"
        }
    }

    public var name: String {
        switch self {
        case .probationOfficer: "Probation officers"
        case .probationServicesOfficer: "Probation services officers"
        case .seniorProbationOfficer: "Senior probation officers"
        }
    }

    public init?(parsing text: some StringProtocol) {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "po", "probation officer": self = .probationOfficer
        case "pso", "probation services officer": self = .probationServicesOfficer
        case "spo", "senior probation officer": self = .seniorProbationOfficer
        default: return nil
        }
    }
}

/// One row of a provider's workforce figures: a grade in a team.
public struct WorkforceRecord: Sendable, Hashable, Codable {
    public var team: String
    public var grade: StaffGrade
    /// Full-time equivalents.
    public var staffInPost: Double
    public var vacancies: Double
    public var averageCaseload: Double
    public var workloadToolPercent: Double
    /// Staff in post above 100% and above 120% on the workload tool, as people; nil when the
    /// file does not say.
    public var staffOver100: Int?
    public var staffOver120: Int?
    /// For senior probation officers: staff managed per SPO.
    public var spanOfSupervision: Double?

    public init(
        team: String, grade: StaffGrade, staffInPost: Double, vacancies: Double, averageCaseload: Double, workloadToolPercent: Double,
        staffOver100: Int? = nil, staffOver120: Int? = nil, spanOfSupervision: Double? = nil
    ) {
        self.team = team
        self.grade = grade
        self.staffInPost = staffInPost
        self.vacancies = vacancies
        self.averageCaseload = averageCaseload
        self.workloadToolPercent = workloadToolPercent
        self.staffOver100 = staffOver100
        self.staffOver120 = staffOver120
        self.spanOfSupervision = spanOfSupervision
    }

    /// Vacancies as a share of established posts (in post + vacant).
    public var vacancyRate: Double? {
        staffInPost + vacancies > 0 ? vacancies / (staffInPost + vacancies) : nil
    }

    /// The most people the full-time equivalents in post can be: part-timers make it larger
    /// than the FTE, so it is rounded up.
    var peopleInPostAtLeast: Int { Int(staffInPost.rounded(.up)) }
}

/// Reads a provider's workforce figures: staff in post and vacancies (full-time equivalents),
/// average caseload per officer and workload-tool percentage, by team and grade; optionally how
/// many staff are over 100% and 120% on the workload tool, and each SPO's span of supervision.
public enum WorkforceCSV {
    public static let columns = ["team", "grade", "staff_in_post", "vacancies", "average_caseload", "workload_tool_percent"]
    public static let optionalColumns = ["staff_over_100", "staff_over_120", "span_of_supervision"]

    public static func read(bytes: [UInt8], file: String) throws(InputProblems) -> [WorkforceRecord] {
        var problems: [InputProblem] = []
        var records: [WorkforceRecord] = []
        var seen: [String: Int] = [:]
        try CSVTable.read(
            bytes: bytes, file: file, columns: columns, optional: optionalColumns, maximumFieldLength: 1024, report: { problems.append($0) }
        ) { row in
            func number(_ name: String, _ range: ClosedRange<Double>, _ what: String) -> Double? {
                let value = row[name]
                guard let number = Double(value), number.isFinite, range.contains(number) else {
                    problems.append(row.problem(name, value: value, "expected \(what)"))
                    return nil
                }
                return number
            }
            /// nil when the column is absent or the cell blank; `.some(nil)` when the cell is wrong.
            func optionalCount(_ name: String) -> Int?? {
                guard let value = row.optional(name), !value.isEmpty else { return .some(nil) }
                guard let count = Int(value), count >= 0, count <= 100_000 else {
                    problems.append(row.problem(name, value: value, "expected a number of people from 0 to 100,000, or nothing when not known"))
                    return nil
                }
                return count
            }
            let team = row["team"]
            if team.isEmpty || team.count > 80 { problems.append(row.problem("team", value: team, "a team name is 1 to 80 characters")) }
            let gradeText = row["grade"]
            let grade = StaffGrade(parsing: gradeText)
            if grade == nil { problems.append(row.problem("grade", value: gradeText, "unknown grade; expected PO, PSO or SPO")) }
            let staff = number("staff_in_post", 0...10_000, "a number of full-time equivalent staff from 0 to 10,000")
            let vacancies = number("vacancies", 0...10_000, "a number of full-time equivalent vacancies from 0 to 10,000")
            let caseload = number("average_caseload", 0...1_000, "an average caseload per officer from 0 to 1,000")
            let workload = number("workload_tool_percent", 0...500, "a workload-tool percentage from 0 to 500")
            let over100 = optionalCount("staff_over_100")
            let over120 = optionalCount("staff_over_120")
            var span: Double?? = .some(nil)
            if let text = row.optional("span_of_supervision"), !text.isEmpty {
                if grade != .seniorProbationOfficer {
                    problems.append(
                        row.problem(
                            "span_of_supervision", value: text, "only SPO rows have a span of supervision; leave it empty for \(grade?.title ?? "this grade")"))
                    span = nil
                } else if let value = Double(text), value.isFinite, value > 0, value <= 100 {
                    span = value
                } else {
                    problems.append(row.problem("span_of_supervision", value: text, "expected the number of staff each SPO manages, more than 0 and up to 100"))
                    span = nil
                }
            }
            guard !team.isEmpty, team.count <= 80, let grade, let staff, let vacancies, let caseload, let workload, let over100, let over120, let span
            else { return }
            let record = WorkforceRecord(
                team: team, grade: grade, staffInPost: staff, vacancies: vacancies, averageCaseload: caseload, workloadToolPercent: workload,
                staffOver100: over100, staffOver120: over120, spanOfSupervision: span)
            if let over100, over100 > record.peopleInPostAtLeast {
                problems.append(row.problem("staff_over_100", value: String(over100), "more people than the \(staff.formatted()) staff in post"))
                return
            }
            if let over120, over120 > (over100 ?? record.peopleInPostAtLeast) {
                let limit = over100.map { "the \($0) over 100%" } ?? "the \(staff.formatted()) staff in post"
                problems.append(row.problem("staff_over_120", value: String(over120), "more people than \(limit); everyone over 120% is also over 100%"))
                return
            }
            let key = "\(team.lowercased())|\(grade.rawValue)"
            if let earlier = seen[key] {
                problems.append(row.problem("team", value: team, "duplicate: \(team) \(grade.title) is already on line \(earlier)"))
                return
            }
            seen[key] = row.line
            records.append(record)
        }
        if records.isEmpty && problems.isEmpty { problems.append(InputProblem(file: file, line: 2, message: "the file has a header but no rows")) }
        guard problems.isEmpty else { throw InputProblems(problems) }
        return records
    }
}

extension Double {
    /// "12", "12.5": a full-time equivalent as people write it.
    fileprivate func formatted() -> String { PercentFormat.trimmed(self) }
}
