/// One eligible case from a provider's caseload extract. Identified only by a pseudonymous
/// reference: names are never needed.
public struct EligibleCaseRecord: Sendable, Hashable, Codable {
    public var caseReference: String
    public var sentenceType: SentenceType
    public var startDate: CalendarDate
    /// Nil only in a quarterly return, where how many cases lack one is itself watched. An
    /// inspection's extract must give every case a level, because its sample is drawn by it.
    public var rosh: RoshLevel?
    /// MAPPA category 1–4, or nil when the case is not managed under MAPPA.
    public var mappaCategory: Int?
    /// MAPPA level 1–3, or nil.
    public var mappaLevel: Int?
    public var officerGrade: OfficerGrade
    public var team: String
    public var gender: String
    public var ethnicity: String
    /// From the optional `age_band` column; nil when the file has none or the row leaves it blank.
    public var ageBand: AgeBand?
    /// The optional delivery columns; empty when the file has none.
    public var delivery: SentenceDelivery

    public init(
        caseReference: String, sentenceType: SentenceType, startDate: CalendarDate, rosh: RoshLevel?,
        mappaCategory: Int? = nil, mappaLevel: Int? = nil, officerGrade: OfficerGrade, team: String,
        gender: String, ethnicity: String, ageBand: AgeBand? = nil, delivery: SentenceDelivery = SentenceDelivery()
    ) {
        self.delivery = delivery
        self.ageBand = ageBand
        self.caseReference = caseReference
        self.sentenceType = sentenceType
        self.startDate = startDate
        self.rosh = rosh
        self.mappaCategory = mappaCategory
        self.mappaLevel = mappaLevel
        self.officerGrade = officerGrade
        self.team = team
        self.gender = gender
        self.ethnicity = ethnicity
    }

    /// The stratum used by the standard draw: RoSH level × sentence type.
    public var standardStratum: String { "\(rosh?.rawValue ?? CaseloadCSV.roshNotRecorded)|\(sentenceType.rawValue)" }
}

/// Reads a provider's eligible caseload extract. Every row is checked; a file with any bad row
/// is rejected whole, with every problem listed.
public enum CaseloadCSV {
    /// The exact values a file may hold, as a provider types them: "community-order, licence or …".
    static func describe(_ types: Set<SentenceType>) -> String {
        let names = SentenceType.allCases.filter(types.contains).map(\.rawValue)
        return names.count <= 1 ? names.joined() : names.dropLast().joined(separator: ", ") + " or " + names.last!
    }

    public static let columns = [
        "case_ref", "sentence_type", "start_date", "rosh", "mappa_category", "mappa_level",
        "officer_grade", "team", "gender", "ethnicity",
    ]
    /// How the sentence is being delivered; any of them may be left out of a file, or blank in a row.
    public static let deliveryColumns = [
        "programme_requirement", "programme_start_date", "unpaid_work_hours_ordered", "unpaid_work_hours_completed", "unpaid_work_completed_date",
        "latest_contact_type",
    ]
    /// The age band, which a file may leave out or a row leave blank (or "not recorded").
    public static let ageBandColumn = "age_band"
    public static let genders = ["male", "female", "other", "not recorded"]
    /// What a quarterly return may write, or leave blank, for a case with no RoSH level.
    public static let roshNotRecorded = "not-recorded"

    /// Stops collecting after this many problems: a wholly wrong file would otherwise produce
    /// a million identical lines. The count of all problems is still reported.
    public static let problemLimit = 1000

    public struct Result: Sendable {
        public let records: [EligibleCaseRecord]
    }

