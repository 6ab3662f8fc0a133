/// Demo serious further offence reviews for 2019/20 and 2020/21, drawn to reproduce the seeds'
/// 2018 figures: about 500 reviews a year, a quarter of them homicides (124 of about 500); 57%
/// under the NPS and 43% under a CRC; about half previously assessed high risk overall, but two
/// thirds of homicides previously low or medium; about a fifth quality-assured, of which about
/// half needed improvement and few involved other agencies (3 of 46); few victims or families
/// asking to see the review; long waits for the central quality assurance.
public enum DemoSFOReviews {
    public static let years = ["2019/20", "2020/21"]
    /// The year the demo publishes; the later one is left for a quality lead to publish.
    public static let publishedYear = "2019/20"
    public static let percentSampled = 20.0

    /// The year's reviews, the sample marked and rated, the providers given by code.
    public static func generate(seed: UInt64 = 2019) -> [SFOReview] {
        generate(nps: DemoProviders.nps.map(\.code), crc: DemoProviders.crc.map(\.code), seed: seed)
    }

    static func generate(nps: [String], crc: [String], seed: UInt64) -> [SFOReview] {
        var generator = SeededGenerator(seed: seed)
        var reviews: [SFOReview] = []
        for (yearIndex, year) in years.enumerated() {
            let start = Int(year.prefix(4))!
            let count = 480 + Int.random(in: 0...40, using: &generator)
            var notified: [SFOReview] = []
            for number in 1...count {
                notified.append(review(number: number, year: start, nps: nps, crc: crc, using: &generator))
            }
            let sampled = Set(SFOSample.draw(notified, percent: percentSampled, seed: seed + UInt64(yearIndex)).map(\.reference))
            reviews += notified.map { review in
                guard sampled.contains(review.reference) else { return review }
                return rated(review, using: &generator)
            }
        }
        return reviews
    }

    static func review(number: Int, year start: Int, nps: [String], crc: [String], using generator: inout SeededGenerator) -> SFOReview {
        let underNPS = Double.random(in: 0..<1, using: &generator) < 0.57
        let provider = (underNPS ? nps : crc).randomElement(using: &generator)!
        let draw = Double.random(in: 0..<1, using: &generator)
        let category: OffenceCategory = draw < 0.18 ? .murder : draw < 0.25 ? .manslaughter : draw < 0.40 ? .rape : .otherSeriousViolentOrSexual
        // Homicides: two thirds low or medium. The rest: enough high and very high that about
        // half of all reviews were previously high risk.
        let riskDraw = Double.random(in: 0..<1, using: &generator)
        let rosh: RoshLevel =
            category.isHomicide
            ? (riskDraw < 0.20 ? .low : riskDraw < 0.67 ? .medium : riskDraw < 0.96 ? .high : .veryHigh)
            : (riskDraw < 0.10 ? .low : riskDraw < 0.44 ? .medium : riskDraw < 0.92 ? .high : .veryHigh)
        let mappa: Int? = rosh >= .high && Double.random(in: 0..<1, using: &generator) < 0.4 ? Int.random(in: 1...3, using: &generator) : nil
        let dayOfYear = Int.random(in: 0..<365, using: &generator)
        let notified = CalendarDate(year: start, month: 4, day: 1)!.adding(days: dayOfYear)
        // Reviews are due in about three months; a late one takes far longer. Every demo review
        // is long since submitted and through the central team's queue: weeks at best, months
        // at worst.
        let submissionDays = Int.random(in: 50...100, using: &generator) + (Double.random(in: 0..<1, using: &generator) < 0.15 ? 90 : 0)
        let submitted = notified.adding(days: submissionDays)
        let central = submitted.adding(days: Int.random(in: 20...70, using: &generator) + (Double.random(in: 0..<1, using: &generator) < 0.3 ? 120 : 0))
        return SFOReview(
            reference: "SFO-\(String(start).suffix(2))-\(String(format: "%04d", number))", provider: provider,
            providerType: underNPS ? .nps : .crc, category: category, roshBefore: rosh, mappaLevelBefore: mappa, notified: notified,
            submitted: submitted, centralQACompleted: central, otherAgenciesInvolved: Double.random(in: 0..<1, using: &generator) < 0.07,
            victimOrFamilyAsked: Double.random(in: 0..<1, using: &generator) < 0.05)
    }

    /// A sampled review with its overall rating: about half Good or better.
    static func rated(_ review: SFOReview, using generator: inout SeededGenerator) -> SFOReview {
        let draw = Double.random(in: 0..<1, using: &generator)
        var rated = review
        rated.sampled = true
        rated.overall = draw < 0.06 ? .outstanding : draw < 0.5 ? .good : draw < 0.88 ? .requiresImprovement : .inadequate
        return rated
    }

    /// The rationale a quality lead wrote for a demo rating.
    public static func rationale(_ rating: Rating, standard: String) -> String {
        switch rating {
        case .outstanding: "The review's \(standard) is thorough, candid and leads to clear learning for practice."
        case .good: "The review's \(standard) is sound, with minor gaps that do not weaken its conclusions."
        case .requiresImprovement: "The review's \(standard) describes what happened more than why, and misses learning for the wider service."
        case .inadequate: "The review's \(standard) does not analyse practice, so its conclusions and actions are not supported."
        }
    }
}
