/// What a provider's quarterly data return yields for monitoring: one count out of a count per
/// indicator. The files themselves are not kept; only these figures are.
public enum QuarterlyReturn {
    /// The earliest quarter a return may be for: the companies and the National Probation
    /// Service that providers succeed began in 2014, so an earlier quarter is a typing slip.
    public static let earliest = Quarter(year: 2014, number: 1)!

    /// What a return's files come to, once both have been read without a problem.
    public struct Read: Sendable, Hashable {
        public let caseloadRows: Int
        public let workforceRows: Int?
        public let points: [String: IndicatorPoint]

        public init(caseloadRows: Int, workforceRows: Int?, points: [String: IndicatorPoint]) {
            self.caseloadRows = caseloadRows
            self.workforceRows = workforceRows
            self.points = points
        }
    }

    /// Why a return cannot be for `period`, in words, or nil when it can.
    public static func periodProblem(_ period: Quarter, today: CalendarDate) -> String? {
        if period < earliest { return "\(period.title) is before \(earliest.title), when today's providers began; check the year" }
        if period.lastDay >= today { return "\(period.title) has not ended yet (it ends on \(period.lastDay.words)); send its return after that" }
        return nil
    }

    /// Reads a return's files, checked as an inspection's uploads are; every problem in either
    /// file is reported together, and a file with any problem yields nothing.
    /// - Parameter declared: the indicators the provider's frameworks declare, counted too.
    public static func read(
        period: Quarter, caseload: (bytes: [UInt8], file: String), workforce: (bytes: [UInt8], file: String)?, today: CalendarDate,
        declared: [Indicator] = []
    ) throws(InputProblems) -> Read {
        var problems: [InputProblem] = []
        var cases: [EligibleCaseRecord] = []
        var staff: [WorkforceRecord]?
        do { cases = try CaseloadCSV.read(bytes: caseload.bytes, file: caseload.file, today: today, roshMayBeMissing: true) } catch {
            problems += error.problems
        }
        if let workforce {
            do { staff = try WorkforceCSV.read(bytes: workforce.bytes, file: workforce.file) } catch { problems += error.problems }
        }
        guard problems.isEmpty else { throw InputProblems(problems) }
        return Read(
            caseloadRows: cases.count, workforceRows: staff?.count, points: points(period: period, caseload: cases, workforce: staff, declared: declared))
    }

    /// The indicators a return's files can be counted for, as at the quarter's last day. An
    /// indicator the files say nothing about (no workforce file, no delivery columns) is left out,
    /// not recorded as zero.
    public static func points(
        period: Quarter, caseload: [EligibleCaseRecord], workforce: [WorkforceRecord]?, declared: [Indicator] = []
    ) -> [String: IndicatorPoint] {
        var points: [String: IndicatorPoint] = [:]
        func add(_ indicator: Indicator, _ proportion: Proportion?) {
            guard let proportion, proportion.of > 0 else { return }
            points[indicator.id] = IndicatorPoint(period: period, numerator: proportion.count, denominator: proportion.of)
        }
        if let workforce, !workforce.isEmpty { add(.vacancyRate, StaffingFigures(workforce).total.vacancyRate) }
        let delivery = DeliveryFigures(caseload, asAt: period.lastDay)
        add(.programmeStarts, delivery.programmeStarted)
        add(.unpaidWorkCompletion, delivery.unpaidWorkWithinYear)
        add(.faceToFaceContact, delivery.faceToFace)
        add(.roshRecorded, Proportion(count: caseload.count { $0.rosh != nil }, of: caseload.count))
        for indicator in declared { add(indicator, indicator.counting?.proportion(caseload)) }
        return points
    }
}
