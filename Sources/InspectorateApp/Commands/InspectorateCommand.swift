import ArgumentParser
import Foundation
import InspectionKit

/// The one `inspectorate` executable: the web app and the tools, as subcommands.
public struct InspectorateCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "inspectorate",
        abstract: "Inspect probation services: standards frameworks, ratings with their uncertainty, and the web app.",
        subcommands: [
            ServeCommand.self, MigrateCommand.self, DemoCommand.self, UserCommand.self, ImportCommand.self,
            ExportCommand.self, FrameworksCommand.self, RateCommand.self, SampleSizeCommand.self, AgreementCommand.self,
            GenerateCommand.self,
        ])

    public init() {}

    /// Runs the command line. Usage mistakes exit with status 2, like bad input, so callers
    /// need check only one code for "you asked wrongly".
    public static func runMain(_ arguments: [String] = Array(CommandLine.arguments.dropFirst())) async {
        do {
            var command = try parseAsRoot(arguments)
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Loads the frameworks for a command, or explains why they cannot be loaded.
func loadFrameworks() throws -> FrameworkCatalog {
    do {
        return try FrameworkCatalog.standard()
    } catch {
        FileHandle.standardError.write(Data("error: the framework files are invalid:\n\(error)\n".utf8))
        throw ExitCode(1)
    }
}

/// The message for an unknown framework id, listing the known ones.
func unknownFramework(_ id: String, in catalog: FrameworkCatalog) -> String {
    "--framework: unknown framework \"\(id)\"; known frameworks: \(catalog.frameworks.map(\.id.rawValue).joined(separator: ", "))"
}
