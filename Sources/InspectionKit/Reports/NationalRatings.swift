import Foundation

/// Every provider's latest published ratings, filtered by provider type, region and year, with
/// the year before beside them.
public struct NationalRatings: Sendable {
    public struct Filter: Sendable, Hashable {
        public var type: ProviderType?
        public var region: String?
        public var year: String?
        public var framework: FrameworkID?

        public init(type: ProviderType? = nil, region: String? = nil, year: String? = nil, framework: FrameworkID? = nil) {
            self.type = type
            self.region = region
            self.year = year
            self.framework = framework
        }
    }

    public let filter: Filter
    /// Every year with a published inspection, oldest first.
    public let years: [String]
    public let regions: [String]
    public let types: [ProviderType]
    /// Every framework with a published inspection, by id, with its title.
    public let frameworks: [(id: FrameworkID, title: String)]
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
        var frameworks: [FrameworkID: String] = [:]
        for report in published { frameworks[report.summary.frameworkID] = report.summary.frameworkTitle }
        self.frameworks = frameworks.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let years = self.years
        let year = filter.year.flatMap { years.contains($0) ? $0 : nil } ?? years.last
        self.year = year
        let previousYear = year.flatMap { years.firstIndex(of: $0) }.flatMap { $0 > 0 ? years[$0 - 1] : nil }
        self.previousYear = previousYear
        let selected = published.filter { report in
            (filter.type.map { report.summary.providerType == $0 } ?? true) && (filter.region.map { report.summary.region == $0 } ?? true)
                && (filter.framework.map { report.summary.frameworkID == $0 } ?? true)
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

    /// The frameworks of the providers shown, in the order of their first row.
    var frameworksShown: [(id: FrameworkID, title: String, standards: [Standard])] {
        var shown: [(FrameworkID, String, [Standard])] = []
        for report in latest where !shown.contains(where: { $0.0 == report.summary.frameworkID }) {
            shown.append((report.summary.frameworkID, report.summary.frameworkTitle, report.rating.standards.map(\.standard)))
        }
        return shown
    }

    public var tables: [DataTable] { [ratingsTable] + frameworkTables + [changeTable] }

    /// Each provider's overall rating, whatever its framework: standards are in each framework's
    /// own table, so no standard is ever shown under another framework's title.
    public var ratingsTable: DataTable {
        DataTable(
            id: "latest", title: "Overall ratings \(year ?? "")",
            note:
                "Each provider's published overall rating for \(year ?? "the year"), under the framework named in each row. Each framework's standards are in the tables below.",
            columns: [
                .init("provider", "Provider"), .init("type", "Type"), .init("region", "Region"), .init("framework", "Framework"), .init("overall", "Overall"),
                .init("overall_certainty", "Could the overall rating be another band?"), .init("framework_title", "Framework title"),
            ],
            rows: latest.map { report in
                [
                    .text(report.summary.providerName), .text(report.summary.providerType.shortTitle), .text(report.summary.region),
                    .text(report.summary.frameworkID.rawValue), .rating(report.rating.overall.rating),
                    .text(report.rating.overall.certainty.map { $0.caution ?? "No: secure" } ?? report.rating.overall.explanation),
                    .text(report.summary.frameworkTitle),
                ]
            }, rowInspections: latest.map(\.summary.id))
    }

    /// One table per framework: its providers, their overall rating and each of its standards,
    /// each with the bands its interval allows.
    public var frameworkTables: [DataTable] {
        frameworksShown.map { framework in
            let reports = latest.filter { $0.summary.frameworkID == framework.id }
            return DataTable(
                id: "latest-\(framework.id)", title: "\(framework.title): ratings \(year ?? "")",
                note:
                    "Providers inspected under \(framework.title) (\(framework.id)). Where a rating's interval reaches another band, the bands it could be in are named; standards rated by inspectors from evidence have no interval.",
                columns: [.init("provider", "Provider"), .init("overall", "Overall")]
                    + framework.standards.map { .init($0.id.rawValue, "\($0.id) \($0.title)") },
                rows: reports.map { report in
                    let results = Dictionary(uniqueKeysWithValues: report.rating.standards.map { ($0.id, $0) })
                    return [.text(report.summary.providerName), .ratingWithCertainty(report.rating.overall.rating, report.rating.overall.certainty)]
                        + framework.standards.map { standard in
                            results[standard.id].map { .ratingWithCertainty($0.rating, $0.certainty) } ?? .empty
                        }
                }, rowInspections: reports.map(\.summary.id))
        }
    }

    /// Whether a provider's overall ratings in the two years can be compared.
    static func comparable(_ before: InspectionReport, _ after: InspectionReport) -> Bool {
        Framework.overallComparable(
            (before.summary.frameworkID, before.rating.standards.map(\.standard)), (after.summary.frameworkID, after.rating.standards.map(\.standard)))
    }

    public var changeTable: DataTable {
        let from = previousYear ?? "previous year"
        let to = year ?? ""
        return DataTable(
            id: "change", title: "Overall ratings, \(from) against \(to)",
            note:
                "Each provider's overall rating in the two years, and whether it improved, declined or stayed the same. Ratings under frameworks that do not declare their standards correspond are not comparable.",
            columns: [.init("provider", "Provider"), .init("type", "Type"), .init("previous", from), .init("current", to), .init("change", "Change")],
            rows: latest.map { report in
                let before = previous[report.summary.providerCode]
                let change: DataTable.Cell =
                    before.map { Self.comparable($0, report) } == false
                    ? .notComparable : .change(from: before?.rating.overall.rating, to: report.rating.overall.rating)
                return [
                    .text(report.summary.providerName), .text(report.summary.providerType.shortTitle),
                    before.map { .rating($0.rating.overall.rating) } ?? .notInspected, .rating(report.rating.overall.rating), change,
                ]
            }, rowInspections: latest.map(\.summary.id))
    }

    /// How many providers changed rating, e.g. "3 improved, 1 declined, 17 the same".
    public var changeSummary: [String: Int] {
        var counts: [String: Int] = [:]
        for report in latest {
            let before = previous[report.summary.providerCode]
            guard before.map({ Self.comparable($0, report) }) != false,
                let slug = DataTable.changeSlug(from: before?.rating.overall.rating, to: report.rating.overall.rating)
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
            return report.ratingsTable.rows.map {
                common + [$0[0], $0[1], $0[2], $0[4], .text(report.summary.parentCode ?? ""), .text(report.summary.frameworkTitle)]
            }
        }
        return DataTable(
            id: "ratings", title: "All published ratings",
            note: "Every standard's rating and the overall rating of every published inspection, with the limiting key question's figures.",
            columns: [
                .init("inspection_id", "Inspection"), .init("provider_code", "Provider code"), .init("provider", "Provider"), .init("provider_type", "Type"),
                .init("region", "Region"), .init("year", "Year"), .init("framework", "Framework"), .init("published", "Published"),
                .init("standard", "Standard"), .init("title", "Title"), .init("rating", "Rating"), .init("sufficient", "Limiting question sufficient"),
                .init("parent", "Part of region"), .init("framework_title", "Framework title"),
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
