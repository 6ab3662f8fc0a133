/// A stratified random sample, drawn reproducibly from a seed.
///
/// The population is put in a canonical order (by case reference, byte-wise) before drawing,
/// so neither the order of the input file nor the platform changes which cases are chosen.
public struct StratifiedSample<Item: Sendable>: Sendable {
    /// One stratum's share of the population and of the sample.
    public struct StratumShare: Sendable, Hashable {
        public let key: String
        public let population: Int
        public let sampled: Int

        public init(key: String, population: Int, sampled: Int) {
            self.key = key
            self.population = population
            self.sampled = sampled
        }
    }

    public let seed: UInt64
    /// The chosen items, in canonical order.
    public let items: [Item]
    /// Every stratum, in canonical order of its key, with population and sample counts.
    public let strata: [StratumShare]

    /// Draws `size` items, allocated to strata in proportion to their population size.
    ///
    /// - Parameters:
    ///   - population: every eligible item.
    ///   - size: how many to draw; capped at the population size.
    ///   - seed: recorded with the sample; the same seed gives the same sample.
    ///   - reference: a unique, stable identifier per item (the case reference).
    ///   - stratum: the stratum an item belongs to, e.g. "high|licence".
    public init(
        drawingFrom population: [Item], size: Int, seed: UInt64,
        reference: (Item) -> String, stratum: (Item) -> String
    ) {
        let ordered = population.map { (reference: reference($0), stratum: stratum($0), item: $0) }
            .sorted { $0.reference.utf8.lexicographicallyPrecedes($1.reference.utf8) }
        var members: [String: [Item]] = [:]
        for entry in ordered { members[entry.stratum, default: []].append(entry.item) }
        let keys = members.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }

        let allocation = Allocation.proportional(
            total: max(0, size),
            strata: keys.map { Allocation.Stratum(key: $0, size: members[$0]!.count) })

        var generator = SeededGenerator(seed: seed)
        var chosen: [(reference: String, item: Item)] = []
        var shares: [StratumShare] = []
        for key in keys {
            var pool = members[key]!
            let count = allocation[key] ?? 0
            // A partial Fisher–Yates shuffle: the first `count` places end up a uniform draw.
            for place in 0..<count {
                let pick = place + generator.uniform(below: pool.count - place)
                pool.swapAt(place, pick)
            }
            chosen += pool.prefix(count).map { (reference($0), $0) }
            shares.append(StratumShare(key: key, population: pool.count, sampled: count))
        }
        self.seed = seed
        self.items = chosen.sorted { $0.reference.utf8.lexicographicallyPrecedes($1.reference.utf8) }.map(\.item)
        self.strata = shares
    }
}
