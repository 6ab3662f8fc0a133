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

    static func existing(_ id: UUID, _ options: Options, on app: Application) async throws -> InspectionModel {
        guard let model = try await InspectionModel.find(id, on: app.db) else {
            printError("--inspection: there is no inspection \(options.inspection)")
            throw ArgumentParser.ExitCode(2)
        }
        return model
    }

    struct Judgements: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every case judgement, as case_id,question,answer (yes, no or n/a).")
        @OptionGroup var options: Options

        func run() async throws {
            let id = try options.inspectionID()
            let text = try await withCommandApplication { app in
                _ = try await ExportCommand.existing(id, options, on: app)
                let rows = try await ExportData.judgements(inspection: id, on: app.db)
                return "case_id,question,answer\n" + rows.map { "\(CSVField.quoted($0.caseReference)),\($0.question),\($0.answer)\n" }.joined()
            }
            try options.write(text)
        }
    }

    struct Organisational: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The organisational standards' ratings, as standard,rating.")
        @OptionGroup var options: Options

        func run() async throws {
            let id = try options.inspectionID()
            let text = try await withCommandApplication { app in
                _ = try await ExportCommand.existing(id, options, on: app)
                let ratings = try await InspectionData.organisationalRatings(inspection: id, on: app.db)
                return "standard,rating\n" + ratings.sorted { $0.key < $1.key }.map { "\($0.key.rawValue),\($0.value.slug)\n" }.joined()
            }
            try options.write(text)
        }
    }
}
