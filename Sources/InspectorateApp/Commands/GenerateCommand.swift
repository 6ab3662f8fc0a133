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

    struct Judgements: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A judgements file, case_id,question,answer, as `inspectorate rate` reads.")
        @Option(help: "The framework id, e.g. probation-2018-crc.") var framework: String
        @Option(help: "How many cases.") var cases: Int
        @Option(help: "The seed.") var seed: UInt64 = 1
        @Option(help: "Write to this file instead of standard output.") var output: String?

        func run() async throws {
            let catalog = try loadFrameworks()
            guard let chosen = catalog[FrameworkID(framework)] else {
                printError(unknownFramework(framework, in: catalog))
                throw ExitCode(2)
            }
            guard cases >= 0 else {
                printError("--cases: must be 0 or more")
                throw ExitCode(2)
            }
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
            var chosen: Framework?
            if let framework {
                let catalog = try loadFrameworks()
                chosen = catalog[FrameworkID(framework)]
                if chosen == nil {
                    printError(unknownFramework(framework, in: catalog))
                    throw ExitCode(2)
                }
            }
            guard rows >= 0 else {
                printError("--rows: must be 0 or more")
                throw ExitCode(2)
            }
            let sink = try Sink(path: output)
            Generators.caseload(rows: rows, seed: seed, framework: chosen, today: ProviderData.today, write: sink.write)
        }
    }
}
