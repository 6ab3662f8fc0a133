import Fluent
import Foundation
import InspectionKit
import Testing
import Vapor

@testable import InspectorateApp

/// A provider's rating history across the providers it took over from and that took over from it.
@Suite("A provider's rating history over HTTP")
struct ProviderRatingsHTTPTests {
    @Test(
        "a PDU's history holds its predecessor company's published ratings and its own, not a sibling's nor anything unpublished", arguments: TestDatabases.all)
    func history(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let world = try await Fixtures.world(app)
            let london = try #require(try await ProviderModel.query(on: app.db).filter(\.$code == "region-london").first())
            // Alpha CRC's work passed to two PDUs; Beta CRC is unrelated.
            let pdu = ProviderModel(code: "pdu-one", name: "PDU One", type: .pdu, region: london.region, parentID: london.id)
            let sibling = ProviderModel(code: "pdu-two", name: "PDU Two", type: .pdu, region: london.region, parentID: london.id)
            try await pdu.create(on: app.db)
            try await sibling.create(on: app.db)
            try await pdu.setPredecessors([world.providerA], carryingRecommendations: false, on: app.db)
            try await sibling.setPredecessors([world.providerA], carryingRecommendations: false, on: app.db)
            func inspection(_ provider: UUID, _ framework: String, _ year: String, _ state: InspectionState) async throws -> UUID {
                let model = InspectionModel()
                model.providerID = provider
                model.frameworkID = framework
                model.yearLabel = year
                model.state = state
                model.fieldworkStart = "\(year.prefix(4))-09-02"
                model.fieldworkEnd = "\(year.prefix(4))-09-20"
                model.leadID = world.users["lead@test.example"]!
                model.isDemo = false
                if state == .published {
                    model.publishedAt = Date()
                    model.ratingsSnapshot = String(
                        decoding: try JSONEncoder().encode(
                            FrozenRatings(
                                frameworkID: framework, confidence: 0.95, answers: ["2.1.1": AnswerCounts(sufficient: 3, notSufficient: 1)],
                                organisational: [:], frozenAt: Date())), as: UTF8.self)
                }
                try await model.create(on: app.db)
                return model.id!
            }
            let alpha = try await inspection(world.providerA, "probation-2018-crc", "2019/20", .published)
            let own = try await inspection(pdu.id!, "probation-2021-pdu", "2021/22", .published)
            _ = try await inspection(pdu.id!, "probation-2021-pdu", "2022/23", .fieldwork)
            _ = try await inspection(sibling.id!, "probation-2021-pdu", "2021/22", .published)
            _ = try await inspection(world.providerB, "probation-2018-crc", "2019/20", .published)

            let visitor = Browser(app)
            let page = try await visitor.get("/api/v1/providers/pdu-one/ratings")
            #expect(page.status == .ok)
            let json = try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as! [String: Any]
            #expect((json["provider"] as? [String: Any])?["code"] as? String == "pdu-one")
            let lineage = (json["lineage"] as! [[String: Any]]).map { ($0["relation"] as! String, ($0["provider"] as! [String: Any])["code"] as! String) }
            #expect(lineage.map(\.0) == ["predecessor", "self"] && lineage.map(\.1) == ["crc-a", "pdu-one"])
            let inspections = json["inspections"] as! [[String: Any]]
            #expect(inspections.map { $0["relation"] as! String } == ["predecessor", "self"])
            #expect(inspections.map { ($0["inspection"] as! [String: Any])["id"] as! String } == [alpha, own].map { $0.uuidString.lowercased() })
            // From the company's side, both PDUs are successors, and Beta is in neither.
            let company = try JSONSerialization.jsonObject(with: Data(try await visitor.get("/api/v1/providers/crc-a/ratings").body.utf8)) as! [String: Any]
            let relations = (company["inspections"] as! [[String: Any]]).map { $0["relation"] as! String }
            #expect(relations == ["self", "successor", "successor"])
            #expect(try await visitor.get("/api/v1/providers/no-such/ratings").status == .notFound)
        }
    }
}

/// Syncing through the changes feed.
@Suite("The changes feed over HTTP")
struct ChangesHTTPTests {
    @Test("a consumer syncs from next_since and finds a new publication, and nothing unpublished; a bad moment is refused", arguments: TestDatabases.all)
    func sync(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let world = try await Fixtures.world(app)
            func publish(_ provider: UUID, at: Date?, state: InspectionState = .published) async throws -> String {
                let model = InspectionModel()
                model.providerID = provider
                model.frameworkID = "probation-2018-crc"
                model.yearLabel = "2019/20"
                model.state = state
                model.fieldworkStart = "2019-09-02"
                model.fieldworkEnd = "2019-09-20"
                model.leadID = world.users["lead@test.example"]!
                model.isDemo = false
                model.publishedAt = at
                try await model.create(on: app.db)
                return model.id!.uuidString.lowercased()
            }
            let visitor = Browser(app)
            func changes(_ query: String) async throws -> (ids: [String], next: String?) {
                let page = try await visitor.get("/api/v1/changes\(query)")
                #expect(page.status == .ok, "\(query): \(page.status)")
                let json = try JSONSerialization.jsonObject(with: Data(page.body.utf8)) as! [String: Any]
                return ((json["changes"] as! [[String: Any]]).map { $0["id"] as! String }, json["next_since"] as? String)
            }
            let first = try await publish(world.providerA, at: Date().addingTimeInterval(-3_600))
            _ = try await publish(world.providerB, at: nil, state: .fieldwork)
            let initial = try await changes("")
            #expect(initial.ids == [first])
            let next = try #require(initial.next)
            // Nothing new: only the boundary change again, which the consumer drops by id.
            #expect(try await changes("?since=\(next)").ids == [first])
            // A new publication appears on the next sync.
            let second = try await publish(world.providerB, at: Date())
            #expect(try await changes("?since=\(next)").ids == [first, second])
            #expect(try await changes("?since=\(try #require(try await changes("?since=\(next)").next))").ids == [second])
            #expect(try await visitor.get("/api/v1/changes?since=last-tuesday").status == .badRequest)
        }
    }
}
