import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import InspectionKit
import Vapor

extension Application {
    private struct FrameworksKey: StorageKey { typealias Value = FrameworkCatalog }
    private struct SurveysKey: StorageKey { typealias Value = SurveyCatalog }
    private struct SettingsKey: StorageKey { typealias Value = AppConfiguration }
    private struct DemoKey: StorageKey { typealias Value = Bool }
    private struct PrinterKey: StorageKey { typealias Value = PDFPrinter }

    /// The frameworks loaded and validated at start-up.
    public var frameworks: FrameworkCatalog {
        get { storage[FrameworksKey.self]! }
        set { storage[FrameworksKey.self] = newValue }
    }

    /// The survey files loaded and checked at start-up.
    public var surveys: SurveyCatalog {
        get { storage[SurveysKey.self]! }
        set { storage[SurveysKey.self] = newValue }
    }

    var configuration: AppConfiguration {
        get { storage[SettingsKey.self]! }
        set { storage[SettingsKey.self] = newValue }
    }

    var trustedProxies: Int { configuration.trustedProxies }

    /// Prints published reports to PDF; set up with the configuration.
    var pdfPrinter: PDFPrinter {
        get { storage[PrinterKey.self]! }
        set { storage[PrinterKey.self] = newValue }
    }

    /// Receives uploads to the configured directory.
    var uploadReceiver: UploadReceiver {
        UploadReceiver(directory: configuration.uploadDirectory, limit: BodyLimits.upload, deadline: BodyLimits.uploadSeconds)
    }

    /// Times as people read them, in the configured time zone.
    var timeInWords: TimeInWords { TimeInWords(timeZone: configuration.timeZone) }

    /// Whether this database holds the demo dataset (shown as a banner on every page). Read once
    /// per process: the demo is seeded before serving, never into a database already in use.
    func isDemo(on database: Database) async -> Bool {
        if let known = storage[DemoKey.self] { return known }
        do {
            let demo = try await SettingModel.find("demo", on: database)?.value == "true"
            storage[DemoKey.self] = demo
            return demo
        } catch {
            return false  // the database is unreachable: ask again next time
        }
    }

    func hashPassword(_ password: String) throws -> String {
        try Bcrypt.hash(password, cost: configuration.passwordCost)
    }
}

/// Seconds a connection may sit with nothing read or written before the server closes it.
let idleConnectionSeconds = 30

/// Builds the application exactly as production runs it; tests call this too, changing only
/// the configuration, so they exercise the real routes, middleware and database set-up.
public func buildApplication(
    _ configuration: AppConfiguration, environment: Environment = .development
) async throws -> Application {
    let app = try await Application.make(environment)
    do {
        try await configure(app, configuration)
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
    return app
}

func configure(_ app: Application, _ configuration: AppConfiguration) async throws {
    app.configuration = configuration
    app.pdfPrinter = PDFPrinter(browser: PDFPrinter.locate(configured: configuration.chromiumPath))
    app.frameworks = try FrameworkCatalog.standard()
    app.surveys = try SurveyCatalog.bundled()
    _ = app.publishedReports  // created here, before requests can race to create it

    switch configuration.database {
    case .sqliteFile(let path):
        app.databases.use(.sqlite(.file(path), sqlLogLevel: .trace), as: .sqlite)
    case .sqliteInMemory:
        app.databases.use(.sqlite(.memory, sqlLogLevel: .trace), as: .sqlite)
    case .postgres(let url):
        var postgres = try SQLPostgresConfiguration(url: url)
        postgres.searchPath = [configuration.postgresSchema ?? "public"]
        app.databases.use(.postgres(configuration: postgres, sqlLogLevel: .trace), as: .psql)
    }
    app.logger.notice("Database: \(configuration.database)")
    app.logger.notice("Frameworks: \(app.frameworks.frameworks.map(\.id.rawValue).joined(separator: ", "))")

    addMigrations(to: app.migrations)
    if case .sqliteFile = configuration.database {
        // Readers do not block the writer, and a crash loses nothing acknowledged.
        try await (app.db as! any SQLDatabase).raw("PRAGMA journal_mode=WAL").run()
        try await (app.db as! any SQLDatabase).raw("PRAGMA synchronous=FULL").run()
    }
    if configuration.autoMigrate { try await app.autoMigrate() }

    let store = SessionStore(idle: configuration.sessionIdle, lifetime: configuration.sessionLifetime)
    app.sessions.use { _ in store }
    app.sessions.configuration.cookieName = "inspectorate-session"
    let secure = configuration.secureCookies
    app.sessions.configuration.cookieFactory = { sessionID in
        HTTPCookies.Value(
            // Max-Age rather than Expires: the same life, without formatting a date on every
            // response (a DateFormatter per response was 6% of the case page's profile).
            string: sessionID.string, expires: nil, maxAge: Int(configuration.sessionLifetime), domain: nil, path: "/",
            isSecure: secure, isHTTPOnly: true, sameSite: .lax)
    }
    // A connection that neither sends nor receives for this long is closed, so slow or stalled
    // clients cannot hold connections open for ever (the PDF printer stops well before).
    app.http.server.configuration.idleTimeout = .seconds(Int64(idleConnectionSeconds))
    app.middleware = Middlewares()
    app.middleware.use(InFlightMiddleware(work: app.inFlight))
    app.middleware.use(RequestLogMiddleware(trustedProxies: configuration.trustedProxies))
    app.middleware.use(SecurityHeadersMiddleware(strictTransportSecurity: configuration.secureCookies))
    app.middleware.use(PageErrorMiddleware())
    app.middleware.use(app.sessions.middleware)
    app.middleware.use(UserModel.sessionAuthenticator())
    app.middleware.use(SessionCurrencyMiddleware())
    app.middleware.use(CSRFMiddleware())
    app.routes.defaultMaxBodySize = ByteCount(value: BodyLimits.form)

    try routes(app)
    ImportRunner.recoverInterrupted(app)
    UploadReceiver.removeAbandoned(in: configuration.uploadDirectory, logger: app.logger)
}
