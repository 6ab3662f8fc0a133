import Foundation

/// The part every input file shares: a header naming its columns (in any order, extra columns
/// ignored), then rows of exactly the header's width. Reading a file is one call with a closure per row; structural problems
/// (encoding, quoting, short rows) are reported the same way for every kind of file.
public enum CSVTable {
    /// One data row, read by the position of a column in the `columns` the caller asked for.
    public struct Row {
        public let line: Int
        public let file: String
        let parser: CSVParser
        let fields: [CSVParser.Field]
        let positions: [Int]
        let names: [String]

        public func field(_ column: Int) -> CSVParser.Field { fields[positions[column]] }

        /// How far into the file this row ends, in bytes: for progress reports.
        public var endOffset: Int { fields.last?.range.upperBound ?? 0 }

        /// The column's text with surrounding spaces removed.
        public func text(_ column: Int) -> String {
            let field = field(column)
            // Most fields start and end with a visible ASCII character and need no trimming;
            // Foundation's trimming was a third of reading a caseload in the profile.
            if let first = field.range.first, let last = field.range.last,
                parser.bytes[first] > 0x20, parser.bytes[first] < 0x80, parser.bytes[last] > 0x20, parser.bytes[last] < 0x80
            {
                return parser.string(field)
            }
            return parser.string(field).trimmingCharacters(in: .whitespaces)
        }

        /// The column's text exactly as written.
        public func raw(_ column: Int) -> String { parser.string(field(column)) }

        /// The column's text, looked up by header name (for files read by name, off the hot path).
        public subscript(name: String) -> String { text(names.firstIndex(of: name)!) }

        /// An optional column's text, or nil when the file does not have that column.
        public func optional(_ name: String) -> String? { index(of: name).map(text) }

        /// Where a column asked for is among this file's columns (nil for an optional one it lacks),
        /// to look up once and read every row by position.
        public func index(of name: String) -> Int? { names.firstIndex(of: name) }

        /// Whether the field equals `text` exactly, without building a string.
        public func field(_ column: Int, equals text: StaticString) -> Bool { parser.field(field(column), equals: text) }

        /// A problem with one cell, naming its line, column number, header and value.
        public func problem(_ column: Int, value: String, _ message: String) -> InputProblem {
            InputProblem(file: file, line: line, column: positions[column] + 1, columnName: names[column], value: value, message: message)
        }

        public func problem(_ name: String, value: String, _ message: String) -> InputProblem {
            problem(names.firstIndex(of: name)!, value: value, message)
        }
    }

    /// Calls `row` for every data row that has all the named columns. Columns in `optional`
    /// are read when the header has them (see ``Row/optional(_:)``).
    ///
    /// - Returns: the number of data rows, including short ones.
    /// - Throws: a single problem when the file is empty or its header lacks a column; every
    ///   other problem goes to `report`, so the caller decides how many to keep.
    @discardableResult
    public static func read(
        bytes: [UInt8], file: String, columns: [String], optional: [String] = [], maximumFieldLength: Int = 65_536,
        report: (InputProblem) -> Void, row: (Row) -> Void
    ) throws(InputProblems) -> Int {
        var parser: CSVParser
        do {
            parser = try CSVParser(bytes: bytes, maximumFieldLength: maximumFieldLength)
        } catch {
            throw InputProblems([InputProblem(file: file, csv: error)])
        }
        var fields: [CSVParser.Field] = []
        fields.reserveCapacity(columns.count + 4)
        var rows = 0
        do {
            guard try parser.nextRecord(into: &fields) != nil else {
                throw InputProblems([
                    InputProblem(file: file, line: 1, message: "the file is empty; the first line must be \"\(columns.joined(separator: ","))\"")
                ])
            }
            let (positions, names) = try headerPositions(parser: parser, header: fields, expected: columns, optional: optional, file: file)
            // Every row has exactly the header's columns: a short row has lost values, and a long
            // one usually has a value with an unquoted comma, which would shift the rest.
            let width = fields.count
            while let line = try parser.nextRecord(into: &fields) {
                rows += 1
                guard fields.count == width else {
                    let message =
                        fields.count < width
                        ? "expected \(width) fields as in the header, found \(fields.count)"
                        : "found \(fields.count) fields but the header has \(width); a value may contain a comma without quotes around it"
                    report(InputProblem(file: file, line: line, column: min(fields.count, width) + 1, message: message))
                    continue
                }
                row(Row(line: line, file: file, parser: parser, fields: fields, positions: positions, names: names))
            }
        } catch let problems as InputProblems {
            throw problems
        } catch let problem as CSVParser.Problem {
            report(InputProblem(file: file, csv: problem))
        } catch {
            report(InputProblem(file: file, line: nil, message: "\(error)"))
        }
        return rows
    }

    /// Where each expected column, then each optional column the file has, sits in the header,
    /// with their names in the same order; a missing expected column is a single clear problem.
    static func headerPositions(
        parser: CSVParser, header: [CSVParser.Field], expected: [String], optional: [String], file: String
    ) throws(InputProblems) -> (positions: [Int], names: [String]) {
        let names = header.map { parser.string($0).trimmingCharacters(in: .whitespaces).lowercased() }
        let positions = expected.map { names.firstIndex(of: $0) }
        let missing = zip(expected, positions).filter { $0.1 == nil }.map(\.0)
        guard missing.isEmpty else {
            throw InputProblems([
                InputProblem(
                    file: file, line: 1, column: 1, value: names.joined(separator: ","),
                    message:
                        "missing header \(missing.map { "\"\($0)\"" }.joined(separator: ", ")); the first line must be \"\(expected.joined(separator: ","))\"")
            ])
        }
        let present = optional.compactMap { name in names.firstIndex(of: name).map { (name, $0) } }
        return (positions.map { $0! } + present.map(\.1), expected + present.map(\.0))
    }
}
