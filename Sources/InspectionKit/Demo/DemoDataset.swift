import Foundation

/// A realistic national dataset for exploring Inspectorate: 21 CRCs and 7 NPS divisions
/// inspected in 2018/19; 10 CRCs and NPS North West in 2019/20, when Covid-19 cut the programme
/// short; three youth offending teams in 2019/20 (youth-2018); PDU and regional inspections of
/// the unified service from 2021/22; interviews, workforce figures and organisational ratings,
/// plus two inspections in fieldwork (Essex CRC, and Cardiff under youth-2021) and one awaiting
/// data.
///
/// Generated from a seed, so it is the same every time. It reproduces the inspectorate's
/// published figures (the seeds' deck): in 2018/19, 20 of 21 CRCs Requires improvement and one
/// Inadequate; in 2019/20 three CRCs Good, five Inadequate on every case-supervision standard,
/// through the gate Outstanding in 8 of the 10 and unpaid work Good in 8 of the 10, and
/// Hampshire and Isle of Wight published with no overall rating; and the "keeping people safe"
/// percentages falling from NPS high-RoSH cases to CRC low-RoSH cases.
public struct DemoDataset: Sendable {
    public struct Provider: Sendable, Hashable {
        public let code: String
        public let name: String
        public let type: ProviderType
        public let region: String
    }

    public struct Case: Sendable, Hashable {
        public let record: EligibleCaseRecord
        public let sample: String
        public internal(set) var answers: [QuestionID: Answer]
        public internal(set) var rationales: [QuestionID: String]
        public let facts: CaseFacts
        public internal(set) var interview: OfficerInterview?
        public let complete: Bool
        /// Which of the inspection team's inspectors assessed it (0 is the lead).
        public let inspectorIndex: Int
    }

    public struct Inspection: Sendable {
        public let providerCode: String
        public let year: String
        public let frameworkID: FrameworkID
        public let state: InspectionState
        public let fieldworkStart: CalendarDate
        public let fieldworkEnd: CalendarDate
        public let sampleSeed: UInt64
        public let confidence: Double
        public let margin: Double
        public let eligible: [EligibleCaseRecord]
        public let workforce: [WorkforceRecord]
        public let cases: [Case]
        public let organisationalRatings: [StandardID: Rating]
        public let evidence: [StandardID: String]
        /// For a region: the PDUs whose inspections of the same year it pools, and the counts
        /// of its pooled questions added up from them.
        public var pooledProviderCodes: [String] = []
        public var pooledCounts: [QuestionID: AnswerCounts] = [:]
        /// Why it was published with no overall rating, when it could not be completed.
        public var partialReason: String?

        /// Days from the end of fieldwork to confirmed ratings, and from those to publication:
        /// seeded, and a little quicker each year after 2018/19, so the programme's "days to
        /// publication" has something to show.
        public var publicationDays: (rated: Int, published: Int) {
            var random = SeededGenerator(seed: sampleSeed ^ 0x9b1d_da75)
            let quicker = 3 * max(0, (InspectionYear(parsing: year)?.startYear ?? 2018) - 2018)
            return (35 + random.uniform(below: 36) - quicker, 20 + random.uniform(below: 45) - quicker)
        }

        /// Answer counts per key question over every case, and the pooled ones: the engine's input.
        public var answerCounts: [QuestionID: AnswerCounts] { DemoDataset.answerCounts(of: cases).merging(pooledCounts) { _, pooled in pooled } }
    }

    static func answerCounts(of cases: [Case]) -> [QuestionID: AnswerCounts] {
        var counts: [QuestionID: AnswerCounts] = [:]
        for judged in cases {
            for (question, answer) in judged.answers { counts[question, default: AnswerCounts()].record(answer) }
        }
        return counts
    }

    public let providers: [Provider]
    public let inspections: [Inspection]
    /// Every PDU's quarterly data returns, 2021-Q1 to 2024-Q4.
    public let returns: [DemoReturn]
    /// Provider codes: which took over from which (a CRC's area now covered by named PDUs).
    public var predecessors: [(successor: String, predecessor: String)] { DemoProviders.predecessors }

    /// The provider whose staff the demo's provider account belongs to.
    public static let providerAccountProvider = "thames-valley"
    public static let years = ["2018/19", "2019/20"]

    public static func generate(catalog: FrameworkCatalog, seed: UInt64 = 2018) -> DemoDataset {
        DemoGenerator(catalog: catalog, seed: seed).generate()
    }
}

/// The arithmetic behind ``DemoDataset``.
struct DemoGenerator {
    let catalog: FrameworkCatalog
    let seed: UInt64

