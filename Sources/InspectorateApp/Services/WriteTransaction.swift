import Fluent
import SQLKit

extension Database {
    /// A transaction for work that reads and then writes, safe under concurrent requests.
    ///
    /// On SQLite it begins with `BEGIN IMMEDIATE`, taking the write lock before the first read
    /// (waiting for it as busy_timeout allows). Fluent's ordinary transaction is deferred: when
    /// another connection commits between its first read and its first write, SQLite refuses the
    /// write with SQLITE_BUSY_SNAPSHOT, which no amount of waiting resolves. PostgreSQL's
    /// ordinary transaction is right as it is.
    func writeTransaction<T: Sendable>(_ work: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard let sql = self as? any SQLDatabase, sql.dialect.name == "sqlite", !inTransaction else {
            return try await transaction(work)
        }
        return try await withConnection { connection in
            let statements = connection as! any SQLDatabase
            try await statements.raw("BEGIN IMMEDIATE").run()
            do {
                let result = try await work(connection)
                try await statements.raw("COMMIT").run()
                return result
            } catch {
                try? await statements.raw("ROLLBACK").run()
                throw error
            }
        }
    }
}