    /// - Parameters:
    ///   - today: start dates after today are refused, as are dates before 1990.
    ///   - accepting: the sentence types the inspection's framework samples (nil: any), so a
    ///     youth team's file of adult licences is refused rather than sampled as nothing.
    ///   - roshMayBeMissing: true for a quarterly return, whose cases may have no RoSH level
    ///     (blank or `not-recorded`); an inspection's extract may not, as its sample is drawn by it.
    ///   - progress: called every 10,000 rows with the number of bytes read so far.
    public static func read(
        bytes: [UInt8], file: String, today: CalendarDate, accepting: Set<SentenceType>? = nil, roshMayBeMissing: Bool = false,
        progress: ((Int) -> Void)? = nil
    ) throws(InputProblems) -> [EligibleCaseRecord] {
        var problems: [InputProblem] = []
        var problemCount = 0
        func report(_ problem: InputProblem) {
            problemCount += 1
            if problems.count < problemLimit { problems.append(problem) }
        }
        // A row is rarely under 50 bytes; reserving up front saves regrowing (and rehashing) a
        // million-entry table, which the profile showed.
        let expectedRows = bytes.count / 50
        var records: [EligibleCaseRecord] = []
        records.reserveCapacity(expectedRows)
        var seen: [String: Int] = [:]
        seen.reserveCapacity(expectedRows)
        let earliest = CalendarDate(year: 1990, month: 1, day: 1)!
        var checked = 0
        // Few distinct values per column: each is parsed once.
        var sentences = Memo<SentenceType?>(), dates = Memo<CalendarDate?>(), roshLevels = Memo<RoshLevel?>()
        var categories = Memo<MappaNumber>(), levels = Memo<MappaNumber>(), grades = Memo<OfficerGrade?>(), genderNames = Memo<String?>()
        // Where the delivery columns are, found on the first row; empty when the file has none, as most do.
        var delivery: [Int?]?
        var ageBandPosition: Int??
        var ageBands = Memo<AgeBand??>()
        let rows = try CSVTable.read(
            bytes: bytes, file: file, columns: columns, optional: [ageBandColumn] + deliveryColumns, maximumFieldLength: 1024, report: report
        ) { row in
            checked += 1
            if checked % 10_000 == 0 { progress?(row.endOffset) }
            func fail(_ name: String, _ value: String, _ message: String) { report(row.problem(name, value: value, message)) }
            var valid = true
            let reference = row.text(Column.caseReference)
            if reference.isEmpty || reference.utf8.count > 32 || !reference.utf8.allSatisfy(CaseloadCSV.isReferenceByte) {
                fail("case_ref", reference, "a case reference is 1 to 32 letters, digits, hyphens or underscores (a pseudonymous reference, never a name)")
                valid = false
            } else if let earlier = seen[reference] {
                fail("case_ref", reference, "duplicate: case \(reference) is already on line \(earlier)")
                valid = false
            }
            let sentenceText = row.text(Column.sentenceType)
            let sentence = sentences.value(sentenceText) { SentenceType(parsing: $0) }
            if sentence == nil {
                fail("sentence_type", sentenceText, "unknown sentence type; expected \(describe(accepting ?? Set(SentenceType.allCases)))")
                valid = false
            } else if let sentence, let accepting, !accepting.contains(sentence) {
                fail("sentence_type", sentenceText, "\(sentence.title) cases are not inspected under this framework; expected \(describe(accepting))")
                valid = false
            }
            let dateText = row.text(Column.startDate)
            let date = dates.value(dateText) { CalendarDate(parsing: $0) }
            if date == nil {
                fail("start_date", dateText, "not a date; write it as yyyy-mm-dd")
                valid = false
            } else if let date, date < earliest || date > today {
                fail("start_date", dateText, "out of range; a start date must fall between 1990-01-01 and \(today)")
                valid = false
            }
            let roshText = row.text(Column.rosh)
            let rosh = roshLevels.value(roshText) { RoshLevel(parsing: $0) }
            let roshMissing = rosh == nil && isNotRecorded(roshText)
            if rosh == nil && !(roshMissing && roshMayBeMissing) {
                fail(
                    "rosh", roshText,
                    roshMissing
                        ? "no RoSH level: an inspection's sample is drawn by RoSH level, so every case needs one (only a quarterly return may leave it blank)"
                        : "unknown RoSH level; expected low, medium, high or very-high\(roshMayBeMissing ? ", or blank when none is recorded" : "")")
                valid = false
            }
            let categoryText = row.text(Column.mappaCategory)
            let category = categories.value(categoryText) { mappaNumber($0, range: 1...4) }
            if category == .invalid {
                fail("mappa_category", categoryText, "expected a MAPPA category 1 to 4, or none")
                valid = false
            }
            let levelText = row.text(Column.mappaLevel)
            let level = levels.value(levelText) { mappaNumber($0, range: 1...3) }
            if level == .invalid {
                fail("mappa_level", levelText, "expected a MAPPA level 1 to 3, or none")
                valid = false
            }
            if case .value = category, case .none = level {
                fail("mappa_level", levelText, "a MAPPA case needs a level 1 to 3")
                valid = false
            }
            let gradeText = row.text(Column.officerGrade)
            let grade = grades.value(gradeText) { OfficerGrade(parsing: $0) }
            if grade == nil {
                fail("officer_grade", gradeText, "unknown officer grade; expected PO or PSO")
                valid = false
            }
            let team = row.text(Column.team)
            if team.isEmpty || (team.utf8.count > 80 && team.count > 80) {
                fail("team", team, "a team name is 1 to 80 characters")
                valid = false
            }
            let genderText = row.text(Column.gender)
            let gender = genderNames.value(genderText) { normalisedGender($0) }
            if gender == nil {
                fail("gender", genderText, "unknown gender; expected \(genders.joined(separator: ", "))")
                valid = false
            }
            let ethnicity = row.text(Column.ethnicity)
            if ethnicity.isEmpty || (ethnicity.utf8.count > 80 && ethnicity.count > 80) {
                fail("ethnicity", ethnicity, "an ethnicity is 1 to 80 characters (use \"not recorded\" when unknown)")
                valid = false
            }
            if ageBandPosition == nil { ageBandPosition = .some(row.index(of: ageBandColumn)) }
            var ageBand: AgeBand?
            if let position = ageBandPosition ?? nil {
                let text = row.text(position)
                switch ageBands.value(text, { text in isNotRecorded(text) ? .some(nil) : AgeBand(rawValue: text).map { .some($0) } }) {
                case .some(let band): ageBand = band
                case .none:
                    fail("age_band", text, "unknown age band; expected \(AgeBand.allCases.map(\.rawValue).joined(separator: ", ")), or blank when not recorded")
                    valid = false
                }
            }
            if delivery == nil {
                let positions = deliveryColumns.map(row.index(of:))
                delivery = positions.contains { $0 != nil } ? positions : []
            }
            var said = SentenceDelivery()
            if let delivery, !delivery.isEmpty {
                let read = readDelivery(row, at: delivery, started: date, today: today, report: report)
                said = read.delivery
                if !read.valid { valid = false }
            }
            guard valid, let sentence, let date, let grade, let gender else { return }
            seen[reference] = row.line
            records.append(
                EligibleCaseRecord(
                    caseReference: reference, sentenceType: sentence, startDate: date, rosh: rosh,
                    mappaCategory: category.number, mappaLevel: level.number, officerGrade: grade,
                    team: team, gender: gender, ethnicity: ethnicity, ageBand: ageBand, delivery: said))
        }
        if rows == 0 { report(InputProblem(file: file, line: 2, message: "the file has a header but no cases")) }
        if problemCount > problems.count {
            problems.append(InputProblem(file: file, line: nil, message: "\(problemCount - problems.count) more problems not listed; fix these first"))
        }
        guard problems.isEmpty else { throw InputProblems(problems) }
        return records
    }