    /// Published-figure targets, by index into ``DemoProviders/crc`` and ``DemoProviders/nps``.
    /// In 2018/19 one CRC (index 10, Kent, Surrey and Sussex) was Inadequate. In 2019/20 ten
    /// CRCs and NPS North West were inspected before Covid-19 stopped the programme: Hampshire
    /// and Isle of Wight (8) could not be completed; three were Good and five Inadequate on
    /// every case-supervision standard; through the gate was Outstanding in eight of the ten
    /// and unpaid work Good in eight.
    static let inadequateInYearOne: Set<Int> = [10]
    static let goodNPSInYearOne: Set<Int> = [0, 2, 4, 6]
    static let crcsInYearTwo: Set<Int> = [1, 2, 4, 6, 8, 10, 11, 13, 15, 17]
    static let npsInYearTwo: Set<Int> = [3]
    static let cutShortInYearTwo = 8
    static let goodInYearTwo: Set<Int> = [4, 13, 17]
    static let weakCaseworkInYearTwo: Set<Int> = [1, 6, 10, 11, 15]
    static let throughTheGateGoodNotOutstandingInYearTwo: Set<Int> = [2, 15]
    static let unpaidWorkRequiresImprovementInYearTwo: Set<Int> = [11, 15]
    static let cutShortReason =
        "The inspection could not be completed due to Covid-19: fieldwork stopped before the leadership and staff meetings, so the organisational standards and an overall rating could not be awarded."

    func generate() -> DemoDataset {
        var providers: [DemoDataset.Provider] = []
        for crc in DemoProviders.crc { providers.append(.init(code: crc.code, name: crc.name, type: .crc, region: crc.region)) }
        for nps in DemoProviders.nps {
            providers.append(.init(code: nps.code, name: nps.name, type: .nps, region: String(nps.name.dropFirst(4))))
        }
        var inspections: [DemoDataset.Inspection] = []
        for (yearIndex, year) in DemoDataset.years.enumerated() {
            for (index, provider) in providers.enumerated() {
                let typeIndex = provider.type == .crc ? index : index - DemoProviders.crc.count
                if yearIndex == 1, !(provider.type == .crc ? Self.crcsInYearTwo : Self.npsInYearTwo).contains(typeIndex) { continue }
                inspections.append(
                    inspection(provider: provider, typeIndex: typeIndex, year: year, yearIndex: yearIndex, providerIndex: index))
            }
        }
        // One inspection part-way through fieldwork, and one waiting for the provider's data.
        let essex = providers.first { $0.code == "essex" }!
        inspections.append(inspection(provider: essex, typeIndex: 7, year: "2020/21", yearIndex: 2, providerIndex: 7))
        let thamesValley = providers.first { $0.code == DemoDataset.providerAccountProvider }!
        inspections.append(dataRequested(provider: thamesValley, providerIndex: 17))
        // Youth offending teams: published 2019/20 under the 2018 youth framework, and one 2021/22
        // inspection in fieldwork under the 2021 framework, so both versions are in use at once.
        for (index, yot) in DemoProviders.yot.enumerated() {
            let provider = DemoDataset.Provider(code: yot.code, name: yot.name, type: .yot, region: yot.region)
            providers.append(provider)
            inspections.append(inspection(provider: provider, typeIndex: index, year: "2019/20", yearIndex: 1, providerIndex: 40 + index))
        }
        let cardiff = providers.first { $0.code == "yot-cardiff" }!
        inspections.append(inspection(provider: cardiff, typeIndex: 0, year: "2021/22", yearIndex: 3, providerIndex: 40))
        unifiedService(providers: &providers, inspections: &inspections)
        return DemoDataset(providers: providers, inspections: inspections, returns: DemoReturns.generate(pdus: DemoProviders.pdu.map(\.code), seed: seed))
    }

    /// The unified probation service: PDU inspections from 2021/22 under the PDU framework of
    /// their year, and in 2023/24 two regions inspected after all their PDUs, pooling them.
    func unifiedService(providers: inout [DemoDataset.Provider], inspections: inout [DemoDataset.Inspection]) {
        let yearIndexes = ["2021/22": 3, "2022/23": 4, "2023/24": 5]
        for region in Set(DemoProviders.pdu.map(\.region)).sorted() {
            providers.append(.init(code: ProbationRegions.providerCode(region), name: "\(region) region", type: .region, region: region))
        }
        for (index, pdu) in DemoProviders.pdu.enumerated() {
            let provider = DemoDataset.Provider(code: pdu.code, name: pdu.name, type: .pdu, region: pdu.region)
            providers.append(provider)
            let yearIndex = yearIndexes[pdu.year]!
            inspections.append(
                inspection(
                    provider: provider, typeIndex: index, year: pdu.year, yearIndex: yearIndex, providerIndex: 60 + index,
                    framework: pdu.year == "2023/24" ? "probation-2023-pdu" : "probation-2021-pdu", target: pdu.target,
                    start: CalendarDate(year: 2021 + yearIndex - 3, month: 9 + index % 4, day: 2 + index)!))
        }
        let framework = catalog["probation-2023-region"]!
        for (index, region) in DemoProviders.regions.enumerated() {
            let provider = providers.first { $0.code == ProbationRegions.providerCode(region.region) }!
            let pooled = inspections.filter { inspection in
                inspection.year == "2023/24" && framework.poolsFrom.contains(inspection.frameworkID)
                    && DemoProviders.pdu.contains { $0.code == inspection.providerCode && $0.region == region.region }
            }
            var regional = inspection(
                provider: provider, typeIndex: index, year: "2023/24", yearIndex: 5, providerIndex: 90 + index, framework: framework.id,
                target: region.target, start: CalendarDate(year: 2024, month: 3, day: 4 + index * 7)!,
                pooled: RegionalPooling.counts(for: framework, pooling: pooled.map(\.answerCounts)))
            regional.pooledProviderCodes = pooled.map(\.providerCode)
            inspections.append(regional)
        }
    }

