import Crypto
import Foundation

/// Prints a self-contained HTML page (styles inline, no scripts, nothing fetched) to PDF with
/// headless Chromium, exactly as a browser's Print would lay it out. Chromium is found through
/// `CHROMIUM_PATH` or on the PATH; where there is none, `pdf(of:)` says so and the report page
/// still offers Print.
///
/// A published report changes rarely and is asked for often, so finished PDFs are kept in memory
/// by the digest of their HTML. Each print starts a browser (about a second and 150 MB), so at
/// most `concurrentPrints` run at once and the rest queue.
actor PDFPrinter {
    enum Failure: Error, CustomStringConvertible {
        case noBrowser
        case failed(String)
        case timedOut

        var description: String {
            switch self {
            case .noBrowser:
                "PDF downloads are not available on this server, because Chromium is not installed. Use \"Print this report\" on the report page and choose \"Save as PDF\" instead."
            case .failed(let detail): "The PDF could not be made: \(detail)"
            case .timedOut: "The PDF took too long to make. Try again in a minute."
            }
        }
    }

    static let candidates = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"]
    static let concurrentPrints = 2
    static let cacheSize = 32

    /// The browser's path, or nil when none was configured or found.
    let browser: String?
    /// A browser still printing after this is stopped (a page that never finishes loading).
    let timeLimit: Duration
    /// Where each run gets a directory of its own.
    let workspace: URL
    private var running = 0
    private var queue: [CheckedContinuation<Void, Never>] = []
    private var cache: [String: Data] = [:]
    private var cacheOrder: [String] = []

    init(browser: String?, timeLimit: Duration = .seconds(20), workspace: URL = FileManager.default.temporaryDirectory) {
        self.browser = browser
        self.timeLimit = timeLimit
        self.workspace = workspace
    }

    /// `configured` (from `CHROMIUM_PATH`) if given, else the first candidate on `PATH`.
    static func locate(configured: String?, path: String? = ProcessInfo.processInfo.environment["PATH"]) -> String? {
        if let configured { return configured }
        let directories = (path ?? "/usr/local/bin:/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in candidates {
            for directory in directories {
                let file = directory + "/" + name
                if FileManager.default.isExecutableFile(atPath: file) { return file }
            }
        }
        return nil
    }

    func pdf(of html: String) async throws -> Data {
        guard let browser, FileManager.default.isExecutableFile(atPath: browser) else { throw Failure.noBrowser }
        let key = html.sha256Hex
        if let cached = cache[key] { return cached }
        await takeTurn()
        defer { endTurn() }
        let pdf = try await Self.print(html, with: browser, timeLimit: timeLimit, in: workspace)
        remember(pdf, as: key)
        return pdf
    }

    private func takeTurn() async {
        if running < Self.concurrentPrints {
            running += 1
            return
        }
        await withCheckedContinuation { queue.append($0) }  // the finishing print hands its turn on
    }

    private func endTurn() {
        if queue.isEmpty { running -= 1 } else { queue.removeFirst().resume() }
    }

    private func remember(_ pdf: Data, as key: String) {
        cache[key] = pdf
        cacheOrder.append(key)
        if cacheOrder.count > Self.cacheSize { cache[cacheOrder.removeFirst()] = nil }
    }

    /// One browser run in a directory of its own (page, profile, output), removed afterwards.
    private static func print(_ html: String, with browser: String, timeLimit: Duration, in workspace: URL) async throws -> Data {
        let directory = workspace.appendingPathComponent("inspectorate-pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let page = directory.appendingPathComponent("report.html")
        let output = directory.appendingPathComponent("report.pdf")
        let log = directory.appendingPathComponent("browser.log")
        try Data(html.utf8).write(to: page)
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)

        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser)
        process.arguments =
            [
                "--headless", "--disable-gpu", "--disable-dev-shm-usage", "--disable-extensions", "--no-first-run", "--no-default-browser-check",
                "--user-data-dir=\(directory.appendingPathComponent("profile").path)", "--no-pdf-header-footer", "--print-to-pdf=\(output.path)",
            ]
            // Chromium's sandbox cannot start as root (as in a container); the page is our own.
            + (geteuid() == 0 ? ["--no-sandbox"] : []) + [page.absoluteString]
        process.standardInput = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        process.standardError = try FileHandle(forWritingTo: log)
        let run = BrowserRun(process)
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, Error>) in
            process.terminationHandler = { _ in continuation.resume() }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: Failure.failed("Chromium at \(browser) could not be started (\(error.localizedDescription))."))
                return
            }
            let watchdog = Task {
                try? await Task.sleep(for: timeLimit)
                if !Task.isCancelled { run.stop() }
            }
            run.watchdog = watchdog
        }
        run.watchdog?.cancel()
        if run.timedOut { throw Failure.timedOut }
        guard process.terminationReason == .exit, process.terminationStatus == 0, let pdf = try? Data(contentsOf: output), pdf.starts(with: Data("%PDF".utf8))
        else {
            let detail = (try? String(contentsOf: log, encoding: .utf8)).map { String($0.suffix(500)) } ?? ""
            throw Failure.failed("Chromium stopped with status \(process.terminationStatus). \(detail)")
        }
        return pdf
    }
}

/// A running browser, shared with the watchdog that stops it when it overruns.
private final class BrowserRun: @unchecked Sendable {
    private let process: Process
    private let lock = NSLock()
    private var stopped = false
    var watchdog: Task<Void, Never>? {
        get { lock.withLock { storedWatchdog } }
        set { lock.withLock { storedWatchdog = newValue } }
    }
    private var storedWatchdog: Task<Void, Never>?

    init(_ process: Process) { self.process = process }

    var timedOut: Bool { lock.withLock { stopped } }

    func stop() {
        lock.withLock {
            guard process.isRunning else { return }
            stopped = true
            // SIGKILL, not SIGTERM: a child inherits ignored signals, and servers ignore SIGTERM
            // to handle it themselves. Chromium's own helpers exit when their parent goes.
            kill(process.processIdentifier, SIGKILL)
        }
    }
}
