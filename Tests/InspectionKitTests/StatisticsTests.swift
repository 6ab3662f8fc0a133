import Foundation
import Testing

@testable import InspectionKit

@Suite("Normal quantile")
struct NormalQuantileTests {
    @Test(
        "matches published critical values",
        arguments: [
            (0.975, 1.959963984540054),
            (0.9, 1.2815515655446004),
            (0.995, 2.5758293035489004),
            (0.5, 0.0),
            (0.025, -1.959963984540054),
            (1e-10, -6.361340902404056),
        ])
    func criticalValues(p: Double, expected: Double) {
        // MUT
        let z = NormalDistribution.quantile(p)
        // validation
        #expect(abs(z - expected) < 1e-12)
    }
}

@Suite("Wilson score interval")
struct WilsonIntervalTests {
    @Test("18 of 30 at 95% is 42.3–75.4%")
    func eighteenOfThirty() {
        // MUT
        let interval = WilsonInterval(successes: 18, trials: 30)
        // validation
        #expect(String(format: "%.1f", interval.lowerPercent) == "42.3")
        #expect(String(format: "%.1f", interval.upperPercent) == "75.4")
    }

    /// Newcombe (1998), "Two-sided confidence intervals for the single proportion: comparison of
    /// seven methods", Statistics in Medicine 17, 857–872, Table II, method 3 (score, no correction).
    @Test(
        "matches Newcombe's worked examples",
        arguments: [
            (81, 263, 0.2553, 0.3662),
            (15, 148, 0.0624, 0.1605),
            (0, 20, 0.0, 0.1611),
            (1, 29, 0.0061, 0.1718),
            (29, 29, 0.8830, 1.0),
        ])
    func newcombe(successes: Int, trials: Int, lower: Double, upper: Double) {
        // MUT
        let interval = WilsonInterval(successes: successes, trials: trials)
        // validation: Newcombe prints four decimal places
        #expect(abs(interval.lower - lower) < 0.00005, "lower \(interval.lower)")
        #expect(abs(interval.upper - upper) < 0.00005, "upper \(interval.upper)")
    }

    @Test("narrows as confidence falls and contains the estimate")
    func confidenceOrdering() {
        // setup
        let levels = [0.8, 0.9, 0.95, 0.99].map { ConfidenceLevel($0)! }
        // MUT
        let intervals = levels.map { WilsonInterval(successes: 18, trials: 30, confidence: $0) }
        // validation
        for (narrow, wide) in zip(intervals, intervals.dropFirst()) {
            #expect(narrow.lower > wide.lower && narrow.upper < wide.upper)
        }
        for interval in intervals { #expect(interval.lower < 0.6 && 0.6 < interval.upper) }
    }

    @Test("stays within 0–100% at the extremes")
    func extremes() {
        #expect(WilsonInterval(successes: 0, trials: 1).lower == 0)
        #expect(WilsonInterval(successes: 1, trials: 1).upper == 1)
        let big = WilsonInterval(successes: 999_999, trials: 1_000_000)
        #expect(big.lower > 0.999 && big.upper <= 1)
    }

    @Test("rejects confidence outside (0, 1)", arguments: [0.0, 1.0, -0.5, 95.0, .nan])
    func badConfidence(value: Double) {
        #expect(ConfidenceLevel(value) == nil)
    }
}

@Suite("Difference of two proportions (Newcombe's hybrid score)")
struct ProportionDifferenceTests {
    /// Newcombe (1998), "Interval estimation for the difference between independent proportions:
    /// comparison of eleven methods", Statistics in Medicine 17, 873–890, Table II, method 10.
    @Test(
        "matches Newcombe's worked examples",
        arguments: [
            (56, 70, 48, 80, 0.0524, 0.3339),
            (9, 10, 3, 10, 0.1705, 0.8090),
            (5, 56, 0, 29, -0.0381, 0.1926),
            (0, 10, 0, 20, -0.1611, 0.2775),
            (0, 10, 0, 10, -0.2775, 0.2775),
            (10, 10, 0, 20, 0.6791, 1.0),
            (10, 10, 0, 10, 0.6075, 1.0),
        ])
    func newcombe(a: Int, m: Int, b: Int, n: Int, lower: Double, upper: Double) {
        // MUT
        let difference = ProportionDifference(first: (a, m), second: (b, n))
        // validation: Newcombe prints four decimal places
        #expect(abs(difference.lower - lower) < 0.00005, "lower \(difference.lower)")
        #expect(abs(difference.upper - upper) < 0.00005, "upper \(difference.upper)")
        #expect(abs(difference.estimate - (Double(a) / Double(m) - Double(b) / Double(n))) < 1e-12)
    }

