/// A caseload column an indicator declared in a framework file can select cases by.
public enum CaseField: String, Sendable, Hashable, Codable, CaseIterable {
    case sentenceType = "sentence_type"
    case rosh
    case officerGrade = "officer_grade"
    case mappaLevel = "mappa_level"
    case programmeRequirement = "programme_requirement"
    case latestContactType = "latest_contact_type"

    /// The values a file may name, as the caseload file writes them.
    public var values: [String] {
        switch self {
        case .sentenceType: SentenceType.allCases.map(\.rawValue)
        case .rosh: RoshLevel.allCases.map(\.rawValue)
        case .officerGrade: OfficerGrade.allCases.map(\.rawValue)
        case .mappaLevel: ["none", "1", "2", "3"]
        case .programmeRequirement: ["yes", "no"]
        case .latestContactType: ContactType.allCases.map(\.rawValue)
        }
    }

    /// This field's value for one case, in the same words; nil when the file left it blank.
    public func value(of record: EligibleCaseRecord) -> String? {
        switch self {
        case .sentenceType: record.sentenceType.rawValue
        case .rosh: record.rosh?.rawValue
        case .officerGrade: record.officerGrade.rawValue
        case .mappaLevel: record.mappaLevel.map(String.init) ?? "none"
        case .programmeRequirement: record.delivery.programmeRequirement.map { $0 ? "yes" : "no" }
        case .latestContactType: record.delivery.latestContact?.rawValue
        }
    }

    /// "officer grade", for the words beside a figure.
    public var words: String { rawValue.replacingOccurrences(of: "_", with: " ") }
}

/// Cases whose fields each take one of the listed values; no fields means every case.
public struct CaseCondition: Sendable, Hashable, Codable {
    public let values: [CaseField: Set<String>]

    public init(_ values: [CaseField: Set<String>] = [:]) { self.values = values }

    public func matches(_ record: EligibleCaseRecord) -> Bool {
        values.allSatisfy { field, allowed in field.value(of: record).map(allowed.contains) ?? false }
    }

    /// "cases whose RoSH is high or very-high", or "all cases".
    public var words: String {
        guard !values.isEmpty else { return "all cases" }
        let parts = CaseField.allCases.compactMap { field in
            values[field].map { allowed in
                let named = field.values.filter(allowed.contains)
                return "\(field.words) is \(named.count <= 1 ? named.joined() : named.dropLast().joined(separator: ", ") + " or " + named.last!)"
            }
        }
        return "cases whose " + parts.joined(separator: " and ")
    }
}

/// How a framework-declared indicator is counted from a caseload file: the cases meeting
/// `counts`, out of the cases meeting `of`.
public struct CaseCounting: Sendable, Hashable, Codable {
    public let counts: CaseCondition
    public let of: CaseCondition

    public init(counts: CaseCondition, of: CaseCondition) {
        self.counts = counts
        self.of = of
    }

    public func proportion(_ records: [EligibleCaseRecord]) -> Proportion {
        let base = records.filter(of.matches)
        return Proportion(count: base.filter(counts.matches).count, of: base.count)
    }
}
