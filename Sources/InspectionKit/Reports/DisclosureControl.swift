/// Small-cell suppression for published breakdowns, so that no one person (or one review) can
/// be picked out of a published figure.
///
/// The rule, stated for readers in docs/reports.md:
/// 1. **Primary:** a figure drawn from 1 to 4 cases is withheld. A figure from no cases
///    describes no one and is published as none.
/// 2. **Secondary:** where figures are parts of a published whole (the groups of a breakdown
///    add up to the total), the withheld parts of that whole must not be recoverable by
///    subtraction: at least two parts are withheld, and together they hold at least 5 cases.
///    The smallest other parts are withheld until that is so.
///
/// The rule is applied column by column, because each column's figures have their own case
/// counts (a question answered "n/a" in some cases has fewer).
public enum DisclosureControl {
    public static let threshold = 5

    /// Which parts to withhold, given each part's number of cases and the sets of parts that
    /// each add up to a published whole (a part may be in several, such as murder in both "all
    /// offences" and "homicides").
    public static func withheld(sizes: [Int], wholes: [[Int]]) -> Set<Int> {
        var withheld = Set(sizes.indices.filter { sizes[$0] > 0 && sizes[$0] < threshold })
        var changed = true
        // Withholding a part for one whole can expose another whole it is in, so go round until
        // nothing more is withheld.
        while changed {
            changed = false
            for whole in wholes {
                func hidden() -> [Int] { whole.filter(withheld.contains) }
                func exposed() -> Bool {
                    let parts = hidden()
                    return !parts.isEmpty && (parts.count < 2 || parts.map { sizes[$0] }.reduce(0, +) < threshold)
                }
                while exposed() {
                    // The smallest part still shown, so as little as possible is lost.
                    guard let next = whole.filter({ !withheld.contains($0) && sizes[$0] > 0 }).min(by: { (sizes[$0], $0) < (sizes[$1], $1) }) else { break }
                    withheld.insert(next)
                    changed = true
                }
            }
        }
        return withheld
    }

    /// The table with its small figures withheld. `wholes` are sets of row indices that add up
    /// to a published whole; leave it empty when the rows are separate figures rather than parts
    /// (then only the primary rule applies). A proportion's cases are those it is out of,
    /// except in `shareColumns`, whose proportions are each part's share of the whole, so its
    /// cases are those it counts. Cells that are not figures are left as they are.
    public static func suppressed(_ table: DataTable, wholes: [[Int]], shareColumns: Set<String> = []) -> DataTable {
        var rows = table.rows
        for (column, key) in table.columns.map(\.key).enumerated() {
            let sizes = rows.map { cases(in: $0[column], share: shareColumns.contains(key)) }
            guard sizes.contains(where: { $0 != nil }) else { continue }
            for row in withheld(sizes: sizes.map { $0 ?? 0 }, wholes: wholes) { rows[row][column] = .suppressed }
        }
        return DataTable(id: table.id, title: table.title, note: table.note, columns: table.columns, rows: rows, rowInspections: table.rowInspections)
    }

    /// How many cases a figure rests on; nil for a cell that is not a figure. A share of the
    /// whole rests on the cases it counts, any other proportion on those it is out of.
    static func cases(in cell: DataTable.Cell, share: Bool = false) -> Int? {
        switch cell {
        case .count(let count): count
        case .proportion(let proportion?): share ? proportion.count : proportion.of
        default: nil
        }
    }

    /// The table with small figures withheld where each row's figures are parts of a whole
    /// (groups in the columns `parts`, which add up to a whole shown beside them): the rule runs
    /// row by row, across those columns.
    public static func suppressedAcross(_ table: DataTable, parts: [Int]) -> DataTable {
        var rows = table.rows
        for row in rows.indices {
            let sizes = rows[row].map { cases(in: $0) ?? 0 }
            for column in withheld(sizes: sizes, wholes: [parts]) where parts.contains(column) { rows[row][column] = .suppressed }
        }
        return DataTable(id: table.id, title: table.title, note: table.note, columns: table.columns, rows: rows, rowInspections: table.rowInspections)
    }
}
