import Fluent
import Foundation
import SQLKit

/// One person on an inspection's team (or its lead), as pages and access rules need them.
struct TeamMember: Decodable, Equatable, Sendable {
    let id: UUID
    let email: String
    let role: Role
}

/// The owner of `team_members`: who, besides its lead, is on each inspection's team.
///
/// Every request about an inspection reads its team (the access rules need it), so the read is one
/// plain query into plain values: decoding a row per member through Fluent's reflection was the
/// largest single cost of an autosave on a large team (see benchmarks/notes.md, L1).
enum InspectionTeam {
    struct Loaded {
        /// The lead and the members, by email.
        let people: [TeamMember]
        /// The members' ids, without the lead unless the lead is also a member.
        let memberIDs: Set<UUID>
    }

    static func of(inspection: UUID, lead: UUID, on database: any Database) async throws -> Loaded {
        struct Row: Decodable {
            let id: UUID
            let email: String
            let role: Role
            let member: Int
        }
        let rows = try await (database as! any SQLDatabase).raw(
            """
            SELECT u.id, u.email, u.role, 1 AS member FROM team_members t JOIN users u ON u.id = t.user_id
            WHERE t.inspection_id = \(bind: inspection)
            UNION ALL SELECT id, email, role, 0 AS member FROM users WHERE id = \(bind: lead)
            """
        ).all(decoding: Row.self)
        var people: [UUID: TeamMember] = [:]
        for row in rows { people[row.id] = TeamMember(id: row.id, email: row.email, role: row.role) }
        return Loaded(
            people: people.values.sorted { $0.email < $1.email },
            memberIDs: Set(rows.filter { $0.member == 1 }.map(\.id)))
    }

    /// Makes `members` the inspection's team; the lead is never a member of their own team.
    /// Run it in the transaction that changes the rest of the plan.
    static func replace(inspection: UUID, lead: UUID, with members: [UUID], on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.delete(from: "team_members").where("inspection_id", .equal, inspection).run()
        let kept = Set(members).subtracting([lead])
        guard !kept.isEmpty else { return }
        let insert = sql.insert(into: "team_members").columns("id", "inspection_id", "user_id")
        for member in kept { insert.values(SQLBind(UUID()), SQLBind(inspection), SQLBind(member)) }
        try await insert.run()
    }
}
