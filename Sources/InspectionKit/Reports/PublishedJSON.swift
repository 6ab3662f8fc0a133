import Foundation

/// The JSON shapes of open data and the API. Field names are fixed: other systems read them.
public enum PublishedJSON {
    /// `parent` is the code of the region a PDU belongs to, null for every other provider.
    public static func provider(code: String, name: String, type: ProviderType, region: String, parent: String?) -> [String: Any] {
        ["code": code, "name": name, "type": type.rawValue, "region": region, "parent": parent ?? NSNull()]
    }

    /// An inspection as the API lists it.
    /// A regional inspection adds `pooled_from`, the ids of the inspections it pools.
    public static func inspection(_ summary: ReportSummary, state: InspectionState, overall: Rating?, pools: Bool) -> [String: Any] {
        var object: [String: Any] = [
            "id": summary.id,
            "provider": provider(
                code: summary.providerCode, name: summary.providerName, type: summary.providerType, region: summary.region, parent: summary.parentCode),
            "year": summary.year, "framework": summary.frameworkID.rawValue, "framework_title": summary.frameworkTitle, "state": state.rawValue,
            "published_at": summary.publishedAt.map(NationalRatings.day) ?? NSNull(),
            "overall": overall?.slug ?? NSNull(),
        ]
        if pools { object["pooled_from"] = summary.pooledFrom.map(\.id) }
        return object
    }

    /// The ratings in the shape `inspectorate rate --format json` prints.
    public static func ratings(_ rating: InspectionRating) -> Any {
        (try? RatingReport(rating).jsonData()).flatMap { try? JSONSerialization.jsonObject(with: $0) } ?? [:]
    }

    /// Every published inspection with its ratings: `/ratings.json` and `/api/v1/ratings`.
    public static func ratings(_ reports: [InspectionReport]) -> [String: Any] {
        [
            "inspections": sorted(reports).map(published)
        ]
    }

    /// By year, then provider: the order every list of published inspections uses.
    public static func sorted(_ reports: [InspectionReport]) -> [InspectionReport] {
        reports.sorted { ($0.summary.year, $0.summary.providerName) < ($1.summary.year, $1.summary.providerName) }
    }

    /// One published inspection with its ratings.
    public static func published(_ report: InspectionReport) -> [String: Any] {
        var object = inspection(
            report.summary, state: .published, overall: report.rating.overall.rating, pools: report.rating.standards.contains { $0.standard.kind == .pooled })
        object["ratings"] = ratings(report.rating)
        return object
    }

    /// A report's tables: `/api/v1/inspections/{id}/figures` and `/api/v1/annual/{year}`.
    public static func tables(_ tables: [DataTable]) -> [[String: Any]] { tables.map(\.jsonObject) }

    /// A provider's indicators for `/api/v1/providers/<code>/indicators`: each quarter's count,
    /// percentage and interval, and the latest move when the rule calls it a deterioration.
    public static func indicators(_ series: [IndicatorSeries], provider: String, rule: ChangeRule) -> [String: Any] {
        [
            "provider": provider,
            "rule": ["confidence": rule.confidence.value, "minimum_points": rule.minimumPoints],
            "indicators": series.map { line -> [String: Any] in
                [
                    "id": line.indicator.id, "title": line.indicator.title, "better": line.indicator.better.rawValue,
                    "definition": line.indicator.definition,
                    "points": line.points.map { point -> [String: Any] in
                        let proportion = point.proportion(confidence: rule.confidence)
                        return [
                            "period": point.period.description, "numerator": point.numerator, "denominator": point.denominator,
                            "percent": DataTable.rounded(proportion.percent), "ci_low": DataTable.rounded(proportion.interval?.lowerPercent),
                            "ci_high": DataTable.rounded(proportion.interval?.upperPercent),
                        ]
                    },
                    "alert": line.alert(rule: rule).map { change -> [String: Any] in
                        [
                            "from": change.from.description, "to": change.to.description,
                            "difference": DataTable.rounded(change.difference.estimate * 100),
                            "ci_low": DataTable.rounded(change.difference.lower * 100), "ci_high": DataTable.rounded(change.difference.upper * 100),
                        ]
                    } ?? NSNull(),
                ]
            },
        ]
    }
}
