/// The protected characteristics the caseload carries, as the caseload gives them.
public struct CaseProfile: Sendable, Hashable {
    public let gender: String
    public let ethnicity: String
    public let ageBand: AgeBand?

    public init(gender: String = "not recorded", ethnicity: String = "not recorded", ageBand: AgeBand? = nil) {
        self.gender = gender
        self.ethnicity = ethnicity
        self.ageBand = ageBand
    }
}

/// What a case-level figure can be broken down by.
public enum EqualityCharacteristic: String, Sendable, CaseIterable, Hashable {
    case ethnicity
    case gender
    case ageBand = "age-band"

    public var title: String {
        switch self {
        case .ethnicity: "ethnicity"
        case .gender: "gender"
        case .ageBand: "age band"
        }
    }

    public static let notRecorded = "Not recorded"

    /// The group a case is in, in words: "Black", "Female", "25 to 34", or "Not recorded".
    public func group(of profile: CaseProfile) -> String {
        let text: String
        switch self {
        case .ethnicity: text = profile.ethnicity
        case .gender: text = profile.gender
        case .ageBand: return profile.ageBand?.title ?? Self.notRecorded
        }
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.lowercased() != "not recorded" else { return Self.notRecorded }
        return trimmed.prefix(1).uppercased() + trimmed.dropFirst()
    }
}

/// One characteristic's breakdown of an inspection's (or a year's) case judgements: for each
/// case-based key question, the share of applicable cases judged sufficient in each group, beside
/// all cases. Published with small figures withheld (``DisclosureControl``).
public struct EqualityFigures: Sendable, Hashable {
    public struct Question: Sendable, Hashable {
        public let id: String
        public let text: String
    }

    public let characteristic: EqualityCharacteristic
    public let confidence: ConfidenceLevel
    public let questions: [Question]
    /// Cases in each group.
    public let cases: [String: Int]
    /// For each question, its count of sufficient and of applicable cases in each group.
    public let sufficient: [String: [String: Proportion]]

    public init(_ characteristic: EqualityCharacteristic, framework: Framework, cases: [CaseEvidence], confidence: ConfidenceLevel = .ninetyFivePercent) {
        self.characteristic = characteristic
        self.confidence = confidence
        let keyQuestions = framework.standards.filter { $0.kind == .caseBased }.flatMap(\.questions)
        questions = keyQuestions.map { Question(id: $0.id.rawValue, text: $0.text) }
        let byGroup = Dictionary(grouping: cases) { characteristic.group(of: $0.profile) }
        self.cases = byGroup.mapValues(\.count)
        var sufficient: [String: [String: Proportion]] = [:]
        for question in keyQuestions {
            for (group, members) in byGroup {
                let outcomes = members.map { evidence -> Bool? in
                    switch evidence.answers[question.id] {
                    case .sufficient: true
                    case .notSufficient: false
                    default: nil
                    }
                }
                sufficient[question.id.rawValue, default: [:]][group] = Proportion(outcomes, confidence: confidence)
            }
        }
        self.sufficient = sufficient
    }

    init(
        characteristic: EqualityCharacteristic, confidence: ConfidenceLevel, questions: [Question], cases: [String: Int],
        sufficient: [String: [String: Proportion]]
    ) {
        self.characteristic = characteristic
        self.confidence = confidence
        self.questions = questions
        self.cases = cases
        self.sufficient = sufficient
    }

    /// Several inspections' figures added together, group by group and question by question:
    /// for the annual report, over inspections under one framework.
    public static func pooled(_ parts: [EqualityFigures]) -> EqualityFigures? {
        guard let first = parts.first else { return nil }
        var cases: [String: Int] = [:]
        var sufficient: [String: [String: Proportion]] = [:]
        for part in parts {
            cases.merge(part.cases, uniquingKeysWith: +)
            for (question, groups) in part.sufficient {
                for (group, share) in groups {
                    sufficient[question, default: [:]][group] = sufficient[question]?[group].map { $0 + share } ?? share
                }
            }
        }
        return EqualityFigures(
            characteristic: first.characteristic, confidence: first.confidence, questions: first.questions, cases: cases, sufficient: sufficient)
    }

    /// Groups largest first (alphabetical among equals), "Not recorded" last.
    public var groups: [String] {
        cases.keys.sorted { lhs, rhs in
            let left = (lhs == EqualityCharacteristic.notRecorded, -(cases[lhs] ?? 0), lhs)
            let right = (rhs == EqualityCharacteristic.notRecorded, -(cases[rhs] ?? 0), rhs)
            return left.0 != right.0 ? !left.0 : left.1 != right.1 ? left.1 < right.1 : left.2 < right.2
        }
    }

    /// The published table: a row for the number of cases and one per key question; a column
    /// for all cases, then one per group. Each row's groups are the parts of its "all cases",
    /// so the small-figure rule runs across them. `suppressing` is false only for the tests'
    /// look at what the rule withheld.
    public func table(id: String, title: String, source: String, suppressing: Bool = true) -> DataTable {
        let groups = groups
        let total = cases.values.reduce(0, +)
        var rows: [[DataTable.Cell]] = [[.text("Sample"), .text("Cases in the sample"), .count(total)] + groups.map { .count(cases[$0] ?? 0) }]
        for question in questions {
            let shares = groups.map { sufficient[question.id]?[$0] ?? Proportion(count: 0, of: 0, confidence: confidence) }
            let all = shares.reduce(Proportion(count: 0, of: 0, confidence: confidence), +)
            rows.append([.text(question.id), .text(question.text), .proportion(all)] + shares.map { .proportion($0) })
        }
        let table = DataTable(
            id: id, title: title,
            note: "Share of applicable cases judged sufficient on each key question, by the \(characteristic.title) the caseload records. "
                + "Figures from 1 to 4 cases, and any from which one could be worked out from the all-cases figure, are suppressed. " + source,
            columns: [.init("question", "Key question"), .init("text", "Question"), .init("all", "All cases")]
                + groups.enumerated().map { .init("group_\($0.offset + 1)", $0.element) },
            rows: rows)
        return suppressing ? DisclosureControl.suppressedAcross(table, parts: Array(3..<(3 + groups.count))) : table
    }
}
