import ArgumentParser
import Foundation
import InspectionKit

/// `inspectorate generate judgements|caseload`: synthetic files of any size, for benchmarks,
/// load tests and trying the tools. The same seed writes the same bytes.
struct GenerateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Write synthetic judgements or caseload files, reproducibly from a seed.",
        subcommands: [Judgements.self, Caseload.self])

    /// Streams chunks to a file or standard output.
    struct Sink {
        let handle: FileHandle

        init(path: String?) throws {
            guard let path else {
                handle = .standardOutput
                return
            }
            guard FileManager.default.createFile(atPath: path, contents: nil), let handle = FileHandle(forWritingAtPath: path) else {
                printError("--output: cannot write \(path)")
                throw ExitCode(2)
            }
            self.handle = handle
        }

        func write(_ text: String) { handle.write(Data(text.utf8)) }
    }

    /// The named framework, or exit 2 naming the ones there are.
    static func framework(_ id: String) throws -> Framework {
        let catalog = try loadFrameworks()
        guard let framework = catalog[FrameworkID(id)] else {
            printError(unknownFramework(id, in: catalog))
            throw ExitCode(2)
        }
        return framework
    }

    static func requireNotNegative(_ value: Int, _ option: String) throws {
        guard value >= 0 else {
            printError("--\(option): must be 0 or more")
            throw ExitCode(2)
        }
    }

    struct Judgements: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A judgements file, case_id,question,answer, as `inspectorate rate` reads.")
        @Option(help: "The framework id, e.g. probation-2018-crc.") var framework: String
        @Option(help: "How many cases.") var cases: Int
        @Option(help: "The seed.") var seed: UInt64 = 1
        @Option(help: "Write to this file instead of standard output.") var output: String?

        func run() async throws {
            let chosen = try GenerateCommand.framework(framework)
            try GenerateCommand.requireNotNegative(cases, "cases")
            let sink = try Sink(path: output)
            Generators.judgements(framework: chosen, cases: cases, seed: seed, write: sink.write)
        }
    }

    struct Caseload: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A valid caseload extract, as providers upload.")
        @Option(help: "How many cases.") var rows: Int
        @Option(help: "The seed.") var seed: UInt64 = 1
        @Option(help: "Only the sentence types this framework samples (default: adult sentences).") var framework: String?
        @Option(help: "Write to this file instead of standard output.") var output: String?

        func run() async throws {
            let chosen = try framework.map(GenerateCommand.framework)
            try GenerateCommand.requireNotNegative(rows, "rows")
            let sink = try Sink(path: output)
            Generators.caseload(rows: rows, seed: seed, framework: chosen, today: ProviderData.today, write: sink.write)
        }
    }
}
