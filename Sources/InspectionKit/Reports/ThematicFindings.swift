/// A thematic inspection's findings: each of the theme's key questions, answered across the
/// providers inspected, side by side with intervals and pooled over all of them.
///
/// Thematic inspections compare services on a theme rather than rate them, so the table is
/// of shares of cases, not ratings. A difference between two providers is only worth reporting
/// when their intervals do not overlap; the note says so.
public struct ThematicFindings: Sendable {
    /// One provider's part of the theme: its name and its answers per key question.
    public struct Part: Sendable {
        public let provider: String
        public let answers: [QuestionID: AnswerCounts]

        public init(provider: String, answers: [QuestionID: AnswerCounts]) {
            self.provider = provider
            self.answers = answers
        }
    }

    public let title: String
    public let framework: Framework
    public let parts: [Part]
    public let confidence: ConfidenceLevel

    public init(title: String, framework: Framework, parts: [Part], confidence: ConfidenceLevel = .ninetyFivePercent) {
        self.title = title
        self.framework = framework
        self.parts = parts
        self.confidence = confidence
    }

    public var questions: [KeyQuestion] { framework.standards.filter { $0.kind == .caseBased }.flatMap(\.questions) }

    /// The share of applicable cases judged sufficient, for one provider's answers.
    func proportion(_ counts: AnswerCounts?) -> Proportion? {
        guard let counts, counts.applicable > 0 else { return nil }
        return Proportion(count: counts.sufficient, of: counts.applicable, confidence: confidence)
    }

    /// All providers' answers to a question added together.
    public func pooled(_ question: QuestionID) -> AnswerCounts {
        parts.compactMap { $0.answers[question] }.reduce(AnswerCounts(), +)
    }

    /// Whether two providers' intervals on a question are clear of each other.
    public func differs(_ question: QuestionID, _ first: Int, _ second: Int) -> Bool {
        guard let a = proportion(parts[first].answers[question])?.interval, let b = proportion(parts[second].answers[question])?.interval else {
            return false
        }
        return a.upper < b.lower || b.upper < a.lower
    }

    /// Every question on which two providers' intervals are clear of each other, in words:
    /// the only provider comparisons the samples can support.
    public var clearDifferences: [String] {
        questions.flatMap { question in
            parts.indices.flatMap { first in
                parts.indices.filter { $0 > first && differs(question.id, first, $0) }.map { second in
                    let (higher, lower) =
                        (proportion(parts[first].answers[question.id])?.percent ?? 0) >= (proportion(parts[second].answers[question.id])?.percent ?? 0)
                        ? (first, second) : (second, first)
                    return "\(question.id): \(parts[higher].provider) above \(parts[lower].provider)"
                }
            }
        }
    }

    public var table: DataTable {
        let cases = parts.map { $0.answers.values.map { $0.applicable + $0.notApplicable }.max() ?? 0 }.reduce(0, +)
        return DataTable(
            id: "findings", title: "\(title): the theme's key questions by provider",
            note:
                "Share of applicable cases judged sufficient, with \(confidence.description) intervals, for each provider and all together. "
                + "Framework \(framework.id); \(parts.count) providers; about \(cases) cases. "
                + "Where two providers' intervals overlap, the samples cannot tell them apart.",
            columns: [.init("question", "Key question"), .init("text", "Question")]
                + parts.enumerated().map { .init("provider-\($0.offset + 1)", $0.element.provider) } + [.init("all", "All providers")],
            rows: questions.map { question in
                [.text(question.id.rawValue), .text(question.text)] + parts.map { .proportion(proportion($0.answers[question.id])) }
                    + [.proportion(proportion(pooled(question.id)))]
            })
    }
}
