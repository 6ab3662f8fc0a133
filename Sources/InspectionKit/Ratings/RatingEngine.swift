/// Turns judgements into ratings under a framework's rules.
///
/// A pure function of its inputs: the same answers give the same ratings, whatever their order.
public struct RatingEngine: Sendable {
    public let framework: Framework
    public let confidence: ConfidenceLevel

    public init(framework: Framework, confidence: ConfidenceLevel = .ninetyFivePercent) {
        self.framework = framework
        self.confidence = confidence
    }

    private var rules: RatingRules { framework.rules }

    /// Rates every standard and the whole inspection.
    ///
    /// - Parameters:
    ///   - answers: counts of each answer per key question; questions absent count as unanswered.
    ///     For a pooled standard, the counts already added together (``RegionalPooling``).
    ///   - organisationalRatings: the ratings inspectors gave the organisational standards.
    public func rate(
        answers: [QuestionID: AnswerCounts], organisationalRatings: [StandardID: Rating] = [:]
    ) -> InspectionRating {
        let standards = framework.standards.map { standard in
            switch standard.kind {
            case .caseBased, .pooled: rateCaseStandard(standard, answers: answers)
            case .organisational: rateOrganisationalStandard(standard, given: organisationalRatings[standard.id])
            }
        }
        return InspectionRating(
            frameworkID: framework.id, confidence: confidence, standards: standards,
            overall: rateOverall(standards))
    }

    // MARK: - Case standards

    func rateCaseStandard(_ standard: Standard, answers: [QuestionID: AnswerCounts]) -> StandardResult {
        let questions = standard.questions.map { question in
            let counts = answers[question.id] ?? AnswerCounts()
            let share = counts.shareSufficient
            return QuestionResult(
                question: question, counts: counts, share: share,
                interval: share == nil ? nil : WilsonInterval(successes: counts.sufficient, trials: counts.applicable, confidence: confidence),
                band: share.map(rules.band(for:)))
        }
        // The lowest share limits the standard; on a tie the first in framework order is named.
        // A question recorded only for pooling elsewhere is reported but limits nothing.
        let rated = questions.filter { $0.share != nil && $0.question.countsTowardRating }
        guard let limiting = rated.min(by: { $0.share! < $1.share! }), let share = limiting.share,
            let interval = limiting.interval
        else {
            return StandardResult(
                standard: standard, rating: nil, notRatedReason: "no applicable cases", points: nil,
                questions: questions, limitingQuestion: nil, certainty: nil, marginUp: nil, marginDown: nil,
                explanation: "Not rated: no case was judged on any of its key questions.")
        }
        let rating = rules.band(for: share)
        let certainty = BandCertainty(
            possibleRatings: Rating.allCases.filter {
                (rules.band(forValue: interval.lower)...rules.band(forValue: interval.upper)).contains($0)
            })
        let marginUp = rules.bandAbove(rating).map { above in
            BandMargin(
                rating: above.rating,
                percentagePoints: above.minimum.percent - share.percent,
                cases: rated.reduce(0) { total, question in
                    question.share! < above.minimum
                        ? total + above.minimum.casesNeeded(outOf: question.counts.applicable) - question.counts.sufficient
                        : total
                })
        }
        let floor = rules.minimum(for: rating)!
        let below = rules.caseBands.first { $0.minimum < floor }
        let marginDown = below.map { below in
            BandMargin(
                rating: below.rating,
                percentagePoints: share.percent - floor.percent,
                cases: rated.map { $0.counts.sufficient - floor.casesNeeded(outOf: $0.counts.applicable) + 1 }.min()!)
        }
        return StandardResult(
            standard: standard, rating: rating, notRatedReason: nil, points: rules.points(for: rating),
            questions: questions, limitingQuestion: limiting.id, certainty: certainty,
            marginUp: marginUp, marginDown: marginDown,
            explanation: explainCaseRating(rating, limiting: limiting, interval: interval, up: marginUp, down: marginDown, certainty: certainty))
    }

