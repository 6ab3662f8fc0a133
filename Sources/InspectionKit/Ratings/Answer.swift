import Foundation

/// An inspector's judgement of one key question for one case.
public enum Answer: String, Sendable, Codable, CaseIterable, Hashable {
    case sufficient
    case notSufficient = "not-sufficient"
    case notApplicable = "n/a"

    /// Reads an answer as it appears in a judgements file: `yes`/`no`/`n/a`, or the synonyms
    /// `sufficient`/`insufficient`/`not sufficient`/`na`. Case and surrounding spaces are ignored.
    public init?(parsing text: some StringProtocol) {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "yes", "sufficient": self = .sufficient
        case "no", "insufficient", "not sufficient", "not-sufficient": self = .notSufficient
        case "n/a", "na", "not applicable", "not-applicable": self = .notApplicable
        default: return nil
        }
    }

    /// As a person reads it.
    public var title: String {
        switch self {
        case .sufficient: "Sufficient"
        case .notSufficient: "Not sufficient"
        case .notApplicable: "Not applicable"
        }
    }

    /// How a judgements file writes it: `yes`, `no` or `n/a`.
    public var fileText: String {
        switch self {
        case .sufficient: "yes"
        case .notSufficient: "no"
        case .notApplicable: "n/a"
        }
    }
}

/// How many cases gave each answer to one key question.
public struct AnswerCounts: Sendable, Hashable, Codable {
    public var sufficient: Int
    public var notSufficient: Int
    public var notApplicable: Int

    public init(sufficient: Int = 0, notSufficient: Int = 0, notApplicable: Int = 0) {
        self.sufficient = sufficient
        self.notSufficient = notSufficient
        self.notApplicable = notApplicable
    }

    /// Cases where the question applied: the denominator of every percentage.
    public var applicable: Int { sufficient + notSufficient }

    /// The share of applicable cases judged sufficient, exactly; nil when none applied.
    public var shareSufficient: Fraction? {
        applicable == 0 ? nil : Fraction(sufficient, applicable)
    }

    public mutating func record(_ answer: Answer, times: Int = 1) {
        switch answer {
        case .sufficient: sufficient += times
        case .notSufficient: notSufficient += times
        case .notApplicable: notApplicable += times
        }
    }

    public static func + (lhs: AnswerCounts, rhs: AnswerCounts) -> AnswerCounts {
        AnswerCounts(
            sufficient: lhs.sufficient + rhs.sufficient,
            notSufficient: lhs.notSufficient + rhs.notSufficient,
            notApplicable: lhs.notApplicable + rhs.notApplicable)
    }
}
