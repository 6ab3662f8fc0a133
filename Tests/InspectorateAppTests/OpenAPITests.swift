import Fluent
import Foundation
import InspectionKit
import InspectorateViews
import Testing
import Vapor
import VaporTesting

@testable import InspectorateApp

/// The OpenAPI document is kept true: it describes every API route and no other, it is valid
/// OpenAPI, and real responses (successes and errors) validate against its schemas.
@Suite("OpenAPI document")
struct OpenAPITests {
    /// The Python with openapi-spec-validator and jsonschema: the one scripts/test installs, or
    /// python3 when it has them. Without one this test fails, saying how to get it.
    static func python() throws -> String {
        let candidates = [ProcessInfo.processInfo.environment["INSPECTORATE_PYTHON"], ".build/venv/bin/python", "/usr/bin/env"].compactMap { $0 }
        for candidate in candidates {
            let arguments = candidate == "/usr/bin/env" ? ["python3"] : []
            let process = Process()
            process.executableURL = URL(fileURLWithPath: candidate)
            process.arguments = arguments + ["-c", "import openapi_spec_validator, jsonschema"]
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { continue }
            process.waitUntilExit()
            if process.terminationStatus == 0 { return candidate == "/usr/bin/env" ? "python3" : candidate }
        }
        throw PythonMissing()
    }

    struct PythonMissing: Error, CustomStringConvertible {
        let description = "No Python with openapi-spec-validator and jsonschema: run scripts/test, which installs them into .build/venv."
    }

    static func document(_ app: Application) async throws -> [String: Any] {
        let page = try await Browser(app).get("/openapi.json")
        #expect(page.status == .ok && page.headers.contentType == .json)
        return try jsonObject(page.body) as! [String: Any]
    }

    @Test("every /api/v1 route is in the document, and every documented path is a route")
    func routesMatch() async throws {
        try await withApp(.sqliteInMemory) { app in
            let paths = try await Self.document(app)["paths"] as! [String: [String: Any]]
            let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
            let served = Set(
                app.routes.all.filter { $0.path.first?.description == "api" }.map { route in
                    "\(route.method.rawValue) /"
                        + route.path.map { component in
                            let text = component.description
                            return text.hasPrefix(":") ? "{\(text.dropFirst())}" : text
                        }.joined(separator: "/")
                })
            #expect(!served.isEmpty)
            #expect(served.subtracting(documented).isEmpty, "routes not in the document: \(served.subtracting(documented).sorted())")
            #expect(documented.subtracting(served).isEmpty, "documented but not served: \(documented.subtracting(served).sorted())")
        }
    }