    // MARK: - One inspection

    /// One inspection. The unified service's inspections name their framework, the rating aimed
    /// at and their dates, are published, and a region's carry its pooled counts.
    func inspection(
        provider: DemoDataset.Provider, typeIndex: Int, year: String, yearIndex: Int, providerIndex: Int, framework frameworkID: FrameworkID? = nil,
        target aimedAt: Rating? = nil, start startDate: CalendarDate? = nil, pooled: [QuestionID: AnswerCounts] = [:]
    ) -> DemoDataset.Inspection {
        let framework = catalog[frameworkID ?? Self.frameworkID(provider.type, yearIndex: yearIndex)]!
        var random = SeededGenerator(seed: seed &* 1_000_003 &+ UInt64(yearIndex * 100 + providerIndex))
        let inFieldwork = frameworkID == nil && yearIndex >= 2
        let cutShort = provider.type == .crc && yearIndex == 1 && typeIndex == Self.cutShortInYearTwo
        // Hampshire and Isle of Wight's fieldwork began the month lockdown stopped it.
        let start =
            cutShort ? CalendarDate(year: 2020, month: 3, day: 2)! : startDate ?? fieldworkStart(yearIndex: yearIndex, providerIndex: providerIndex)
        let youth = provider.type == .yot
        let eligible = population(
            provider: provider, size: youth ? 160 + random.uniform(below: 140) : 900 + random.uniform(below: 500), before: start, random: &random)

        // Quality of practice, relative to the national picture, decides how cases are judged.
        let target = aimedAt ?? targetRating(provider: provider, typeIndex: typeIndex, yearIndex: yearIndex)
        let quality = practiceQuality(provider: provider, typeIndex: typeIndex, yearIndex: yearIndex, target: target)

        let sampleSeed = random.next() >> 11
        let size = (try? SampleSize.cochran(population: eligible.count, confidence: .eightyPercent, margin: 0.07).required) ?? 80
        let mainPool = eligible.filter { framework.mainSample?.isEligible($0.sentenceType) ?? true }.count
        let mainSize = youth ? min(size, (try? SampleSize.cochran(population: mainPool, confidence: .eightyPercent, margin: 0.1).required) ?? 40) : size
        let drawn = InspectionSample(eligible: eligible, framework: framework, mainSize: mainSize, extraSize: youth ? 20 : 12, seed: sampleSeed).cases
            .map { ($0.record, $0.sample) }

        var cases: [DemoDataset.Case] = []
        for (position, (record, sample)) in drawn.enumerated() {
            // In fieldwork: the first third complete, the next third part-assessed, the rest untouched.
            let progress = inFieldwork ? min(2, position * 3 / drawn.count) : 0
            cases.append(
                judgedCase(
                    record, sample: sample, framework: framework, provider: provider, yearIndex: yearIndex, quality: quality,
                    progress: progress, inspectorIndex: position % 4, random: &random))
        }

        cases = Self.assignOfficers(cases, seed: sampleSeed)
        if provider.type == .crc, yearIndex == 1 {
            for (standard, rating) in Self.yearTwoCaseRatings(typeIndex: typeIndex) {
                cases = calibrate(cases, standard: framework.standard(standard)!, to: rating, framework: framework, random: &random)
            }
        }
        if provider.type == .nps, yearIndex == 1 {
            // The seeds' table of keeping people safe by RoSH level is North West's own sample.
            for (standard, shares) in Self.safetyByStandard {
                let question = framework.standard(StandardID(standard))!.questions.first { $0.focus == "safety" }!
                cases = steer(cases, question: question, among: [.high, .veryHigh], to: shares[0], random: &random)
                cases = steer(cases, question: question, among: [.medium], to: shares[1], random: &random)
            }
        }

        let caseRating = RatingEngine(framework: framework).rate(answers: DemoDataset.answerCounts(of: cases).merging(pooled) { _, pooled in pooled })
        let organisational =
            inFieldwork || cutShort
            ? [:]
            : organisationalRatings(
                framework: framework, casePoints: caseRating.standards.compactMap(\.points).reduce(0, +), target: target, provider: provider,
                yearIndex: yearIndex)
        return DemoDataset.Inspection(
            providerCode: provider.code, year: year, frameworkID: framework.id,
            state: inFieldwork ? .fieldwork : .published,
            fieldworkStart: start, fieldworkEnd: CalendarDate(year: start.year, month: start.month, day: min(start.day + 18, 28))!,
            sampleSeed: sampleSeed, confidence: 0.8, margin: 0.07, eligible: eligible,
            workforce: workforce(provider: provider, yearIndex: yearIndex, teams: Set(eligible.map(\.team)).sorted(), random: &random),
            cases: cases, organisationalRatings: organisational,
            evidence: organisational.mapValues { Self.evidence[$0]! }, pooledCounts: pooled, partialReason: cutShort ? Self.cutShortReason : nil)
    }

