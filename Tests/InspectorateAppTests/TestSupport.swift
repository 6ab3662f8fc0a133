import Foundation
import InspectorateApp
import SQLKit
import Testing
import Vapor
import VaporTesting

/// The databases every app test runs against: SQLite in memory always, and PostgreSQL when the
/// test script provides one. In CI PostgreSQL is required (see `TestEnvironmentTests`).
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

/// Builds the production application on `database`, runs `body`, and always shuts it down once.
/// On PostgreSQL each call gets a schema of its own, dropped afterwards, so tests never share rows.
func withApp(_ database: AppConfiguration.Database, _ body: (Application) async throws -> Void) async throws {
    var configuration = AppConfiguration.testing(database)
    var schema: String?
    if case .postgres = database {
        schema = "test_\(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16))"
        try await withApp(AppConfiguration(database: database, autoMigrate: false)) { admin in
            try await (admin.db as! any SQLDatabase).raw("CREATE SCHEMA \(unsafeRaw: schema!)").run()
        }
        configuration.postgresSchema = schema
    }
    do {
        try await withApp(configuration, body)
    } catch {
        if let schema { try? await dropSchema(schema, database) }
        throw error
    }
    if let schema { try await dropSchema(schema, database) }
}

private func dropSchema(_ schema: String, _ database: AppConfiguration.Database) async throws {
    try await withApp(AppConfiguration(database: database, autoMigrate: false)) { admin in
        try await (admin.db as! any SQLDatabase).raw("DROP SCHEMA \(unsafeRaw: schema) CASCADE").run()
    }
}

func withApp(_ configuration: AppConfiguration, _ body: (Application) async throws -> Void) async throws {
    let app = try await buildApplication(configuration, environment: .testing)
    app.logger.logLevel = .warning
    do {
        try await body(app)
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    try await app.asyncShutdown()
}

/// Runs the built `inspectorate` executable, as another program would.
enum Executable {
    static var url: URL {
        if let override = ProcessInfo.processInfo.environment["INSPECTORATE_BINARY"] { return URL(fileURLWithPath: override) }
        // The test bundle lives in the same build folder as the executable.
        return URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("inspectorate")
    }

    static func run(_ arguments: [String], environment: [String: String] = [:], input: String? = nil) throws -> CommandOutcome {
        // Output goes to files rather than pipes, so a large output can never stall the child.
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("inspectorate-run-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let outURL = directory.appendingPathComponent("out"), errURL = directory.appendingPathComponent("err")
        let inURL = directory.appendingPathComponent("in")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        FileManager.default.createFile(atPath: inURL.path, contents: Data((input ?? "").utf8))
        let process = Process()
        process.executableURL = url
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        process.standardInput = input == nil ? FileHandle.nullDevice : try FileHandle(forReadingFrom: inURL)
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

/// A user's browser against the in-memory server: keeps the session cookie and the form token,
/// and follows nothing automatically, so tests see every status.
final class Browser: @unchecked Sendable {
    struct Page {
        let status: HTTPStatus
        let headers: HTTPHeaders
        let body: String

        var location: String? { headers.first(name: .location) }

        /// The value of a hidden or text input, e.g. `version-2.1.1`.
        func inputValue(_ name: String) -> String? {
            guard let range = body.range(of: "name=\"\(name)\"") else { return nil }
            let after = body[range.upperBound...]
            guard let value = after.range(of: "value=\""), let end = after[value.upperBound...].firstIndex(of: "\"") else { return nil }
            return String(after[value.upperBound..<end])
        }
    }

    let app: Application
    var cookies: [String: String] = [:]
    var csrf: String?

    init(_ app: Application) { self.app = app }

    @discardableResult
    func request(_ method: HTTPMethod, _ path: String, headers extra: HTTPHeaders = [:], body: ByteBuffer? = nil) async throws -> Page {
        var headers = extra
        if !cookies.isEmpty { headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")) }
        let request = TestingHTTPRequest(method: method, url: URI(string: path), headers: headers, body: body ?? ByteBuffer())
        let response = try await app.testing().performTest(request: request)
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            if pair.count == 2 { cookies[String(pair[0])] = String(pair[1]) }
        }
        let text = String(buffer: response.body)
        if let range = text.range(of: "name=\"csrf\" value=\""), let end = text[range.upperBound...].firstIndex(of: "\"") {
            csrf = String(text[range.upperBound..<end])
        }
        return Page(status: response.status, headers: response.headers, body: text)
    }

    @discardableResult
    func get(_ path: String, accept: String? = nil) async throws -> Page {
        var headers = HTTPHeaders()
        if let accept { headers.add(name: .accept, value: accept) }
        return try await request(.GET, path, headers: headers)
    }

    /// Posts a form with the current token (unless `csrf` overrides it).
    @discardableResult
    /// `forwardedFor` sends the request as if through a proxy that added that `X-Forwarded-For`.
    func post(
        _ path: String, _ fields: [(String, String)], csrf override: String? = nil, accept: String? = nil, forwardedFor: String? = nil
    ) async throws -> Page {
        let all = [("csrf", override ?? csrf ?? "")] + fields
        let encoded = all.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        var headers = HTTPHeaders([("Content-Type", "application/x-www-form-urlencoded")])
        if let accept { headers.add(name: .accept, value: accept) }
        if let forwardedFor { headers.add(name: .xForwardedFor, value: forwardedFor) }
        return try await request(.POST, path, headers: headers, body: ByteBuffer(string: encoded))
    }

    @discardableResult
    func upload(_ path: String, filename: String, content: String) async throws -> Page {
        try await upload(path, filename: filename, bytes: Array(content.utf8))
    }

    /// Uploads raw bytes, so files that are not UTF-8 arrive exactly as written.
    @discardableResult
    func upload(_ path: String, filename: String, bytes: [UInt8]) async throws -> Page {
        try await postMultipart(path, files: [("file", filename, bytes)])
    }

    /// Posts a form with files, as a browser does, with the current token first; a file with no
    /// name and no bytes is what a browser sends for a file input left empty.
    @discardableResult
    func postMultipart(_ path: String, fields: [(String, String)] = [], files: [(field: String, filename: String, bytes: [UInt8])]) async throws -> Page {
        let boundary = "----inspectorate\(UUID().uuidString)"
        var body = ByteBuffer()
        for (name, value) in [("csrf", csrf ?? "")] + fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        for file in files {
            body.writeString(
                "--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.filename)\"\r\nContent-Type: text/csv\r\n\r\n")
            body.writeBytes(file.bytes)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        return try await request(.POST, path, headers: ["Content-Type": "multipart/form-data; boundary=\(boundary)"], body: body)
    }

    func signIn(_ email: String, password: String = Fixtures.password, forwardedFor: String? = nil) async throws -> Page {
        try await get("/login")
        return try await post("/login", [("email", email), ("password", password)], forwardedFor: forwardedFor)
    }

    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

/// A TCP port on 127.0.0.1 that nothing is listening on now: the kernel picks it. A random port
/// once collided with another test's listener, which answered slowly and failed `serve`'s test.
func freeLocalPort() throws -> Int {
    let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw POSIXError(.EMFILE) }
    defer { close(descriptor) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) == 0 && getsockname(descriptor, $0, &length) == 0 }
    }
    guard bound else { throw POSIXError(.EADDRINUSE) }
    return Int(UInt16(bigEndian: address.sin_port))
}
