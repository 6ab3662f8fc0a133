import Foundation
import Testing
import Vapor
import VaporTesting

@testable import InspectorateApp

/// Browsers get pages a person can act on; scripts that ask for JSON get JSON. Vapor treats a
/// browser's `*/*` as accepting JSON, which once sent browsers JSON for every error.
@Suite("Error pages")
struct ErrorPageTests {
    static let browserAccept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"

    @Test("403, 404 and 500 are HTML for a browser and JSON for the API or a script that prefers it")
    func errorPages() async throws {
        try await withApp(.sqliteInMemory) { app in
            _ = try await Fixtures.world(app)
            // A route that fails as a bug would, to see the 500 page.
            app.get("test-failure") { _ -> String in throw CocoaError(.fileReadCorruptFile) }
            let browser = Browser(app)
            let failure = try await browser.get("/test-failure", accept: Self.browserAccept)
            #expect(failure.status == .internalServerError)
            #expect(failure.headers.contentType == .html)
            #expect(failure.body.contains("Something went wrong") && failure.body.contains("<h1"))
            #expect(!failure.body.contains("CocoaError"))
            let missing = try await browser.get("/inspections/\(UUID())", accept: Self.browserAccept)
            #expect(missing.status == .notFound || missing.status == .seeOther)
            _ = try await browser.signIn("provider-b@test.example")
            let notFound = try await browser.get("/inspections/\(UUID())", accept: Self.browserAccept)
            #expect(notFound.status == .notFound && notFound.headers.contentType == .html && notFound.body.contains("Page not found"))
            let forbidden = try await browser.get("/admin/users", accept: Self.browserAccept)
            #expect(forbidden.status == .forbidden && forbidden.headers.contentType == .html)
            // JSON for the API, and for a script that ranks JSON above HTML.
            let api = try await browser.get("/api/v1/inspections/\(UUID())", accept: Self.browserAccept)
            #expect(api.headers.contentType?.subType == "json")
            let script = try await browser.get("/test-failure", accept: "application/json, text/html;q=0.5")
            #expect(script.headers.contentType?.subType == "json" && script.body.contains("\"status\":500"))
        }
    }
}
