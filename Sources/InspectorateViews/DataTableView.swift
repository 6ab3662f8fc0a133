import Foundation
import InspectionKit

extension Components {
    /// Where a published table can be downloaded, and (for staff) where its figures drill down to.
    public struct TableLinks: Sendable {
        public let csv: String?
        public let json: String?
        /// The page listing the cases behind a figure; nil for the public, who may not see cases.
        public let cases: (@Sendable (CaseFilter) -> String)?
        /// Where a row's first cell links, from the inspection the row is about.
        public let inspection: (@Sendable (String) -> String?)?

        public init(
            csv: String? = nil, json: String? = nil, cases: (@Sendable (CaseFilter) -> String)? = nil, inspection: (@Sendable (String) -> String?)? = nil
        ) {
            self.csv = csv
            self.json = json
            self.cases = cases
            self.inspection = inspection
        }
    }

    /// A published table: its caption, its note on where the figures come from, and its downloads.
    public static func dataTable(_ table: DataTable, links: TableLinks = TableLinks()) -> HTML {
        let numeric = Set(
            table.columns.indices.filter { index in
                table.rows.contains {
                    switch $0[index] {
                    case .count, .points: true
                    default: false
                    }
                }
            })
        let rows = table.rows.enumerated().map { index, row in
            var cells = row.map { cell(for: $0, links: links) }
            if let link = links.inspection, index < table.rowInspections.count, let id = table.rowInspections[index], let url = link(id), !cells.isEmpty {
                cells[0] = "<a href=\"\(url)\">\(cells[0])</a>"
            }
            return cells
        }
        var downloads: [HTML] = []
        if let csv = links.csv { downloads.append("<a href=\"\(csv)\" download>CSV<span class=\"visually-hidden\"> of \(table.title)</span></a>") }
        if let json = links.json { downloads.append("<a href=\"\(json)\">JSON<span class=\"visually-hidden\"> of \(table.title)</span></a>") }
        let downloadHTML: HTML =
            downloads.isEmpty ? "" : "<p class=\"downloads\">Download this table: \(downloads.enumerated().map { $0 == 0 ? $1 : " · " + $1 })</p>"
        return """
            <div class="data-table" id="table-\(table.id)">
            \(table.rows.isEmpty ? HTML("<p class=\"muted\">\(table.title): no published figures.</p>") : Components.table(caption: table.title, head: table.columns.map(\.title), rows: rows, numeric: numeric))
            <p class="table-note">\(table.note)</p>\(downloadHTML)
            </div>
            """
    }

    static func cell(for cell: DataTable.Cell, links: TableLinks) -> HTML {
        switch cell {
        case .text(let text): return "\(text)"
        case .count(let count): return "\(count)"
        case .rating(let rating): return ratingTag(rating, linked: true)
        case .ratingWithCertainty(let rating, let certainty):
            guard let caution = certainty?.caution else { return ratingTag(rating, linked: true) }
            return "\(ratingTag(rating, linked: true)) <span class=\"count\">(\(caution))</span>"
        case .notComparable: return "<span class=\"muted\">Not comparable</span>"
        case .proportion(let proportion?):
            let figure = proportionText(proportion)
            guard let cases = links.cases, let filter = proportion.cases, proportion.of > 0 else { return figure }
            return "<a href=\"\(cases(filter))\" class=\"figure-link\">\(figure)<span class=\"visually-hidden\">: list the cases</span></a>"
        case .proportion(nil), .empty: return "<span aria-hidden=\"true\">–</span><span class=\"visually-hidden\">none</span>"
        case .points(let points?):
            return "\(String(format: "%+.1f", points).replacingOccurrences(of: "-", with: "−")) points"
        case .points(nil): return "<span class=\"muted\">no figure</span>"
        case .number(let value?): return "\(PercentFormat.trimmed((value * 10).rounded() / 10))"
        case .number(nil): return "<span aria-hidden=\"true\">–</span><span class=\"visually-hidden\">none</span>"
        case .notInspected: return "<span class=\"muted\">not inspected</span>"
        case .suppressed: return "<span class=\"muted\">suppressed<span class=\"visually-hidden\"> so that no one can be identified</span></span>"
        case .change(let from, let to):
            switch DataTable.changeSlug(from: from, to: to) {
            case "improved": return "<span class=\"change change--up\"><span aria-hidden=\"true\">▲ </span>Improved</span>"
            case "declined": return "<span class=\"change change--down\"><span aria-hidden=\"true\">▼ </span>Declined</span>"
            case "same": return "<span class=\"change\"><span aria-hidden=\"true\">= </span>No change</span>"
            default: return "<span class=\"muted\">Not inspected both years</span>"
            }
        }
    }

    /// "51.0% (45.2–56.7%) 102 of 200": the figure, its interval and the cases behind it.
    public static func proportionText(_ proportion: Proportion) -> HTML {
        guard let percent = proportion.percent, let interval = proportion.interval else { return "<span class=\"muted\">no cases</span>" }
        return
            "<span class=\"figure\">\(PercentFormat.oneDecimal(percent))</span> <span class=\"interval\">(\(PercentFormat.interval(interval)))</span> <span class=\"count\">\(proportion.count) of \(proportion.of)</span>"
    }

    /// The query string naming a figure's cases, for the cases page.
    public static func query(_ filter: CaseFilter) -> String {
        var items: [String] = []
        if let question = filter.question { items.append("question=\(question.rawValue)") }
        if let any = filter.anyQuestion { items.append("any=\(any.map(\.rawValue).joined(separator: ","))") }
        if let rosh = filter.rosh { items.append("rosh=\(rosh.rawValue)") }
        if let check = filter.check { items.append("check=\(check.rawValue)") }
        if let grade = filter.workloadGrade { items.append("grade=\(grade.rawValue)") }
        if let need = filter.need { items.append("need=\(need.rawValue)") }
        if let stage = filter.needStage { items.append("stage=\(stage.rawValue)") }
        return items.joined(separator: "&")
    }

    /// The query string's names for a figure's cases.
    public static let caseFilterNames = ["question", "any", "rosh", "check", "grade", "need", "stage"]

    /// Reads ``query(_:)`` back from the values of ``caseFilterNames``; nil when a value is not recognised.
    public static func caseFilter(_ values: [String: String]) -> CaseFilter? {
        var filter = CaseFilter()
        /// Sets one field from its value, if sent; false when the value is not one the field takes.
        func read<T>(_ name: String, _ make: (String) -> T?, into field: WritableKeyPath<CaseFilter, T?>) -> Bool {
            guard let text = values[name], !text.isEmpty else { return true }
            guard let value = make(text) else { return false }
            filter[keyPath: field] = value
            return true
        }
        guard read("question", { QuestionID($0) }, into: \.question),
            read("any", { $0.split(separator: ",").map { QuestionID(String($0)) } }, into: \.anyQuestion),
            read("rosh", RoshLevel.init(rawValue:), into: \.rosh), read("check", CheckKind.init(rawValue:), into: \.check),
            read("grade", OfficerGrade.init(rawValue:), into: \.workloadGrade), read("need", Need.init(rawValue:), into: \.need),
            read("stage", NeedStage.init(rawValue:), into: \.needStage)
        else { return nil }
        return filter
    }
}