    @Test("swapping the two negates the interval, and it always holds the estimate")
    func symmetry() {
        for (a, m, b, n) in [(3, 17, 12, 40), (0, 5, 5, 5), (40, 90, 41, 88), (1, 1, 0, 1)] {
            let forward = ProportionDifference(first: (a, m), second: (b, n))
            let backward = ProportionDifference(first: (b, n), second: (a, m))
            #expect(abs(forward.lower + backward.upper) < 1e-12 && abs(forward.upper + backward.lower) < 1e-12)
            #expect(forward.lower <= forward.estimate && forward.estimate <= forward.upper)
            #expect(forward.lower >= -1 && forward.upper <= 1)
        }
    }

    @Test("a change is shown only when the interval clears zero")
    func excludesZero() {
        // 56/70 against 48/80: 80% against 60%, clear of zero.
        #expect(ProportionDifference(first: (56, 70), second: (48, 80)).excludesZero)
        // 9/20 against 12/20: a 15-point dip that twenty cases cannot tell from noise.
        #expect(!ProportionDifference(first: (9, 20), second: (12, 20)).excludesZero)
        // The same shares with ten times the cases: now a real fall.
        #expect(ProportionDifference(first: (90, 200), second: (120, 200)).excludesZero)
        // At a lower confidence a borderline difference clears zero that did not at 95%.
        let borderline = ((30, 50), (21, 50))
        #expect(!ProportionDifference(first: borderline.0, second: borderline.1).excludesZero)
        #expect(ProportionDifference(first: borderline.0, second: borderline.1, confidence: .eightyPercent).excludesZero)
    }
}

@Suite("Cochran sample size")
struct SampleSizeTests {
    /// Krejcie and Morgan (1970), "Determining sample size for research activities", Table 1,
    /// tabulates exactly n₀·N / (N − 1 + n₀) at 95% and ±5% with p = 0.5, rounded to the nearest case.
    @Test(
        "matches Krejcie and Morgan's table",
        arguments: [
            (100, 80), (200, 132), (500, 217), (1000, 278), (2000, 322), (5000, 357), (10000, 370), (75000, 382), (1_000_000, 384),
        ])
    func krejcieMorgan(population: Int, tabulated: Int) throws {
        // MUT
        let calculation = try SampleSize.cochran(population: population, confidence: .ninetyFivePercent, margin: 0.05)
        // validation
        #expect(Int(calculation.corrected.rounded()) == tabulated)
        #expect(calculation.required == Int(calculation.corrected.rounded(.up)))
    }

    @Test("n₀ is 384.15 at 95% and 164.24 at 80%")
    func uncorrected() throws {
        let at95 = try SampleSize.cochran(population: 1_000_000_000, confidence: .ninetyFivePercent, margin: 0.05)
        let at80 = try SampleSize.cochran(population: 1_000_000_000, confidence: .eightyPercent, margin: 0.05)
        #expect(abs(at95.uncorrected - 384.146) < 0.001)
        #expect(abs(at80.uncorrected - 164.237) < 0.001)
        #expect(at80.required == 165)
    }

    @Test("never asks for more cases than exist")
    func smallPopulation() throws {
        let calculation = try SampleSize.cochran(population: 3, confidence: .ninetyFivePercent, margin: 0.01)
        #expect(calculation.required == 3)
    }

    @Test("a smaller proportion needs fewer cases")
    func proportion() throws {
        let half = try SampleSize.cochran(population: 5000, confidence: .eightyPercent, margin: 0.05)
        let fifth = try SampleSize.cochran(population: 5000, confidence: .eightyPercent, margin: 0.05, proportion: 0.2)
        #expect(fifth.required < half.required)
    }

