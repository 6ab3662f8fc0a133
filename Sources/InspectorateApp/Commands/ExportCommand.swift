import ArgumentParser
import Fluent
import Foundation
import InspectionKit
import Vapor

/// `inspectorate export judgements|organisational --inspection <id>`: an inspection's data in
/// the files `inspectorate rate` reads, so anyone can re-derive its ratings.
struct ExportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export an inspection's data as the CSV files `inspectorate rate` reads.",
        subcommands: [Judgements.self, Organisational.self])

    struct Options: ParsableArguments {
        @ArgumentParser.Option(help: "The inspection's id.") var inspection: String
        @ArgumentParser.Option(help: "Write to this file instead of standard output.") var output: String?

        func inspectionID() throws -> UUID {
            guard let id = UUID(uuidString: inspection) else {
                printError("--inspection: \"\(inspection)\" is not an inspection id")
                throw ArgumentParser.ExitCode(2)
            }
            return id
        }

        func write(_ text: String) throws {
            guard let output else {
                FileHandle.standardOutput.write(Data(text.utf8))
                return
            }
            do {
                try Data(text.utf8).write(to: URL(fileURLWithPath: output), options: .atomic)
            } catch {
                printError("--output: cannot write \(output): \(error.localizedDescription)")
                throw ArgumentParser.ExitCode(2)
            }
        }
    }

    struct Judgements: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every case judgement, as case_id,question,answer (yes, no or n/a).")
        @OptionGroup var options: Options

        func run() async throws { try await options.export(ExportData.judgementsCSV) }
    }

    struct Organisational: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The organisational standards' ratings, as standard,rating.")
        @OptionGroup var options: Options

        func run() async throws { try await options.export(ExportData.organisationalCSV) }
    }
}

extension ExportCommand.Options {
    /// Checks the inspection exists, then writes what `text` makes of it.
    func export(_ text: @escaping (UUID, any Database) async throws -> String) async throws {
        let id = try inspectionID()
        let output = try await withCommandApplication { app in
            guard try await InspectionModel.find(id, on: app.db) != nil else {
                printError("--inspection: there is no inspection \(inspection)")
                throw ArgumentParser.ExitCode(2)
            }
            return try await text(id, app.db)
        }
        try write(output)
    }
}
