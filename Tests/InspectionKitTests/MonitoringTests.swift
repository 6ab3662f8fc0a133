import Foundation
import Testing

@testable import InspectionKit

@Suite("Quarters")
struct QuarterTests {
    @Test("a quarter is read as YYYY-Qn and nothing else")
    func parsing() {
        #expect(Quarter(parsing: "2021-Q1") == Quarter(year: 2021, number: 1))
        #expect(Quarter(parsing: " 2024-q4 ") == Quarter(year: 2024, number: 4))
        for bad in ["2021-Q5", "2021-Q0", "2021Q1", "21-Q1", "2021-1", "2021-Q1x", "", "Q1-2021", "2021-Q-1", "1999-Q1", "२०२१-Q1"] {
            #expect(Quarter(parsing: bad) == nil, "\(bad) was read as a quarter")
        }
    }

    @Test("quarters follow one another across years, with their first and last days")
    func arithmetic() throws {
        let first = try #require(Quarter(parsing: "2021-Q1"))
        #expect(first.previous.description == "2020-Q4")
        #expect(Quarter(parsing: "2021-Q3")!.previous.description == "2021-Q2")
        let run = Quarter.from(first, through: Quarter(parsing: "2024-Q4")!)
        #expect(run.count == 16 && run.first == first && run.last?.description == "2024-Q4")
        #expect(Quarter.from(Quarter(parsing: "2022-Q2")!, through: first).isEmpty)
        #expect(Quarter(parsing: "2024-Q1")!.lastDay.description == "2024-03-31")
        #expect(Quarter(parsing: "2023-Q1")!.lastDay.description == "2023-03-31")
        #expect(Quarter(parsing: "2023-Q3")!.firstDay.description == "2023-07-01")
        #expect(Quarter(parsing: "2023-Q3")!.title == "July to September 2023")
        #expect(Quarter(parsing: "2023-Q3")!.shortTitle == "July–September 2023")
    }

    @Test("a quarter is JSON text, and bad text is refused")
    func coding() throws {
        let encoded = try JSONEncoder().encode([Quarter(parsing: "2022-Q2")!])
        #expect(String(decoding: encoded, as: UTF8.self) == "[\"2022-Q2\"]")
        #expect(try JSONDecoder().decode([Quarter].self, from: encoded) == [Quarter(parsing: "2022-Q2")!])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Quarter].self, from: Data("[\"2022-Q7\"]".utf8)) }
    }
}

@Suite("Newcombe's method 10 against an independent implementation")
struct NewcombeIndependentTests {
    /// Wilson's limits found by bisection on the score statistic, |x − np| = z·√(np(1−p)),
    /// instead of the closed form the app uses.
    static func scoreLimits(_ successes: Int, _ trials: Int, z: Double) -> (lower: Double, upper: Double) {
        let observed = Double(successes) / Double(trials)
        func outside(_ p: Double) -> Bool {
            let n = Double(trials)
            return (Double(successes) - n * p) * (Double(successes) - n * p) > z * z * n * p * (1 - p)
        }
        func bisect(_ inside: Double, _ beyond: Double) -> Double {
            var (a, b) = (inside, beyond)
            for _ in 0..<200 {
                let middle = (a + b) / 2
                if outside(middle) { b = middle } else { a = middle }
            }
            return (a + b) / 2
        }
        let lower = successes == 0 ? 0 : bisect(observed, 0)
        let upper = successes == trials ? 1 : bisect(observed, 1)
        return (lower, upper)
    }

    @Test("the two agree to 1e-9 on 2,000 pairs of counts, small and large")
    func agreement() {
        var generator = SeededGenerator(seed: 2024)
        let z = ConfidenceLevel.ninetyFivePercent.z
        for round in 0..<2_000 {
            let n1 = round < 1_000 ? Int.random(in: 1...30, using: &generator) : Int.random(in: 31...5_000, using: &generator)
            let n2 = round < 1_000 ? Int.random(in: 1...30, using: &generator) : Int.random(in: 31...5_000, using: &generator)
            let x1 = Int.random(in: 0...n1, using: &generator)
            let x2 = Int.random(in: 0...n2, using: &generator)
            let one = Self.scoreLimits(x1, n1, z: z)
            let two = Self.scoreLimits(x2, n2, z: z)
            let p1 = Double(x1) / Double(n1)
            let p2 = Double(x2) / Double(n2)
            let lower = p1 - p2 - ((p1 - one.lower) * (p1 - one.lower) + (two.upper - p2) * (two.upper - p2)).squareRoot()
            let upper = p1 - p2 + ((one.upper - p1) * (one.upper - p1) + (p2 - two.lower) * (p2 - two.lower)).squareRoot()
            let app = ProportionDifference(first: (x1, n1), second: (x2, n2))
            #expect(abs(app.lower - lower) < 1e-9 && abs(app.upper - upper) < 1e-9, "\(x1)/\(n1) − \(x2)/\(n2)")
        }
    }
}

