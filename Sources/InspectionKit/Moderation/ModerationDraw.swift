/// The quality lead's dip sample of assessed cases for second marking.
///
/// Seeded, so the same cases, size and seed always give the same draw. Every inspector who
/// assessed a case has at least one of their cases drawn, because agreement is reported per
/// inspector and an inspector with no moderated case would have no figure at all.
public struct ModerationDraw: Sendable, Hashable {
    /// One assessed case: its reference and who assessed it.
    public struct AssessedCase: Sendable, Hashable {
        public let reference: String
        public let assessor: String

        public init(reference: String, assessor: String) {
            self.reference = reference
            self.assessor = assessor
        }
    }

    /// How big the dip sample is.
    public enum Size: Sendable, Hashable {
        case percent(Double)
        case count(Int)

        /// Reads the form's two fields: exactly one of a percentage (0–100) or a number of cases.
        public init(percent: String?, count: String?) throws(InputProblem) {
            let percentText = percent?.trimmingCharacters(in: .whitespaces) ?? ""
            let countText = count?.trimmingCharacters(in: .whitespaces) ?? ""
            switch (percentText.isEmpty, countText.isEmpty) {
            case (false, true):
                guard let value = Double(percentText), value > 0, value <= 100 else {
                    throw InputProblem(file: "form", line: nil, columnName: "percent", value: percentText, message: "give a percentage above 0 and at most 100")
                }
                self = .percent(value)
            case (true, false):
                guard let value = Int(countText), value > 0 else {
                    throw InputProblem(file: "form", line: nil, columnName: "count", value: countText, message: "give a whole number of cases, 1 or more")
                }
                self = .count(value)
            default:
                throw InputProblem(file: "form", line: nil, columnName: "percent", message: "give either a percentage or a number of cases, not both")
            }
        }

        /// The number of cases asked for, out of `population`, rounding a percentage up.
        public func cases(outOf population: Int) -> Int {
            switch self {
            case .percent(let percent): min(population, Int((Double(population) * percent / 100).rounded(.up)))
            case .count(let count): min(population, count)
            }
        }
    }

    public let seed: UInt64
    /// The drawn cases, in the order of the assessed list given.
    public let cases: [AssessedCase]
    /// The number asked for; the draw is larger when there are more inspectors than that.
    public let requested: Int

    public init(from assessed: [AssessedCase], size: Size, seed: UInt64) {
        // Order-independent: the same set of cases always gives the same draw.
        let pool = assessed.sorted { ($0.assessor, $0.reference) < ($1.assessor, $1.reference) }
        var generator = SeededGenerator(seed: seed)
        var chosen = Set<String>()
        var byAssessor: [String: [AssessedCase]] = [:]
        for item in pool { byAssessor[item.assessor, default: []].append(item) }
        for assessor in byAssessor.keys.sorted() {
            let cases = byAssessor[assessor]!
            chosen.insert(cases[generator.uniform(below: cases.count)].reference)
        }
        requested = size.cases(outOf: pool.count)
        var rest = pool.filter { !chosen.contains($0.reference) }
        while chosen.count < requested, !rest.isEmpty {
            chosen.insert(rest.remove(at: generator.uniform(below: rest.count)).reference)
        }
        self.seed = seed
        self.cases = assessed.filter { chosen.contains($0.reference) }
    }
}
