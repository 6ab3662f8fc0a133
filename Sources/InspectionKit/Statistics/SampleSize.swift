import Foundation

/// How many cases an inspection must sample to estimate a proportion to a stated margin.
public struct SampleSizeCalculation: Sendable, Hashable, Codable {
    public let population: Int
    public let confidence: Double
    public let margin: Double
    public let proportion: Double
    /// The critical value used for `confidence`.
    public let z: Double
    /// Cochran's n₀ = z²·p(1−p)/e², for an infinite population, unrounded.
    public let uncorrected: Double
    /// n₀ after the finite-population correction n = n₀ / (1 + (n₀ − 1)/N), unrounded.
    public let corrected: Double
    /// The sample to draw: the corrected size rounded up, never more than the population.
    public let required: Int
}

/// Cochran's sample size for a proportion (Cochran 1977, §4.4), with the finite-population correction.
public enum SampleSize {
    public enum InputError: Error, Equatable, CustomStringConvertible {
        case population(Int)
        case margin(Double)
        case proportion(Double)

        public var description: String {
            switch self {
            case .population(let value): "population must be a whole number of at least 1 (got \(value))"
            case .margin(let value): "margin must be between 0 and 1, e.g. 0.05 for ±5 points (got \(value))"
            case .proportion(let value): "proportion must be between 0 and 1, exclusive (got \(value))"
            }
        }
    }

    /// - Parameters:
    ///   - population: the number of eligible cases, N.
    ///   - confidence: e.g. 0.8 for the 80% the inspectorate has used.
    ///   - margin: the half-width wanted, as a fraction: 0.05 is ±5 percentage points.
    ///   - proportion: the expected share; 0.5 is the cautious choice that maximises the size.
    public static func cochran(
        population: Int, confidence: ConfidenceLevel, margin: Double, proportion: Double = 0.5
    ) throws(InputError) -> SampleSizeCalculation {
        guard population >= 1 else { throw .population(population) }
        guard margin > 0, margin < 1, margin.isFinite else { throw .margin(margin) }
        guard proportion > 0, proportion < 1, proportion.isFinite else { throw .proportion(proportion) }
        let z = confidence.z
        let uncorrected = z * z * proportion * (1 - proportion) / (margin * margin)
        let corrected = uncorrected / (1 + (uncorrected - 1) / Double(population))
        // The tolerance keeps a size that is whole in exact arithmetic from rounding up by one.
        let rounded = Int((corrected - 1e-9).rounded(.up))
        return SampleSizeCalculation(
            population: population, confidence: confidence.value, margin: margin,
            proportion: proportion, z: z, uncorrected: uncorrected, corrected: corrected,
            required: min(population, max(1, rounded)))
    }

    /// The margin a sample of `sampleSize` gives, the inverse of ``cochran(population:confidence:margin:proportion:)``:
    /// half the width of the interval on a percentage, as a fraction (0.082 is ±8.2 points).
    /// Zero when every eligible case is sampled.
    public static func margin(sampleSize: Int, population: Int, confidence: ConfidenceLevel, proportion: Double = 0.5) -> Double {
        guard sampleSize > 0, population > 0 else { return 1 }
        guard sampleSize < population else { return 0 }
        let n = Double(sampleSize), big = Double(population)
        let uncorrected = n * (big - 1) / (big - n)
        return confidence.z * (proportion * (1 - proportion) / uncorrected).squareRoot()
    }
}