    /// The delivery columns of one row, each checked on its own and against the others.
    /// - Parameter started: the sentence's start date, when it was readable.
    static func readDelivery(
        _ row: CSVTable.Row, at positions: [Int?], started: CalendarDate?, today: CalendarDate, report: (InputProblem) -> Void
    ) -> (delivery: SentenceDelivery, valid: Bool) {
        var delivery = SentenceDelivery()
        var valid = true
        func text(_ column: Int) -> String? {
            guard let position = positions[column] else { return nil }
            let value = row.text(position)
            return value.isEmpty ? nil : value
        }
        func fail(_ column: Int, _ value: String, _ message: String) {
            report(row.problem(positions[column]!, value: value, message))
            valid = false
        }
        func date(_ column: Int, _ what: String) -> CalendarDate? {
            guard let value = text(column) else { return nil }
            guard let date = CalendarDate(parsing: value) else {
                fail(column, value, "not a date; write it as yyyy-mm-dd")
                return nil
            }
            if let started, date < started {
                fail(column, value, "\(what) is before the sentence started on \(started)")
            } else if date > today {
                fail(column, value, "\(what) is after today, \(today)")
            }
            return date
        }
        if let value = text(0) {
            switch value.lowercased() {
            case "yes", "y", "true": delivery.programmeRequirement = true
            case "no", "n", "false": delivery.programmeRequirement = false
            default: fail(0, value, "expected yes or no, or nothing when not known")
            }
        }
        if let value = text(1) {
            delivery.programmeStarted = date(1, "the programme's start")
            if delivery.programmeRequirement != true { fail(1, value, "a programme start date needs programme_requirement to be yes") }
        }
        func hours(_ column: Int) -> Int? {
            guard let value = text(column) else { return nil }
            guard let hours = Int(value), (0...1_000).contains(hours) else {
                fail(column, value, "expected a whole number of hours from 0 to 1,000")
                return nil
            }
            return hours
        }
        delivery.unpaidWorkHoursOrdered = hours(2)
        delivery.unpaidWorkHoursCompleted = hours(3)
        if delivery.unpaidWorkHoursOrdered == 0 { fail(2, "0", "an unpaid work order is at least one hour; leave it empty when there is none") }
        if let completed = delivery.unpaidWorkHoursCompleted {
            if let ordered = delivery.unpaidWorkHoursOrdered {
                if completed > ordered { fail(3, String(completed), "more hours completed than the \(ordered) ordered") }
            } else {
                fail(3, String(completed), "hours completed need the hours ordered in unpaid_work_hours_ordered")
            }
        }
        if let value = text(4) {
            delivery.unpaidWorkCompleted = date(4, "the order's completion")
            if delivery.unpaidWorkHoursOrdered == nil || delivery.unpaidWorkHoursCompleted != delivery.unpaidWorkHoursOrdered {
                fail(4, value, "a completion date needs every ordered hour completed")
            }
        } else if let ordered = delivery.unpaidWorkHoursOrdered, delivery.unpaidWorkHoursCompleted == ordered, positions[4] != nil {
            fail(3, String(ordered), "all \(ordered) hours are completed: give the date of the last in unpaid_work_completed_date")
        }
        if let value = text(5) {
            delivery.latestContact = ContactType(parsing: value)
            if delivery.latestContact == nil { fail(5, value, "unknown contact type; expected face-to-face, phone or video") }
        }
        return (delivery, valid)
    }

