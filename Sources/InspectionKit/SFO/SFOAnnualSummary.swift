/// The annual summary of serious further offence reviews: how many, how good the reviews were,
/// what the risk assessments before the offence said, how often other agencies were involved,
/// and how long reviews took; this year beside last.
public struct SFOAnnualSummary: Sendable {
    public let year: String
    public let previousYear: String
    public let current: [SFOReview]
    public let previous: [SFOReview]
    public let confidence: ConfidenceLevel

    /// `reviews` may hold every year; only `year` and the year before are used.
    public init(year: String, reviews: [SFOReview], confidence: ConfidenceLevel = .ninetyFivePercent) {
        self.year = year
        let previousYear = Self.year(before: year)
        self.previousYear = previousYear
        current = reviews.filter { $0.year == year }
        previous = reviews.filter { $0.year == previousYear }
        self.confidence = confidence
    }

    /// "2019/20" → "2018/19".
    public static func year(before year: String) -> String {
        let start = Int(year.prefix(4)) ?? 0
        return "\(start - 1)/\(String(format: "%02d", start % 100))"
    }

    /// Figures for one year's reviews.
    public struct Figures: Sendable {
        public let notified: Int
        public let sampled: Int
        public let rated: Int
        /// Of the rated reviews, those rated Good or Outstanding overall.
        public let goodOrBetter: Proportion
        /// Of homicide reviews, those whose RoSH before the offence was low or medium.
        public let homicideLowOrMedium: Proportion
        /// Of all reviews, those whose RoSH before the offence was high or very high.
        public let previouslyHighRisk: Proportion
        /// Of the quality-assured sample, those where other agencies were involved: the seeds'
        /// "3 of 46" is of the reviews the inspectorate read, not of all notified.
        public let otherAgencies: Proportion
        /// Of all reviews, those whose victim or family asked to see the review.
        public let victimOrFamilyAsked: Proportion
        /// Submitted reviews' days from notification: median, and the quartiles.
        public let submission: Quartiles?
        public let awaited: Int
        /// Days the central team took to quality-assure submitted reviews.
        public let centralQA: Quartiles?
        /// Submitted reviews the central team has not finished with.
        public let awaitingCentralQA: Int
    }

    /// Lower quartile, median and upper quartile of some days, by the nearest-rank method: each
    /// an actual review's time, never an average of two.
    public struct Quartiles: Sendable, Equatable {
        public let lower: Int
        public let median: Int
        public let upper: Int

        init?(_ values: [Int]) {
            let sorted = values.sorted()
            guard !sorted.isEmpty else { return nil }
            func rank(_ q: Double) -> Int { sorted[min(sorted.count - 1, max(0, Int((q * Double(sorted.count)).rounded(.up)) - 1))] }
            (lower, median, upper) = (rank(0.25), rank(0.5), rank(0.75))
        }
    }

    func proportion(_ reviews: [SFOReview], _ counted: (SFOReview) -> Bool) -> Proportion {
        Proportion(count: reviews.filter(counted).count, of: reviews.count, confidence: confidence)
    }

    public func figures(_ reviews: [SFOReview]) -> Figures {
        let rated = reviews.filter { $0.overall != nil }
        let submitted = reviews.filter { $0.submitted != nil }
        return Figures(
            notified: reviews.count, sampled: reviews.filter(\.sampled).count, rated: rated.count,
            goodOrBetter: proportion(rated) { $0.overall! >= .good },
            homicideLowOrMedium: proportion(reviews.filter(\.category.isHomicide)) { $0.roshBefore <= .medium },
            previouslyHighRisk: proportion(reviews) { $0.roshBefore >= .high },
            otherAgencies: proportion(reviews.filter(\.sampled), \.otherAgenciesInvolved),
            victimOrFamilyAsked: proportion(reviews, \.victimOrFamilyAsked),
            submission: Quartiles(reviews.compactMap(\.daysToSubmission)), awaited: reviews.count - submitted.count,
            centralQA: Quartiles(reviews.compactMap(\.daysInCentralQA)), awaitingCentralQA: submitted.filter { $0.centralQACompleted == nil }.count)
    }

    /// A proportion as published: withheld when it is drawn from 1 to 4 reviews.
    static func published(_ proportion: Proportion, suppressing: Bool) -> DataTable.Cell {
        suppressing && proportion.of > 0 && proportion.of < DisclosureControl.threshold ? .suppressed : .proportion(proportion)
    }

    static let suppressionNote = " Figures from 1 to 4 reviews, and any from which one could be worked out, are suppressed."