    private func explainCaseRating(
        _ rating: Rating, limiting: QuestionResult, interval: WilsonInterval,
        up: BandMargin?, down: BandMargin?, certainty: BandCertainty
    ) -> String {
        let counts = limiting.counts
        var sentences = [
            "\(rating.title): its lowest key question, \(limiting.id), has \(counts.sufficient) of \(counts.applicable) applicable cases sufficient (\(PercentFormat.oneDecimal(limiting.percent!)); \(confidence) interval \(PercentFormat.interval(interval)))."
        ]
        if let up {
            sentences.append("\(up.cases) more sufficient \(up.cases == 1 ? "judgement" : "judgements") would make it \(up.rating.title).")
        }
        if let down {
            sentences.append("\(down.cases) fewer would make it \(down.rating.title).")
        }
        if let caution = certainty.caution {
            sentences.append("Allowing for sampling error it \(caution).")
        }
        return sentences.joined(separator: " ")
    }

    // MARK: - Organisational standards

    func rateOrganisationalStandard(_ standard: Standard, given rating: Rating?) -> StandardResult {
        StandardResult(
            standard: standard, rating: rating,
            notRatedReason: rating == nil ? "no rating given" : nil,
            points: rating.map(rules.points(for:)), questions: [], limitingQuestion: nil,
            certainty: nil, marginUp: nil, marginDown: nil,
            explanation: rating.map { "\($0.title), as rated by inspectors from the evidence." }
                ?? "Not rated: inspectors have not given this organisational standard a rating.")
    }

    // MARK: - Overall

    func rateOverall(_ standards: [StandardResult]) -> OverallResult {
        let maximum = framework.maximumPoints
        let unrated = standards.filter { $0.rating == nil }
        guard unrated.isEmpty else {
            let names = unrated.map { "\($0.id) \($0.standard.title) (\($0.notRatedReason ?? "not rated"))" }
            let reason =
                "No overall rating: \(unrated.count == 1 ? "standard" : "standards") \(BandCertainty.list(names, conjunction: "and")) \(unrated.count == 1 ? "is" : "are") not rated."
            return OverallResult(
                totalPoints: nil, maximumPoints: maximum, rating: nil, reason: reason,
                unratedStandards: unrated.map(\.id), certainty: nil,
                pointsToBandAbove: nil, pointsToBandBelow: nil, explanation: reason)
        }
        let total = standards.reduce(0) { $0 + $1.points! }
        // Validation guarantees the bands cover 0...maximum.
        let band = rules.overallBand(for: total)!
        let lowest = standards.reduce(0) { $0 + rules.points(for: $1.certainty?.possibleRatings.last ?? $1.rating!) }
        let highest = standards.reduce(0) { $0 + rules.points(for: $1.certainty?.possibleRatings.first ?? $1.rating!) }
        let certainty = BandCertainty(
            possibleRatings: Rating.allCases.filter {
                (rules.overallBand(for: lowest)!.rating...rules.overallBand(for: highest)!.rating).contains($0)
            })
        let above = rules.overallBands.first { $0.points.lowerBound > band.points.upperBound }
        let below = rules.overallBands.last { $0.points.upperBound < band.points.lowerBound }
        var explanation = "\(band.rating.title): \(total) of \(maximum) points, in the \(band.points.lowerBound)–\(band.points.upperBound) band."
        if let above { explanation += " \(above.points.lowerBound - total) more would make it \(above.rating.title)." }
        if let below { explanation += " \(total - below.points.upperBound) fewer would make it \(below.rating.title)." }
        if let caution = certainty.caution {
            explanation += " If each standard moved within its interval, the overall rating \(caution)."
        }
        return OverallResult(
            totalPoints: total, maximumPoints: maximum, rating: band.rating, reason: nil,
            unratedStandards: [], certainty: certainty,
            pointsToBandAbove: above.map { $0.points.lowerBound - total },
            pointsToBandBelow: below.map { total - $0.points.upperBound },
            explanation: explanation)
    }
}
