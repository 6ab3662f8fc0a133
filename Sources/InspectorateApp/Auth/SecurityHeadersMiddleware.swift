import Vapor

/// The headers every response carries, and a last check on the way out that no header holds a
/// line break, whatever a handler put there (a line break in a header starts a new header, and
/// so lets input plant one, such as `Set-Cookie`).
struct SecurityHeadersMiddleware: AsyncMiddleware {
    /// Only this site's own scripts, styles and forms; no framing; nothing inline.
    static let contentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; "
        + "frame-ancestors 'none'; base-uri 'none'; object-src 'none'"

    /// Sent when people reach the site over HTTPS (`PUBLIC_URL` is https).
    let strictTransportSecurity: Bool

    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let unsafe = response.headers.filter { name, value in Self.breaksLine(name) || Self.breaksLine(value) }
        for (name, value) in unsafe {
            response.headers.remove(name: name)
            request.logger.error("dropped a response header holding a line break: \(LogText.escaped(name)): \(LogText.escaped(value))")
        }
        let headers = [
            ("Content-Security-Policy", Self.contentSecurityPolicy), ("X-Content-Type-Options", "nosniff"), ("Referrer-Policy", "same-origin"),
            ("X-Frame-Options", "DENY"), ("Cross-Origin-Opener-Policy", "same-origin"),
        ]
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        if strictTransportSecurity { response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains") }
        // Case data must not stay in shared or browser caches; only what a handler marked
        // cacheable (the stylesheet and script) may be kept.
        if !response.headers.contains(name: .cacheControl) { response.headers.replaceOrAdd(name: .cacheControl, value: "no-store") }
        return response
    }

    static func breaksLine(_ text: String) -> Bool {
        text.utf8.contains { $0 == 0x0D || $0 == 0x0A || $0 == 0 }
    }
}

/// Text from a request (a path, a header) made safe to write in a log line: a line break or
/// other control character is written as an escape, so input cannot forge a line.
enum LogText {
    static func escaped(_ text: String, limit: Int = 500) -> String {
        var result = ""
        for scalar in text.unicodeScalars.prefix(limit) {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case "\\": result += "\\\\"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) || scalar == "\u{2028}" || scalar == "\u{2029}" {
                    result += "\\u{\(String(scalar.value, radix: 16))}"
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return text.unicodeScalars.count > limit ? result + "…" : result
    }
}