    /// The summary, this year against last. `suppressing` withholds small figures, as every
    /// public copy does; the quality leads' own pages show them.
    public func table(suppressing: Bool) -> DataTable {
        let now = figures(current), before = figures(previous)
        func share(_ figure: (Figures) -> Proportion) -> [DataTable.Cell] {
            [Self.published(figure(now), suppressing: suppressing), Self.published(figure(before), suppressing: suppressing)]
        }
        func days(_ figure: (Figures) -> Int?) -> [DataTable.Cell] { [now, before].map { figure($0).map { .count($0) } ?? .empty } }
        return DataTable(
            id: "sfo-summary", title: "Serious further offence reviews, \(year) against \(previousYear)",
            note:
                "Reviews notified by probation services in each year (April to March). Quality-assured reviews are a sample of about a fifth, "
                + "stratified by offence category; 'Good or better' is of the reviews rated so far, and other agencies' involvement is of the "
                + "quality-assured sample. Homicide is murder and manslaughter; the risk level is the one assessed before the offence. Days to "
                + "submission run from notification; days in central quality assurance run from submission to HMPPS's central team finishing. "
                + "\(confidence.description) intervals." + (suppressing ? Self.suppressionNote : ""),
            columns: [.init("figure", "Figure"), .init("current", year), .init("previous", previousYear)],
            rows: [
                [.text("Reviews notified"), .count(now.notified), .count(before.notified)],
                [.text("Reviews quality-assured (sampled)"), .count(now.sampled), .count(before.sampled)],
                [.text("Reviews rated"), .count(now.rated), .count(before.rated)],
                [.text("Rated Good or better overall")] + share(\.goodOrBetter),
                [.text("Previously assessed high or very high risk")] + share(\.previouslyHighRisk),
                [.text("Homicides previously assessed low or medium risk")] + share(\.homicideLowOrMedium),
                [.text("Other agencies involved (of the quality-assured sample)")] + share(\.otherAgencies),
                [.text("Victim or family asked to see the review")] + share(\.victimOrFamilyAsked),
                [.text("Median days from notification to submission")] + days { $0.submission?.median },
                [.text("A quarter of reviews took at most (days)")] + days { $0.submission?.lower },
                [.text("Three quarters of reviews took at most (days)")] + days { $0.submission?.upper },
                [.text("Reviews not yet submitted"), .count(now.awaited), .count(before.awaited)],
                [.text("Median days in central quality assurance")] + days { $0.centralQA?.median },
                [.text("Three quarters of central quality assurance took at most (days)")] + days { $0.centralQA?.upper },
                [.text("Submitted reviews awaiting central quality assurance"), .count(now.awaitingCentralQA), .count(before.awaitingCentralQA)],
            ])
    }

    /// This year's reviews by offence: how many, how many of them had been assessed low or
    /// medium risk, and how the sampled ones were rated.
    public func offenceTable(suppressing: Bool) -> DataTable {
        let categories = OffenceCategory.allCases
        let table = DataTable(
            id: "sfo-by-offence", title: "Reviews by offence, \(year)",
            note:
                "Reviews notified in \(year), by the offence charged. Murder and manslaughter together are the homicides. \(confidence.description) intervals."
                + (suppressing ? Self.suppressionNote : ""),
            columns: [
                .init("offence", "Offence"), .init("notified", "Reviews notified"), .init("low_or_medium", "Previously low or medium risk"),
                .init("sampled", "Quality-assured"), .init("good_or_better", "Rated Good or better"),
            ],
            rows: categories.map { category in
                let reviews = current.filter { $0.category == category }
                let rated = reviews.filter { $0.overall != nil }
                return [
                    .text(category.title), .count(reviews.count), .proportion(proportion(reviews) { $0.roshBefore <= .medium }),
                    .count(reviews.filter(\.sampled).count), .proportion(proportion(rated) { $0.overall! >= .good }),
                ]
            })
        guard suppressing else { return table }
        let homicides = categories.indices.filter { categories[$0].isHomicide }
        return DisclosureControl.suppressed(table, wholes: [Array(categories.indices), homicides])
    }

    /// This year's reviews by the kind of service supervising: each kind's share of the reviews
    /// (the seeds' 57% NPS, 43% CRC), its share previously high risk, and its ratings.
    public func providerTypeTable(suppressing: Bool) -> DataTable {
        let kinds: [ProviderType?] =
            ProviderType.allCases.filter { kind in current.contains { $0.providerType == kind } }
            + (current.contains { $0.providerType == nil } ? [nil] : [])
        let table = DataTable(
            id: "sfo-by-provider-type", title: "Reviews by kind of probation service, \(year)",
            note: "Reviews notified in \(year), by the kind of service supervising the person charged. \(confidence.description) intervals."
                + (suppressing ? Self.suppressionNote : ""),
            columns: [
                .init("provider_type", "Kind of service"), .init("share", "Share of reviews"), .init("high_risk", "Previously high or very high risk"),
                .init("good_or_better", "Rated Good or better"),
            ],
            rows: kinds.map { kind in
                let reviews = current.filter { $0.providerType == kind }
                let rated = reviews.filter { $0.overall != nil }
                return [
                    .text(kind?.title ?? "Not recorded"), .proportion(proportion(current) { $0.providerType == kind }),
                    .proportion(proportion(reviews) { $0.roshBefore >= .high }), .proportion(proportion(rated) { $0.overall! >= .good }),
                ]
            })
        return suppressing ? DisclosureControl.suppressed(table, wholes: [Array(kinds.indices)], shareColumns: ["share"]) : table
    }

    /// This year's reviews by the risk of serious harm assessed before the offence: all reviews,
    /// and homicides, each as shares.
    public func riskTable(suppressing: Bool) -> DataTable {
        let levels = RoshLevel.allCases
        let homicides = current.filter(\.category.isHomicide)
        let table = DataTable(
            id: "sfo-by-risk", title: "Risk assessed before the offence, \(year)",
            note: "The risk of serious harm level assessed before the offence, as a share of all reviews notified in \(year) and of homicide reviews. "
                + "\(confidence.description) intervals." + (suppressing ? Self.suppressionNote : ""),
            columns: [.init("risk", "Risk of serious harm"), .init("all", "All reviews"), .init("homicides", "Homicides")],
            rows: levels.map { level in
                [
                    .text(level.title), .proportion(proportion(current) { $0.roshBefore == level }),
                    .proportion(proportion(homicides) { $0.roshBefore == level }),
                ]
            })
        return suppressing ? DisclosureControl.suppressed(table, wholes: [Array(levels.indices)], shareColumns: ["all", "homicides"]) : table
    }

    /// Every table of the summary, in the order a reader meets them.
    public func tables(suppressing: Bool) -> [DataTable] {
        [
            table(suppressing: suppressing), offenceTable(suppressing: suppressing), providerTypeTable(suppressing: suppressing),
            riskTable(suppressing: suppressing),
        ]
    }
}
