/// When a move in an indicator between two periods counts as a change, rather than noise.
///
/// Both must hold: Newcombe's hybrid score interval for the difference (method 10) excludes
/// zero at the rule's confidence, so chance alone is an unlikely explanation; and the observed
/// difference is at least `minimumPoints` percentage points, so a large caseload cannot turn a
/// trivial move into an alert.
public struct ChangeRule: Sendable, Hashable, Codable {
    public let confidence: ConfidenceLevel
    /// Percentage points (0–100).
    public let minimumPoints: Double

    public init(confidence: ConfidenceLevel = .ninetyFivePercent, minimumPoints: Double = 5) {
        precondition(minimumPoints >= 0 && minimumPoints <= 100)
        self.confidence = confidence
        self.minimumPoints = minimumPoints
    }

    public static let standard = ChangeRule()

    /// The move from `earlier` to `later`, judged by this rule; nil when either period has no cases.
    public func assess(from earlier: IndicatorPoint, to later: IndicatorPoint, better direction: Indicator.Direction) -> IndicatorChange? {
        guard earlier.denominator > 0, later.denominator > 0 else { return nil }
        let difference = ProportionDifference(
            first: (later.numerator, later.denominator), second: (earlier.numerator, earlier.denominator), confidence: confidence)
        let points = difference.estimate * 100
        // A tolerance for binary fractions: 75% − 70% is 4.9999999… points, and a person reading
        // "5.0 points" against a 5-point threshold expects it to count.
        let isChange = difference.excludesZero && abs(points) >= minimumPoints - 1e-9
        let worse = direction == .higher ? points < 0 : points > 0
        return IndicatorChange(from: earlier.period, to: later.period, difference: difference, isChange: isChange, isDeterioration: isChange && worse)
    }
}

/// An indicator's move between two periods, `to − from`.
public struct IndicatorChange: Sendable, Hashable, Codable {
    public let from: Quarter
    public let to: Quarter
    public let difference: ProportionDifference
    /// The rule's verdict: a real change, not noise.
    public let isChange: Bool
    /// A real change for the worse: what raises an alert.
    public let isDeterioration: Bool

    /// "−12.0 points (−19.6 to −4.1) from October–December 2023 to January–March 2024".
    public var description: String {
        let interval = "\(PercentFormat.signedPoints(difference.lower * 100)) to \(PercentFormat.signedPoints(difference.upper * 100))"
        return "\(PercentFormat.signedPoints(difference.estimate * 100)) points (\(interval)) from \(from.shortTitle) to \(to.shortTitle)"
    }
}
