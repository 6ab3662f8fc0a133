import Crypto
import Fluent
import Foundation
import SQLKit
import Vapor

/// Where sessions live, and how long they last.
///
/// - A signed-in session is a row in `sessions`, keyed by the SHA-256 of its cookie (a copy of
///   the table gives no one a working cookie), with its person, when it began and was last used,
///   and from where. It ends after `idle` without use or `lifetime` after sign-in, whichever is
///   first; rows past either are deleted on each sign-in.
/// - A visitor who is not signed in (the sign-in page's form token, a flash message) has no row
///   at all: their few values travel in the cookie itself, signed with the key in `settings`, so
///   anonymous visits cannot fill the table.
///
/// Every instance behind a load balancer reads the same rows and the same key.
struct SessionStore: AsyncSessionDriver {
    static let userKey = "_UserModelSession"
    static let anonymousPrefix = "a."
    /// A row's last use is written at most this often, not on every request.
    static let seenGranularity: TimeInterval = 60

    let idle: TimeInterval
    let lifetime: TimeInterval
    let signingKey = SigningKey()

    func createSession(_ data: SessionData, for request: Request) async throws -> SessionID {
        guard let user = Self.user(in: data) else { return try await anonymous(data, for: request) }
        let token = "s." + [UInt8].random(count: 32).base64URLEncoded
        let now = Date()
        try await SessionModel.purge(olderThan: now, idle: idle, lifetime: lifetime, on: request.db)
        try await SessionModel(
            id: Self.digest(token), userID: user, data: try Self.encode(data), createdAt: now, seenAt: now,
            address: request.clientAddress, browser: String((request.headers.first(name: .userAgent) ?? "").prefix(300))
        ).create(on: request.db)
        return SessionID(string: token)
    }

    func readSession(_ sessionID: SessionID, for request: Request) async throws -> SessionData? {
        if sessionID.string.hasPrefix(Self.anonymousPrefix) { return try await readAnonymous(sessionID.string, for: request) }
        let id = Self.digest(sessionID.string)
        guard let row = try await SessionModel.current(id, on: request.db) else { return nil }
        let now = Date()
        if row.hasExpired(at: now, idle: idle, lifetime: lifetime) {
            try await SessionModel.delete(id, on: request.db)
            return nil
        }
        if now.timeIntervalSince(row.seenAt) > Self.seenGranularity { try await SessionModel.touch(id, at: now, on: request.db) }
        request.storage[LoadedKey.self] = row.data
        return try Self.decode(row.data)
    }

    func updateSession(_ sessionID: SessionID, to data: SessionData, for request: Request) async throws -> SessionID {
        if sessionID.string.hasPrefix(Self.anonymousPrefix) {
            return Self.user(in: data) == nil ? try await anonymous(data, for: request) : try await createSession(data, for: request)
        }
        let encoded = try Self.encode(data)
        if request.storage[LoadedKey.self] == encoded { return sessionID }  // nothing changed: no write
        guard Self.user(in: data) != nil else {
            // Signed out (or ended) in this request: the row goes, the visitor stays anonymous.
            try await SessionModel.delete(Self.digest(sessionID.string), on: request.db)
            return try await anonymous(data, for: request)
        }
        guard let row = try await SessionModel.find(Self.digest(sessionID.string), on: request.db) else {
            return try await createSession(data, for: request)
        }
        row.data = encoded
        row.userID = Self.user(in: data)!
        try await row.save(on: request.db)
        return sessionID
    }

    func deleteSession(_ sessionID: SessionID, for request: Request) async throws {
        guard !sessionID.string.hasPrefix(Self.anonymousPrefix) else { return }
        try await SessionModel.delete(Self.digest(sessionID.string), on: request.db)
    }

    // MARK: - Anonymous sessions, carried in the cookie

    private func anonymous(_ data: SessionData, for request: Request) async throws -> SessionID {
        let key = try await signingKey.value(on: request.db)
        var values = data.snapshot
        values["iat"] = String(Int(Date().timeIntervalSince1970))
        let payload = [UInt8]((try? JSONEncoder().encode(values)) ?? Data()).base64URLEncoded
        let mac = [UInt8](HMAC<SHA256>.authenticationCode(for: Data(payload.utf8), using: key)).base64URLEncoded
        return SessionID(string: Self.anonymousPrefix + payload + "." + mac)
    }

    private func readAnonymous(_ cookie: String, for request: Request) async throws -> SessionData? {
        let key = try await signingKey.value(on: request.db)
        let parts = cookie.dropFirst(Self.anonymousPrefix.count).split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, let mac = Data(base64URLEncoded: String(parts[1])),
            HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: Data(parts[0].utf8), using: key),
            let payload = Data(base64URLEncoded: String(parts[0])), var values = try? JSONDecoder().decode([String: String].self, from: payload),
            let issued = values.removeValue(forKey: "iat").flatMap(Double.init), Date().timeIntervalSince1970 - issued < lifetime,
            values[Self.userKey] == nil
        else { return nil }
        return SessionData(initialData: values)
    }

    // MARK: - Helpers

    private struct LoadedKey: StorageKey { typealias Value = String }

    static func user(in data: SessionData) -> UUID? { data[userKey].flatMap(UUID.init(uuidString:)) }

    static func digest(_ token: String) -> String { token.sha256Hex }

    static func encode(_ data: SessionData) throws -> String {
        let sorted = JSONEncoder()
        sorted.outputFormatting = .sortedKeys
        return String(decoding: try sorted.encode(data.snapshot), as: UTF8.self)
    }

    static func decode(_ text: String) throws -> SessionData {
        SessionData(initialData: try JSONDecoder().decode([String: String].self, from: Data(text.utf8)))
    }

    /// The key that signs anonymous sessions: made once, kept in `settings`, shared by every
    /// instance, and read once per process.
    final class SigningKey: @unchecked Sendable {
        private let lock = NSLock()
        private var key: SymmetricKey?

        func value(on database: any Database) async throws -> SymmetricKey {
            if let key = lock.withLock({ key }) { return key }
            let loaded = try await SessionStore.loadSigningKey(on: database)
            lock.withLock { key = loaded }
            return loaded
        }
    }

    static func loadSigningKey(on database: any Database) async throws -> SymmetricKey {
        if let stored = try await SettingModel.find("session-signing-key", on: database), let bytes = Data(base64URLEncoded: stored.value) {
            return SymmetricKey(data: bytes)
        }
        let made = [UInt8].random(count: 32).base64URLEncoded
        try? await SettingModel(key: "session-signing-key", value: made).create(on: database)  // another instance may have won
        guard let stored = try await SettingModel.find("session-signing-key", on: database), let bytes = Data(base64URLEncoded: stored.value) else {
            throw Abort(.internalServerError, reason: "The session signing key could not be stored.")
        }
        return SymmetricKey(data: bytes)
    }
}

extension Data {
    init?(base64URLEncoded text: String) {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        self.init(base64Encoded: base64)
    }
}
