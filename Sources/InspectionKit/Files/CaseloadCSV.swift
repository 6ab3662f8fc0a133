/// One eligible case from a provider's caseload extract. Identified only by a pseudonymous
/// reference: names are never needed.
public struct EligibleCaseRecord: Sendable, Hashable, Codable {
    public var caseReference: String
    public var sentenceType: SentenceType
    public var startDate: CalendarDate
    public var rosh: RoshLevel
    /// MAPPA category 1–4, or nil when the case is not managed under MAPPA.
    public var mappaCategory: Int?
    /// MAPPA level 1–3, or nil.
    public var mappaLevel: Int?
    public var officerGrade: OfficerGrade
    public var team: String
    public var gender: String
    public var ethnicity: String

    public init(
        caseReference: String, sentenceType: SentenceType, startDate: CalendarDate, rosh: RoshLevel,
        mappaCategory: Int? = nil, mappaLevel: Int? = nil, officerGrade: OfficerGrade, team: String,
        gender: String, ethnicity: String
    ) {
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
    public var standardStratum: String { "\(rosh.rawValue)|\(sentenceType.rawValue)" }
}

/// Reads a provider's eligible caseload extract. Every row is checked; a file with any bad row
/// is rejected whole, with every problem listed.
public enum CaseloadCSV {
    public static let columns = [
        "case_ref", "sentence_type", "start_date", "rosh", "mappa_category", "mappa_level",
        "officer_grade", "team", "gender", "ethnicity",
    ]
    public static let genders = ["male", "female", "other", "not recorded"]

    /// Stops collecting after this many problems: a wholly wrong file would otherwise produce
    /// a million identical lines. The count of all problems is still reported.
    public static let problemLimit = 1000

    public struct Result: Sendable {
        public let records: [EligibleCaseRecord]
    }

