import Foundation
import InspectionKit

/// Everything that differs between one running Inspectorate and another, decided in one place.
///
/// `DATABASE_URL` means PostgreSQL (several app instances can share it); otherwise an SQLite
/// file, `SQLITE_PATH` or `inspectorate.sqlite` in the working directory, so one inspector on
/// a laptop needs no set-up. Tests use SQLite in memory.
public struct AppConfiguration: Sendable {
    public enum Database: Sendable, Equatable, CustomStringConvertible {
        case sqliteFile(path: String)
        case sqliteInMemory
        case postgres(url: String)

        public var description: String {
            switch self {
            case .sqliteFile(let path): "SQLite file \(path)"
            case .sqliteInMemory: "SQLite in memory"
            case .postgres(let url): "PostgreSQL at \(AppConfiguration.redactingPassword(url))"
            }
        }
    }

    public var database: Database
    /// bcrypt cost: 12 in production; tests lower it to keep hundreds of logins quick.
    public var passwordCost: Int
    /// Cookies marked Secure: on when PUBLIC_URL is https (TLS ends at a load balancer).
    public var secureCookies: Bool
    /// How many proxies in front of the app append to X-Forwarded-For (`TRUST_PROXY`: `true`
    /// for one, or a number); 0 trusts no forwarded address at all.
    public var trustedProxies: Int
    /// Run migrations at start-up (serve, demo, import do).
    public var autoMigrate: Bool
    /// The PostgreSQL schema to use (tests give each run its own); `public` by default.
    public var postgresSchema: String?
    /// The time zone people read times in ("today at 10:42"): `TIME_ZONE`, UK time by default.
    public var timeZone: TimeZone = TimeInWords.defaultTimeZone
    /// The browser that prints reports to PDF: `CHROMIUM_PATH`, else Chromium found on the PATH.
    public var chromiumPath: String?
    /// A signed-in session ends after this long unused (`SESSION_IDLE_MINUTES`, default 30)…
    public var sessionIdle: TimeInterval = 30 * 60
    /// …and this long after sign-in however much it is used (`SESSION_MAX_HOURS`, default 12).
    public var sessionLifetime: TimeInterval = 12 * 60 * 60
    /// Where uploads wait, on this server's disk, for their import (`UPLOAD_DIRECTORY`, default
    /// `inspectorate-uploads` in the system's temporary directory).
    public var uploadDirectory: String = AppConfiguration.defaultUploadDirectory
    /// When a move in a monitoring indicator counts as a change (`MONITORING_CONFIDENCE`, default
    /// 0.95, and `MONITORING_MINIMUM_POINTS`, default 5).
    public var changeRule: ChangeRule = .standard
    /// On SIGTERM, how long running requests and imports have to finish before the process
    /// exits without them (`SHUTDOWN_GRACE_SECONDS`, default 10).
    public var shutdownGrace: Duration = .seconds(10)

    public static var defaultUploadDirectory: String {
        URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent("inspectorate-uploads").path
    }

    public init(database: Database, passwordCost: Int = 12, secureCookies: Bool = false, trustedProxies: Int = 0, autoMigrate: Bool = true) {
        self.database = database
        self.passwordCost = passwordCost
        self.secureCookies = secureCookies
        self.trustedProxies = trustedProxies
        self.autoMigrate = autoMigrate
    }

    /// The configuration tests use: everything real, only faster password hashing.
    public static func testing(_ database: Database) -> AppConfiguration {
        AppConfiguration(database: database, passwordCost: 4)
    }

    /// A configuration problem, naming the variable at fault.
    public struct Problem: Error, CustomStringConvertible, Equatable {
        public let variable: String
        public let message: String
        public var description: String { "\(variable): \(message)" }
    }

