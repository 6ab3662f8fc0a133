/// One problem in a framework file, naming the file, the field and where it is.
public struct FrameworkError: Error, Sendable, Hashable, CustomStringConvertible {
    public let file: String
    /// A path to the field, e.g. `domains[2].standards[1].questions[3].id`, numbered from 1.
    public let field: String
    public let line: Int?
    public let column: Int?
    public let message: String

    public init(file: String, field: String, line: Int? = nil, column: Int? = nil, message: String) {
        self.file = file
        self.field = field
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String {
        let place = [file, line.map(String.init), column.map(String.init)].compactMap { $0 }.joined(separator: ":")
        return field.isEmpty ? "\(place): \(message)" : "\(place): \(field): \(message)"
    }
}

/// Every problem found in one or more framework files. Loading stops at the first bad file
/// only after reporting all of that file's problems.
public struct FrameworkLoadError: Error, Sendable, CustomStringConvertible {
    public let problems: [FrameworkError]

    public init(_ problems: [FrameworkError]) { self.problems = problems }

    public var description: String { problems.map(\.description).joined(separator: "\n") }
}
