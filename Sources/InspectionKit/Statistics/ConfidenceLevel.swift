/// A two-sided confidence level strictly between 0 and 1, such as 0.95 or 0.8.
public struct ConfidenceLevel: Sendable, Hashable, Codable, CustomStringConvertible {
    public let value: Double
    /// The matching two-sided critical value of the standard normal distribution.
    public let z: Double

    /// Returns nil unless 0 < value < 1.
    public init?(_ value: Double) {
        guard value > 0, value < 1, value.isFinite else { return nil }
        self.value = value
        self.z = NormalDistribution.twoSidedCriticalValue(confidence: value)
    }

    public static let ninetyFivePercent = ConfidenceLevel(0.95)!
    public static let eightyPercent = ConfidenceLevel(0.8)!

    /// "95%", "80%", "99.5%".
    public var description: String { "\(PercentFormat.trimmed(value * 100))%" }

    public init(from decoder: Decoder) throws {
        let value = try decoder.singleValueContainer().decode(Double.self)
        guard let level = ConfidenceLevel(value) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath, debugDescription: "confidence must be between 0 and 1"))
        }
        self = level
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(value)
    }
}
