/// A measure watched between inspections: a share of a provider's caseload or workforce,
/// computed from each quarterly data return.
public struct Indicator: Sendable, Hashable, Codable, Identifiable {
    /// Which way is better, so a change can be called a deterioration.
    public enum Direction: String, Sendable, Hashable, Codable {
        case higher, lower
    }

    public let id: String
    public let title: String
    public let better: Direction
    /// What is counted, over what, from which file: said beside every figure.
    public let definition: String
    /// How a framework-declared indicator is counted from the caseload file; nil for the
    /// standard indicators, which are counted in code (``QuarterlyReturn``).
    public let counting: CaseCounting?

    public init(id: String, title: String, better: Direction, definition: String, counting: CaseCounting? = nil) {
        self.id = id
        self.title = title
        self.better = better
        self.definition = definition
        self.counting = counting
    }

    /// An indicator a framework file declares: its definition is said in the file's own terms.
    public init(id: String, title: String, better: Direction, counting: CaseCounting) {
        self.init(
            id: id, title: title, better: better, definition: "\(counting.counts.words) ÷ \(counting.of.words), from the caseload file",
            counting: counting)
    }

    public static let vacancyRate = Indicator(
        id: "vacancy-rate", title: "Vacancy rate", better: .lower,
        definition: "vacant posts ÷ (staff in post + vacant posts), full-time equivalents rounded to whole posts, all grades, from the workforce file")
    public static let programmeStarts = Indicator(
        id: "programme-starts", title: "Accredited programmes started", better: .higher,
        definition: "cases with an accredited programme requirement whose programme has started ÷ cases with that requirement, from the caseload file")
    public static let unpaidWorkCompletion = Indicator(
        id: "unpaid-work-completion", title: "Unpaid work completed within 12 months", better: .higher,
        definition:
            "unpaid work orders completed within 12 months of the sentence ÷ orders made at least 12 months before the quarter's end, from the caseload file")
    public static let faceToFaceContact = Indicator(
        id: "face-to-face-contact", title: "Latest contact face to face", better: .higher,
        definition: "cases whose latest contact was face to face ÷ cases with a latest contact recorded, from the caseload file")

    public static let roshRecorded = Indicator(
        id: "rosh-recorded", title: "RoSH level recorded", better: .higher,
        definition: "cases with a risk of serious harm level recorded ÷ all cases on the caseload, from the caseload file")

    /// The indicators a quarterly return yields, in the order pages list them.
    public static let standard: [Indicator] = [.vacancyRate, .programmeStarts, .unpaidWorkCompletion, .faceToFaceContact, .roshRecorded]

}

/// One quarter's value of an indicator: a count out of a count.
public struct IndicatorPoint: Sendable, Hashable, Codable {
    public let period: Quarter
    public let numerator: Int
    public let denominator: Int

    public init(period: Quarter, numerator: Int, denominator: Int) {
        precondition(numerator >= 0 && numerator <= denominator)
        self.period = period
        self.numerator = numerator
        self.denominator = denominator
    }

    public func proportion(confidence: ConfidenceLevel = .ninetyFivePercent) -> Proportion {
        Proportion(count: numerator, of: denominator, confidence: confidence)
    }
}

/// An indicator's quarters for one provider, oldest first, and what the change rule makes of
/// the latest move.
public struct IndicatorSeries: Sendable, Hashable {
    public let indicator: Indicator
    public let points: [IndicatorPoint]

    /// - Precondition: no two points share a period.
    public init(indicator: Indicator, points: [IndicatorPoint]) {
        precondition(Set(points.map(\.period)).count == points.count, "one point per quarter")
        self.indicator = indicator
        self.points = points.sorted { $0.period < $1.period }
    }

    /// Each point's move from the last quarter before it with any cases, in `points` order; nil
    /// for the first such quarter and for a quarter with no cases.
    public func changes(rule: ChangeRule) -> [IndicatorChange?] {
        var previous: IndicatorPoint?
        return points.map { point in
            guard point.denominator > 0 else { return nil }
            defer { previous = point }
            return previous.flatMap { rule.assess(from: $0, to: point, better: indicator.better) }
        }
    }

    /// The move from the last quarter before the latest (with any cases) to the latest.
    public func latestChange(rule: ChangeRule) -> IndicatorChange? {
        guard let latest = points.lastIndex(where: { $0.denominator > 0 }) else { return nil }
        return changes(rule: rule)[latest]
    }

    /// The latest move when the rule calls it a deterioration; nil otherwise.
    public func alert(rule: ChangeRule) -> IndicatorChange? {
        latestChange(rule: rule).flatMap { $0.isDeterioration ? $0 : nil }
    }
}
