import ArgumentParser
import Fluent
import Foundation
import InspectionKit
import Vapor

#if canImport(Glibc)
    import Glibc
#endif

/// The configuration from the environment, or exit 2 saying what is wrong with it.
func commandConfiguration() throws -> AppConfiguration {
    do {
        return try AppConfiguration.fromEnvironment()
    } catch {
        FileHandle.standardError.write(Data("error: \(error)\n".utf8))
        throw ArgumentParser.ExitCode(2)
    }
}

/// Builds the application for a command: the configured database, migrated.
func withCommandApplication<T>(_ body: (Application) async throws -> T) async throws -> T {
    let configuration = try commandConfiguration()
    var environment = Environment(name: "production", arguments: ["inspectorate", "--log", ProcessInfo.processInfo.environment["LOG_LEVEL"] ?? "warning"])
    try? LoggingSystem.bootstrap(from: &environment)
    let app = try await buildApplication(configuration, environment: environment)
    app.logger.logLevel = .warning
    do {
        let result = try await body(app)
        try await app.asyncShutdown()
        return result
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
}

func printError(_ message: String) {
    FileHandle.standardError.write(Data("error: \(message)\n".utf8))
}

struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "migrate", abstract: "Create or update the database's tables.")

    func run() async throws {
        try await withCommandApplication { _ in print("The database is up to date.") }
    }
}

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Seed the demo dataset into the configured database. Safe to run twice; refuses a database with real data.")

    func run() async throws {
        try await withCommandApplication { app in
            do {
                switch try await DemoSeeder.seed(app, log: { FileHandle.standardError.write(Data("\r\($0)   ".utf8)) }) {
                case .alreadySeeded:
                    print("The demo data is already in this database.")
                case .seeded(let inspections, let cases):
                    FileHandle.standardError.write(Data("\n".utf8))
                    print(
                        "Seeded \(inspections) inspections and \(cases) judged cases. Sign in as admin@demo.test, lead@demo.test, inspector@demo.test, quality@demo.test, analyst@demo.test or provider@demo.test with the password \(DemoSeeder.password)."
                    )
                }
            } catch let error as DemoSeeder.RealDataPresent {
                printError(error.description)
                throw ArgumentParser.ExitCode(2)
            }
        }
    }
}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Manage accounts.", subcommands: [Create.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an account. The password is read from standard input, or asked for twice at a terminal.")

        @ArgumentParser.Option(help: "The person's email address; they sign in with it.") var email: String
        @ArgumentParser.Option(help: "admin, lead, inspector, quality, analyst or provider.") var role: String
        @ArgumentParser.Option(help: "For provider users: the provider's code, e.g. thames-valley.") var provider: String?

        func run() async throws {
            let password: String
            if isatty(STDIN_FILENO) == 1 {
                guard let first = getpass("Password: ").map({ String(cString: $0) }), let second = getpass("Again: ").map({ String(cString: $0) }),
                    first == second
                else {
                    printError("the passwords do not match")
                    throw ArgumentParser.ExitCode(2)
                }
                password = first
            } else {
                password = readLine(strippingNewline: true) ?? ""
            }
            try await withCommandApplication { app in
                var providerID: UUID?
                if let provider {
                    guard let found = try await ProviderModel.find(code: provider, on: app.db) else {
                        printError("--provider: no provider has the code \"\(provider)\"")
                        throw ArgumentParser.ExitCode(2)
                    }
                    providerID = found.id
                }
                do {
                    let user = try await Accounts.create(
                        email: email, role: role, providerID: providerID, providerGiven: provider != nil, password: password, on: app.db, app: app)
                    print("Created \(user.email) (\(user.role.title)).")
                } catch let problems as Accounts.Problems {
                    for error in problems.errors { printError("--\(error.field): \(error.message)") }
                    throw ArgumentParser.ExitCode(2)
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the accounts.")

        func run() async throws {
            try await withCommandApplication { app in
                let users = try await UserModel.query(on: app.db).sort(\.$email).all()
                let providers = Dictionary(uniqueKeysWithValues: try await ProviderModel.query(on: app.db).all().map { ($0.id!, $0.code) })
                var table = TextTable(header: ["Email", "Role", "Provider"])
                for user in users { table.append([user.email, user.role.rawValue, user.providerID.flatMap { providers[$0] } ?? ""]) }
                print(table.render())
            }
        }
    }
}

/// A file named on the command line, whole; or exit 2 saying why it cannot be read.
func inputFile(_ path: String) throws -> [UInt8] {
    guard let bytes = FileBytes.read(path) else {
        printError("\(path): \(FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file")")
        throw ArgumentParser.ExitCode(2)
    }
    return bytes
}

struct ImportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "import", abstract: "Import provider data.", subcommands: [Caseload.self, Return.self])

    /// A quarterly data return: the same files as an inspection's, outside any inspection.
    struct Return: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record a provider's quarterly data return for monitoring. Both files are checked first; a bad file changes nothing.",
            discussion: "Only the indicator figures are kept, not the files. A second return for the same quarter replaces the first.")

        @ArgumentParser.Option(help: "The provider's code.") var provider: String
        @ArgumentParser.Option(help: "The quarter, as YYYY-Qn (for example 2024-Q1).") var period: String
        @ArgumentParser.Option(help: "The caseload CSV file.") var caseload: String
        @ArgumentParser.Option(help: "The workforce CSV file (optional).") var workforce: String?

        func run() async throws {
            guard let quarter = Quarter(parsing: period) else {
                printError("--period: \"\(period)\" is not a quarter; write it as YYYY-Qn, for example 2024-Q1")
                throw ArgumentParser.ExitCode(2)
            }
            let today = ProviderData.today
            if let problem = QuarterlyReturn.periodProblem(quarter, today: today) {
                printError("--period: \(problem)")
                throw ArgumentParser.ExitCode(2)
            }
            let files = (caseload: (try inputFile(caseload), caseload), workforce: try workforce.map { (try inputFile($0), $0) })
            try await withCommandApplication { app in
                guard let owner = try await ProviderModel.find(code: provider, on: app.db) else {
                    printError("--provider: there is no provider with the code \"\(provider)\"")
                    throw ArgumentParser.ExitCode(2)
                }
                let indicators = app.frameworks.indicators(for: owner.type)
                let read: QuarterlyReturn.Read
                do {
                    read = try QuarterlyReturn.read(
                        period: quarter, caseload: files.caseload, workforce: files.workforce, today: today, declared: indicators.filter { $0.counting != nil })
                } catch let problems as InputProblems {
                    for problem in problems.problems { printError(problem.description) }
                    throw ArgumentParser.ExitCode(2)
                }
                try await DataReturns.submit(
                    provider: owner.id!, period: quarter, read: read, by: Auditor(user: nil, ip: nil, userAgent: "inspectorate import return"), on: app.db)
                print(
                    "Recorded \(owner.name)'s return for \(quarter.title): \(read.caseloadRows) cases\(read.workforceRows.map { ", \($0) workforce rows" } ?? "")."
                )
                for indicator in indicators {
                    let figure = read.points[indicator.id].map { $0.proportion().description } ?? "not in this return"
                    print("  \(indicator.title): \(figure)")
                }
            }
        }
    }

    struct Caseload: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Import an eligible caseload CSV into an inspection, replacing any earlier upload. Every row is checked first; a bad file changes nothing.")

        @ArgumentParser.Option(help: "The inspection's id.") var inspection: String
        @ArgumentParser.Argument(help: "The caseload CSV file.") var file: String

        func run() async throws {
            guard let inspectionID = UUID(uuidString: inspection) else {
                printError("--inspection: \"\(inspection)\" is not an inspection id")
                throw ArgumentParser.ExitCode(2)
            }
            let bytes = try inputFile(file)
            try await withCommandApplication { app in
                guard let model = try await InspectionModel.find(inspectionID, on: app.db) else {
                    printError("--inspection: there is no inspection \(inspection)")
                    throw ArgumentParser.ExitCode(2)
                }
                let context = try await InspectionContext.load(model, on: app.db, frameworks: app.frameworks)
                let sampled = try await SampledCaseModel.query(on: app.db).filter(\.$inspectionID == inspectionID).count()
                if let reason = UploadsController.uploadClosedReason(context, sampled: sampled) {
                    printError(reason)
                    throw ArgumentParser.ExitCode(2)
                }
                let total = bytes.count
                let records: [EligibleCaseRecord]
                do {
                    records = try CaseloadCSV.read(
                        bytes: bytes, file: file, today: ProviderData.today, accepting: context.framework.sampledSentenceTypes
                    ) { read in
                        FileHandle.standardError.write(Data("\rChecking: \(read * 100 / max(1, total))%".utf8))
                    }
                } catch let error as InputProblems {
                    FileHandle.standardError.write(Data("\n".utf8))
                    for problem in error.problems { printError(problem.description) }
                    throw ArgumentParser.ExitCode(2)
                }
                try await ProviderData.replaceCaseload(inspection: inspectionID, with: records, on: app.db) { saved in
                    FileHandle.standardError.write(Data("\rSaving: \(saved * 100 / max(1, records.count))%   ".utf8))
                }
                FileHandle.standardError.write(Data("\n".utf8))
                print("Imported \(records.count) eligible cases into inspection \(inspectionID).")
            }
        }
    }
}
