import Foundation

/// A published table: what a page shows, and what its CSV and JSON downloads hold, from one
/// value, so the three cannot disagree.
public struct DataTable: Sendable, Hashable {
    public enum Cell: Sendable, Hashable {
        case text(String)
        case count(Int)
        /// A rating, or nil for "not rated".
        case rating(Rating?)
        /// A rating with the bands its intervals allow: one band when it is secure, none when it
        /// has no interval (an organisational standard, rated by inspectors).
        case ratingWithCertainty(Rating?, BandCertainty?)
        /// A percentage with its count and interval; nil when the row has no such figure.
        case proportion(Proportion?)
        /// A change in percentage points; nil when either side is missing.
        case points(Double?)
        /// A quantity that need not be whole, such as full-time equivalent staff; nil for none.
        case number(Double?)
        /// How a rating changed between two inspections.
        case change(from: Rating?, to: Rating?)
        /// The two ratings are under frameworks that declare no correspondence.
        case notComparable
        /// The provider (or every provider of a type) was not inspected in that year: no figure,
        /// and not a zero.
        case notInspected
        /// Withheld so that no one person (or one review) can be picked out: a figure from fewer
        /// than five, or one from which such a figure could be worked out. See `DisclosureControl`.
        case suppressed
        case empty
    }

    public struct Column: Sendable, Hashable {
        /// The machine-readable name, used in CSV headers and JSON keys.
        public let key: String
        public let title: String

        public init(_ key: String, _ title: String) {
            self.key = key
            self.title = title
        }
    }

    /// Stable identifier, used in download URLs: `overall-ratings`.
    public let id: String
    public let title: String
    /// What the figures are and where they come from: framework version, cases, confidence.
    public let note: String
    public let columns: [Column]
    public let rows: [[Cell]]
    /// The inspection each row is about, where there is one: pages link the row's first cell to
    /// its report. Empty, or one entry per row.
    public let rowInspections: [String?]

    public init(id: String, title: String, note: String, columns: [Column], rows: [[Cell]], rowInspections: [String?] = []) {
        precondition(rows.allSatisfy { $0.count == columns.count }, "every row of \(id) needs one cell per column")
        precondition(rowInspections.isEmpty || rowInspections.count == rows.count, "\(id) names an inspection for some rows but not all")
        self.rowInspections = rowInspections
        self.id = id
        self.title = title
        self.note = note
        self.columns = columns
        self.rows = rows
    }

    // MARK: - CSV

    /// RFC 4180 CSV. A proportion becomes five columns (count, total, percent, interval low and
    /// high) so the file can be analysed without parsing text.
    public func csv() -> String {
        var header: [String] = []
        for (index, column) in columns.enumerated() {
            if rows.contains(where: { if case .proportion = $0[index] { true } else { false } }) {
                header += ["\(column.key)_count", "\(column.key)_of", "\(column.key)_percent", "\(column.key)_ci_low", "\(column.key)_ci_high"]
            } else if rows.contains(where: { if case .ratingWithCertainty = $0[index] { true } else { false } }) {
                header += [column.key, "\(column.key)_could_be"]
            } else {
                header.append(column.key)
            }
        }
        var lines = [header.map(Self.escape).joined(separator: ",")]
        for row in rows {
            var fields: [String] = []
            for (index, cell) in row.enumerated() {
                if rows.contains(where: { if case .proportion = $0[index] { true } else { false } }) {
                    fields += Self.proportionFields(cell)
                } else if rows.contains(where: { if case .ratingWithCertainty = $0[index] { true } else { false } }) {
                    fields += Self.certaintyFields(cell)
                } else {
                    fields.append(Self.csvText(cell))
                }
            }
            lines.append(fields.map(Self.escape).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// A proportion's five fields; in a column that mixes figures (a summary table), a count or
    /// text goes in the first field so it is not lost.
    static func proportionFields(_ cell: Cell) -> [String] {
        switch cell {
        case .count, .text, .suppressed: return [csvText(cell), "", "", "", ""]
        default: break
        }
        guard case .proportion(let proportion?) = cell else { return ["", "", "", "", ""] }
        guard let percent = proportion.percent, let interval = proportion.interval else { return ["0", "0", "", "", ""] }
        return [
            String(proportion.count), String(proportion.of), Self.decimal(percent), Self.decimal(interval.lowerPercent), Self.decimal(interval.upperPercent),
        ]
    }

    /// A rating and the bands it could be in, "good|requires-improvement", or "" when secure
    /// or rated by inspectors.
    static func certaintyFields(_ cell: Cell) -> [String] {
        guard case .ratingWithCertainty(let rating, let certainty) = cell else { return [csvText(cell), ""] }
        return [rating?.slug ?? "not-rated", certainty.map { $0.crossesBand ? $0.possibleRatings.map(\.slug).joined(separator: "|") : "" } ?? ""]
    }

    static func csvText(_ cell: Cell) -> String {
        switch cell {
        case .text(let text): text
        case .count(let count): String(count)
        case .rating(let rating), .ratingWithCertainty(let rating, _): rating?.slug ?? "not-rated"
        case .proportion: ""
        case .points(let points), .number(let points): points.map(Self.decimal) ?? ""
        case .change(let from, let to): Self.changeSlug(from: from, to: to) ?? ""
        case .notComparable: "not-comparable"
        case .notInspected, .empty: ""
        case .suppressed: "suppressed"
        }
    }

    /// One decimal place, as on the pages.
    public static func decimal(_ value: Double) -> String { String(format: "%.1f", value) }

    public static func changeSlug(from: Rating?, to: Rating?) -> String? {
        guard let from, let to else { return nil }
        return to > from ? "improved" : to < from ? "declined" : "same"
    }

    static func escape(_ field: String) -> String { CSVField.safe(field) }

    // MARK: - JSON

    /// `{"id", "title", "note", "columns": [{key, title}], "rows": [{key: value}]}`; a proportion is
    /// `{"count", "of", "percent", "ci_low", "ci_high"}`, absent values are null.
    public var jsonObject: [String: Any] {
        [
            "id": id, "title": title, "note": note,
            "columns": columns.map { ["key": $0.key, "title": $0.title] },
            "rows": rows.map { row in
                Dictionary(uniqueKeysWithValues: zip(columns, row).map { column, cell in (column.key, Self.jsonValue(cell)) })
            },
        ]
    }

    static func jsonValue(_ cell: Cell) -> Any {
        switch cell {
        case .text(let text): return text
        case .count(let count): return count
        case .rating(let rating): return rating?.slug ?? "not-rated"
        case .ratingWithCertainty(let rating, let certainty):
            return [
                "rating": rating?.slug ?? "not-rated",
                "could_be": certainty.map { $0.possibleRatings.map(\.slug) as Any } ?? NSNull(),
            ]
        case .notComparable: return "not-comparable"
        case .proportion(let proportion?):
            return [
                "count": proportion.count, "of": proportion.of, "percent": Self.rounded(proportion.percent),
                "ci_low": Self.rounded(proportion.interval?.lowerPercent), "ci_high": Self.rounded(proportion.interval?.upperPercent),
            ]
        case .proportion(nil), .notInspected, .empty: return NSNull()
        case .suppressed: return "suppressed"
        case .points(let points), .number(let points): return Self.rounded(points)
        case .change(let from, let to): return Self.changeSlug(from: from, to: to) ?? NSNull()
        }
    }

    static func rounded(_ value: Double?) -> Any {
        guard let value else { return NSNull() }
        return (value * 10).rounded() / 10
    }

    public static func json(_ object: Any) -> Data {
        (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes])) ?? Data("{}".utf8)
    }
}
