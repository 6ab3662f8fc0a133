/// The difference between two independent proportions, `first − second`, with Newcombe's hybrid
/// score interval (Newcombe 1998, "Interval estimation for the difference between independent
/// proportions: comparison of eleven methods", method 10).
///
/// It is built from each proportion's Wilson interval, so it inherits their behaviour where
/// inspection samples live: small counts and shares near 0% or 100%, where the textbook
/// "difference ± z·SE" interval is too narrow and says a change is real when it is noise.
public struct ProportionDifference: Sendable, Hashable, Codable {
    /// The observed difference, as a fraction of one (−1 to 1).
    public let estimate: Double
    public let lower: Double
    public let upper: Double

    /// - Precondition: each count is within `0...trials`, and each `trials > 0`.
    public init(first: (successes: Int, trials: Int), second: (successes: Int, trials: Int), confidence: ConfidenceLevel = .ninetyFivePercent) {
        let p1 = Double(first.successes) / Double(first.trials)
        let p2 = Double(second.successes) / Double(second.trials)
        let one = WilsonInterval(successes: first.successes, trials: first.trials, confidence: confidence)
        let two = WilsonInterval(successes: second.successes, trials: second.trials, confidence: confidence)
        estimate = p1 - p2
        lower = estimate - ((p1 - one.lower) * (p1 - one.lower) + (two.upper - p2) * (two.upper - p2)).squareRoot()
        upper = estimate + ((one.upper - p1) * (one.upper - p1) + (p2 - two.lower) * (p2 - two.lower)).squareRoot()
    }

    /// Whether the samples show a difference at all: the interval lies wholly on one side of zero.
    public var excludesZero: Bool { lower > 0 || upper < 0 }
}
