import Foundation
import InspectionKit
import Testing
import Vapor

@testable import InspectorateApp

/// The owner of `team_members`, without HTTP: who is on a team, and what the access rules see.
@Suite("Inspection team: one owner")
struct InspectionTeamTests {
    @Test("a team is its lead and its members; replacing it keeps the lead off the member list", arguments: TestDatabases.all)
    func readsAndReplaces(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let setup = try await AuthorizationMatrixTests.world(app)
            let users = setup.world.users
            let lead = try #require(users["lead@test.example"])
            let inspector = try #require(users["inspector@test.example"])
            let quality = try #require(users["quality@test.example"])

            let team = try await InspectionTeam.of(inspection: setup.a, lead: lead, on: app.db)
            #expect(team.memberIDs == [inspector])
            #expect(team.people.map(\.email) == ["inspector@test.example", "lead@test.example"])
            #expect(team.people.first { $0.id == lead }?.role == .lead)

            // The lead named among the members stays the lead only; a repeated member is one row.
            try await app.db.writeTransaction { database in
                try await InspectionTeam.replace(inspection: setup.a, lead: lead, with: [quality, lead, quality], on: database)
            }
            let replaced = try await InspectionTeam.of(inspection: setup.a, lead: lead, on: app.db)
            #expect(replaced.memberIDs == [quality])
            #expect(replaced.people.map(\.email) == ["lead@test.example", "quality@test.example"])

            // Another inspection's team is untouched, and an empty team leaves the lead alone.
            #expect(try await InspectionTeam.of(inspection: setup.b, lead: lead, on: app.db).memberIDs == [inspector])
            try await InspectionTeam.replace(inspection: setup.a, lead: lead, with: [], on: app.db)
            let empty = try await InspectionTeam.of(inspection: setup.a, lead: lead, on: app.db)
            #expect(empty.memberIDs.isEmpty && empty.people.map(\.id) == [lead])
        }
    }
}