    /// - Parameters:
    ///   - today: start dates after today are refused, as are dates before 1990.
    ///   - progress: called every 10,000 rows with the number of bytes read so far.
    public static func read(
        bytes: [UInt8], file: String, today: CalendarDate, progress: ((Int) -> Void)? = nil
    ) throws(InputProblems) -> [EligibleCaseRecord] {
        var problems: [InputProblem] = []
        var problemCount = 0
        func report(_ problem: InputProblem) {
            problemCount += 1
            if problems.count < problemLimit { problems.append(problem) }
        }
        var records: [EligibleCaseRecord] = []
        var seen: [String: Int] = [:]
        var fields: [CSVParser.Field] = []
        let earliest = CalendarDate(year: 1990, month: 1, day: 1)!
        do {
            var parser = try CSVParser(bytes: bytes, maximumFieldLength: 1024)
            guard try parser.nextRecord(into: &fields) != nil else {
                throw InputProblems([
                    InputProblem(file: file, line: 1, message: "the file is empty; the first line must be \"\(columns.joined(separator: ","))\"")
                ])
            }
            let header = try HeaderColumns(parser: parser, header: fields, expected: columns, file: file)
            let index = Dictionary(uniqueKeysWithValues: zip(columns, header.indices))
            let needed = header.indices.max()! + 1
            var rows = 0
            while let line = try parser.nextRecord(into: &fields) {
                rows += 1
                if rows % 10_000 == 0 { progress?(fields.last?.range.upperBound ?? 0) }
                guard fields.count >= needed else {
                    report(InputProblem(file: file, line: line, column: fields.count + 1, message: "expected \(needed) fields, found \(fields.count)"))
                    continue
                }
                func text(_ name: String) -> String { parser.string(fields[index[name]!]).trimmingCharacters(in: .whitespaces) }
                func fail(_ name: String, _ value: String, _ message: String) {
                    report(InputProblem(file: file, line: line, column: index[name]! + 1, columnName: name, value: value, message: message))
                }
                var valid = true
                let reference = text("case_ref")
                if reference.isEmpty || reference.count > 32 || !reference.unicodeScalars.allSatisfy(CaseloadCSV.isReferenceCharacter) {
                    fail("case_ref", reference, "a case reference is 1 to 32 letters, digits, hyphens or underscores (a pseudonymous reference, never a name)")
                    valid = false
                } else if let earlier = seen[reference] {
                    fail("case_ref", reference, "duplicate: case \(reference) is already on line \(earlier)")
                    valid = false
                }
                let sentenceText = text("sentence_type")
                let sentence = SentenceType(parsing: sentenceText)
                if sentence == nil {
                    fail(
                        "sentence_type", sentenceText,
                        "unknown sentence type; expected community order, suspended sentence order, licence or post-sentence supervision")
                    valid = false
                }
                let dateText = text("start_date")
                let date = CalendarDate(parsing: dateText)
                if date == nil {
                    fail("start_date", dateText, "not a date; write it as yyyy-mm-dd")
                    valid = false
                } else if let date, date < earliest || date > today {
                    fail("start_date", dateText, "out of range; a start date must fall between 1990-01-01 and \(today)")
                    valid = false
                }
                let roshText = text("rosh")
                let rosh = RoshLevel(parsing: roshText)
                if rosh == nil {
                    fail("rosh", roshText, "unknown RoSH level; expected low, medium, high or very high")
                    valid = false
                }
                let categoryText = text("mappa_category")
                let category = mappaNumber(categoryText, range: 1...4)
                if category == .invalid {
                    fail("mappa_category", categoryText, "expected a MAPPA category 1 to 4, or none")
                    valid = false
                }
                let levelText = text("mappa_level")
                let level = mappaNumber(levelText, range: 1...3)
                if level == .invalid {
                    fail("mappa_level", levelText, "expected a MAPPA level 1 to 3, or none")
                    valid = false
                }
                if case .value = category, case .none = level {
                    fail("mappa_level", levelText, "a MAPPA case needs a level 1 to 3")
                    valid = false
                }
                let gradeText = text("officer_grade")
                let grade = OfficerGrade(parsing: gradeText)
                if grade == nil {
                    fail("officer_grade", gradeText, "unknown officer grade; expected PO or PSO")
                    valid = false
                }
                let team = text("team")
                if team.isEmpty || team.count > 80 {
                    fail("team", team, "a team name is 1 to 80 characters")
                    valid = false
                }
                let genderText = text("gender")
                let gender = normalisedGender(genderText)
                if gender == nil {
                    fail("gender", genderText, "unknown gender; expected \(genders.joined(separator: ", "))")
                    valid = false
                }
                let ethnicity = text("ethnicity")
                if ethnicity.isEmpty || ethnicity.count > 80 {
                    fail("ethnicity", ethnicity, "an ethnicity is 1 to 80 characters (use \"not recorded\" when unknown)")
                    valid = false
                }
                guard valid, let sentence, let date, let rosh, let grade, let gender else { continue }
                seen[reference] = line
                records.append(
                    EligibleCaseRecord(
                        caseReference: reference, sentenceType: sentence, startDate: date, rosh: rosh,
                        mappaCategory: category.number, mappaLevel: level.number, officerGrade: grade,
                        team: team, gender: gender, ethnicity: ethnicity))
            }
            if rows == 0 { report(InputProblem(file: file, line: 2, message: "the file has a header but no cases")) }
        } catch let error as CSVParser.Problem {
            report(InputProblem(file: file, csv: error))
        } catch let error as InputProblems {
            throw error
        } catch {
            report(InputProblem(file: file, line: nil, message: "\(error)"))
        }
        if problemCount > problems.count {
            problems.append(InputProblem(file: file, line: nil, message: "\(problemCount - problems.count) more problems not listed; fix these first"))
        }
        guard problems.isEmpty else { throw InputProblems(problems) }
        return records
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

    static func normalisedGender(_ text: String) -> String? {
        switch text.lowercased() {
        case "male", "m": "male"
        case "female", "f": "female"
        case "other", "non-binary", "nonbinary": "other"
        case "not recorded", "unknown", "not stated", "": "not recorded"
        default: nil
        }
    }

    static func isReferenceCharacter(_ scalar: Unicode.Scalar) -> Bool {
        scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "-" || scalar == "_")
    }
}

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
        var fields: [CSVParser.Field] = []
        do {
            var parser = try CSVParser(bytes: bytes, maximumFieldLength: 1024)
            guard try parser.nextRecord(into: &fields) != nil else {
                throw InputProblems([
                    InputProblem(file: file, line: 1, message: "the file is empty; the first line must be \"\(columns.joined(separator: ","))\"")
                ])
            }
            let header = try HeaderColumns(parser: parser, header: fields, expected: columns, file: file)
            let index = Dictionary(uniqueKeysWithValues: zip(columns, header.indices))
            while let line = try parser.nextRecord(into: &fields) {
                guard fields.count > header.indices.max()! else {
                    problems.append(
                        InputProblem(
                            file: file, line: line, column: fields.count + 1, message: "expected \(header.indices.max()! + 1) fields, found \(fields.count)"))
                    continue
                }
                func text(_ name: String) -> String { parser.string(fields[index[name]!]).trimmingCharacters(in: .whitespaces) }
                func number(_ name: String, _ range: ClosedRange<Double>, _ what: String) -> Double? {
                    let value = text(name)
                    guard let number = Double(value), number.isFinite, range.contains(number) else {
                        problems.append(
                            InputProblem(file: file, line: line, column: index[name]! + 1, columnName: name, value: value, message: "expected \(what)"))
                        return nil
                    }
                    return number
                }
                let team = text("team")
                if team.isEmpty || team.count > 80 {
                    problems.append(
                        InputProblem(
                            file: file, line: line, column: index["team"]! + 1, columnName: "team", value: team, message: "a team name is 1 to 80 characters"))
                }
                let gradeText = text("grade")
                let grade = OfficerGrade(parsing: gradeText)
                if grade == nil {
                    problems.append(
                        InputProblem(
                            file: file, line: line, column: index["grade"]! + 1, columnName: "grade", value: gradeText,
                            message: "unknown grade; expected PO or PSO"))
                }
                let staff = number("staff_in_post", 0...10_000, "a number of full-time equivalent staff from 0 to 10,000")
                let vacancies = number("vacancies", 0...10_000, "a number of full-time equivalent vacancies from 0 to 10,000")
                let caseload = number("average_caseload", 0...1_000, "an average caseload per officer from 0 to 1,000")
                let workload = number("workload_tool_percent", 0...500, "a workload-tool percentage from 0 to 500")
                guard !team.isEmpty, team.count <= 80, let grade, let staff, let vacancies, let caseload, let workload else { continue }
                let key = "\(team.lowercased())|\(grade.rawValue)"
                if let earlier = seen[key] {
                    problems.append(
                        InputProblem(
                            file: file, line: line, column: index["team"]! + 1, columnName: "team", value: team,
                            message: "duplicate: \(team) \(grade.title) is already on line \(earlier)"))
                    continue
                }
                seen[key] = line
                records.append(
                    WorkforceRecord(
                        team: team, grade: grade, staffInPost: staff, vacancies: vacancies, averageCaseload: caseload, workloadToolPercent: workload))
            }
            if records.isEmpty && problems.isEmpty { problems.append(InputProblem(file: file, line: 2, message: "the file has a header but no rows")) }
        } catch let error as CSVParser.Problem {
            problems.append(InputProblem(file: file, csv: error))
        } catch let error as InputProblems {
            throw error
        } catch {
            problems.append(InputProblem(file: file, line: nil, message: "\(error)"))
        }
        guard problems.isEmpty else { throw InputProblems(problems) }
        return records
    }
}
