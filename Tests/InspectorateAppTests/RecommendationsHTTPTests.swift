import Fluent
import Foundation
import InspectionKit
import Testing
import Vapor
import VaporTesting

@testable import InspectorateApp

@Suite("Recommendations over HTTP")
struct RecommendationsHTTPTests {
    @Test(
        "the lead writes recommendations, the provider plans against them, and the next inspection judges each; a successor carries them only when told",
        arguments: TestDatabases.all)
    func recommendationsAreFollowedUp(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let world = try await Fixtures.world(app)
            func inspection(_ provider: UUID, _ year: String) async throws -> InspectionModel {
                let model = InspectionModel()
                model.providerID = provider
                model.frameworkID = "probation-2018-crc"
                model.yearLabel = year
                model.state = .fieldwork
                model.fieldworkStart = "2019-09-02"
                model.fieldworkEnd = "2019-09-20"
                model.leadID = world.users["lead@test.example"]!
                model.isDemo = false
                try await model.create(on: app.db)
                return model
            }
            func publish(_ model: InspectionModel) async throws {
                model.state = .published
                model.ratingsSnapshot = String(
                    decoding: try JSONEncoder().encode(
                        FrozenRatings(
                            frameworkID: model.frameworkID, confidence: 0.95, answers: ["2.1.1": AnswerCounts(sufficient: 3, notSufficient: 1)],
                            organisational: [:], frozenAt: Date())), as: UTF8.self)
                try await model.save(on: app.db)
            }
            let first = try await inspection(world.providerA, "2018/19")
            let lead = Browser(app)
            _ = try await lead.signIn("lead@test.example")
            try await lead.get("/inspections/\(first.id!)/recommendations")
            for text in ["Assess risk of harm.", "Plan for public protection.", "Review cases at transfer."] {
                #expect(try await lead.post("/inspections/\(first.id!)/recommendations", [("text", text), ("addressee", "provider")]).status == .seeOther)
            }
            let made = try await Recommendations.of(inspection: first.id!, on: app.db)
            #expect(made.map(\.position) == [1, 2, 3])
            // Another body needs its name; nothing half-written.
            let nameless = try await lead.post("/inspections/\(first.id!)/recommendations", [("text", "Share data."), ("addressee", "other")])
            #expect(nameless.status == .unprocessableEntity && nameless.body.contains("href=\"#otherBody\""))
            #expect(try await Recommendations.of(inspection: first.id!, on: app.db).count == 3)
            try await publish(first)

            // The provider records its action plan once the report is published; another provider cannot.
            let provider = Browser(app)
            _ = try await provider.signIn("provider-a@test.example")
            try await provider.get("/inspections/\(first.id!)/recommendations")
            let plan = try await provider.post(
                "/inspections/\(first.id!)/recommendations/\(made[0].id!)/action-plan", [("actionPlan", "Risk training for every officer by March.")])
            #expect(plan.status == .seeOther)
            let stranger = Browser(app)
            _ = try await stranger.signIn("provider-b@test.example")
            #expect(
                try await stranger.post("/inspections/\(first.id!)/recommendations/\(made[0].id!)/action-plan", [("actionPlan", "x")]).status
                    == .forbidden)
            #expect(try await Recommendations.of(inspection: first.id!, on: app.db)[0].actionPlan == "Risk training for every officer by March.")

            // The next inspection follows them up.
            let second = try await inspection(world.providerA, "2019/20")
            let followUp = try await lead.get("/inspections/\(second.id!)/follow-up")
            #expect(followUp.status == .ok && followUp.body.contains("Assess risk of harm.") && followUp.body.contains("Risk training for every officer"))
            let unexplained = try await lead.post("/inspections/\(second.id!)/follow-up/\(made[0].id!)", [("status", "met"), ("evidence", "")])
            #expect(unexplained.status == .unprocessableEntity && unexplained.body.contains("href=\"#evidence-1\""))
            #expect(
                try await lead.post("/inspections/\(second.id!)/follow-up/\(made[0].id!)", [("status", "met"), ("evidence", "All staff trained.")]).status
                    == .seeOther)
            #expect(
                try await lead.post("/inspections/\(second.id!)/follow-up/\(made[1].id!)", [("status", "not-met"), ("evidence", "No plans seen.")]).status
                    == .seeOther)
            // Another provider's recommendation is not this inspection's to judge.
            let other = try await inspection(world.providerB, "2018/19")
            try await Recommendations.add(
                Recommendation(text: "Elsewhere.", addressee: .provider), inspection: other.id!, auditor: Auditor(user: nil, ip: nil, userAgent: nil),
                on: app.db)
            let elsewhere = try #require(try await Recommendations.of(inspection: other.id!, on: app.db).first)
            #expect(
                try await lead.post("/inspections/\(second.id!)/follow-up/\(elsewhere.id!)", [("status", "met"), ("evidence", "x")]).status == .notFound)
            #expect(try await Recommendations.of(inspection: other.id!, on: app.db).first?.followedUpIn == nil)
            // Once followed up, the action plan is history.
            #expect(
                try await provider.post("/inspections/\(first.id!)/recommendations/\(made[0].id!)/action-plan", [("actionPlan", "Later.")]).status
                    == .conflict)

            let report = try await lead.get("/inspections/\(second.id!)/report").body
            #expect(report.contains("Progress on previous recommendations"))
            #expect(report.contains("1 met, 0 partly met, 1 not met"))
            // The API shows a follow-up only once the inspection that made it is published.
            func apiItems() async throws -> [[String: Any]] {
                let body = try await Browser(app).get("/api/v1/inspections/\(first.id!)/recommendations").body
                let object = try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]
                return try #require(object?["recommendations"] as? [[String: Any]])
            }
            #expect(try await apiItems().map { $0["status"] is NSNull } == [true, true, true])
            try await publish(second)
            let published = try await apiItems()
            #expect(published.compactMap { $0["status"] as? String } == ["met", "not-met"])
            #expect(published[0]["followed_up_in"] as? String == second.id!.uuidString)
            #expect(published[2]["status"] is NSNull)

            // A successor answers for its predecessor's open recommendations only when the link says so.
            let admin = Browser(app)
            _ = try await admin.signIn("admin@test.example")
            let successor = ProviderModel(code: "successor", name: "Successor PDU", type: .crc, region: "North West")
            try await successor.create(on: app.db)
            try await successor.setPredecessors([world.providerA], carryingRecommendations: false, on: app.db)
            let third = try await inspection(successor.id!, "2021/22")
            #expect(try await Recommendations.previous(for: third, on: app.db).isEmpty)
            try await successor.setPredecessors([world.providerA], carryingRecommendations: true, on: app.db)
            let inherited = try await lead.get("/inspections/\(third.id!)/follow-up").body
            #expect(inherited.contains("Review cases at transfer.") && !inherited.contains("Assess risk of harm."))
        }
    }
}
