import Foundation

/// Every provider's latest published ratings, filtered by provider type, region and year, with
/// the year before beside them.
public struct NationalRatings: Sendable {
    public struct Filter: Sendable, Hashable {
        public var type: ProviderType?
        public var region: String?
        public var year: String?

        public init(type: ProviderType? = nil, region: String? = nil, year: String? = nil) {
            self.type = type
            self.region = region
            self.year = year
        }
    }

    public let filter: Filter
    /// Every year with a published inspection, oldest first.
    public let years: [String]
    public let regions: [String]
    public let types: [ProviderType]
    /// The year whose ratings are shown: the filter's, or the latest.
    public let year: String?
    public let previousYear: String?
    /// One inspection per provider, in provider order.
    public let latest: [InspectionReport]
    let previous: [String: InspectionReport]

    public init(published: [InspectionReport], filter: Filter = Filter()) {
        self.filter = filter
        years = Set(published.map(\.summary.year)).sorted()
        regions = Set(published.map(\.summary.region)).sorted()
        types = ProviderType.allCases.filter { type in published.contains { $0.summary.providerType == type } }
        let years = self.years
        let year = filter.year.flatMap { years.contains($0) ? $0 : nil } ?? years.last
        self.year = year
        let previousYear = year.flatMap { years.firstIndex(of: $0) }.flatMap { $0 > 0 ? years[$0 - 1] : nil }
        self.previousYear = previousYear
        let selected = published.filter { report in
            (filter.type.map { report.summary.providerType == $0 } ?? true) && (filter.region.map { report.summary.region == $0 } ?? true)
        }
        func latestPerProvider(in year: String?) -> [String: InspectionReport] {
            var byProvider: [String: InspectionReport] = [:]
            for report in selected where report.summary.year == year {
                if let existing = byProvider[report.summary.providerCode],
                    (existing.summary.publishedAt ?? .distantPast) >= (report.summary.publishedAt ?? .distantPast)
                {
                    continue
                }
                byProvider[report.summary.providerCode] = report
            }
            return byProvider
        }
        latest = latestPerProvider(in: year).values.sorted(by: Self.providerOrder)
        previous = latestPerProvider(in: previousYear)
    }

    static func providerOrder(_ a: InspectionReport, _ b: InspectionReport) -> Bool {
        (a.summary.providerType.rawValue, a.summary.providerName) < (b.summary.providerType.rawValue, b.summary.providerName)
    }

    /// Standards across the frameworks shown, in framework order (CRC and NPS share most).
    var standardColumns: [(id: StandardID, title: String)] {
        var seen: Set<StandardID> = []
        var columns: [(StandardID, String)] = []
        for report in latest {
            for standard in report.rating.standards where seen.insert(standard.id).inserted {
                columns.append((standard.id, standard.standard.title))
            }
        }
        return columns.sorted { $0.0 < $1.0 }
    }

    public var tables: [DataTable] { [ratingsTable, changeTable] }

    public var ratingsTable: DataTable {
        let standards = standardColumns
        return DataTable(
            id: "latest", title: "Ratings \(year ?? "")",
            note:
                "Each provider's published ratings for \(year ?? "the year"), under the framework version named in each row. A dash means the standard is not in that provider's framework.",
            columns: [
                .init("provider", "Provider"), .init("type", "Type"), .init("region", "Region"), .init("framework", "Framework"), .init("overall", "Overall"),
                .init("overall_certainty", "Could the overall rating be another band?"),
            ] + standards.map { .init($0.id.rawValue, "\($0.id) \($0.title)") },
            rows: latest.map { report in
                let ratings = Dictionary(uniqueKeysWithValues: report.rating.standards.map { ($0.id, $0.rating) })
                return [
                    .text(report.summary.providerName), .text(report.summary.providerType.shortTitle), .text(report.summary.region),
                    .text(report.summary.frameworkID.rawValue), .rating(report.rating.overall.rating),
                    .text(report.rating.overall.certainty.map { $0.caution ?? "No: secure" } ?? "Not rated"),
                ] + standards.map { column in ratings.keys.contains(column.id) ? .rating(ratings[column.id]!) : .empty }
            }, rowInspections: latest.map(\.summary.id))
    }

    public var changeTable: DataTable {
        let from = previousYear ?? "previous year"
        let to = year ?? ""
        return DataTable(
            id: "change", title: "Overall ratings, \(from) against \(to)",
            note: "Each provider's overall rating in the two years, and whether it improved, declined or stayed the same.",
            columns: [.init("provider", "Provider"), .init("type", "Type"), .init("previous", from), .init("current", to), .init("change", "Change")],
            rows: latest.map { report in
                let before = previous[report.summary.providerCode]
                return [
                    .text(report.summary.providerName), .text(report.summary.providerType.shortTitle),
                    before.map { .rating($0.rating.overall.rating) } ?? .notInspected, .rating(report.rating.overall.rating),
                    .change(from: before?.rating.overall.rating, to: report.rating.overall.rating),
                ]
            }, rowInspections: latest.map(\.summary.id))
    }

    /// How many providers changed rating, e.g. "3 improved, 1 declined, 17 the same".
    public var changeSummary: [String: Int] {
        var counts: [String: Int] = [:]
        for report in latest {
            guard let slug = DataTable.changeSlug(from: previous[report.summary.providerCode]?.rating.overall.rating, to: report.rating.overall.rating)
            else { continue }
            counts[slug, default: 0] += 1
        }
        return counts
    }

    /// Every published rating of every inspection, one row per standard and one for the overall
    /// rating: the bulk download.
    public static func allRatingsTable(_ published: [InspectionReport]) -> DataTable {
        let rows = published.sorted { ($0.summary.year, $0.summary.providerName) < ($1.summary.year, $1.summary.providerName) }.flatMap { report in
            let common: [DataTable.Cell] = [
                .text(report.summary.id), .text(report.summary.providerCode), .text(report.summary.providerName),
                .text(report.summary.providerType.rawValue), .text(report.summary.region), .text(report.summary.year),
                .text(report.summary.frameworkID.rawValue), .text(report.summary.publishedAt.map(Self.day) ?? ""),
            ]
            return report.ratingsTable.rows.map { common + [$0[0], $0[1], $0[2], $0[4]] }
        }
        return DataTable(
            id: "ratings", title: "All published ratings",
            note: "Every standard's rating and the overall rating of every published inspection, with the limiting key question's figures.",
            columns: [
                .init("inspection_id", "Inspection"), .init("provider_code", "Provider code"), .init("provider", "Provider"), .init("provider_type", "Type"),
                .init("region", "Region"), .init("year", "Year"), .init("framework", "Framework"), .init("published", "Published"),
                .init("standard", "Standard"), .init("title", "Title"), .init("rating", "Rating"), .init("sufficient", "Limiting question sufficient"),
            ],
            rows: rows)
    }

    /// yyyy-mm-dd in UTC.
    public static func day(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_GB_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: date)
    }
}
