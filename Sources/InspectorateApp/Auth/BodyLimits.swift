import InspectorateViews
import NIOConcurrencyHelpers
import Vapor

/// How much of a request body the app will read, and how quickly it must arrive, by route:
/// uploads may be large and are streamed to disk; forms are small and read whole. Decided
/// from the matched route, never from the path as sent.
enum BodyLimits {
    static let upload = 512 * 1024 * 1024
    static let form = 1024 * 1024
    /// A form's body must arrive within this many seconds of its head…
    static let formSeconds = 30
    /// …and an upload's within this many (512 MB in 15 minutes is under 0.6 MB/s).
    static let uploadSeconds = 15 * 60
    static let uploadRoutes: Set<String> = [SiteURL.Pattern.uploadCaseload.rawValue, SiteURL.Pattern.uploadWorkforce.rawValue]

    static func streams(_ request: Request) -> Bool {
        uploadRoutes.contains(pattern(of: request) ?? "")
    }

    /// A quarterly return's two files, read whole: a region's caseload is a few megabytes.
    static let dataReturn = 32 * 1024 * 1024
    static let dataReturnRoutes: Set<String> = [SiteURL.Pattern.monitoringReturn.rawValue]

    static func limit(for request: Request) -> Int {
        streams(request) ? upload : dataReturnRoutes.contains(pattern(of: request) ?? "") ? dataReturn : form
    }

    /// How long the body may take to arrive, for a body read whole.
    static func seconds(for request: Request) -> Int { dataReturnRoutes.contains(pattern(of: request) ?? "") ? 5 * 60 : formSeconds }

    private static func pattern(of request: Request) -> String? {
        request.route.map { "/" + $0.path.map(\.description).joined(separator: "/") }
    }
}

/// A request whose body did not arrive in time: answered, and its connection closed, so a
/// client trickling a byte at a time cannot hold the server's attention.
struct RequestTimedOut: AbortError {
    let seconds: Int
    var status: HTTPResponseStatus { .requestTimeout }
    var reason: String {
        seconds >= 120
            ? "The upload took longer than \(seconds / 60) minutes to arrive. Try again on a faster connection."
            : "The request took longer than \(seconds) seconds to arrive. Try again."
    }
    var headers: HTTPHeaders { HTTPHeaders([("Connection", "close")]) }
}

/// Runs `work`, throwing `RequestTimedOut` if it has not finished within `seconds`. The caller
/// goes on at once; `work` is cancelled, and is left to end when its reads fail.
func withDeadline<T: Sendable>(seconds: Int, _ work: @escaping @Sendable () async throws -> T) async throws -> T {
    let finished = NIOLockedValueBox(false)
    let worker = NIOLockedValueBox<Task<Void, Never>?>(nil)
    return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, Error>) in
        @Sendable func once(_ result: Result<T, Error>) -> Bool {
            let first = finished.withLockedValue { done in
                defer { done = true }
                return !done
            }
            if first { continuation.resume(with: result) }
            return first
        }
        let timer = Task {
            guard (try? await Task.sleep(for: .seconds(seconds))) != nil else { return }
            if once(.failure(RequestTimedOut(seconds: seconds))) { worker.withLockedValue { $0?.cancel() } }
        }
        worker.withLockedValue {
            $0 = Task {
                let result: Result<T, Error>
                do { result = .success(try await work()) } catch { result = .failure(error) }
                if once(result) { timer.cancel() }
            }
        }
    }
}
