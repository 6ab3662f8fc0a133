import Foundation

/// The published JSON shape of an inspection's ratings, as `inspectorate rate --format json`
/// prints it. Other tools read this, so its field names are fixed; absent values are `null`,
/// never missing, and percentages run from 0 to 100.
public struct RatingReport: Encodable, Sendable {
    public struct Question: Encodable, Sendable {
        let id: String
        let sufficient: Int
        let insufficient: Int
        let notApplicable: Int
        let percent: Double?
        let ciLow: Double?
        let ciHigh: Double?

        init(_ result: QuestionResult) {
            id = result.id.rawValue
            sufficient = result.counts.sufficient
            insufficient = result.counts.notSufficient
            notApplicable = result.counts.notApplicable
            percent = result.percent
            ciLow = result.interval?.lowerPercent
            ciHigh = result.interval?.upperPercent
        }

        enum CodingKeys: String, CodingKey {
            case id, sufficient, insufficient, percent
            case notApplicable = "not_applicable", ciLow = "ci_low", ciHigh = "ci_high"
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(sufficient, forKey: .sufficient)
            try container.encode(insufficient, forKey: .insufficient)
            try container.encode(notApplicable, forKey: .notApplicable)
            try container.encode(percent, forKey: .percent)
            try container.encode(ciLow, forKey: .ciLow)
            try container.encode(ciHigh, forKey: .ciHigh)
        }
    }

    public struct Margin: Encodable, Sendable {
        let rating: String
        let percentagePoints: Double
        let cases: Int

        init?(_ margin: BandMargin?) {
            guard let margin else { return nil }
            rating = margin.rating.slug
            percentagePoints = margin.percentagePoints
            cases = margin.cases
        }

        enum CodingKeys: String, CodingKey {
            case rating, cases
            case percentagePoints = "percentage_points"
        }
    }

    public struct Standard: Encodable, Sendable {
        let id: String
        let title: String
        let kind: String
        let rating: String
        let score: Int?
        let limitingQuestion: String?
        let crossesBand: Bool
        let possibleRatings: [String]
        let marginUp: Margin?
        let marginDown: Margin?
        let explanation: String
        let questions: [Question]

        init(_ result: StandardResult) {
            id = result.id.rawValue
            title = result.standard.title
            kind = result.standard.kind.rawValue
            rating = result.rating?.slug ?? "not-rated"
            score = result.points
            limitingQuestion = result.limitingQuestion?.rawValue
            crossesBand = result.certainty?.crossesBand ?? false
            possibleRatings = (result.certainty?.possibleRatings ?? result.rating.map { [$0] } ?? []).map(\.slug)
            marginUp = Margin(result.marginUp)
            marginDown = Margin(result.marginDown)
            explanation = result.explanation
            questions = result.questions.map(Question.init)
        }

        enum CodingKeys: String, CodingKey {
            case id, title, kind, rating, score, explanation, questions
            case limitingQuestion = "limiting_question", crossesBand = "crosses_band"
            case possibleRatings = "possible_ratings", marginUp = "margin_up", marginDown = "margin_down"
        }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(id, forKey: .id)
            try container.encode(title, forKey: .title)
            try container.encode(kind, forKey: .kind)
            try container.encode(rating, forKey: .rating)
            try container.encode(score, forKey: .score)
            try container.encode(limitingQuestion, forKey: .limitingQuestion)
            try container.encode(crossesBand, forKey: .crossesBand)
            try container.encode(possibleRatings, forKey: .possibleRatings)
            try container.encode(marginUp, forKey: .marginUp)
            try container.encode(marginDown, forKey: .marginDown)
            try container.encode(explanation, forKey: .explanation)
            try container.encode(questions, forKey: .questions)
        }
    }

    let framework: String
    let confidence: Double
    let standards: [Standard]
    let totalScore: Int?
    let maximumScore: Int
    let overall: String?
    let overallReason: String?
    let overallPossibleRatings: [String]
    let overallExplanation: String

    public init(_ rating: InspectionRating) {
        framework = rating.frameworkID.rawValue
        confidence = rating.confidence.value
        standards = rating.standards.map(Standard.init)
        totalScore = rating.overall.totalPoints
        maximumScore = rating.overall.maximumPoints
        overall = rating.overall.rating?.slug
        overallReason = rating.overall.reason
        overallPossibleRatings = (rating.overall.certainty?.possibleRatings ?? []).map(\.slug)
        overallExplanation = rating.overall.explanation
    }

    enum CodingKeys: String, CodingKey {
        case framework, confidence, standards, overall
        case totalScore = "total_score", maximumScore = "maximum_score", overallReason = "overall_reason"
        case overallPossibleRatings = "overall_possible_ratings", overallExplanation = "overall_explanation"
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(framework, forKey: .framework)
        try container.encode(confidence, forKey: .confidence)
        try container.encode(standards, forKey: .standards)
        try container.encode(totalScore, forKey: .totalScore)
        try container.encode(maximumScore, forKey: .maximumScore)
        try container.encode(overall, forKey: .overall)
        try container.encode(overallReason, forKey: .overallReason)
        try container.encode(overallPossibleRatings, forKey: .overallPossibleRatings)
        try container.encode(overallExplanation, forKey: .overallExplanation)
    }

    /// Pretty, key-sorted JSON, so the same ratings always give the same bytes.
    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
