/// The Wilson score interval for a binomial proportion, without continuity correction
/// (Wilson 1927; method 3 in Newcombe 1998).
///
/// Chosen over the textbook "p ± z·SE" interval because inspection samples are small and
/// shares are often near 0% or 100%, where the simple interval is too narrow and can leave [0, 1].
public struct WilsonInterval: Sendable, Hashable, Codable {
    /// Lower bound, as a fraction of one.
    public let lower: Double
    /// Upper bound, as a fraction of one.
    public let upper: Double

    public init(lower: Double, upper: Double) {
        self.lower = lower
        self.upper = upper
    }

    /// The interval for `successes` out of `trials` at the given confidence.
    ///
    /// - Precondition: `0 <= successes <= trials` and `trials > 0`.
    public init(successes: Int, trials: Int, confidence: ConfidenceLevel = .ninetyFivePercent) {
        precondition(trials > 0 && successes >= 0 && successes <= trials)
        let n = Double(trials)
        let p = Double(successes) / n
        let z = confidence.z
        let zSquaredOverN = z * z / n
        let centre = (p + zSquaredOverN / 2) / (1 + zSquaredOverN)
        let halfWidth = z / (1 + zSquaredOverN) * (p * (1 - p) / n + zSquaredOverN / (4 * n)).squareRoot()
        // At 0 and n successes the bound is exactly 0 or 1; pin it so rounding cannot leak past.
        lower = successes == 0 ? 0 : max(0, centre - halfWidth)
        upper = successes == trials ? 1 : min(1, centre + halfWidth)
    }

    public var lowerPercent: Double { lower * 100 }
    public var upperPercent: Double { upper * 100 }
}
