import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import InspectionKit
import Vapor

/// Holds the validated framework catalogue for the application's lifetime.
struct FrameworkCatalogKey: StorageKey {
    typealias Value = FrameworkCatalog
}

extension Application {
    /// The frameworks loaded and validated at start-up.
    public var frameworks: FrameworkCatalog {
        get { storage[FrameworkCatalogKey.self]! }
        set { storage[FrameworkCatalogKey.self] = newValue }
    }
}

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
    app.frameworks = try FrameworkCatalog.standard()

    switch configuration.database {
    case .sqliteFile(let path):
        app.databases.use(.sqlite(.file(path)), as: .sqlite)
    case .sqliteInMemory:
        app.databases.use(.sqlite(.memory), as: .sqlite)
    case .postgres(let url):
        var postgres = try SQLPostgresConfiguration(url: url)
        postgres.searchPath = ["public"]
        app.databases.use(.postgres(configuration: postgres), as: .psql)
    }
    app.logger.notice("Database: \(configuration.database)")
    app.logger.notice("Frameworks: \(app.frameworks.frameworks.map(\.id.rawValue).joined(separator: ", "))")

    try routes(app)
}