@Suite("Change between quarters")
struct ChangeRuleTests {
    let before = Quarter(parsing: "2024-Q1")!
    let after = Quarter(parsing: "2024-Q2")!

    func assess(_ earlier: (Int, Int), _ later: (Int, Int), better: Indicator.Direction = .higher, rule: ChangeRule = .standard) -> IndicatorChange {
        rule.assess(
            from: IndicatorPoint(period: before, numerator: earlier.0, denominator: earlier.1),
            to: IndicatorPoint(period: after, numerator: later.0, denominator: later.1), better: better)!
    }

    @Test("a large, real fall is a deterioration; the same rise is a change but no alert")
    func bothConditions() {
        let fall = assess((80, 100), (60, 100))
        #expect(fall.isChange && fall.isDeterioration)
        #expect(fall.description.hasPrefix("\u{2212}20.0 points (\u{2212}") && fall.description.hasSuffix(") from January–March 2024 to April–June 2024"))
        let rise = assess((60, 100), (80, 100))
        #expect(rise.isChange && !rise.isDeterioration)
        // For a measure where lower is better, a rise is the deterioration.
        #expect(assess((10, 100), (30, 100), better: .lower).isDeterioration)
        #expect(!assess((30, 100), (10, 100), better: .lower).isDeterioration)
    }

    @Test("significance without size is not a change: 2 points on 100,000 cases")
    func significantButSmall() {
        let change = assess((52_000, 100_000), (50_000, 100_000))
        #expect(change.difference.excludesZero)
        #expect(!change.isChange && !change.isDeterioration)
        // The same move counts once the threshold is below it.
        #expect(assess((52_000, 100_000), (50_000, 100_000), rule: ChangeRule(minimumPoints: 1.9)).isDeterioration)
    }

    @Test("size without significance is not a change: 10 points on ten cases is noise")
    func largeButNoisy() {
        let change = assess((6, 10), (5, 10))
        #expect(!change.difference.excludesZero && abs(change.difference.estimate * 100 + 10) < 1e-9)
        #expect(!change.isChange && !change.isDeterioration)
    }

    @Test("the points threshold counts a move of exactly the threshold, and not one just under it")
    func pointsThreshold() {
        // 75% − 70% is 4.9999999… in binary; it is a 5-point move to a reader.
        #expect(assess((7_500, 10_000), (7_000, 10_000)).isDeterioration)
        #expect(!assess((7_490, 10_000), (7_000, 10_000)).isChange)
    }

    @Test("the confidence threshold: 56/70 against 48/80 is a change at 95% and 99% (lower limit +0.5 points), not at 99.5%")
    func confidenceThreshold() {
        let at95 = assess((48, 80), (56, 70), rule: ChangeRule(confidence: .ninetyFivePercent, minimumPoints: 0))
        #expect(at95.isChange && abs(at95.difference.lower - 0.0524) < 0.00005)
        let at99 = assess((48, 80), (56, 70), rule: ChangeRule(confidence: ConfidenceLevel(0.99)!, minimumPoints: 0))
        #expect(at99.isChange && abs(at99.difference.lower - 0.00537) < 0.00001)
        let at995 = assess((48, 80), (56, 70), rule: ChangeRule(confidence: ConfidenceLevel(0.995)!, minimumPoints: 0))
        #expect(!at995.isChange && abs(at995.difference.lower + 0.01217) < 0.00001)
    }

    @Test("an empty quarter is skipped; one quarter alone has no change")
    func series() {
        let quarters = Quarter.from(Quarter(parsing: "2023-Q1")!, through: Quarter(parsing: "2023-Q4")!)
        let points = [
            IndicatorPoint(period: quarters[2], numerator: 0, denominator: 0),
            IndicatorPoint(period: quarters[3], numerator: 55, denominator: 100),
            IndicatorPoint(period: quarters[0], numerator: 90, denominator: 100),
            IndicatorPoint(period: quarters[1], numerator: 85, denominator: 100),
        ]
        let series = IndicatorSeries(indicator: .programmeStarts, points: points)
        #expect(series.points.map(\.period) == quarters)
        let alert = series.alert(rule: .standard)
        #expect(alert?.from == quarters[1] && alert?.to == quarters[3])
        #expect(IndicatorSeries(indicator: .programmeStarts, points: [points[1]]).latestChange(rule: .standard) == nil)
        // A dip that is only noise raises nothing.
        let noisy = IndicatorSeries(
            indicator: .programmeStarts,
            points: [IndicatorPoint(period: quarters[0], numerator: 14, denominator: 20), IndicatorPoint(period: quarters[1], numerator: 11, denominator: 20)])
        #expect(noisy.latestChange(rule: .standard)?.isChange == false && noisy.alert(rule: .standard) == nil)
    }
}

