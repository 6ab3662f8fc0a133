/// The full set of samples for one inspection: the main sample, stratified by RoSH level ×
/// sentence type (and optionally one more attribute), plus each extra sample the framework
/// names (unpaid work, through the gate, court reports, victim work), drawn from the cases
/// not already chosen. One function, used by the web app and the demo alike.
public struct InspectionSample: Sendable {
    /// An extra attribute to stratify the main sample by, beyond RoSH level × sentence type.
    public enum ExtraStratum: String, Sendable, CaseIterable, Codable {
        case none, gender, team
        case officerGrade = "officer-grade"

        public var title: String {
            switch self {
            case .none: "No extra stratum"
            case .gender: "Gender"
            case .team: "Team"
            case .officerGrade: "Officer grade"
            }
        }

        func value(_ record: EligibleCaseRecord) -> String? {
            switch self {
            case .none: nil
            case .gender: record.gender
            case .team: record.team
            case .officerGrade: record.officerGrade.rawValue
            }
        }
    }

    public struct Chosen: Sendable, Hashable {
        public let record: EligibleCaseRecord
        public let sample: String
        public let stratum: String
    }

    /// One stratum's share of the population and of the main sample.
    public struct Mix: Sendable, Hashable {
        public let stratum: String
        /// The stratum in words: "Very high RoSH · Post-sentence supervision".
        public let title: String
        public let population: Int
        public let sampled: Int
    }

    public let cases: [Chosen]
    public let mix: [Mix]

    public init(
        eligible: [EligibleCaseRecord], framework: Framework, mainSize: Int, extraSize: Int, seed: UInt64,
        extraStratum: ExtraStratum = .none
    ) {
        func stratum(_ record: EligibleCaseRecord) -> String {
            [record.rosh?.rawValue ?? CaseloadCSV.roshNotRecorded, record.sentenceType.rawValue, extraStratum.value(record)].compactMap { $0 }.joined(
                separator: "|")
        }
        func title(_ record: EligibleCaseRecord) -> String {
            let extra = extraStratum == .officerGrade ? record.officerGrade.title : extraStratum.value(record)
            return [record.rosh.map { "\($0.title) RoSH" } ?? "RoSH not recorded", record.sentenceType.title, extra].compactMap { $0 }.joined(separator: " · ")
        }
        var cases: [Chosen] = []
        var mix: [Mix] = []
        guard let main = framework.mainSample else {
            self.cases = []
            self.mix = []
            return
        }
        let mainPool = eligible.filter { main.isEligible($0.sentenceType) }
        let mainDraw = StratifiedSample(drawingFrom: mainPool, size: mainSize, seed: seed, reference: \.caseReference, stratum: stratum)
        cases += mainDraw.items.map { Chosen(record: $0, sample: main.id, stratum: stratum($0)) }
        var examples: [String: EligibleCaseRecord] = [:]
        for record in mainPool where examples[stratum(record)] == nil { examples[stratum(record)] = record }
        mix = mainDraw.strata.map { Mix(stratum: $0.key, title: examples[$0.key].map(title) ?? $0.key, population: $0.population, sampled: $0.sampled) }
        // Shown in the order people read them: by RoSH level, then sentence type, then the extra
        // stratum's values in natural order (Team 2 before Team 10).
        mix.sort { left, right in
            guard let a = examples[left.stratum], let b = examples[right.stratum] else { return left.stratum < right.stratum }
            // A case with no RoSH level (never in an inspection's extract) would come last.
            let (roshA, roshB) = (a.rosh.map { RoshLevel.allCases.firstIndex(of: $0)! } ?? .max, b.rosh.map { RoshLevel.allCases.firstIndex(of: $0)! } ?? .max)
            if roshA != roshB { return roshA < roshB }
            let (sentenceA, sentenceB) = (SentenceType.allCases.firstIndex(of: a.sentenceType)!, SentenceType.allCases.firstIndex(of: b.sentenceType)!)
            if sentenceA != sentenceB { return sentenceA < sentenceB }
            return NaturalOrder.precedes(left.title, right.title)
        }
        var taken = Set(mainDraw.items.map(\.caseReference))
        for (offset, extra) in framework.samples.dropFirst().enumerated() {
            let pool = eligible.filter { !taken.contains($0.caseReference) && extra.isEligible($0.sentenceType) }
            let draw = StratifiedSample(
                drawingFrom: pool, size: extraSize, seed: seed &+ UInt64(offset + 1), reference: \.caseReference, stratum: { _ in extra.id })
            cases += draw.items.map { Chosen(record: $0, sample: extra.id, stratum: extra.id) }
            taken.formUnion(draw.items.map(\.caseReference))
        }
        self.cases = cases
        self.mix = mix
    }
}
