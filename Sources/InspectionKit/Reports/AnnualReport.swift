/// The annual report for one inspection year, from published inspections only: the seeds'
/// charts and tables, rebuilt from the data, with the year before for comparison.
public struct AnnualReport: Sendable {
    public let year: String
    public let previousYear: String?
    public let current: [InspectionReport]
    public let previous: [InspectionReport]
    public let confidence: ConfidenceLevel

    /// `published` may hold every year; only `year` and the year before it are used.
    public init(year: String, published: [InspectionReport], confidence: ConfidenceLevel = .ninetyFivePercent) {
        self.year = year
        self.confidence = confidence
        let years = Set(published.map(\.summary.year)).sorted()
        let previousYear = years.firstIndex(of: year).flatMap { $0 > 0 ? years[$0 - 1] : nil }
        self.previousYear = previousYear
        let order = NationalRatings.providerOrder
        current = published.filter { $0.summary.year == year }.sorted(by: order)
        previous = published.filter { $0.summary.year == previousYear }.sorted(by: order)
    }

    public static func years(_ published: [InspectionReport]) -> [String] { Set(published.map(\.summary.year)).sorted() }

    public var types: [ProviderType] { ProviderType.allCases.filter { type in current.contains { $0.summary.providerType == type } } }
    var caseCount: Int { current.map(\.figures.caseCount).reduce(0, +) }
    var source: String {
        "\(current.count) published inspections of \(year) (frameworks \(Set(current.map(\.summary.frameworkID.rawValue)).sorted().joined(separator: ", "))); \(caseCount) sampled cases; \(confidence.description) intervals."
    }

    public var tables: [DataTable] {
        [overallRatingsTable] + types.map(standardMixTable) + [keepingPeopleSafeTable, checksTable, workloadTable, riskOfHarmChangeTable]
    }

    /// The count of services by overall rating, for each provider type.
    public var overallRatingsTable: DataTable {
        DataTable(
            id: "overall-ratings", title: "Services by overall rating, \(year)", note: "Count of inspected services by overall rating. " + source,
            columns: [.init("type", "Provider type")] + Rating.allCases.map { .init($0.slug, $0.title) } + [.init("total", "Total")],
            rows: types.map { type in
                let ratings = current.filter { $0.summary.providerType == type }.map(\.rating.overall.rating)
                if ratings.isEmpty { return [.text(type.shortTitle)] + Rating.allCases.map { _ in .notInspected } + [.notInspected] }
                return [.text(type.shortTitle)] + Rating.allCases.map { rating in .count(ratings.filter { $0 == rating }.count) } + [.count(ratings.count)]
            })
    }

    /// For one provider type: how many providers got each rating on each standard, this year
    /// against last ("a mixed picture on CRC performance").
    public func standardMixTable(_ type: ProviderType) -> DataTable {
        let years = [previousYear, year].compactMap { $0 }
        var standards: [(StandardID, String)] = []
        for report in (previous + current) where report.summary.providerType == type {
            for standard in report.rating.standards where !standards.contains(where: { $0.0 == standard.id }) {
                standards.append((standard.id, standard.standard.title))
            }
        }
        standards.sort { $0.0 < $1.0 }
        let rows: [[DataTable.Cell]] = standards.flatMap { standard, title in
            years.map { year -> [DataTable.Cell] in
                let inspected = (year == self.year ? current : previous).filter { $0.summary.providerType == type }
                if inspected.isEmpty {
                    return [.text(standard.rawValue), .text(title), .text(year)] + Rating.allCases.map { _ in .notInspected } + [.notInspected]
                }
                let ratings = inspected.compactMap { report in report.rating.standards.first { $0.id == standard } }.map(\.rating)
                return [.text(standard.rawValue), .text(title), .text(year)] + Rating.allCases.map { rating in .count(ratings.filter { $0 == rating }.count) }
                    + [.count(ratings.filter { $0 == nil }.count)]
            }
        }
        return DataTable(
            id: "standard-mix-\(type.rawValue)", title: "\(type.shortTitle) ratings by standard, \(years.joined(separator: " against "))",
            note: "How many \(type.shortTitle)s were given each rating on each standard. " + source,
            columns: [.init("standard", "Standard"), .init("title", "Title"), .init("year", "Year")] + Rating.allCases.map { .init($0.slug, $0.title) }
                + [.init("not-rated", "Not rated")],
            rows: rows)
    }

