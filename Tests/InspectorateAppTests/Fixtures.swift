import Fluent
import Foundation
import InspectionKit
import Vapor

@testable import InspectorateApp

/// People and providers for the HTTP tests.
enum Fixtures {
    static let password = "correct horse battery staple"

    struct World {
        let providerA: UUID
        let providerB: UUID
        let users: [String: UUID]
    }

    static let accounts: [(email: String, role: Role, provider: String?)] = [
        ("admin@test.example", .admin, nil), ("lead@test.example", .lead, nil), ("lead2@test.example", .lead, nil),
        ("inspector@test.example", .inspector, nil), ("outsider@test.example", .inspector, nil), ("quality@test.example", .quality, nil),
        ("analyst@test.example", .analyst, nil), ("provider-a@test.example", .provider, "crc-a"), ("provider-b@test.example", .provider, "crc-b"),
    ]

    static func world(_ app: Application) async throws -> World {
        let providerA = ProviderModel(code: "crc-a", name: "Alpha CRC", type: .crc, region: "North West")
        let providerB = ProviderModel(code: "crc-b", name: "Beta CRC", type: .crc, region: "London")
        try await providerA.create(on: app.db)
        try await providerB.create(on: app.db)
        let hash = try app.hashPassword(password)
        var users: [String: UUID] = [:]
        for account in accounts {
            let provider = account.provider == "crc-a" ? providerA.id : account.provider == "crc-b" ? providerB.id : nil
            let user = UserModel(email: account.email, passwordHash: hash, role: account.role, providerID: provider)
            try await user.create(on: app.db)
            users[account.email] = user.id
        }
        return World(providerA: providerA.id!, providerB: providerB.id!, users: users)
    }

    /// A valid caseload of `rows` cases, with RoSH and sentence types mixed.
    static func caseload(rows: Int, prefix: String = "A") -> String {
        let rosh = ["low", "medium", "medium", "high"], sentences = ["community order", "licence", "suspended sentence order", "licence"]
        var lines = ["case_ref,sentence_type,start_date,rosh,mappa_category,mappa_level,officer_grade,team,gender,ethnicity"]
        for index in 0..<rows {
            let mappa = index % 10 == 0 ? "1,2" : "none,none"
            lines.append(
                "\(prefix)\(String(format: "%05d", index)),\(sentences[index % 4]),2019-0\(1 + index % 9)-1\(index % 10),\(rosh[(index / 4) % 4]),\(mappa),\(index % 3 == 0 ? "PO" : "PSO"),Team \(index % 3),\(index % 7 == 0 ? "female" : "male"),White"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// A youth offending team's caseload: court disposals and out-of-court disposals mixed.
    static func youthCaseload(rows: Int, prefix: String = "Y") -> String {
        let rosh = ["low", "medium", "low", "high"]
        let disposals = ["referral order", "youth caution", "youth rehabilitation order", "community resolution", "detention and training order"]
        var lines = ["case_ref,sentence_type,start_date,rosh,mappa_category,mappa_level,officer_grade,team,gender,ethnicity"]
        for index in 0..<rows {
            lines.append(
                "\(prefix)\(String(format: "%05d", index)),\(disposals[index % 5]),2020-0\(1 + index % 9)-1\(index % 10),\(rosh[(index / 5) % 4]),none,none,\(index % 2 == 0 ? "PO" : "PSO"),Team \(index % 2),\(index % 5 == 0 ? "female" : "male"),White"
            )
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static let workforce = """
        team,grade,staff_in_post,vacancies,average_caseload,workload_tool_percent,staff_over_100,staff_over_120,span_of_supervision
        Team 0,PO,10,2,41,112,6,2,
        Team 0,PSO,14,1,62,98.5,3,0,
        Team 0,SPO,2,1,0,104,,,12

        """
}
