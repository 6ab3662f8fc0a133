import Foundation
import Testing
import Vapor
import VaporTesting

@testable import InspectorateApp

@Suite("Health endpoint")
struct HealthTests {
    @Test("GET /health returns {\"status\":\"ok\"} on each database", arguments: TestDatabases.all)
    func healthy(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            // MUT
            try await app.testing().test(.GET, "health") { response async throws in
                // validation
                #expect(response.status == .ok)
                #expect(response.headers.contentType == .json)
                let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: String]
                #expect(body == ["status": "ok"])
            }
        }
    }

    @Test("GET /health answers 503 when the database cannot be reached")
    func unreachableDatabase() async throws {
        // setup: nothing listens on port 1
        let configuration = AppConfiguration(database: .postgres(url: "postgres://nobody@127.0.0.1:1/none?sslmode=disable"), autoMigrate: false)
        try await withApp(configuration) { app in
            // MUT
            try await app.testing().test(.GET, "health") { response async throws in
                // validation
                #expect(response.status == .serviceUnavailable)
                let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: String]
                #expect(body == ["status": "unavailable"])
            }
        }
    }
}

@Suite("Readiness endpoint")
struct ReadinessTests {
    static func body(_ response: TestingHTTPResponse) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as! [String: Any]
    }

    @Test("GET /ready is 200 with every check passed, on each database", arguments: TestDatabases.all)
    func ready(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            try await app.testing().test(.GET, "ready") { response async throws in
                #expect(response.status == .ok)
                let body = try Self.body(response)
                #expect(body["status"] as? String == "ready")
                let checks = body["checks"] as? [String: String]
                #expect(checks?["database"] == "ok" && checks?["migrations"] == "applied" && checks?["instance"] == "running")
                #expect(checks?["frameworks"]?.hasSuffix("loaded") == true)
            }
        }
    }

    @Test("GET /ready is 503 while migrations are missing, and once the instance starts stopping")
    func notReady() async throws {
        var configuration = AppConfiguration(database: .sqliteInMemory, autoMigrate: false)
        configuration.passwordCost = 4
        try await withApp(configuration) { app in
            try await app.testing().test(.GET, "ready") { response async throws in
                #expect(response.status == .serviceUnavailable)
                let checks = try Self.body(response)["checks"] as? [String: String]
                #expect(checks?["database"] == "ok" && checks?["migrations"] == "none applied")
            }
            try await app.autoMigrate()
            try await app.testing().test(.GET, "ready") { response async throws in #expect(response.status == .ok) }
            app.inFlight.beginStopping()
            try await app.testing().test(.GET, "ready") { response async throws in
                #expect(response.status == .serviceUnavailable)
                #expect((try Self.body(response)["checks"] as? [String: String])?["instance"] == "stopping")
            }
        }
    }

    @Test("a stopping instance waits for running work, and says when it ran out of time")
    func drain() async throws {
        let work = InFlightWork()
        work.enterRequest()
        let finished = Task { await work.drain(within: .seconds(5)) }
        try await Task.sleep(for: .milliseconds(100))
        #expect(work.isStopping && work.running == (1, 0))
        work.leaveRequest()
        #expect(await finished.value)
        // An import is cancelled, and waited for until it has wound up.
        let stuck = InFlightWork()
        stuck.startImport(UUID()) {
            while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(5)) }
        }
        #expect(await stuck.drain(within: .seconds(5)) && stuck.running == (0, 0))
        // A request that never ends: the grace runs out.
        let hung = InFlightWork()
        hung.enterRequest()
        #expect(await hung.drain(within: .milliseconds(200)) == false)
    }
}

@Suite("Configuration")
struct ConfigurationTests {
    @Test("SQLite file by default")
    func defaultIsSQLite() throws {
        #expect(try AppConfiguration.fromEnvironment([:]).database == .sqliteFile(path: "inspectorate.sqlite"))
        #expect(try AppConfiguration.fromEnvironment(["SQLITE_PATH": "/tmp/x.sqlite"]).database == .sqliteFile(path: "/tmp/x.sqlite"))
    }

    @Test("DATABASE_URL selects PostgreSQL")
    func postgres() throws {
        let url = "postgres://inspector:secret@db.internal:5432/inspectorate"
        let configuration = try AppConfiguration.fromEnvironment(["DATABASE_URL": url])
        #expect(configuration.database == .postgres(url: url))
        #expect(!configuration.database.description.contains("secret"))
    }

    @Test("bad configuration fails fast, naming every variable at fault")
    func badConfiguration() {
        let error = #expect(throws: ConfigurationError.self) {
            try AppConfiguration.fromEnvironment(["DATABASE_URL": "mysql://nope", "SQLITE_PATH": "also.sqlite", "CHROMIUM_PATH": "/no/such/chromium"])
        }
        #expect(error?.problems.map(\.variable) == ["DATABASE_URL", "SQLITE_PATH", "CHROMIUM_PATH"])
        #expect(error?.description.contains("expected postgres://") == true)
    }

    @Test("the monitoring change rule is 95% and 5 points unless set, and a bad setting is refused")
    func changeRule() throws {
        #expect(try AppConfiguration.fromEnvironment([:]).changeRule == .standard)
        let set = try AppConfiguration.fromEnvironment(["MONITORING_CONFIDENCE": "0.9", "MONITORING_MINIMUM_POINTS": "2.5"]).changeRule
        #expect(set.confidence.value == 0.9 && set.minimumPoints == 2.5)
        let error = #expect(throws: ConfigurationError.self) {
            try AppConfiguration.fromEnvironment(["MONITORING_CONFIDENCE": "95", "MONITORING_MINIMUM_POINTS": "-1"])
        }
        #expect(error?.problems.map(\.variable) == ["MONITORING_CONFIDENCE", "MONITORING_MINIMUM_POINTS"])
        #expect(throws: ConfigurationError.self) { try AppConfiguration.fromEnvironment(["MONITORING_CONFIDENCE": "0.3"]) }
    }
}
