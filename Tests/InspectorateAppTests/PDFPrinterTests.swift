import Foundation
import Testing

@testable import InspectorateApp

/// The printer against stand-in browsers (shell scripts), so that what it asks of Chromium, how
/// it reports a failure and how it stops a browser that hangs are all checked without one.
@Suite("Printing reports to PDF")
struct PDFPrinterTests {
    /// A browser that records its arguments and prints the page's text as a "PDF".
    static let recordingBrowser = """
        #!/bin/sh
        for argument in "$@"; do echo "$argument" >> "$(dirname "$0")/arguments"; done
        echo run >> "$(dirname "$0")/runs"
        for argument in "$@"; do
          case "$argument" in --print-to-pdf=*) output="${argument#--print-to-pdf=}";; file://*) page="${argument#file://}";; esac
        done
        { printf '%%PDF-1.4\\n'; cat "$page"; } > "$output"
        """

    func browser(_ script: String, in scratch: ScratchDirectory) throws -> String {
        let path = try scratch.write("browser", script)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: path)
        return path
    }

    @Test("prints a page from a file of its own, headless with no header or footer, and prints the same page once")
    func printsAndCaches() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let printer = PDFPrinter(browser: try browser(Self.recordingBrowser, in: scratch), workspace: scratch.url)
        let pdf = try await printer.pdf(of: "<p>Report of Wales CRC</p>")
        #expect(String(decoding: pdf, as: UTF8.self) == "%PDF-1.4\n<p>Report of Wales CRC</p>")
        let arguments = try String(contentsOf: scratch.url.appendingPathComponent("arguments"), encoding: .utf8).split(separator: "\n")
        #expect(arguments.contains("--headless") && arguments.contains("--no-pdf-header-footer") && arguments.contains("--disable-extensions"))
        #expect(arguments.contains { $0.hasPrefix("--user-data-dir=") } && arguments.last?.hasPrefix("file:///") == true)
        _ = try await printer.pdf(of: "<p>Report of Wales CRC</p>")
        _ = try await printer.pdf(of: "<p>Report of Kent CRC</p>")
        let runs = try String(contentsOf: scratch.url.appendingPathComponent("runs"), encoding: .utf8).split(separator: "\n")
        #expect(runs.count == 2, "the same page was printed again instead of served from memory")
        // Each run's directory (page, profile, output) is removed afterwards.
        let left = try FileManager.default.contentsOfDirectory(atPath: scratch.url.path).filter { $0.hasPrefix("inspectorate-pdf-") }
        #expect(left.isEmpty, "left behind: \(left)")
    }

    @Test("no browser, a failing browser and a browser that hangs each give a sentence a person can act on")
    func failures() async throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let none = await #expect(throws: PDFPrinter.Failure.self) { try await PDFPrinter(browser: nil).pdf(of: "<p>x</p>") }
        #expect(none?.description.contains("Chromium is not installed") == true && none?.description.contains("Save as PDF") == true)
        let missing = await #expect(throws: PDFPrinter.Failure.self) { try await PDFPrinter(browser: "/no/such/chromium").pdf(of: "<p>x</p>") }
        #expect(missing?.description.contains("Chromium is not installed") == true)

        let failing = try browser("#!/bin/sh\necho 'cannot open display' >&2\nexit 3\n", in: scratch)
        let failed = await #expect(throws: PDFPrinter.Failure.self) { try await PDFPrinter(browser: failing).pdf(of: "<p>x</p>") }
        #expect(failed?.description.contains("status 3") == true && failed?.description.contains("cannot open display") == true)

        let hanging = try browser("#!/bin/sh\nexec sleep 30\n", in: scratch)
        let started = ContinuousClock.now
        let hung = await #expect(throws: PDFPrinter.Failure.self) { try await PDFPrinter(browser: hanging, timeLimit: .seconds(1)).pdf(of: "<p>x</p>") }
        #expect(hung?.description.contains("took too long") == true)
        #expect(ContinuousClock.now - started < .seconds(10), "the hanging browser was not stopped")
    }

    @Test("finds Chromium on the PATH when none is configured, and takes the configured one first")
    func locate() throws {
        let scratch = try ScratchDirectory()
        defer { scratch.remove() }
        let found = try browser("#!/bin/sh\n", in: scratch)
        let renamed = scratch.url.appendingPathComponent("chromium").path
        try FileManager.default.moveItem(atPath: found, toPath: renamed)
        #expect(PDFPrinter.locate(configured: nil, path: "/no/such/dir:\(scratch.url.path)") == renamed)
        #expect(PDFPrinter.locate(configured: "/opt/chrome", path: scratch.url.path) == "/opt/chrome")
        #expect(PDFPrinter.locate(configured: nil, path: "/no/such/dir") == nil)
    }
}