    /// Reads the configuration from environment variables, failing fast with every problem named.
    public static func fromEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> AppConfiguration {
        var problems: [Problem] = []
        var database = Database.sqliteFile(path: "inspectorate.sqlite")
        if let url = environment["DATABASE_URL"], !url.isEmpty {
            if let components = URLComponents(string: url), ["postgres", "postgresql"].contains(components.scheme ?? ""),
                let host = components.host, !host.isEmpty
            {
                database = .postgres(url: url)
            } else {
                problems.append(
                    Problem(variable: "DATABASE_URL", message: "expected postgres://user:password@host:port/database, found \"\(redactingPassword(url))\""))
            }
            if let path = environment["SQLITE_PATH"], !path.isEmpty {
                problems.append(
                    Problem(variable: "SQLITE_PATH", message: "is set as well as DATABASE_URL; set only one, so it is clear which database holds the data"))
            }
        } else if let path = environment["SQLITE_PATH"], !path.isEmpty {
            database = .sqliteFile(path: path)
        }
        var secure = false
        if let publicURL = environment["PUBLIC_URL"], !publicURL.isEmpty {
            if let scheme = URLComponents(string: publicURL)?.scheme, ["http", "https"].contains(scheme) {
                secure = scheme == "https"
            } else {
                problems.append(Problem(variable: "PUBLIC_URL", message: "expected an http:// or https:// address, found \"\(publicURL)\""))
            }
        }
        var cost = 12
        if let text = environment["BCRYPT_COST"], !text.isEmpty {
            if let value = Int(text), (4...31).contains(value) {
                cost = value
            } else {
                problems.append(Problem(variable: "BCRYPT_COST", message: "expected a whole number from 4 to 31, found \"\(text)\""))
            }
        }
        var timeZone = TimeInWords.defaultTimeZone
        if let name = environment["TIME_ZONE"], !name.isEmpty {
            if let zone = TimeZone(identifier: name) {
                timeZone = zone
            } else {
                problems.append(Problem(variable: "TIME_ZONE", message: "expected a time zone name such as Europe/London, found \"\(name)\""))
            }
        }
        let chromium = environment["CHROMIUM_PATH"].flatMap { $0.isEmpty ? nil : $0 }
        if let chromium, !FileManager.default.isExecutableFile(atPath: chromium) {
            problems.append(Problem(variable: "CHROMIUM_PATH", message: "no program can be run at \"\(chromium)\""))
        }
        func duration(_ variable: String, unit: TimeInterval, range: ClosedRange<Int>, default value: TimeInterval) -> TimeInterval {
            guard let text = environment[variable], !text.isEmpty else { return value }
            guard let number = Int(text), range.contains(number) else {
                problems.append(
                    Problem(variable: variable, message: "expected a whole number from \(range.lowerBound) to \(range.upperBound), found \"\(text)\""))
                return value
            }
            return TimeInterval(number) * unit
        }
        let idle = duration("SESSION_IDLE_MINUTES", unit: 60, range: 1...1_440, default: 30 * 60)
        let lifetime = duration("SESSION_MAX_HOURS", unit: 3_600, range: 1...720, default: 12 * 3_600)
        var proxies = 0
        if let text = environment["TRUST_PROXY"]?.lowercased(), !text.isEmpty {
            if ["true", "yes"].contains(text) {
                proxies = 1
            } else if let count = Int(text), (0...10).contains(count) {
                proxies = count
            } else if !["false", "no"].contains(text) {
                problems.append(
                    Problem(variable: "TRUST_PROXY", message: "expected true, false or the number of proxies in front of the app (0 to 10), found \"\(text)\""))
            }
        }
        var confidence = ChangeRule.standard.confidence
        if let text = environment["MONITORING_CONFIDENCE"], !text.isEmpty {
            if let value = Double(text), let level = ConfidenceLevel(value), value >= 0.5 {
                confidence = level
            } else {
                problems.append(
                    Problem(variable: "MONITORING_CONFIDENCE", message: "expected a confidence from 0.5 to below 1, such as 0.95, found \"\(text)\""))
            }
        }
        var minimumPoints = ChangeRule.standard.minimumPoints
        if let text = environment["MONITORING_MINIMUM_POINTS"], !text.isEmpty {
            if let value = Double(text), value.isFinite, (0...100).contains(value) {
                minimumPoints = value
            } else {
                problems.append(
                    Problem(variable: "MONITORING_MINIMUM_POINTS", message: "expected percentage points from 0 to 100, such as 5, found \"\(text)\""))
            }
        }
        var grace = 10
        if let text = environment["SHUTDOWN_GRACE_SECONDS"], !text.isEmpty {
            if let value = Int(text), (1...600).contains(value) {
                grace = value
            } else {
                problems.append(Problem(variable: "SHUTDOWN_GRACE_SECONDS", message: "expected whole seconds from 1 to 600, such as 10, found \"\(text)\""))
            }
        }
        guard problems.isEmpty else { throw ConfigurationError(problems: problems) }
        var configuration = AppConfiguration(
            database: database, passwordCost: cost, secureCookies: secure, trustedProxies: proxies)
        configuration.timeZone = timeZone
        configuration.chromiumPath = chromium
        configuration.sessionIdle = idle
        configuration.sessionLifetime = lifetime
        if let directory = environment["UPLOAD_DIRECTORY"], !directory.isEmpty { configuration.uploadDirectory = directory }
        configuration.changeRule = ChangeRule(confidence: confidence, minimumPoints: minimumPoints)
        configuration.shutdownGrace = .seconds(grace)
        return configuration
    }

    /// Hides a password in a connection URL before it is logged or shown.
    static func redactingPassword(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? url
    }
}

/// Every configuration problem found at start-up.
public struct ConfigurationError: Error, CustomStringConvertible {
    public let problems: [AppConfiguration.Problem]
    public var description: String {
        "Inspectorate cannot start; fix its configuration:\n" + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}
