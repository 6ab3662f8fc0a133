import Foundation
import Logging
import NIOConcurrencyHelpers
import Testing
import Vapor
import VaporTesting

@testable import InspectorateApp

@Suite("Request ids and structured logs")
struct RequestLogTests {
    @Test("every answer carries X-Request-Id, fresh for each request; a client's own id is not taken")
    func everyAnswerHasAnID() async throws {
        try await withApp(.sqliteInMemory) { app in
            var seen: Set<String> = []
            for path in ["/", "/health", "/no-such-page", "/api/v1/inspections/not-a-uuid", "/assets/site.css", "/inspections"] {
                try await app.testing().test(.GET, path, headers: ["X-Request-Id": "chosen-by-client"]) { response async throws in
                    let id = try #require(response.headers.first(name: .xRequestId), "\(path) \(response.status)")
                    #expect(id != "chosen-by-client" && UUID(uuidString: id) != nil, "\(path)")
                    seen.insert(id)
                }
            }
            #expect(seen.count == 6)
        }
    }

    @Test("behind a trusted proxy its id is kept, unless it is long or holds odd characters")
    func trustedProxy() {
        #expect(RequestLogMiddleware.requestID(incoming: "lb-7f3a.91_x", trustedProxies: 1) == "lb-7f3a.91_x")
        #expect(RequestLogMiddleware.requestID(incoming: "lb-7f3a", trustedProxies: 0) != "lb-7f3a")
        for odd in ["a b", "x\u{1B}[31m", "é", String(repeating: "a", count: 65), "", "a\"b", "<script>"] {
            #expect(UUID(uuidString: RequestLogMiddleware.requestID(incoming: odd, trustedProxies: 1)) != nil, "\(odd)")
        }
    }

    @Test("LOG_FORMAT=json writes one JSON object per line, metadata keys with underscores")
    func jsonLines() throws {
        let lines = NIOLockedValueBox<[String]>([])
        var handler = JSONLogHandler(label: "test") { line in lines.withLockedValue { $0.append(line) } }
        handler[metadataKey: "request-id"] = "R1"
        let logger = Logger(label: "test") { _ in handler }
        logger.info("GET /inspections 200\nforged line", metadata: ["status": .stringConvertible(200), "route": "/inspections"])
        logger.debug("not at info")
        let written = lines.withLockedValue { $0 }
        #expect(written.count == 1 && !written[0].contains("\n"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(written[0].utf8)) as? [String: Any])
        #expect(object["request_id"] as? String == "R1" && object["status"] as? Int == 200 && object["route"] as? String == "/inspections")
        #expect(object["level"] as? String == "info" && object["message"] as? String == "GET /inspections 200\nforged line")
        #expect((object["time"] as? String)?.hasSuffix("Z") == true)
        #expect(throws: ConfigurationError.self) {
            var environment = Environment.testing
            try bootstrapLogging(&environment, format: "xml")
        }
    }
}