    enum MappaNumber: Equatable {
        case none, value(Int), invalid
        var number: Int? { if case .value(let value) = self { value } else { nil } }
    }

    static func mappaNumber(_ text: String, range: ClosedRange<Int>) -> MappaNumber {
        switch text.lowercased() {
        case "", "none", "n/a", "0", "-": return .none
        default:
            let digits = text.lowercased().replacingOccurrences(of: "category ", with: "").replacingOccurrences(of: "level ", with: "")
            guard let value = Int(digits), range.contains(value) else { return .invalid }
            return .value(value)
        }
    }

    /// A RoSH cell that says no level is recorded, rather than naming one wrongly.
    static func isNotRecorded(_ text: String) -> Bool {
        ["", roshNotRecorded, "not recorded", "none", "unknown"].contains(text.lowercased())
    }

    static func normalisedGender(_ text: String) -> String? {
        switch text.lowercased() {
        case "male", "m": "male"
        case "female", "f": "female"
        case "other", "non-binary", "nonbinary": "other"
        case "not recorded", "unknown", "not stated", "": "not recorded"
        default: nil
        }
    }

    /// Positions in `columns`, so a row's fields are read without looking names up.
    private enum Column {
        static let caseReference = 0, sentenceType = 1, startDate = 2, rosh = 3, mappaCategory = 4, mappaLevel = 5, officerGrade = 6, team = 7,
            gender = 8, ethnicity = 9
    }

    /// Each distinct text of a column parsed once: a caseload has a handful of sentence types and
    /// a few thousand dates among a million rows.
    struct Memo<Value> {
        private var parsed: [String: Value] = [:]

        mutating func value(_ text: String, _ parse: (String) -> Value) -> Value {
            if let known = parsed[text] { return known }
            let value = parse(text)
            if parsed.count < 100_000 { parsed[text] = value }
            return value
        }
    }

    /// A byte of a case reference: an ASCII letter or digit, a hyphen or an underscore.
    static func isReferenceByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"),
            UInt8(ascii: "_"):
            true
        default: false
        }
    }

    public static func isReferenceCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && isReferenceByte(UInt8(scalar.value))
    }
}
