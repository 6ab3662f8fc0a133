/// A provider's staffing from its workforce figures, by grade and for all grades: what the
/// report's staffing section, the annual report and the monitoring indicators show.
///
/// Shares need whole numbers for their intervals. Posts are full-time equivalents, so the
/// vacancy rate counts vacancies and posts rounded to whole posts; the shares over the workload
/// tool's 100% and 120% count people out of the staff in post rounded up (part-timers make
/// people more than full-time equivalents).
public struct StaffingFigures: Sendable, Hashable {
    public struct Line: Sendable, Hashable {
        /// nil for all grades together.
        public let grade: StaffGrade?
        /// Full-time equivalents.
        public let staffInPost: Double
        public let vacancies: Double
        /// Vacant posts out of established posts (in post + vacant).
        public let vacancyRate: Proportion
        /// People over 100% on the workload tool, out of the people in post in the rows that say; nil when none say.
        public let overHundred: Proportion?
        public let overHundredAndTwenty: Proportion?
        /// Cases per officer, weighted by staff in post; nil for senior probation officers, who hold no cases.
        public let averageCaseload: Double?
        /// Staff managed per SPO, weighted by SPOs in post; only for senior probation officers.
        public let spanOfSupervision: Double?
    }

    /// One line per grade present, in the grades' order.
    public let grades: [Line]
    public let total: Line
    /// The rows these come from, so several providers' figures can be added up.
    public let records: [WorkforceRecord]

    public init(_ records: [WorkforceRecord], confidence: ConfidenceLevel = .ninetyFivePercent) {
        self.records = records
        grades = StaffGrade.allCases.compactMap { grade in
            let rows = records.filter { $0.grade == grade }
            return rows.isEmpty ? nil : Self.line(grade, rows, confidence)
        }
        total = Self.line(nil, records, confidence)
    }

    public var isEmpty: Bool { total.staffInPost + total.vacancies == 0 }

    public func line(_ grade: StaffGrade) -> Line? { grades.first { $0.grade == grade } }

    static func line(_ grade: StaffGrade?, _ rows: [WorkforceRecord], _ confidence: ConfidenceLevel) -> Line {
        let staff = rows.reduce(0) { $0 + $1.staffInPost }
        let vacancies = rows.reduce(0) { $0 + $1.vacancies }
        let posts = Int((staff + vacancies).rounded())
        let vacancyRate = Proportion(count: min(Int(vacancies.rounded()), posts), of: posts, confidence: confidence)
        func share(_ count: (WorkforceRecord) -> Int?) -> Proportion? {
            let saying = rows.filter { count($0) != nil }
            guard !saying.isEmpty else { return nil }
            return Proportion(count: saying.reduce(0) { $0 + count($1)! }, of: saying.reduce(0) { $0 + $1.peopleInPostAtLeast }, confidence: confidence)
        }
        let caseHolders = rows.filter { $0.grade != .seniorProbationOfficer }
        let caseHolderStaff = caseHolders.reduce(0) { $0 + $1.staffInPost }
        let managers = rows.filter { $0.grade == .seniorProbationOfficer && $0.spanOfSupervision != nil }
        let managerStaff = managers.reduce(0) { $0 + $1.staffInPost }
        return Line(
            grade: grade, staffInPost: staff, vacancies: vacancies, vacancyRate: vacancyRate,
            overHundred: share(\.staffOver100), overHundredAndTwenty: share(\.staffOver120),
            averageCaseload: caseHolderStaff > 0 ? caseHolders.reduce(0) { $0 + $1.averageCaseload * $1.staffInPost } / caseHolderStaff : nil,
            spanOfSupervision: grade == .seniorProbationOfficer && managerStaff > 0
                ? managers.reduce(0) { $0 + $1.spanOfSupervision! * $1.staffInPost } / managerStaff : nil)
    }
}
