import Fluent
import SQLKit
import Vapor

/// Every route the application serves, in one place.
func routes(_ app: Application) throws {
    app.get("health", use: health)
}

struct HealthStatus: Content {
    let status: String
}

/// For load balancers and monitors: `{"status":"ok"}` when the app can reach its database,
/// 503 `{"status":"unavailable"}` when it cannot.
@Sendable
func health(_ request: Request) async throws -> Response {
    do {
        guard let sql = request.db as? any SQLDatabase else { throw Abort(.internalServerError) }
        try await sql.raw("SELECT 1").run()
        return try await HealthStatus(status: "ok").encodeResponse(for: request)
    } catch {
        request.logger.error("Health check failed to reach the database: \(String(reflecting: error))")
        let response = try await HealthStatus(status: "unavailable").encodeResponse(for: request)
        response.status = .serviceUnavailable
        return response
    }
}
