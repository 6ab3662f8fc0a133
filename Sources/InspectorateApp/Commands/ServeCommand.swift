import ArgumentParser
import Vapor

struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the web application. DATABASE_URL selects PostgreSQL; otherwise SQLite (SQLITE_PATH, default inspectorate.sqlite).")

    @ArgumentParser.Option(help: "The address to listen on.") var hostname: String = "127.0.0.1"
    @ArgumentParser.Option(help: "The port to listen on.") var port: Int = 8080
    @ArgumentParser.Option(help: "development, testing or production.") var env: String = "development"

    func run() async throws {
        // Vapor's own serve command does the listening and the signal handling.
        var environment = Environment(
            name: env, arguments: ["inspectorate", "serve", "--hostname", hostname, "--port", String(port)])
        try LoggingSystem.bootstrap(from: &environment)
        let configuration = try commandConfiguration()
        let app = try await buildApplication(configuration, environment: environment)
        do {
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
