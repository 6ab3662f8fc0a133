/// Shares a total sample out across strata.
///
/// Both methods round with the largest-remainder rule, so the parts always add up to the total,
/// and no stratum is given more than it has. Ties go to the stratum listed first, so callers
/// that list strata in a fixed order always get the same answer.
public enum Allocation {
    /// One stratum: its population size, and for Neyman allocation the standard deviation of
    /// the quantity measured (for a proportion p, √(p(1−p))).
    public struct Stratum<Key: Hashable & Sendable>: Sendable {
        public let key: Key
        public let size: Int
        public let standardDeviation: Double

        public init(key: Key, size: Int, standardDeviation: Double = 1) {
            precondition(size >= 0 && standardDeviation >= 0)
            self.key = key
            self.size = size
            self.standardDeviation = standardDeviation
        }
    }

    /// n_h = n · N_h / N: each stratum's share of the sample matches its share of the population.
    public static func proportional<Key>(total: Int, strata: [Stratum<Key>]) -> [Key: Int] {
        allocate(total: total, strata: strata, weight: { Double($0.size) })
    }

    /// n_h = n · N_h·S_h / Σ N_k·S_k: more of the sample goes where the quantity varies most,
    /// which gives the smallest overall variance for a fixed total (Neyman 1934).
    public static func neyman<Key>(total: Int, strata: [Stratum<Key>]) -> [Key: Int] {
        allocate(total: total, strata: strata, weight: { Double($0.size) * $0.standardDeviation })
    }

    /// Largest-remainder allocation by weight, capped at each stratum's size; what a capped
    /// stratum cannot take is shared again among the others.
    static func allocate<Key>(
        total: Int, strata: [Stratum<Key>], weight: (Stratum<Key>) -> Double
    ) -> [Key: Int] {
        var result = Dictionary(uniqueKeysWithValues: strata.map { ($0.key, 0) })
        var remaining = min(total, strata.reduce(0) { $0 + $1.size })
        var open = strata.filter { $0.size > 0 }
        while remaining > 0, !open.isEmpty {
            var weights = open.map(weight)
            var weightSum = weights.reduce(0, +)
            if weightSum <= 0 {
                // No stratum carries weight (e.g. every deviation is zero): share by size instead.
                weights = open.map { Double($0.size) }
                weightSum = weights.reduce(0, +)
            }
            let quotas = weights.map { Double(remaining) * $0 / weightSum }
            var parts = quotas.map { Int($0.rounded(.down)) }
            let leftOver = remaining - parts.reduce(0, +)
            let byRemainder = quotas.indices.sorted {
                let (a, b) = (quotas[$0] - Double(parts[$0]), quotas[$1] - Double(parts[$1]))
                return a != b ? a > b : $0 < $1
            }
            for index in byRemainder.prefix(leftOver) { parts[index] += 1 }

            var overflowed = false
            for (index, stratum) in open.enumerated() {
                let room = stratum.size - result[stratum.key, default: 0]
                if parts[index] >= room {
                    overflowed = overflowed || parts[index] > room
                    parts[index] = room
                }
            }
            if overflowed {
                // Fill the strata that overflowed, then share the rest among the others again.
                for (index, stratum) in open.enumerated()
                where parts[index] == stratum.size - result[stratum.key, default: 0] {
                    result[stratum.key, default: 0] += parts[index]
                    remaining -= parts[index]
                }
                open = open.filter { result[$0.key, default: 0] < $0.size }
            } else {
                for (index, stratum) in open.enumerated() { result[stratum.key, default: 0] += parts[index] }
                remaining = 0
            }
        }
        return result
    }
}
