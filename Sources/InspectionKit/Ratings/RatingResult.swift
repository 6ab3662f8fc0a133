/// The ratings of one inspection, each explaining itself.
public struct InspectionRating: Sendable, Hashable {
    public let frameworkID: FrameworkID
    public let confidence: ConfidenceLevel
    /// Every standard of the framework, in the framework's order.
    public let standards: [StandardResult]
    public let overall: OverallResult

    /// The same ratings with no overall rating, for an inspection that could not be completed:
    /// `reason` is said wherever the overall rating would be.
    public func withholdingOverall(because reason: String) -> InspectionRating {
        InspectionRating(
            frameworkID: frameworkID, confidence: confidence, standards: standards,
            overall: OverallResult(
                totalPoints: nil, maximumPoints: overall.maximumPoints, rating: nil, reason: reason,
                unratedStandards: standards.filter { $0.rating == nil }.map(\.id), certainty: nil, pointsToBandAbove: nil, pointsToBandBelow: nil,
                explanation: "No overall rating: \(reason)"))
    }
}

/// One key question's figures.
public struct QuestionResult: Sendable, Hashable {
    public let question: KeyQuestion
    public let counts: AnswerCounts
    /// The exact share of applicable cases judged sufficient; nil when none applied.
    public let share: Fraction?
    /// The Wilson interval around that share; nil when none applied.
    public let interval: WilsonInterval?
    /// The band the share falls in on its own; nil when none applied.
    public let band: Rating?

    public var id: QuestionID { question.id }
    public var percent: Double? { share?.percent }
}

/// How far a standard is from the band above or below, in percentage points and in cases.
public struct BandMargin: Sendable, Hashable {
    /// The neighbouring band.
    public let rating: Rating
    /// Percentage points between the limiting question's share and that band's edge.
    public let percentagePoints: Double
    /// Answers that would have to change: judgements turned sufficient to reach the band above
    /// (counted over every key question below it), or turned insufficient to fall to the band below.
    public let cases: Int
}

/// Whether the interval of the limiting question reaches into a neighbouring band.
public struct BandCertainty: Sendable, Hashable {
    /// The bands the interval spans, best first; one band when the rating is secure.
    public let possibleRatings: [Rating]

    public var crossesBand: Bool { possibleRatings.count > 1 }

    /// "could be Good or Requires improvement", or nil when the rating is secure.
    public var caution: String? {
        guard crossesBand else { return nil }
        return "could be " + Self.list(possibleRatings.map(\.title), conjunction: "or")
    }

    /// The one sentence every page uses: "Allowing for sampling error, the overall rating could
    /// be Good or Requires improvement." Nil when the rating is secure.
    public func explanation(of subject: String) -> String? {
        caution.map { "Allowing for sampling error, \(subject) \($0)." }
    }

    /// "A", "A or B", "A, B or C".
    static func list(_ items: [String], conjunction: String) -> String {
        items.count <= 2
            ? items.joined(separator: " \(conjunction) ")
            : items.dropLast().joined(separator: ", ") + " \(conjunction) " + items.last!
    }
}

/// One standard's rating, or why it has none.
public struct StandardResult: Sendable, Hashable {
    public let standard: Standard
    public let rating: Rating?
    /// Why there is no rating, when there is none.
    public let notRatedReason: String?
    public let points: Int?
    /// The key questions, in the framework's order (empty for organisational standards).
    public let questions: [QuestionResult]
    /// The lowest-scoring key question, which sets a case standard's rating.
    public let limitingQuestion: QuestionID?
    public let certainty: BandCertainty?
    public let marginUp: BandMargin?
    public let marginDown: BandMargin?
    /// A sentence saying how the rating was reached.
    public let explanation: String

    public var id: StandardID { standard.id }
    public var limitingResult: QuestionResult? { questions.first { $0.id == limitingQuestion } }
}

/// The overall rating, or why there is none.
public struct OverallResult: Sendable, Hashable {
    /// The sum of the standards' points; nil when a standard is not rated.
    public let totalPoints: Int?
    public let maximumPoints: Int
    public let rating: Rating?
    /// Why there is no overall rating, naming the standards without one.
    public let reason: String?
    /// Standards without a rating, which block the overall rating.
    public let unratedStandards: [StandardID]
    /// The overall ratings reachable if every standard's rating moved within its interval.
    public let certainty: BandCertainty?
    /// Points to gain to reach the band above, and to lose to fall to the band below.
    public let pointsToBandAbove: Int?
    public let pointsToBandBelow: Int?
    public let explanation: String
}