    /// Brings one key question's share of sufficient judgements, over the cases at the given
    /// RoSH levels, to within half a case of a published share, turning over judgements chosen
    /// by the seeded generator.
    func steer(
        _ cases: [DemoDataset.Case], question: KeyQuestion, among levels: Set<RoshLevel>, to share: Double, random: inout SeededGenerator
    )
        -> [DemoDataset.Case]
    {
        var cases = cases
        let group = cases.indices.filter {
            (cases[$0].record.rosh.map(levels.contains) ?? false) && cases[$0].answers[question.id].map { $0 != .notApplicable } ?? false
        }
        guard !group.isEmpty else { return cases }
        let wanted = Int((share * Double(group.count)).rounded())
        var sufficient = group.filter { cases[$0].answers[question.id] == .sufficient }
        var notSufficient = group.filter { cases[$0].answers[question.id] == .notSufficient }
        while sufficient.count != wanted {
            let chosen: Int
            let answer: Answer
            if sufficient.count < wanted {
                chosen = notSufficient.remove(at: random.uniform(below: notSufficient.count))
                sufficient.append(chosen)
                answer = .sufficient
            } else {
                chosen = sufficient.remove(at: random.uniform(below: sufficient.count))
                notSufficient.append(chosen)
                answer = .notSufficient
            }
            cases[chosen].answers[question.id] = answer
            cases[chosen].rationales[question.id] = Self.rationale(focus: question.focus, answer: answer, variant: random.uniform(below: 2))
        }
        return cases
    }

    /// The case-standard ratings the seeds' deck reports for a 2019/20 CRC.
    static func yearTwoCaseRatings(typeIndex: Int) -> [(StandardID, Rating)] {
        var ratings: [(StandardID, Rating)] = [
            ("4.2", throughTheGateGoodNotOutstandingInYearTwo.contains(typeIndex) ? .good : .outstanding),
            ("4.1", unpaidWorkRequiresImprovementInYearTwo.contains(typeIndex) ? .requiresImprovement : .good),
        ]
        if weakCaseworkInYearTwo.contains(typeIndex) { ratings += ["2.1", "2.2", "2.3", "2.4"].map { ($0, .inadequate) } }
        return ratings
    }

    /// Brings a case standard to a published rating by turning over the fewest judgements,
    /// chosen by the seeded generator: a sample of a dozen cases too often lands a band away
    /// from the figure the demo must reproduce. Each step moves the lowest key question (the one
    /// that decides the rating) one case towards the band.
    func calibrate(
        _ cases: [DemoDataset.Case], standard: Standard, to rating: Rating, framework: Framework, random: inout SeededGenerator
    ) -> [DemoDataset.Case] {
        var cases = cases
        let engine = RatingEngine(framework: framework)
        for _ in 0..<cases.count * standard.questions.count {
            let result = engine.rateCaseStandard(standard, answers: DemoDataset.answerCounts(of: cases))
            guard let current = result.rating, current != rating, let limiting = result.limitingQuestion else { break }
            let from: Answer = current < rating ? .notSufficient : .sufficient
            let candidates = cases.indices.filter { cases[$0].answers[limiting] == from }
            guard !candidates.isEmpty else { break }
            let chosen = candidates[random.uniform(below: candidates.count)]
            let to: Answer = from == .sufficient ? .notSufficient : .sufficient
            cases[chosen].answers[limiting] = to
            let focus = standard.questions.first { $0.id == limiting }?.focus
            cases[chosen].rationales[limiting] = Self.rationale(focus: focus, answer: to, variant: random.uniform(below: 2))
        }
        return cases
    }

    /// The framework each kind of provider was inspected under that year.
    static func frameworkID(_ type: ProviderType, yearIndex: Int) -> FrameworkID {
        switch type {
        case .crc: "probation-2018-crc"
        case .yot: yearIndex >= 3 ? "youth-2021" : "youth-2018"
        default: "probation-2018-nps"
        }
    }

    func dataRequested(provider: DemoDataset.Provider, providerIndex: Int) -> DemoDataset.Inspection {
        let start = CalendarDate(year: 2021, month: 3, day: 1)!
        return DemoDataset.Inspection(
            providerCode: provider.code, year: "2020/21", frameworkID: "probation-2018-crc", state: .dataRequested,
            fieldworkStart: start, fieldworkEnd: CalendarDate(year: 2021, month: 3, day: 19)!, sampleSeed: 0,
            confidence: 0.8, margin: 0.07, eligible: [], workforce: [], cases: [], organisationalRatings: [:], evidence: [:])
    }

    func fieldworkStart(yearIndex: Int, providerIndex: Int) -> CalendarDate {
        // 2018/19 inspections ran from October to June; 2019/20 from July to early March.
        let months =
            yearIndex == 0
            ? [(2018, 10), (2018, 11), (2019, 1), (2019, 2), (2019, 3), (2019, 4), (2019, 5), (2019, 6)]
            : yearIndex == 1
                ? [(2019, 7), (2019, 9), (2019, 10), (2019, 11), (2019, 12), (2020, 1), (2020, 2), (2020, 3)]
                : yearIndex == 2 ? [(2020, 11)] : [(2021, 11)]
        let (year, month) = months[providerIndex % months.count]
        return CalendarDate(year: year, month: month, day: 1 + (providerIndex * 3) % 20)!
    }