    @Test("the document is valid OpenAPI and real responses validate against it")
    func responsesValidate() async throws {
        let python = try Self.python()
        try await withApp(.sqliteInMemory) { app in
            let demo = try await DemoWorld.seed(app)
            let analyst = try await UserModel.query(on: app.db).filter(\.$email == "analyst@demo.test").first()!
            let provider = try await UserModel.query(on: app.db).filter(\.$email == "provider@demo.test").first()!
            let admin = try await UserModel.query(on: app.db).filter(\.$email == "admin@demo.test").first()!
            try await APITokenModel(
                name: "analyst", tokenHash: APITokens.hash("analyst-token"), userID: analyst.id!, createdBy: admin.id!,
                expiresAt: Date().addingTimeInterval(86_400)
            ).create(on: app.db)
            try await APITokenModel(
                name: "provider", tokenHash: APITokens.hash("provider-token"), userID: provider.id!, createdBy: admin.id!,
                expiresAt: Date().addingTimeInterval(86_400)
            ).create(
                on: app.db)

            let published = demo.published.id!.uuidString
            let fieldwork = demo.fieldwork.id!.uuidString
            let calls: [(template: String, path: String, token: String?, status: HTTPStatus)] = [
                ("/api/v1/providers", "/api/v1/providers", nil, .ok),
                ("/api/v1/providers", "/api/v1/providers", "wrong", .unauthorized),
                ("/api/v1/inspections", "/api/v1/inspections", nil, .ok),
                ("/api/v1/inspections", "/api/v1/inspections?year=2019-20&provider=essex", nil, .ok),
                ("/api/v1/inspections", "/api/v1/inspections", "analyst-token", .ok),
                ("/api/v1/inspections/{inspection}", "/api/v1/inspections/\(published)", nil, .ok),
                ("/api/v1/inspections/{inspection}", "/api/v1/inspections/\(fieldwork)", "analyst-token", .ok),
                ("/api/v1/inspections/{inspection}", "/api/v1/inspections/\(fieldwork)", nil, .notFound),
                ("/api/v1/inspections/{inspection}", "/api/v1/inspections/not-a-uuid", nil, .notFound),
                ("/api/v1/inspections/{inspection}/figures", "/api/v1/inspections/\(published)/figures", nil, .ok),
                ("/api/v1/inspections/{inspection}/figures", "/api/v1/inspections/\(fieldwork)/figures", "analyst-token", .ok),
                ("/api/v1/inspections/{inspection}/figures", "/api/v1/inspections/\(fieldwork)/figures", nil, .notFound),
                ("/api/v1/inspections/{inspection}/recommendations", "/api/v1/inspections/\(published)/recommendations", nil, .ok),
                ("/api/v1/inspections/{inspection}/recommendations", "/api/v1/inspections/\(fieldwork)/recommendations", nil, .notFound),
                ("/api/v1/inspections/{inspection}/judgements", "/api/v1/inspections/\(published)/judgements", "analyst-token", .ok),
                ("/api/v1/inspections/{inspection}/judgements", "/api/v1/inspections/\(published)/judgements", nil, .unauthorized),
                ("/api/v1/inspections/{inspection}/judgements", "/api/v1/inspections/\(published)/judgements", "provider-token", .forbidden),
                ("/api/v1/ratings", "/api/v1/ratings", nil, .ok),
                ("/api/v1/annual/{year}", "/api/v1/annual/2019-20", nil, .ok),
                ("/api/v1/annual/{year}", "/api/v1/annual/2018-19", nil, .ok),
                ("/api/v1/annual/{year}", "/api/v1/annual/1999-00", nil, .notFound),
                ("/api/v1/sfo/years/{year}", "/api/v1/sfo/years/2019-20", nil, .ok),
                ("/api/v1/sfo/years/{year}", "/api/v1/sfo/years/2020-21", nil, .notFound),
                ("/api/v1/programme", "/api/v1/programme?year=2019-20", nil, .ok),
                ("/api/v1/changes", "/api/v1/changes", nil, .ok),
                ("/api/v1/changes", "/api/v1/changes?since=2019-06-01T00:00:00Z", nil, .ok),
                ("/api/v1/changes", "/api/v1/changes?since=yesterday", nil, .badRequest),
                ("/api/v1/providers/{code}/ratings", "/api/v1/providers/essex/ratings", nil, .ok),
                ("/api/v1/providers/{code}/ratings", "/api/v1/providers/no-such-provider/ratings", nil, .notFound),
                ("/api/v1/programme", "/api/v1/programme?year=2018/19", nil, .ok),
                ("/api/v1/programme", "/api/v1/programme", nil, .ok),
                ("/api/v1/programme", "/api/v1/programme?year=2019-21", nil, .badRequest),
            ]
            var recorded: [[String: Any]] = []
            for call in calls {
                let page = try await Browser(app).request(.GET, call.path, headers: call.token.map { ["Authorization": "Bearer \($0)"] } ?? [:])
                #expect(page.status == call.status, "\(call.path): \(page.status)")
                #expect(page.headers.contentType == .json, "\(call.path) answers JSON")
                recorded.append(["method": "get", "path": call.template, "status": Int(page.status.code), "body": try jsonObject(page.body)])
            }
            let scratch = try ScratchDirectory()
            defer { scratch.remove() }
            let documentPath = try scratch.write("openapi.json", try await Browser(app).get("/openapi.json").body)
            let responsesPath = scratch.url.appendingPathComponent("responses.json").path
            try JSONSerialization.data(withJSONObject: recorded).write(to: URL(fileURLWithPath: responsesPath))
            let outcome = try Self.run(python, ["Tests/tools/validate_openapi.py", documentPath, responsesPath])
            #expect(outcome.status == 0, "\(outcome.output)")
            #expect(outcome.output.contains("\(calls.count + 1) passed, 0 failed"), "\(outcome.output)")
        }
    }

    @Test("the validator catches a response that breaks the schema")
    func validatorCanFail() async throws {
        let python = try Self.python()
        try await withApp(.sqliteInMemory) { app in
            let scratch = try ScratchDirectory()
            defer { scratch.remove() }
            let documentPath = try scratch.write("openapi.json", try await Browser(app).get("/openapi.json").body)
            let broken: [[String: Any]] = [
                [
                    "method": "get", "path": "/api/v1/providers", "status": 200,
                    "body": ["providers": [["code": "x", "name": "X", "type": "martian", "region": "R"]]],
                ],
                ["method": "get", "path": "/api/v1/ratings", "status": 418, "body": [:]],
            ]
            let responsesPath = try scratch.write("responses.json", String(decoding: try JSONSerialization.data(withJSONObject: broken), as: UTF8.self))
            let outcome = try Self.run(python, ["Tests/tools/validate_openapi.py", documentPath, responsesPath])
            #expect(outcome.status == 1)
            #expect(outcome.output.contains("1 passed, 2 failed"), "\(outcome.output)")
            #expect(outcome.output.contains("'martian' is not one of"))
        }
    }

    static func run(_ executable: String, _ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable == "python3" ? "/usr/bin/env" : executable)
        process.arguments = (executable == "python3" ? ["python3"] : []) + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