@Suite("A quarterly return's indicators")
struct QuarterlyReturnTests {
    @Test("a return's files give each indicator they can be counted for, as at the quarter's end, and none they cannot")
    func points() throws {
        let caseload = try CaseloadCSV.read(bytes: Array((DeliveryTests.header + DeliveryTests.tenCases).utf8), file: "c.csv", today: DeliveryTests.today)
        let workforce = try WorkforceCSV.read(
            bytes: Array((StaffingTests.header + "N,PO,10,2.5,40,112,6,2,\nN,PSO,8,1,60,95,3,0,\n").utf8), file: "w.csv")
        let period = try #require(Quarter(parsing: "2024-Q2"))
        let points = QuarterlyReturn.points(period: period, caseload: caseload, workforce: workforce)
        // The same hand counts as the delivery tests (as at 30 June 2024), and 3.5 of 21.5 posts vacant, rounded to 4 of 22.
        #expect(points["programme-starts"] == IndicatorPoint(period: period, numerator: 2, denominator: 4))
        #expect(points["unpaid-work-completion"] == IndicatorPoint(period: period, numerator: 2, denominator: 4))
        #expect(points["face-to-face-contact"] == IndicatorPoint(period: period, numerator: 4, denominator: 7))
        #expect(points["vacancy-rate"] == IndicatorPoint(period: period, numerator: 4, denominator: 22))
        #expect(Set(points.keys) == Set(Indicator.standard.map(\.id)))
        // No workforce file, no vacancy rate; no delivery columns, no delivery indicators.
        let plain = try CaseloadCSV.read(
            bytes: Array(
                "case_ref,sentence_type,start_date,rosh,mappa_category,mappa_level,officer_grade,team,gender,ethnicity\nC1,licence,2020-01-01,low,none,none,PO,N,male,White\n"
                    .utf8),
            file: "c.csv", today: DeliveryTests.today)
        #expect(
            QuarterlyReturn.points(period: period, caseload: plain, workforce: nil) == [
                "rosh-recorded": IndicatorPoint(period: period, numerator: 1, denominator: 1)
            ])
    }

    static let roshHeader = "case_ref,sentence_type,start_date,rosh,mappa_category,mappa_level,officer_grade,team,gender,ethnicity\n"
    /// Five cases, two with no RoSH level: one blank, one written "not recorded".
    static let roshGaps = """
        C1,licence,2020-01-01,low,none,none,PO,N,male,White
        C2,licence,2020-01-01,,none,none,PO,N,male,White
        C3,licence,2020-01-01,high,none,none,PO,N,male,White
        C4,licence,2020-01-01,not recorded,none,none,PO,N,male,White
        C5,licence,2020-01-01,very-high,none,none,PSO,N,male,White

        """

    @Test("a return may leave a RoSH level blank, and counts the cases that have one: 3 of 5, by hand")
    func roshRecorded() throws {
        let period = try #require(Quarter(parsing: "2024-Q1"))
        let caseload = (bytes: Array((Self.roshHeader + Self.roshGaps).utf8), file: "c.csv")
        let read = try QuarterlyReturn.read(period: period, caseload: caseload, workforce: nil, today: DeliveryTests.today)
        #expect(read.caseloadRows == 5)
        #expect(read.points["rosh-recorded"] == IndicatorPoint(period: period, numerator: 3, denominator: 5))
        // A case with no level is in no declared RoSH group: 1 of the 2 high or very high cases is held by a PO.
        let declared = Indicator(
            id: "high-held-by-po", title: "t", better: .higher,
            counting: CaseCounting(counts: CaseCondition([.officerGrade: ["po"]]), of: CaseCondition([.rosh: ["high", "very-high"]])))
        let counted = try QuarterlyReturn.read(period: period, caseload: caseload, workforce: nil, today: DeliveryTests.today, declared: [declared])
        #expect(counted.points[declared.id] == IndicatorPoint(period: period, numerator: 1, denominator: 2))
    }

    @Test("an inspection's extract needs every RoSH level, and says why; a misspelt level is refused either way")
    func roshRequiredForSampling() {
        func problems(_ body: String, roshMayBeMissing: Bool) -> [String] {
            do {
                _ = try CaseloadCSV.read(
                    bytes: Array((Self.roshHeader + body).utf8), file: "c.csv", today: DeliveryTests.today, roshMayBeMissing: roshMayBeMissing)
                return []
            } catch { return error.problems.map { "\($0.line ?? 0) \($0.columnName ?? "-"): \($0.message)" } }
        }
        let missing = problems(Self.roshGaps, roshMayBeMissing: false)
        #expect(missing.count == 2)
        #expect(
            missing.first
                == "3 rosh: no RoSH level: an inspection's sample is drawn by RoSH level, so every case needs one (only a quarterly return may leave it blank)")
        #expect(missing.last?.hasPrefix("5 rosh: no RoSH level") == true)
        #expect(problems(Self.roshGaps, roshMayBeMissing: true).isEmpty)
        let misspelt = "C1,licence,2020-01-01,hihg,none,none,PO,N,male,White\n"
        #expect(problems(misspelt, roshMayBeMissing: false) == ["2 rosh: unknown RoSH level; expected low, medium, high or very-high"])
        #expect(
            problems(misspelt, roshMayBeMissing: true) == [
                "2 rosh: unknown RoSH level; expected low, medium, high or very-high, or blank when none is recorded"
            ])
    }
}