    /// The share of cases sufficient on each case standard's "keeping other people safe" key
    /// question, by provider type and RoSH level, pooled over every published inspection of the year.
    public var keepingPeopleSafeTable: DataTable {
        var standards: [(StandardID, String)] = []
        var groups: [(ProviderType, RoshLevel)] = []
        var pooled: [StandardID: [String: Proportion]] = [:]
        for report in current {
            let type = report.summary.providerType
            for question in report.figures.safetyQuestions {
                guard let standard = report.rating.standards.first(where: { $0.questions.contains { $0.id == question.id } }) else { continue }
                if !standards.contains(where: { $0.0 == standard.id }) { standards.append((standard.id, standard.standard.title)) }
                for (level, proportion) in report.figures.safetyByRosh[question.id] ?? [:] where proportion.of > 0 {
                    if !groups.contains(where: { $0 == (type, level) }) { groups.append((type, level)) }
                    let key = "\(type.rawValue)-\(level.rawValue)"
                    pooled[standard.id, default: [:]][key] = (pooled[standard.id]?[key] ?? Proportion(count: 0, of: 0, confidence: confidence)) + proportion
                }
            }
        }
        standards.sort { $0.0 < $1.0 }
        // NPS before CRC and highest risk first within each type, as the seeds present it.
        groups.sort { $0.0 == $1.0 ? $0.1 > $1.1 : $0.0.rawValue > $1.0.rawValue }
        return DataTable(
            id: "keeping-people-safe", title: "Keeping other people safe, by provider type and RoSH level, \(year)",
            note: "Share of cases judged sufficient on each standard's key question about keeping other people safe. " + source,
            columns: [.init("standard", "Standard"), .init("title", "Title")]
                + groups.map { .init("\($0.0.rawValue)-\($0.1.rawValue)", "\($0.0.shortTitle) \($0.1.title.lowercased()) RoSH") },
            rows: standards.map { id, title in
                [.text(id.rawValue), .text(title)] + groups.map { .proportion(pooled[id]?["\($0.0.rawValue)-\($0.1.rawValue)"]) }
            })
    }

    /// Domestic abuse checks and home visits done where needed, by provider.
    public var checksTable: DataTable {
        DataTable(
            id: "checks-by-provider", title: "Domestic abuse checks and home visits done where needed, \(year)",
            note: "Of sampled cases where the check or visit was needed, the share where it was done. " + source,
            columns: [
                .init("provider", "Provider"), .init("type", "Type"), .init("domestic_abuse", "Domestic abuse check"), .init("home_visit", "Home visit"),
            ],
            rows: current.map { report in
                [
                    .text(report.summary.providerName), .text(report.summary.providerType.shortTitle), .proportion(report.figures.checks[.domesticAbuse]),
                    .proportion(report.figures.checks[.homeVisit]),
                ]
            })
    }

    /// The share of POs and PSOs interviewed who said their workload was not manageable.
    public var workloadTable: DataTable {
        DataTable(
            id: "workload", title: "Officers saying their workload is unmanageable, \(year)",
            note: "Responsible officers interviewed about a sampled case, by grade and provider type. " + source,
            columns: [.init("type", "Provider type"), .init("grade", "Grade"), .init("unmanageable", "Said unmanageable")],
            rows: types.flatMap { type in
                OfficerGrade.allCases.map { grade -> [DataTable.Cell] in
                    let parts = current.filter { $0.summary.providerType == type }.compactMap { $0.figures.unmanageableWorkload[grade] }
                    return [.text(type.shortTitle), .text(grade.title), .proportion(Proportion.sum(parts, confidence: confidence))]
                }
            })
    }

    /// Each CRC's risk of harm score (every "keeping other people safe" judgement pooled) last
    /// year and this, and the change in percentage points.
    public var riskOfHarmChangeTable: DataTable {
        let before = Dictionary(previous.map { ($0.summary.providerCode, $0) }) { first, _ in first }
        return DataTable(
            id: "risk-of-harm-change", title: "Change in CRCs' risk of harm scores, \(previousYear ?? "previous year") to \(year)",
            note: "A CRC's risk of harm score is the share of all its \"keeping other people safe\" judgements that were sufficient. " + source,
            columns: [
                .init("provider", "CRC"), .init("previous", previousYear ?? "Previous year"), .init("current", year), .init("change_points", "Change (points)"),
            ],
            rows: current.filter { $0.summary.providerType == .crc }.map { report in
                let earlier = before[report.summary.providerCode]?.figures.riskOfHarm
                let change = earlier?.percent.flatMap { old in report.figures.riskOfHarm.percent.map { $0 - old } }
                return [
                    .text(report.summary.providerName), earlier.map { .proportion($0) } ?? .notInspected, .proportion(report.figures.riskOfHarm),
                    .points(change),
                ]
            })
    }
}
