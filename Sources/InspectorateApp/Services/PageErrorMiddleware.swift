import Foundation
import InspectorateViews
import Vapor

/// Turns errors into pages people can act on (or JSON for scripts), and sends signed-out
/// visitors who need to sign in to the sign-in page.
struct PageErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            let status: HTTPResponseStatus
            let reason: String
            var headers: HTTPHeaders = [:]
            if let abort = error as? any AbortError, (300..<400).contains(abort.status.code) {
                return Response(status: abort.status, headers: abort.headers)
            }
            if let abort = error as? any AbortError {
                status = abort.status
                reason = abort.reason
                headers = abort.headers
            } else if error is DecodingError {
                status = .badRequest
                reason = "The form could not be read. Go back and try again."
            } else {
                status = .internalServerError
                reason = "Something went wrong. Try again later; if it keeps happening, tell the service's administrator."
                request.logger.error("Unhandled error: \(LogText.escaped(String(reflecting: error), limit: 2_000))")
            }
            if request.prefersJSON {
                let response = Response(status: status, headers: headers)
                try response.content.encode(APIError(status: status, message: reason), as: .json)
                return response
            }
            if status == .unauthorized, request.method == .GET {
                let next = request.url.path.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? "/"
                return request.redirect(to: SiteURL.login.path + "?next=" + next, redirectType: .normal)
            }
            let context = await request.pageContext(status == .notFound ? "Page not found" : "Error")
            let response = Response(status: status, body: .init(string: errorPage(context, status: Int(status.code), message: reason).rendered))
            response.headers.contentType = .html
            return response
        }
    }
}

extension Request {
    /// JSON errors are for the API and for scripts that ask for JSON above HTML. A browser's
    /// `text/html,…,*/*;q=0.8` does not count: Vapor's media types treat `*/*` as equal to
    /// `application/json`, so the types are compared by name here.
    var prefersJSON: Bool {
        if url.path.hasPrefix("/api/") { return true }
        func quality(_ type: String, _ subType: String) -> Double? {
            headers.accept.filter { $0.mediaType.type.lowercased() == type && $0.mediaType.subType.lowercased() == subType }.map { $0.q ?? 1 }.max()
        }
        guard let json = quality("application", "json") else { return false }
        return json > (quality("text", "html") ?? -1)
    }
}

/// Every JSON error has this shape: `{"error": {"status": 404, "code": "not-found", "message": "…"}}`.
struct APIError: Content {
    struct Body: Content {
        let status: Int
        let code: String
        let message: String
    }

    let error: Body

    init(status: HTTPResponseStatus, message: String) {
        let code = status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "-").filter { $0.isLetter || $0 == "-" }
        error = Body(status: Int(status.code), code: code, message: message)
    }
}

extension HTML: AsyncResponseEncodable {
    public func encodeResponse(for request: Request) async throws -> Response {
        let response = Response(status: .ok, body: .init(string: rendered))
        response.headers.contentType = .html
        return response
    }
}

extension Response {
    /// An HTML page with a status other than 200, e.g. a form with errors (422) or a conflict (409).
    static func page(_ html: HTML, status: HTTPResponseStatus) -> Response {
        let response = Response(status: status, body: .init(string: html.rendered))
        response.headers.contentType = .html
        return response
    }
}
