import ArgumentParser
import Foundation
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
        try bootstrapLogging(&environment)
        let configuration = try commandConfiguration()
        let app = try await buildApplication(configuration, environment: environment)
        do {
            // Returns once a SIGTERM or SIGINT arrives; the server is still accepting then.
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await Self.stop(app, grace: configuration.shutdownGrace)
    }

    /// The databases close only once nothing is using them: requests still being answered
    /// finish, imports are cancelled (rolled back and marked interrupted). Whatever is still
    /// running after `grace` is abandoned by exiting at once, as closing the databases under it
    /// would crash the process instead.
    static func stop(_ app: Application, grace: Duration) async throws {
        // First no new connections (the listening socket closes, so a restarted instance can
        // bind the port), and each open connection's current response goes out.
        app.inFlight.beginStopping()
        await app.server.shutdown()
        let running = app.inFlight.running
        if running != (0, 0) {
            app.logger.notice("Stopping: waiting for \(running.requests) requests and \(running.imports) imports to finish")
        }
        guard await app.inFlight.drain(within: grace) else {
            let left = app.inFlight.running
            app.logger.warning("Stopped after \(grace) with \(left.requests) requests and \(left.imports) imports unfinished; they are abandoned")
            Foundation.exit(0)
        }
        try await app.asyncShutdown()
        app.logger.notice("Stopped")
    }
}