    // MARK: - Targets

    func targetRating(provider: DemoDataset.Provider, typeIndex: Int, yearIndex: Int) -> Rating {
        switch (provider.type, yearIndex) {
        case (.yot, _): typeIndex == 2 ? .requiresImprovement : .good
        case (.crc, 0): Self.inadequateInYearOne.contains(typeIndex) ? .inadequate : .requiresImprovement
        case (.crc, _): Self.goodInYearTwo.contains(typeIndex) ? .good : .requiresImprovement
        default: yearIndex == 0 && Self.goodNPSInYearOne.contains(typeIndex) ? .good : .requiresImprovement
        }
    }

    /// An offset to every probability of a sufficient judgement.
    func practiceQuality(provider: DemoDataset.Provider, typeIndex: Int, yearIndex: Int, target: Rating) -> Double {
        if target == .inadequate { return -0.16 }
        if provider.type == .yot { return target == .good ? 0.02 : -0.12 }
        if provider.type == .crc, yearIndex == 1, Self.weakCaseworkInYearTwo.contains(typeIndex) { return -0.1 }
        // NPS North West was the only division inspected in 2019/20, so the seeds' NPS figures
        // for that year are its own.
        if provider.type == .nps { return yearIndex == 1 ? 0 : target == .good ? 0.01 : -0.05 }
        if target == .good { return 0.2 }
        let spread = Double((typeIndex * 7 + yearIndex * 3) % 9) / 100 - 0.04  // −4 to +4 points
        return spread + (yearIndex == 1 ? 0.02 : 0)
    }

    /// Chooses organisational ratings so the overall rating lands on the target, keeping the
    /// published pattern where it can (every NPS division Requires improvement on staff in 2018/19).
    func organisationalRatings(framework: Framework, casePoints: Int, target: Rating, provider: DemoDataset.Provider, yearIndex: Int) -> [StandardID: Rating] {
        let standards = framework.standards.filter { $0.kind == .organisational }.map(\.id)
        let band = framework.rules.overallBands.first { $0.rating == target }!
        let preferred: Int =
            switch target {
            case .outstanding: 11
            case .good: 9
            case .requiresImprovement: 5
            case .inadequate: 2
            }
        let lowest = max(0, band.points.lowerBound - casePoints)
        let highest = min(3 * standards.count, band.points.upperBound - casePoints)
        var total = min(max(preferred, lowest), highest)
        if lowest > highest { total = casePoints > band.points.upperBound ? 0 : 3 * standards.count }
        // Every NPS division was Requires improvement on staff (1.2) in 2018/19; other points
        // are spread leadership first, staff last.
        var points = Dictionary(uniqueKeysWithValues: standards.map { ($0, 0) })
        let fixed: [StandardID: Int] = provider.type == .nps && yearIndex == 0 ? ["1.2": 1] : [:]
        points.merge(fixed) { $1 }
        let preferredOrder: [StandardID] = ["1.1", "1.4", "1.3", "1.2"]
        let order = (preferredOrder.filter(standards.contains) + standards.filter { !preferredOrder.contains($0) }).filter { fixed[$0] == nil }
        var remaining = max(0, total - fixed.values.reduce(0, +))
        while remaining > 0, order.contains(where: { points[$0]! < 3 }) {
            for id in order where remaining > 0 && points[id]! < 3 {
                points[id]! += 1
                remaining -= 1
            }
        }
        let byPoints: [Int: Rating] = [3: .outstanding, 2: .good, 1: .requiresImprovement, 0: .inadequate]
        return points.mapValues { byPoints[$0]! }
    }

    static let evidence: [Rating: String] = [
        .outstanding:
            "Leaders have a clear, well-communicated vision; staff describe it and it shows in their work. Partnerships are strong and services are well targeted.",
        .good: "Arrangements are sound and mostly effective. Staff understand priorities and managers act on risks, though some gaps in oversight remain.",
        .requiresImprovement:
            "Plans exist but have not yet made a consistent difference to practice. Workloads are high in several teams and oversight of casework is uneven.",
        .inadequate: "Serious weaknesses: staff shortages and high caseloads leave cases unmanaged, and leaders have not acted on known risks.",
    ]

    // MARK: - Cases

