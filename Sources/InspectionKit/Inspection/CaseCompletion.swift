import Foundation

/// A field of a case form that needs the inspector's attention, and what to do about it.
public struct FormProblem: Sendable, Hashable {
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
}

/// The answer to "If needed, was the check done?": "not needed" is its own choice, so a
/// person can take back a "yes" after deciding the check was not needed.
public enum CheckDone: String, Sendable, CaseIterable {
    case yes, no
    case notNeeded = "not-needed"

    public var title: String {
        switch self {
        case .yes: "Yes"
        case .no: "No"
        case .notNeeded: "Not needed"
        }
    }
}

/// Reads the case facts form: every question answered, and no answer contradicting another.
public enum CaseFactsForm {
    /// The three checks, by field prefix, as the form names them.
    public static let checks: [(key: String, title: String)] = [
        ("domestic_abuse", "domestic abuse police check"), ("safeguarding", "child safeguarding check"), ("home_visit", "home visit"),
    ]

    /// The form's field for a need.
    public static func field(_ need: Need) -> String { "need_\(need.rawValue)" }

    /// The facts, or every problem with the form; nothing is half-read.
    /// - Parameter needs: the needs the case's framework asks about; each must be answered.
    public static func read(_ fields: [String: String], needs: [Need] = []) -> Result<CaseFacts, FormProblems> {
        var problems: [FormProblem] = []
        func yesNo(_ key: String) -> Bool? { fields[key] == "yes" ? true : fields[key] == "no" ? false : nil }
        let rosh = RoshLevel(rawValue: fields["rosh"] ?? "")
        if rosh == nil { problems.append(.init(field: "rosh", message: "Select the RoSH level at the start")) }
        let reviewed = yesNo("rosh_reviewed")
        if reviewed == nil { problems.append(.init(field: "rosh_reviewed", message: "Select whether the RoSH level was reviewed when it should have been")) }
        let mappaText = fields["mappa_level"] ?? ""
        let mappa = Int(mappaText).flatMap { (1...3).contains($0) ? $0 : nil }
        if mappa == nil, mappaText != "none" { problems.append(.init(field: "mappa_level", message: "Select the MAPPA level, or none")) }
        var records: [CheckRecord] = []
        for check in checks {
            let needed = yesNo("\(check.key)_needed")
            let done = CheckDone(rawValue: fields["\(check.key)_done"] ?? "")
            switch (needed, done) {
            case (nil, _):
                problems.append(.init(field: "\(check.key)_needed", message: "Select whether a \(check.title) was needed"))
            case (true, nil):
                problems.append(.init(field: "\(check.key)_done", message: "Select whether the \(check.title) was done"))
            case (true, .notNeeded?):
                problems.append(
                    .init(field: "\(check.key)_done", message: "The \(check.title) was needed, so say whether it was done: yes or no, not \"not needed\""))
            case (false, .yes?), (false, .no?):
                problems.append(
                    .init(
                        field: "\(check.key)_done",
                        message: "The \(check.title) was not needed, so \"was it done?\" must be \"not needed\"; change one of the two answers"))
            default:
                break
            }
            records.append(CheckRecord(needed: needed, done: needed == true ? done == .yes : nil))
        }
        let contact = ContactType(rawValue: fields["contact"] ?? "")
        if contact == nil { problems.append(.init(field: "contact", message: "Select the main contact type")) }
        var outcomes: [Need: NeedOutcome] = [:]
        for need in needs {
            if let outcome = NeedOutcome(rawValue: fields[field(need)] ?? "") {
                outcomes[need] = outcome
            } else {
                problems.append(.init(field: field(need), message: "Select what was found for \(need.title.lowercased())"))
            }
        }
        guard problems.isEmpty else { return .failure(FormProblems(problems)) }
        return .success(
            CaseFacts(
                roshAtStart: rosh, roshReviewed: reviewed, mappaLevel: mappa, domesticAbuseCheck: records[0], safeguardingCheck: records[1],
                homeVisit: records[2], contactType: contact, needs: outcomes))
    }

    /// The form's values for stored facts ("not needed" for a check that was not needed).
    public static func values(_ facts: CaseFacts, recorded: Bool) -> [String: String] {
        func yesNo(_ value: Bool?) -> String? { value.map { $0 ? "yes" : "no" } }
        var values: [String: String] = [:]
        values["rosh"] = facts.roshAtStart?.rawValue
        values["rosh_reviewed"] = yesNo(facts.roshReviewed)
        if recorded { values["mappa_level"] = facts.mappaLevel.map(String.init) ?? "none" }
        for (check, record) in zip(checks, [facts.domesticAbuseCheck, facts.safeguardingCheck, facts.homeVisit]) {
            values["\(check.key)_needed"] = yesNo(record.needed)
            values["\(check.key)_done"] = record.needed == false ? CheckDone.notNeeded.rawValue : record.done.map { $0 ? "yes" : "no" }
        }
        values["contact"] = facts.contactType?.rawValue
        for (need, outcome) in facts.needs { values[field(need)] = outcome.rawValue }
        return values
    }
}

/// Everything wrong with a form, each problem against its field.
public struct FormProblems: Error, Sendable, Hashable {
    public let problems: [FormProblem]
    public init(_ problems: [FormProblem]) { self.problems = problems }

    public init(byField: [String: String]) {
        self.init(byField.sorted { $0.key < $1.key }.map { FormProblem(field: $0.key, message: $0.value) })
    }

    /// Field → its (first) problem.
    public var byField: [String: String] { Dictionary(problems.map { ($0.field, $0.message) }, uniquingKeysWith: { first, _ in first }) }
}

/// What stands between a case and "complete": unanswered key questions, and answers the
/// framework says need a rationale that have none.
public struct CaseCompletion: Sendable, Equatable {
    public let unanswered: [QuestionID]
    public let rationaleMissing: [QuestionID]

    public var isComplete: Bool { unanswered.isEmpty && rationaleMissing.isEmpty }

    /// - Parameter answers: the stored answer and rationale of each answered question.
    public init(framework: Framework, standards: [Standard], answers: [QuestionID: (answer: Answer, rationale: String)]) {
        let questions = standards.flatMap(\.questions).map(\.id)
        unanswered = questions.filter { answers[$0] == nil }
        rationaleMissing = questions.filter { id in
            guard let stored = answers[id] else { return false }
            return framework.needsRationale(stored.answer) && stored.rationale.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        }
    }
}
