import Foundation

/// One problem in an input file, naming the file, the line, the column and the offending value,
/// so that a person can find and fix it.
public struct InputProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public let file: String
    public let line: Int?
    /// 1-based column number.
    public let column: Int?
    /// The column's header name, when known.
    public let columnName: String?
    public let value: String?
    public let message: String

    public init(file: String, line: Int?, column: Int? = nil, columnName: String? = nil, value: String? = nil, message: String) {
        self.file = file
        self.line = line
        self.column = column
        self.columnName = columnName
        self.value = value
        self.message = message
    }

    /// `cases.csv:12:2: column "question", value "9.9.9": unknown question id …`
    public var description: String {
        var place = file
        if let line { place += ":\(line)" }
        if let column { place += ":\(column)" }
        var parts: [String] = []
        if let columnName { parts.append("column \"\(columnName)\"") }
        if let value { parts.append("value \"\(InputProblem.shorten(value))\"") }
        let location = parts.isEmpty ? "" : parts.joined(separator: ", ") + ": "
        return "\(place): \(location)\(message)"
    }

    /// Keeps a pathological value (a 60 KB field) from flooding the terminal.
    static func shorten(_ value: String) -> String {
        let printable = value.replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "\\r")
        return printable.count > 80 ? printable.prefix(77) + "..." : printable
    }

    /// A problem with the CSV structure itself.
    public init(file: String, csv problem: CSVParser.Problem) {
        self.init(file: file, line: problem.line, column: problem.column, message: problem.message)
    }
}

/// Every problem found in an input file; nothing is used from a file that has any.
public struct InputProblems: Error, Sendable, CustomStringConvertible {
    public let problems: [InputProblem]

    public init(_ problems: [InputProblem]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