    func population(provider: DemoDataset.Provider, size: Int, before start: CalendarDate, random: inout SeededGenerator) -> [EligibleCaseRecord] {
        let crc = provider.type == .crc
        let youth = provider.type == .yot
        // Since unification a PDU supervises everyone: the CRCs' and the NPS's caseloads together.
        let unified = provider.type == .pdu || provider.type == .region
        let rosh: [(RoshLevel, Int)] =
            youth
            ? [(.low, 52), (.medium, 38), (.high, 10)]
            : unified
                ? [(.low, 26), (.medium, 49), (.high, 23), (.veryHigh, 2)]
                : crc ? [(.low, 44), (.medium, 54), (.high, 2)] : [(.low, 2), (.medium, 40), (.high, 53), (.veryHigh, 5)]
        let sentences: [(SentenceType, Int)] =
            youth
            ? [
                (.referralOrder, 30), (.youthRehabilitationOrder, 22), (.detentionAndTrainingOrder, 6), (.communityResolution, 20), (.youthCaution, 12),
                (.youthConditionalCaution, 10),
            ]
            : crc || unified
                ? [(.communityOrder, 42), (.suspendedSentence, 20), (.licence, 28), (.postSentenceSupervision, 10)]
                : [(.communityOrder, 25), (.suspendedSentence, 15), (.licence, 55), (.postSentenceSupervision, 5)]
        let ethnicities: [(String, Int)] = [("White", 80), ("Black", 6), ("Asian", 7), ("Mixed", 4), ("Other", 2), ("not recorded", 1)]
        let genders: [(String, Int)] = [("male", 85), ("female", 14), ("not recorded", 1)]
        let area = provider.name.replacingOccurrences(of: " CRC", with: "").replacingOccurrences(of: "NPS ", with: "")
            .replacingOccurrences(of: " PDU", with: "").replacingOccurrences(of: " region", with: "")
            .replacingOccurrences(of: " Youth Justice Service", with: "").replacingOccurrences(of: " Youth Offending Team", with: "")
        let shortArea = area.split(separator: ",").first.map(String.init)?.split(separator: " ").first.map(String.init) ?? area
        let teams = ["North", "South", "East", "West", "Central"].prefix(3 + size % 3).map { "\(shortArea) \($0)" }
        let prefix = provider.code.split(separator: "-").map { $0.prefix(1).uppercased() }.joined()
        // Age bands come from a generator of their own, so adding them left every other demo
        // figure as it was. Seeded from the provider's code (FNV-1a), the same on every run.
        var ages = SeededGenerator(seed: provider.code.utf8.reduce(14_695_981_039_346_656_037 as UInt64) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 })
        let ageBands: [(AgeBand?, Int)] =
            youth ? [(.under18, 100)] : [(.from18To24, 15), (.from25To34, 35), (.from35To49, 35), (.fiftyAndOver, 14), (nil, 1)]
        return (0..<size).map { index in
            let level = pick(rosh, &random)
            let sentence = pick(sentences, &random)
            let mappa = level >= .high && random.uniform(below: 4) == 0
            let daysBefore = 30 + random.uniform(below: 520)
            return EligibleCaseRecord(
                caseReference: "\(prefix)\(String(format: "%05d", index + 1))",
                sentenceType: sentence, startDate: date(start, minusDays: daysBefore), rosh: level,
                mappaCategory: mappa ? 1 + random.uniform(below: 2) : nil, mappaLevel: mappa ? 1 + random.uniform(below: 2) : nil,
                officerGrade: random.uniform(below: 100) < (crc ? (level == .low ? 65 : 45) : (level >= .high ? 90 : 70))
                    ? (crc ? .probationServicesOfficer : .probationOfficer) : (crc ? .probationOfficer : .probationServicesOfficer),
                team: teams[random.uniform(below: teams.count)], gender: pick(genders, &random), ethnicity: pick(ethnicities, &random),
                ageBand: pick(ageBands, &ages))
        }
    }

    /// The seeds' 2019/20 table: the share of cases whose assessment, planning, delivery and
    /// reviewing kept other people safe, for NPS high, NPS medium, CRC medium and CRC low RoSH.
    static let safetyByStandard: [String: [Double]] = [
        "2.1": [0.78, 0.73, 0.57, 0.55],
        "2.2": [0.73, 0.68, 0.51, 0.12],
        "2.3": [0.68, 0.63, 0.44, 0.22],
        "2.4": [0.64, 0.60, 0.47, 0.38],
    ]

    /// The national picture the seeds report, by provider type, RoSH level and question focus,
    /// as the chance that a case is judged sufficient.
    func baseProbability(_ question: KeyQuestion, standard: Standard, type: ProviderType, rosh: RoshLevel?, yearIndex: Int) -> Double {
        let yearShift = yearIndex == 0 ? -0.03 : 0
        if let row = Self.safetyByStandard[standard.id.rawValue], question.focus == "safety" {
            let column: Int =
                switch (type, rosh) {
                case (.nps, .high), (.nps, .veryHigh): 0
                case (.nps, _): 1
                case (_, .low): 3
                default: 2
                }
            return row[column] + yearShift
        }
        switch (standard.sample, question.focus) {
        case ("supervision", "engagement"): return (type == .nps ? 0.76 : 0.70) + yearShift
        case ("supervision", _): return (type == .nps ? 0.70 : 0.62) + yearShift
        case ("unpaid-work", _): return 0.74
        case ("through-the-gate", _): return yearIndex == 0 ? 0.58 : 0.86
        case ("court-disposals", "safety"), ("out-of-court-disposals", "safety"): return 0.64
        case ("court-disposals", _): return 0.72
        case ("out-of-court-disposals", _): return 0.78
        default: return 0.8
        }
    }

    func judgedCase(
        _ record: EligibleCaseRecord, sample: String, framework: Framework, provider: DemoDataset.Provider, yearIndex: Int,
        quality: Double, progress: Int, inspectorIndex: Int, random: inout SeededGenerator
    ) -> DemoDataset.Case {
        var answers: [QuestionID: Answer] = [:]
        var rationales: [QuestionID: String] = [:]
        let standards = framework.standards(judgedOn: sample)
        let answeredStandards = progress == 2 ? 0 : progress == 1 ? standards.count / 2 : standards.count
        for standard in standards.prefix(answeredStandards) {
            for question in standard.questions {
                let applicableChance = question.focus == "safety" ? 97 : 99
                let answer: Answer
                if random.uniform(below: 100) >= applicableChance {
                    answer = .notApplicable
                } else {
                    let probability = min(
                        0.97, max(0.03, baseProbability(question, standard: standard, type: provider.type, rosh: record.rosh, yearIndex: yearIndex) + quality))
                    answer = random.unitInterval() < probability ? .sufficient : .notSufficient
                }
                answers[question.id] = answer
                rationales[question.id] = Self.rationale(focus: question.focus, answer: answer, variant: random.uniform(below: 2))
            }
        }
        let crc = provider.type == .crc
        let daNeeded = random.uniform(below: 100) < 62
        let homeNeeded = random.uniform(below: 100) < (record.rosh.map { $0 >= .medium } ?? false ? 45 : 20)
        let weakArea = provider.code.hasPrefix("s") || provider.code.hasPrefix("w")
        let facts = CaseFacts(
            roshAtStart: record.rosh, roshReviewed: random.uniform(below: 100) < 70, mappaLevel: record.mappaLevel,
            domesticAbuseCheck: CheckRecord(needed: daNeeded, done: daNeeded ? random.uniform(below: 100) < (weakArea ? 38 : crc ? 62 : 66) : nil),
            safeguardingCheck: {
                let needed = random.uniform(below: 100) < 50
                return CheckRecord(needed: needed, done: needed ? random.uniform(below: 100) < 70 : nil)
            }(),
            homeVisit: CheckRecord(needed: homeNeeded, done: homeNeeded ? random.uniform(below: 100) < (weakArea ? 25 : 38) : nil),
            contactType: pick([(ContactType.faceToFace, 85), (.phone, 13), (.video, 2)], &random),
            needs: needs(framework: framework, provider: provider, record: record, weakArea: weakArea))
        let interview: OfficerInterview? =
            progress == 2 || random.uniform(below: 10) == 0
            ? nil
            : {
                let grade = record.officerGrade
                let caseload = grade == .probationOfficer ? 35 + random.uniform(below: 20) : 55 + random.uniform(below: 30)
                let unmanageable = grade == .probationOfficer ? (crc ? 52 : 58) : (crc ? 38 : 32)
                let roll = random.uniform(below: 100)
                return OfficerInterview(
                    grade: grade, caseloadSize: caseload,
                    workloadManageable: roll < unmanageable ? .no : roll < unmanageable + 8 ? .unsure : .yes,
                    notes: roll < unmanageable
                        ? "Says the caseload leaves little time for home visits or partnership meetings."
                        : "Feels supported by the senior probation officer; caseload is high but manageable.")
            }()
        return DemoDataset.Case(
            record: record, sample: sample, answers: answers, rationales: rationales, facts: facts, interview: interview,
            complete: progress == 0, inspectorIndex: inspectorIndex)
    }

    /// Officers hold about three sampled cases each, named by pseudonymous references; each
    /// answers about their workload once, at their first interview, and says the same caseload
    /// at every one. A generator of its own leaves the rest of the demo as it was.
    static func assignOfficers(_ cases: [DemoDataset.Case], seed: UInt64) -> [DemoDataset.Case] {
        var random = SeededGenerator(seed: seed ^ 0x5eed_0ff1_ce25)
        var interviewed: [OfficerGrade: Int] = [:]
        for judged in cases { if let grade = judged.interview?.grade { interviewed[grade, default: 0] += 1 } }
        var first: [String: OfficerInterview] = [:]
        return cases.map { judged in
            guard var interview = judged.interview else { return judged }
            let officers = max(1, interviewed[interview.grade, default: 1] / 3)
            let reference = "\(interview.grade == .probationOfficer ? "PO" : "PSO")-\(String(1 + random.uniform(below: officers)).leftPadded(to: 3))"
            interview.officerReference = reference
            if let earlier = first[reference] {
                interview.workloadManageable = nil
                interview.caseloadSize = earlier.caseloadSize
            } else {
                first[reference] = interview
            }
            var assigned = judged
            assigned.interview = interview
            return assigned
        }
    }

    /// How common each need is among people on probation, in percent (the demo's own estimate).
    static let needPrevalence: [Need: Int] = [
        .accommodation: 30, .employmentTrainingEducation: 45, .finance: 35, .physicalHealth: 20, .mentalHealth: 45, .substanceMisuse: 50,
        .relationships: 40, .domesticAbuse: 30, .thinkingAndBehaviour: 70,
    ]

    /// What was found for each of the framework's needs: most identified, little more than half
    /// of those met, and fewer in the weaker areas: the seeds' "Many needs still not being met".
    /// Drawn from the case reference's own generator, so adding needs left every other figure
    /// of the demo as it was.
    func needs(framework: Framework, provider: DemoDataset.Provider, record: EligibleCaseRecord, weakArea: Bool) -> [Need: NeedOutcome] {
        var random = SeededGenerator(seed: record.caseReference.utf8.reduce(seed ^ 0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 })
        let identified = weakArea ? 65 : 80
        let met = weakArea ? 40 : provider.type == .crc ? 52 : 58
        var outcomes: [Need: NeedOutcome] = [:]
        for need in framework.needs {
            guard random.uniform(below: 100) < Self.needPrevalence[need, default: 30] else {
                outcomes[need] = .notANeed
                continue
            }
            outcomes[need] =
                random.uniform(below: 100) >= identified ? .notIdentified : random.uniform(below: 100) < met ? .met : .identifiedNotMet
        }
        return outcomes
    }

    static func rationale(focus: String?, answer: Answer, variant: Int) -> String {
        switch (focus, answer) {
        case (_, .notApplicable): return "Not applicable to this case at this stage."
        case ("safety", .sufficient):
            return variant == 0
                ? "Risks to the partner and children were identified, checks with police and children's services were made and used."
                : "Clear analysis of who is at risk and how; contingency plans were specific and acted on."
        case ("safety", .notSufficient):
            return variant == 0
                ? "No domestic abuse enquiry with the police despite indicators; risk to the partner was not analysed."
                : "Risk of harm was recorded but not analysed, and the plan did not address the victim's safety."
        case ("engagement", .sufficient): return "The person was involved throughout and their circumstances and diversity were taken into account."
        case ("engagement", .notSufficient): return "Little evidence the person's views or barriers to engagement were considered."
        case (_, .sufficient):
            return variant == 0
                ? "Work addressed the factors most linked to offending, building on strengths." : "Services were well sequenced and delivered in good time."
        default: return variant == 0 ? "Key offending-related needs were not addressed." : "Planned services had not started by the time of inspection."
        }
    }

    func workforce(provider: DemoDataset.Provider, yearIndex: Int, teams: [String], random: inout SeededGenerator) -> [WorkforceRecord] {
        teams.flatMap { team in
            let officers = [StaffGrade.probationOfficer, .probationServicesOfficer].map { grade in
                // An NPS division had about 490 POs in post in 2019 and about 16% of its PO posts
                // vacant: the seeds' "over 650 NPS PO vacancies" across the seven.
                let npsOfficers = provider.type == .nps && grade == .probationOfficer
                let staff = Double(npsOfficers ? 490 / teams.count - 2 + random.uniform(below: 5) : 8 + random.uniform(below: 12))
                let vacancyPercent = npsOfficers ? 15 + random.uniform(below: 4) : 4 + random.uniform(below: 10)
                // The seeds: 60% of NPS POs over 100% on the workload tool; fewer elsewhere.
                let overPercent = npsOfficers ? 52 + random.uniform(below: 17) : 25 + random.uniform(below: 25)
                let over100 = Int((staff * Double(overPercent) / 100).rounded())
                return WorkforceRecord(
                    team: team, grade: grade, staffInPost: staff,
                    vacancies: (staff * Double(vacancyPercent) / Double(100 - vacancyPercent) * 2).rounded() / 2,
                    averageCaseload: Double(grade == .probationOfficer ? 38 + random.uniform(below: 16) : 55 + random.uniform(below: 30)),
                    workloadToolPercent: Double(grade == .probationOfficer ? 96 + random.uniform(below: 30) : 88 + random.uniform(below: 25)),
                    staffOver100: over100, staffOver120: over100 * (30 + random.uniform(below: 20)) / 100)
            }
            let managers = Double(1 + random.uniform(below: 3))
            let managed = officers.reduce(0) { $0 + $1.staffInPost }
            let manager = WorkforceRecord(
                team: team, grade: .seniorProbationOfficer, staffInPost: managers, vacancies: Double(random.uniform(below: 3)) / 2,
                averageCaseload: 0, workloadToolPercent: Double(95 + random.uniform(below: 20)),
                spanOfSupervision: (managed / managers * 10).rounded() / 10)
            return officers + [manager]
        }
    }

    // MARK: - Helpers

    func pick<T>(_ weighted: [(T, Int)], _ random: inout SeededGenerator) -> T {
        var roll = random.uniform(below: weighted.reduce(0) { $0 + $1.1 })
        for (value, weight) in weighted {
            if roll < weight { return value }
            roll -= weight
        }
        return weighted.last!.0
    }

    func date(_ from: CalendarDate, minusDays days: Int) -> CalendarDate {
        var (year, month, day) = (from.year, from.month, from.day)
        for _ in 0..<days {
            day -= 1
            if day == 0 {
                month -= 1
                if month == 0 { month = 12; year -= 1 }
                day = CalendarDate.days(inMonth: month, year: year)
            }
        }
        return CalendarDate(year: year, month: month, day: day)!
    }
}
