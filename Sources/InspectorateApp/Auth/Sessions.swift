import Crypto
import Fluent
import InspectorateViews
import Vapor

extension UserModel: ModelSessionAuthenticatable {}

/// Request helpers for who is signed in and the form token.
extension Request {
    var user: UserModel? { auth.get(UserModel.self) }

    /// The signed-in user, or 401 (rendered as a sign-in prompt).
    func requireUser() throws -> UserModel {
        guard let user else { throw Abort(.unauthorized, reason: "Sign in to see this page.") }
        return user
    }

    /// The form token for this session, created on first use.
    func csrfToken() -> String {
        if let token = session.data["csrf"] { return token }
        let token = [UInt8].random(count: 32).base64URLEncoded
        session.data["csrf"] = token
        return token
    }

    /// The client's address, for the audit log and login throttling. Behind a load balancer the
    /// first X-Forwarded-For address is used when TRUST_PROXY is set.
    var clientAddress: String {
        ForwardedFor.client(forwarded: headers[.xForwardedFor], peer: remoteAddress?.ipAddress, trustedProxies: application.trustedProxies)
    }

    /// The shared page context: title, user, token, demo banner.
    func pageContext(_ title: String, breadcrumbs: [(String, SiteURL)] = [], errors: [FieldError] = [], flash: String? = nil) async -> PageContext {
        let signedIn = user.map {
            SignedInUser(email: $0.email, roleTitle: $0.role.title, isAdmin: $0.role == .admin, isStaff: $0.role.isStaff)
        }
        return PageContext(
            title: title, user: signedIn, csrf: signedIn == nil && !hasSessionCookie && session.data["csrf"] == nil ? "" : csrfToken(),
            demo: await application.isDemo(on: db), breadcrumbs: breadcrumbs,
            flash: flash ?? takeFlash(), errors: errors)
    }

    var hasSessionCookie: Bool { cookies[application.sessions.configuration.cookieName] != nil }

    /// A one-time message for the next page ("Case saved").
    func flash(_ message: String) { session.data["flash"] = message }

    func takeFlash() -> String? {
        guard hasSessionCookie, let message = session.data["flash"] else { return nil }
        session.data["flash"] = nil
        return message
    }
}

extension [UInt8] {
    var base64URLEncoded: String {
        Data(self).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}

extension String {
    /// The SHA-256 of the text's UTF-8, in hex: how tokens and session cookies are stored, and
    /// how printed PDFs are known again.
    var sha256Hex: String { SHA256.hash(data: Data(utf8)).map { String(format: "%02x", $0) }.joined() }
}

/// Ends a session whose account has since been deactivated, or whose sign-in predates a
/// change that ends sessions (role, password, deactivation): checked on every request, so it
/// takes effect at once on every app instance.
struct SessionCurrencyMiddleware: AsyncMiddleware {
    static let epochKey = "epoch"

    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        if let user = request.user, !user.isActive || request.session.data[Self.epochKey] != String(user.sessionEpoch) {
            // Emptied rather than destroyed: the page that follows (often an error page, thrown
            // past the sessions middleware) may not write a destroyed session's cookie away,
            // and an emptied session stays signed out while the sign-in page's token is kept.
            request.auth.logout(UserModel.self)
            request.session.data = SessionData()
        }
        return try await next.respond(to: request)
    }
}

/// Refuses state-changing requests without the session's form token (or, for scripts, the
/// `X-CSRF-Token` header). Login is covered too: its form carries a token from GET /login.
///
/// Everything that can be decided without the body is decided first, so nobody can make the
/// server read (and hold) a large body without being signed in to a route that takes one: an
/// unknown route, a declared length over the route's limit, a request with no session to check
/// a token against, and an anonymous upload are all refused before a byte of the body is read.
struct CSRFMiddleware: AsyncMiddleware {
    static let expired = "This form has expired or did not come from Inspectorate. Go back, reload the page and try again."

    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        guard ![.GET, .HEAD, .OPTIONS].contains(request.method) else { return try await next.respond(to: request) }
        guard request.route != nil else { throw Abort(.notFound) }
        let limit = BodyLimits.limit(for: request)
        if let declared = request.headers.first(name: .contentLength).flatMap(Int.init), declared > limit {
            throw Abort(.payloadTooLarge, reason: "The request is larger than this page accepts (\(limit / 1024 / 1024) MB at most).")
        }
        guard request.hasSessionCookie, request.session.data["csrf"] != nil else { throw Abort(.forbidden, reason: Self.expired) }
        if BodyLimits.streams(request) {
            guard request.user != nil else { throw Abort(.unauthorized, reason: "Sign in to upload files.") }
            // An upload is read as it arrives, straight to disk, by `UploadReceiver`, which
            // checks the form's token before it writes a byte of the file.
            return try await next.respond(to: request)
        }
        let body = request.body
        _ = try await withDeadline(seconds: BodyLimits.seconds(for: request)) { try await body.collect(max: limit).get() }
        let sent = request.headers.first(name: "X-CSRF-Token") ?? (try? request.content.get(String.self, at: "csrf"))
        guard request.hasSessionCookie, let expected = request.session.data["csrf"], let sent,
            Data(sent.utf8).constantTimeEquals(Data(expected.utf8))
        else {
            throw Abort(.forbidden, reason: Self.expired)
        }
        return try await next.respond(to: request)
    }
}

extension Data {
    func constantTimeEquals(_ other: Data) -> Bool {
        guard count == other.count else { return false }
        return zip(self, other).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