@Suite("Indicators declared by framework files")
struct DeclaredIndicatorTests {
    static func adding(_ block: String) -> String {
        FrameworkYAML.minimal().replacingOccurrences(of: "title: Test framework\n", with: "title: Test framework\n\(block)\n")
    }

    static let declared = """
        indicators:
          - id: high-rosh-held-by-po
            title: High RoSH cases held by a PO
            better: higher
            counts: { officer_grade: [po] }
            of: { rosh: [high, very-high] }
        """

    @Test("a framework file declares an indicator; a return counts it from the caseload, hand-counted")
    func counted() throws {
        let framework = try FrameworkLoader.parse(yaml: Self.adding(Self.declared), file: "t.yaml")
        let indicator = try #require(framework.indicators.first)
        #expect(indicator.id == "high-rosh-held-by-po" && indicator.better == .higher)
        #expect(indicator.definition == "cases whose officer grade is po ÷ cases whose rosh is high or very-high, from the caseload file")
        func record(_ reference: String, _ rosh: RoshLevel, _ grade: OfficerGrade) -> EligibleCaseRecord {
            EligibleCaseRecord(
                caseReference: reference, sentenceType: .licence, startDate: CalendarDate(year: 2023, month: 1, day: 1)!, rosh: rosh, officerGrade: grade,
                team: "T", gender: "male", ethnicity: "White")
        }
        // Three high or very high cases, two with a PO; the low case is not counted either way.
        let caseload = [
            record("A", .high, .probationOfficer), record("B", .veryHigh, .probationServicesOfficer), record("C", .veryHigh, .probationOfficer),
            record("D", .low, .probationServicesOfficer),
        ]
        let period = Quarter(year: 2024, number: 1)!
        let points = QuarterlyReturn.points(period: period, caseload: caseload, workforce: nil, declared: [indicator])
        #expect(points[indicator.id] == IndicatorPoint(period: period, numerator: 2, denominator: 3))
        // Without the declaration it is not counted at all.
        #expect(QuarterlyReturn.points(period: period, caseload: caseload, workforce: nil)[indicator.id] == nil)
        let catalog = FrameworkCatalog([framework])
        #expect(catalog.indicators(for: .crc).map(\.id) == Indicator.standard.map(\.id))
    }

    @Test(
        "a declared indicator with an unknown field or value, a taken id, a wrong direction or nothing to count is refused, naming it",
        arguments: [
            ("counts: { grade: [po] }", "unknown caseload field \"grade\""),
            ("counts: { officer_grade: [spo] }", "\"spo\" is not a value of officer_grade"),
            ("counts: {}", "names no field"),
            ("better: up", "\"up\" is not a direction"),
            ("id: vacancy-rate", "\"vacancy-rate\" is already an indicator"),
        ])
    func refused(change: String, words: String) {
        let key = String(change.prefix { $0 != ":" })
        let lines = Self.declared.split(separator: "\n").map { line in
            line.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "- ", with: "").hasPrefix(key + ":")
                ? line.replacingOccurrences(of: line.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "- ", with: ""), with: change) : String(line)
        }
        let error = #expect(throws: FrameworkLoadError.self) { try FrameworkLoader.parse(yaml: Self.adding(lines.joined(separator: "\n")), file: "t.yaml") }
        #expect(error?.description.contains(words) == true, "\(error?.description ?? "")")
    }
}