    @Test("rejects impossible inputs")
    func badInputs() {
        #expect(throws: SampleSize.InputError.population(0)) {
            try SampleSize.cochran(population: 0, confidence: .eightyPercent, margin: 0.05)
        }
        #expect(throws: SampleSize.InputError.margin(0)) {
            try SampleSize.cochran(population: 10, confidence: .eightyPercent, margin: 0)
        }
        #expect(throws: SampleSize.InputError.proportion(1)) {
            try SampleSize.cochran(population: 10, confidence: .eightyPercent, margin: 0.05, proportion: 1)
        }
    }
}

@Suite("Margin of a sample")
struct SampleMarginTests {
    @Test("is the inverse of Cochran's size: the recommended size meets the margin and one case fewer does not")
    func inverse() throws {
        for (population, confidence, margin) in [(1200, 0.8, 0.05), (300, 0.95, 0.1), (80, 0.8, 0.05)] {
            let level = try #require(ConfidenceLevel(confidence))
            let required = try SampleSize.cochran(population: population, confidence: level, margin: margin).required
            #expect(SampleSize.margin(sampleSize: required, population: population, confidence: level) <= margin + 1e-12)
            #expect(SampleSize.margin(sampleSize: required - 1, population: population, confidence: level) > margin)
        }
    }

    @Test("5 of 300 at 80% confidence is about ±28.5 points; a census has none")
    func small() {
        // z = 1.2816; n₀ = 5 × 299 / 295 = 5.068; 1.2816 × √(0.25 / 5.068) = 0.2847
        #expect(abs(SampleSize.margin(sampleSize: 5, population: 300, confidence: .eightyPercent) - 0.2847) < 0.0005)
        #expect(SampleSize.margin(sampleSize: 300, population: 300, confidence: .eightyPercent) == 0)
    }
}

@Suite("Allocation across strata")
struct AllocationTests {
    @Test("proportional allocation matches population shares")
    func proportional() {
        // setup
        let strata = [("high", 500), ("medium", 300), ("low", 200)].map { Allocation.Stratum(key: $0.0, size: $0.1) }
        // MUT
        let allocation = Allocation.proportional(total: 100, strata: strata)
        // validation
        #expect(allocation == ["high": 50, "medium": 30, "low": 20])
    }

    @Test("largest remainders make the parts add up, ties to the stratum listed first")
    func remainders() {
        let strata = ["a", "b", "c"].map { Allocation.Stratum(key: $0, size: 1) }
        #expect(Allocation.proportional(total: 2, strata: strata) == ["a": 1, "b": 1, "c": 0])
        let uneven = [("a", 7), ("b", 7), ("c", 6)].map { Allocation.Stratum(key: $0.0, size: $0.1) }
        let parts = Allocation.proportional(total: 10, strata: uneven)
        #expect(parts.values.reduce(0, +) == 10)
        #expect(parts == ["a": 4, "b": 3, "c": 3])  // quotas 3.5, 3.5, 3.0
    }

    /// A textbook case: N₁S₁ = 10,000 and N₂S₂ = 40,000 share 100 cases 20 : 80.
    @Test("Neyman allocation follows N·S")
    func neyman() {
        let strata = [
            Allocation.Stratum(key: "one", size: 1000, standardDeviation: 10),
            Allocation.Stratum(key: "two", size: 2000, standardDeviation: 20),
        ]
        #expect(Allocation.neyman(total: 100, strata: strata) == ["one": 20, "two": 80])
    }

    @Test("a stratum is never given more cases than it has")
    func capped() {
        let strata = [
            Allocation.Stratum(key: "small", size: 10, standardDeviation: 100),
            Allocation.Stratum(key: "large", size: 1000, standardDeviation: 1),
        ]
        #expect(Allocation.neyman(total: 50, strata: strata) == ["small": 10, "large": 40])
        #expect(Allocation.proportional(total: 5000, strata: strata) == ["small": 10, "large": 1000])
    }
}
