/// How a framework with pooled standards (a region's) takes its figures from other inspections
/// (its PDUs'): each pooled key question's counts are the sum of the pooled inspections' counts
/// of the question it names, and its interval is the Wilson interval of that sum, computed by the
/// ``RatingEngine`` as for any case standard.
public enum RegionalPooling {
    /// One inspection that could be pooled, as the rule below needs to see it.
    public struct Candidate: Sendable, Hashable {
        public let inspectionID: String
        /// The code of the provider's parent (a PDU's region); nil when it has none.
        public let parentCode: String?
        public let year: String
        public let frameworkID: FrameworkID
        /// Published, or with its ratings confirmed.
        public let isSettled: Bool

        public init(inspectionID: String, parentCode: String?, year: String, frameworkID: FrameworkID, isSettled: Bool) {
            self.inspectionID = inspectionID
            self.parentCode = parentCode
            self.year = year
            self.frameworkID = frameworkID
            self.isSettled = isSettled
        }
    }

    /// The inspections a pooling inspection of `providerCode` in `year` adds together: those of
    /// providers within it, in the same inspection year (the round), under a framework it pools,
    /// and published or with ratings confirmed.
    public static func eligible(_ candidates: [Candidate], for framework: Framework, providerCode: String, year: String) -> [Candidate] {
        candidates.filter {
            $0.parentCode == providerCode && $0.year == year && framework.poolsFrom.contains($0.frameworkID) && $0.isSettled
        }
    }

    /// The counts of each pooled key question: the sum, over the pooled inspections, of their
    /// counts of the question it names. Questions of other standards are not touched.
    public static func counts(for framework: Framework, pooling inputs: [[QuestionID: AnswerCounts]]) -> [QuestionID: AnswerCounts] {
        var pooled: [QuestionID: AnswerCounts] = [:]
        for standard in framework.standards where standard.kind == .pooled {
            for question in standard.questions {
                guard let source = question.pools else { continue }
                pooled[question.id] = inputs.reduce(AnswerCounts()) { $0 + ($1[source] ?? AnswerCounts()) }
            }
        }
        return pooled
    }
}
