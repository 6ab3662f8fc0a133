import ArgumentParser
import Foundation

/// What a command printed and how it ended. Commands build one of these instead of writing
/// directly, so tests can run them in-process and check every stream.
public struct CommandOutcome: Sendable, Equatable {
    public var exitCode: Int32
    public var standardOutput: String
    public var standardError: String

    public init(exitCode: Int32, standardOutput: String, standardError: String) {
        self.exitCode = exitCode
        self.standardOutput = standardOutput
        self.standardError = standardError
    }

    /// Success, with output.
    public static func success(_ output: String) -> CommandOutcome {
        CommandOutcome(exitCode: 0, standardOutput: output, standardError: "")
    }

    /// Bad input: exit status 2, one line per problem on standard error, nothing on standard output.
    public static func badInput(_ problems: [String]) -> CommandOutcome {
        CommandOutcome(exitCode: 2, standardOutput: "", standardError: problems.map { "error: \($0)\n" }.joined())
    }

    /// Writes the streams and ends the command with its exit status.
    func finish() throws {
        if !standardOutput.isEmpty { FileHandle.standardOutput.write(Data(standardOutput.utf8)) }
        if !standardError.isEmpty { FileHandle.standardError.write(Data(standardError.utf8)) }
        if exitCode != 0 { throw ExitCode(exitCode) }
    }
}

/// How a command prints its result.
public enum OutputFormat: String, ExpressibleByArgument, CaseIterable, Sendable {
    case table, json
}

extension Data {
    var utf8Text: String { String(decoding: self, as: UTF8.self) }
}
