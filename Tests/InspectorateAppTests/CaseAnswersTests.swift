import Fluent
import Foundation
import InspectionKit
import Testing
import Vapor

@testable import InspectorateApp

/// The owner of `case_answers`, without HTTP: optimistic locking, audit in the same
/// transaction, and the reads the ratings and exports are made from.
@Suite("Case answers: one owner")
struct CaseAnswersTests {
    @Test("saves lock optimistically, audit each change, and keep all of a save or none", arguments: TestDatabases.all)
    func savesAndLocks(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let setup = try await AuthorizationMatrixTests.world(app)
            let inspector = try #require(try await UserModel.find(setup.world.users["inspector@test.example"]!, on: app.db))
            let lead = try #require(try await UserModel.find(setup.world.users["lead@test.example"]!, on: app.db))
            let auditor = Auditor(user: inspector, ip: "192.0.2.7", userAgent: "tests")
            func save(
                _ answer: Answer, read version: Int, rationale: String = "Seen in the records.", by who: Auditor? = nil
            ) async throws
                -> CaseAnswers.SaveOutcome
            {
                try await app.db.writeTransaction { database in
                    try await CaseAnswers.save(
                        .init(question: "2.1.1", answer: answer, rationale: rationale, readVersion: version), case: setup.caseID, reference: "A00001",
                        inspection: setup.a, by: who ?? auditor, at: Date(), on: database)
                }
            }
            func audits() async throws -> [AuditEventModel] {
                try await AuditEventModel.query(on: app.db).filter(\.$entityType == "case-answer").all()
            }

            guard case .saved(let first) = try await save(.sufficient, read: 0) else { Issue.record("a first answer was not saved"); return }
            #expect(first == 1)
            #expect(try await audits().map(\.detail) == ["answered Sufficient"])
            let firstAudit = try await audits().first
            #expect(firstAudit?.ip == "192.0.2.7" && firstAudit?.userID == inspector.id)

            // The same answer again writes nothing.
            guard case .unchanged(let same) = try await save(.sufficient, read: 1) else { Issue.record("an unchanged answer was written"); return }
            #expect(same == 1)
            #expect(try await audits().count == 1)

            // A save from a page read before the first answer keeps the stored answer and returns it.
            guard case .conflict(let theirs) = try await save(.notSufficient, read: 0, by: Auditor(user: lead, ip: nil, userAgent: nil)) else {
                Issue.record("a stale save overwrote the stored answer")
                return
            }
            #expect(theirs.answer == .sufficient && theirs.version == 1 && theirs.updatedBy == inspector.id)

            guard case .saved(let second) = try await save(.notSufficient, read: 1) else { Issue.record("a current save was refused"); return }
            #expect(second == 2)

            // A save whose transaction fails keeps neither the answer nor its audit row.
            struct Interrupted: Error {}
            await #expect(throws: Interrupted.self) {
                try await app.db.writeTransaction { database in
                    _ = try await CaseAnswers.save(
                        .init(question: "2.1.1", answer: .notApplicable, rationale: "", readVersion: 2), case: setup.caseID, reference: "A00001",
                        inspection: setup.a, by: auditor, at: Date(), on: database)
                    throw Interrupted()
                }
            }
            let stored = try #require(try await CaseAnswers.of(case: setup.caseID, on: app.db)["2.1.1"])
            #expect(stored.answer == .notSufficient && stored.version == 2)
            #expect(try await audits().count == 2)

            // What the ratings and the exports read.
            #expect(try await CaseAnswers.counts(inspection: setup.a, on: app.db) == ["2.1.1": AnswerCounts(notSufficient: 1)])
            #expect(try await CaseAnswers.byCase(inspection: setup.a, on: app.db) == [setup.caseID: ["2.1.1": .notSufficient]])
            let exported = try await CaseAnswers.exported(inspection: setup.a, on: app.db)
            #expect(exported.map(\.reference) == ["A00001"] && exported.map(\.answer) == [.notSufficient] && exported.map(\.sample) == ["supervision"])
            #expect(try await CaseAnswers.count(cases: [setup.caseID, setup.moderatedCaseID], on: app.db) == 1)

            // Moderation replaces the answer, raising its version, and says so in the audit log.
            try await app.db.writeTransaction { database in
                try await CaseAnswers.moderate(
                    case: setup.caseID, reference: "A00001", inspection: setup.a, question: "2.1.1", from: "not-sufficient", to: .sufficient,
                    by: Auditor(user: lead, ip: nil, userAgent: nil), at: Date(), on: database)
            }
            let moderated = try #require(try await CaseAnswers.of(case: setup.caseID, on: app.db)["2.1.1"])
            #expect(moderated.answer == .sufficient && moderated.version == 3 && moderated.updatedBy == lead.id)
            #expect(try await audits().map(\.detail).sorted() == ["answered Not sufficient", "answered Sufficient", "moderated: not-sufficient → sufficient"])
        }
    }

    @Test("a standard's answers save together: each with its own outcome, one audit row per change", arguments: TestDatabases.all)
    func savesAStandard(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let setup = try await AuthorizationMatrixTests.world(app)
            let inspector = try #require(try await UserModel.find(setup.world.users["inspector@test.example"]!, on: app.db))
            let auditor = Auditor(user: inspector, ip: nil, userAgent: nil)
            func save(_ changes: [CaseAnswers.Change]) async throws -> [QuestionID: CaseAnswers.SaveOutcome] {
                try await app.db.writeTransaction { database in
                    try await CaseAnswers.save(changes, case: setup.caseID, reference: "A00001", inspection: setup.a, by: auditor, at: Date(), on: database)
                }
            }
            let first = try await save([
                .init(question: "2.1.1", answer: .sufficient, rationale: "Seen.", readVersion: 0),
                .init(question: "2.1.2", answer: .notSufficient, rationale: "Not seen.", readVersion: 0),
            ])
            guard case .saved(1) = first["2.1.1"], case .saved(1) = first["2.1.2"] else { Issue.record("first answers: \(first)"); return }

            // Unchanged, changed, stale and new in one save: each gets its own outcome.
            let second = try await save([
                .init(question: "2.1.1", answer: .sufficient, rationale: "Seen.", readVersion: 1),
                .init(question: "2.1.2", answer: .sufficient, rationale: "Seen after all.", readVersion: 1),
                .init(question: "2.1.3", answer: .notApplicable, rationale: "", readVersion: 0),
            ])
            guard case .unchanged(1) = second["2.1.1"], case .saved(2) = second["2.1.2"], case .saved(1) = second["2.1.3"] else {
                Issue.record("second save: \(second)")
                return
            }
            let stale = try await save([.init(question: "2.1.2", answer: .notSufficient, rationale: "Old page.", readVersion: 1)])
            guard case .conflict(let theirs) = stale["2.1.2"] else { Issue.record("a stale save overwrote: \(stale)"); return }
            #expect(theirs.version == 2 && theirs.answer == .sufficient)

            let audits = try await AuditEventModel.query(on: app.db).filter(\.$entityType == "case-answer").all()
            #expect(audits.compactMap(\.entityID).sorted() == ["A00001/2.1.1", "A00001/2.1.2", "A00001/2.1.2", "A00001/2.1.3"])
            #expect(audits.allSatisfy { $0.userID == inspector.id && $0.inspectionID == setup.a })
        }
    }
}
