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
        /// Of all reviews, those where other agencies were involved.
        public let otherAgencies: Proportion
        /// Submitted reviews' days from notification: median, and the quartiles.
        public let medianDays: Int?
        public let quartileDays: (lower: Int, upper: Int)?
        public let awaited: Int
    }

    public func figures(_ reviews: [SFOReview]) -> Figures {
        let rated = reviews.compactMap(\.overall)
        let homicides = reviews.filter(\.category.isHomicide)
        let days = reviews.compactMap(\.daysToSubmission).sorted()
        func quantile(_ q: Double) -> Int? {
            guard !days.isEmpty else { return nil }
            // The nearest-rank method: an actual review's time, never an average of two.
            let rank = Int((q * Double(days.count)).rounded(.up))
            return days[min(days.count - 1, max(0, rank - 1))]
        }
        return Figures(
            notified: reviews.count, sampled: reviews.filter(\.sampled).count, rated: rated.count,
            goodOrBetter: Proportion(count: rated.filter { $0 >= .good }.count, of: rated.count, confidence: confidence),
            homicideLowOrMedium: Proportion(count: homicides.filter { $0.roshBefore <= .medium }.count, of: homicides.count, confidence: confidence),
            otherAgencies: Proportion(count: reviews.filter(\.otherAgenciesInvolved).count, of: reviews.count, confidence: confidence),
            medianDays: quantile(0.5), quartileDays: quantile(0.25).flatMap { lower in quantile(0.75).map { (lower, $0) } },
            awaited: reviews.filter { $0.submitted == nil }.count)
    }

    public var table: DataTable {
        let now = figures(current), before = figures(previous)
        func days(_ figures: Figures) -> DataTable.Cell { figures.medianDays.map { .count($0) } ?? .empty }
        func lowerQuartile(_ figures: Figures) -> DataTable.Cell { figures.quartileDays.map { .count($0.lower) } ?? .empty }
        func upperQuartile(_ figures: Figures) -> DataTable.Cell { figures.quartileDays.map { .count($0.upper) } ?? .empty }
        return DataTable(
            id: "sfo-summary", title: "Serious further offence reviews, \(year) against \(previousYear)",
            note:
                "Reviews notified by probation services in each year (April to March). Quality-assured reviews are a sample of about a fifth, "
                + "stratified by offence category; 'Good or better' is of the reviews rated so far. Homicide is murder and manslaughter; the risk "
                + "level is the one assessed before the offence. Days run from notification to the review's submission. \(confidence.description) intervals.",
            columns: [.init("figure", "Figure"), .init("current", year), .init("previous", previousYear)],
            rows: [
                [.text("Reviews notified"), .count(now.notified), .count(before.notified)],
                [.text("Reviews quality-assured (sampled)"), .count(now.sampled), .count(before.sampled)],
                [.text("Reviews rated"), .count(now.rated), .count(before.rated)],
                [.text("Rated Good or better overall"), .proportion(now.goodOrBetter), .proportion(before.goodOrBetter)],
                [.text("Homicides previously assessed low or medium risk"), .proportion(now.homicideLowOrMedium), .proportion(before.homicideLowOrMedium)],
                [.text("Other agencies involved"), .proportion(now.otherAgencies), .proportion(before.otherAgencies)],
                [.text("Median days from notification to submission"), days(now), days(before)],
                [.text("A quarter of reviews took at most (days)"), lowerQuartile(now), lowerQuartile(before)],
                [.text("Three quarters of reviews took at most (days)"), upperQuartile(now), upperQuartile(before)],
                [.text("Reviews not yet submitted"), .count(now.awaited), .count(before.awaited)],
            ])
    }
}
