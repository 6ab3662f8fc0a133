import Fluent
import Foundation
import SQLKit

/// A signed-in session (see `SessionStore`). This type does every read and write of its rows.
final class SessionModel: Model, @unchecked Sendable {
    static let schema = "sessions"
    /// The SHA-256 of the session's cookie, in hex.
    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "user_id") var userID: UUID
    @Field(key: "data") var data: String
    @Field(key: "created_at") var createdAt: Date
    @Field(key: "seen_at") var seenAt: Date
    @Field(key: "address") var address: String
    @Field(key: "browser") var browser: String

    init() {}

    init(id: String, userID: UUID, data: String, createdAt: Date, seenAt: Date, address: String, browser: String) {
        self.id = id
        self.userID = userID
        self.data = data
        self.createdAt = createdAt
        self.seenAt = seenAt
        self.address = address
        self.browser = browser
    }

    func hasExpired(at now: Date, idle: TimeInterval, lifetime: TimeInterval) -> Bool {
        Self.hasExpired(createdAt: createdAt, seenAt: seenAt, at: now, idle: idle, lifetime: lifetime)
    }

    static func hasExpired(createdAt: Date, seenAt: Date, at now: Date, idle: TimeInterval, lifetime: TimeInterval) -> Bool {
        now.timeIntervalSince(seenAt) > idle || now.timeIntervalSince(createdAt) > lifetime
    }

    /// What every signed-in request reads of its session: one plain query, without Fluent's
    /// reflective decoding of the whole row (benchmarks/notes.md, L1).
    struct Current: Decodable {
        let data: String
        let createdAt: Date
        let seenAt: Date

        enum CodingKeys: String, CodingKey {
            case data
            case createdAt = "created_at"
            case seenAt = "seen_at"
        }

        func hasExpired(at now: Date, idle: TimeInterval, lifetime: TimeInterval) -> Bool {
            SessionModel.hasExpired(createdAt: createdAt, seenAt: seenAt, at: now, idle: idle, lifetime: lifetime)
        }
    }

    static func current(_ id: String, on database: any Database) async throws -> Current? {
        try await (database as! any SQLDatabase).raw("SELECT data, created_at, seen_at FROM sessions WHERE id = \(bind: id)").first(decoding: Current.self)
    }

    /// Records a use of the session.
    static func touch(_ id: String, at now: Date, on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("UPDATE sessions SET seen_at = \(bind: now) WHERE id = \(bind: id)").run()
    }

    static func delete(_ id: String, on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DELETE FROM sessions WHERE id = \(bind: id)").run()
    }

    /// Deletes every session past its idle or absolute limit.
    static func purge(olderThan now: Date, idle: TimeInterval, lifetime: TimeInterval, on database: any Database) async throws {
        try await query(on: database).group(.or) {
            $0.filter(\.$seenAt < now.addingTimeInterval(-idle)).filter(\.$createdAt < now.addingTimeInterval(-lifetime))
        }.delete()
    }

    /// A person's live sessions, most recently used first.
    static func live(for user: UUID, at now: Date, idle: TimeInterval, lifetime: TimeInterval, on database: any Database) async throws -> [SessionModel] {
        try await query(on: database).filter(\.$userID == user).sort(\.$seenAt, .descending).all()
            .filter { !$0.hasExpired(at: now, idle: idle, lifetime: lifetime) }
    }

    /// Ends one of a person's sessions; false when it is not theirs or no longer exists.
    static func end(_ id: String, of user: UUID, on database: any Database) async throws -> Bool {
        guard let row = try await find(id, on: database), row.userID == user else { return false }
        try await row.delete(on: database)
        return true
    }

    /// Ends every session of a person except `keeping`.
    static func endAll(of user: UUID, except keeping: String?, on database: any Database) async throws -> Int {
        let rows = try await query(on: database).filter(\.$userID == user).all().filter { $0.id != keeping }
        for row in rows { try await row.delete(on: database) }
        return rows.count
    }
}

/// Signed-in sessions move from Fluent's generic table to `sessions` (see `SessionStore`).
struct CreateSessions: AsyncMigration {
    func prepare(on database: any Database) async throws {
        try await database.schema(SessionModel.schema)
            .field("id", .string, .identifier(auto: false))
            .field("user_id", .uuid, .required, .references(UserModel.schema, "id", onDelete: .cascade))
            .field("data", .string, .required)
            .field("created_at", .datetime, .required)
            .field("seen_at", .datetime, .required)
            .field("address", .string, .required)
            .field("browser", .string, .required)
            .create()
        try await (database as! any SQLDatabase).create(index: "sessions_user").on(SessionModel.schema).column("user_id").run()
        try await (database as! any SQLDatabase).create(index: "sessions_seen").on(SessionModel.schema).column("seen_at").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SessionModel.schema).delete()
    }
}
