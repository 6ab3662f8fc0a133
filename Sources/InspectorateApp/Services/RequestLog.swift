import Foundation
import Logging
import Vapor

/// One log line per request, written when its answer is ready: method, escaped path, route
/// pattern, status, duration and the signed-in user's id (never an email, session or token).
/// Every answer carries the request's id in `X-Request-Id`, the same id its log lines carry.
struct RequestLogMiddleware: AsyncMiddleware {
    /// Proxies in front of the app (`TRUST_PROXY`); only then is an incoming id kept.
    let trustedProxies: Int

    /// The incoming id when a trusted proxy sent a plain one; otherwise a fresh one, so a client
    /// can neither choose the id its lines are filed under nor put odd characters in the log.
    static func requestID(incoming: String?, trustedProxies: Int) -> String {
        if trustedProxies > 0, let incoming, (1...64).contains(incoming.utf8.count),
            incoming.utf8.allSatisfy({ $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: ".") })
        {
            return incoming
        }
        return UUID().uuidString
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let started = ContinuousClock.now
        let id = Self.requestID(incoming: request.headers.first(name: .xRequestId), trustedProxies: trustedProxies)
        request.logger[metadataKey: "request-id"] = .string(id)
        func finish(_ status: HTTPResponseStatus) {
            let elapsed = ContinuousClock.now - started
            let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
            var metadata: Logger.Metadata = [
                "method": .string(request.method.rawValue), "status": .stringConvertible(status.code),
                "duration_ms": .string(String(format: "%.1f", milliseconds)),
            ]
            // The pattern, never the path: `/inspections/:inspection`, not anyone's ids.
            if let route = request.route { metadata["route"] = .string("/" + route.path.map(\.description).joined(separator: "/")) }
            if let user = request.user?.id { metadata["user_id"] = .string(user.uuidString) }
            request.logger.info("\(request.method) \(LogText.escaped(request.url.path)) \(status.code)", metadata: metadata)
        }
        do {
            let response = try await next.respond(to: request)
            response.headers.replaceOrAdd(name: .xRequestId, value: id)
            finish(response.status)
            return response
        } catch {
            finish((error as? any AbortError)?.status ?? .internalServerError)
            throw error
        }
    }
}

extension UInt8 {
    fileprivate var isASCIIAlphanumeric: Bool { (48...57).contains(self) || (65...90).contains(self) || (97...122).contains(self) }
}

/// `LOG_FORMAT=json`: one JSON object per line, for a log store to search. The keys are `time`,
/// `level`, `message`, `label`, then the metadata (`request_id`, `route`, `status`,
/// `duration_ms`, `user_id` on request lines).
struct JSONLogHandler: LogHandler {
    let label: String
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    /// Where lines go: standard output, or a test's collector.
    let write: @Sendable (String) -> Void

    init(label: String, write: @escaping @Sendable (String) -> Void = { line in FileHandle.standardOutput.write(Data((line + "\n").utf8)) }) {
        self.label = label
        self.write = write
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    static let time: Date.ISO8601FormatStyle = .iso8601.year().month().day().time(includingFractionalSeconds: true).timeZone(separator: .omitted)

    func log(event: LogEvent) {
        var object: [String: Any] = [
            "time": Date().formatted(Self.time), "level": event.level.rawValue, "message": "\(event.message)", "label": label,
        ]
        for (key, value) in metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }) {
            object[key.replacingOccurrences(of: "-", with: "_")] = Self.plain(value)
        }
        guard let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]) else { return }
        write(String(decoding: data, as: UTF8.self))
    }

    static func plain(_ value: Logger.Metadata.Value) -> Any {
        switch value {
        case .string(let text): text
        case .stringConvertible(let convertible): (convertible as? Int) ?? (convertible as? UInt) ?? "\(convertible)"
        case .array(let values): values.map(plain)
        case .dictionary(let values): values.mapValues(plain)
        }
    }
}

/// Logging as `LOG_FORMAT` asks: `json` for one JSON object per line, otherwise Vapor's console
/// lines. `LOG_LEVEL` (or `--log`) sets the level either way.
func bootstrapLogging(_ environment: inout Environment, format: String? = Environment.get("LOG_FORMAT")) throws {
    if let format, !["", "json", "console"].contains(format) {
        throw ConfigurationError(problems: [.init(variable: "LOG_FORMAT", message: "expected json or console, found \"\(format)\"")])
    }
    guard format == "json" else { return try LoggingSystem.bootstrap(from: &environment) }
    try LoggingSystem.bootstrap(from: &environment) { level in
        { label in
            var handler = JSONLogHandler(label: label)
            handler.logLevel = level
            return handler
        }
    }
}
