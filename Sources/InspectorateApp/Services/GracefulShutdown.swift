import Foundation
import NIOConcurrencyHelpers
import Vapor

/// What is still running against the databases: requests being answered and imports in the
/// background. A SIGTERM must not close the databases under them.
///
/// Vapor's own shutdown stops accepting connections and lets each connection's current response
/// go out, but a handler whose client has gone away keeps running with no connection to wait
/// for; closing the databases then crashed it (`Request.db` unwrapping nil) and, with it, the
/// process, whose crash handler kept the port. So the serve command waits for this to empty.
final class InFlightWork: Sendable {
    private struct State {
        var requests = 0
        var imports: [UUID: Task<Void, Never>] = [:]
        var stopping = false
    }

    private let state = NIOLockedValueBox(State())

    var isStopping: Bool { state.withLockedValue(\.stopping) }

    /// From now on `/ready` answers 503, so a load balancer sends nothing new here.
    func beginStopping() { state.withLockedValue { $0.stopping = true } }

    func enterRequest() { state.withLockedValue { $0.requests += 1 } }
    func leaveRequest() { state.withLockedValue { $0.requests -= 1 } }

    /// Runs `work` in the background as import `id`, so a shutdown can cancel it and wait for it.
    func startImport(_ id: UUID, _ work: @escaping @Sendable () async -> Void) {
        state.withLockedValue { state in
            state.imports[id] = Task.detached { [weak self] in
                await work()
                self?.state.withLockedValue { _ = $0.imports.removeValue(forKey: id) }
            }
        }
    }

    /// Requests and imports still running.
    var running: (requests: Int, imports: Int) { state.withLockedValue { ($0.requests, $0.imports.count) } }

    /// Stops: `/ready` says so from now on, running imports are cancelled (each rolls back and is
    /// marked interrupted), and this waits until nothing is running or `grace` has passed.
    /// - Returns: whether everything finished in time.
    func drain(within grace: Duration, clock: ContinuousClock = ContinuousClock()) async -> Bool {
        let imports = state.withLockedValue { state in
            state.stopping = true
            return Array(state.imports.values)
        }
        for task in imports { task.cancel() }
        let deadline = clock.now.advanced(by: grace)
        while running != (0, 0) {
            guard clock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(20))
        }
        return true
    }
}

extension Application {
    private struct InFlightKey: StorageKey {
        typealias Value = InFlightWork
    }

    var inFlight: InFlightWork {
        if let existing = storage[InFlightKey.self] { return existing }
        let created = InFlightWork()
        storage[InFlightKey.self] = created
        return created
    }
}

/// Counts each request from when it reaches the application until its handler has returned,
/// whether or not its client is still there to read the answer.
struct InFlightMiddleware: AsyncMiddleware {
    let work: InFlightWork

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        work.enterRequest()
        defer { work.leaveRequest() }
        return try await next.respond(to: request)
    }
}
