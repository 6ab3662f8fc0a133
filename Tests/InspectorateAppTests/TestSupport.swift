import Foundation
import InspectorateApp
import Testing
import Vapor

/// The databases every app test runs against: SQLite in memory always, and PostgreSQL when the
/// test script provides one. In CI PostgreSQL is required (see `PostgresIsConfiguredInCI`).
enum TestDatabases {
    static let postgresURL: String? = {
        let url = ProcessInfo.processInfo.environment["INSPECTORATE_TEST_POSTGRES_URL"]
        return url?.isEmpty == false ? url : nil
    }()

    static var all: [AppConfiguration.Database] {
        [.sqliteInMemory] + (postgresURL.map { [.postgres(url: $0)] } ?? [])
    }
}

@Suite("Test environment")
struct TestEnvironmentTests {
    /// A suite that quietly skipped PostgreSQL would hide half the support matrix.
    @Test("PostgreSQL is configured when running in CI")
    func postgresIsConfiguredInCI() {
        let inCI = ProcessInfo.processInfo.environment["CI"] == "true"
        #expect(!inCI || TestDatabases.postgresURL != nil, "CI=true but INSPECTORATE_TEST_POSTGRES_URL is not set: run the tests with scripts/test")
    }
}

/// Runs the built `inspectorate` executable, as another program would.
enum Executable {
    static var url: URL {
        if let override = ProcessInfo.processInfo.environment["INSPECTORATE_BINARY"] { return URL(fileURLWithPath: override) }
        // The test bundle lives in the same build folder as the executable.
        return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("inspectorate")
    }

    static func run(_ arguments: [String], environment: [String: String] = [:]) throws -> CommandOutcome {
        // Output goes to files rather than pipes, so a large output can never stall the child.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("inspectorate-run-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("out"), errURL = directory.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return CommandOutcome(
            exitCode: process.terminationStatus,
            standardOutput: try String(contentsOf: outURL, encoding: .utf8),
            standardError: try String(contentsOf: errURL, encoding: .utf8))
    }
}

/// A scratch directory for a test's files, removed afterwards.
struct ScratchDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("inspectorate-test-\(UUID())")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let file = url.appendingPathComponent(name)
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file.path
    }

    func remove() { try? FileManager.default.removeItem(at: url) }
}

/// Builds the production application with `database`, runs `body`, and always shuts it down once.
func withApp(
    _ database: AppConfiguration.Database, _ body: (Application) async throws -> Void
) async throws {
    let app = try await buildApplication(AppConfiguration(database: database), environment: .testing)
    do {
        try await body(app)
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}
