import Fluent
import Foundation
import InspectionKit
import Testing
import Vapor

@testable import InspectorateApp

/// The owner of `import_jobs`, and the provider data an import replaces, without HTTP.
@Suite("Imports: one owner")
struct ImportJobsTests {
    @Test("an upload is recorded with its audit row, found only under its inspection, finished and, if abandoned, failed", arguments: TestDatabases.all)
    func lifecycle(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let setup = try await AuthorizationMatrixTests.world(app)
            let lead = try #require(try await UserModel.find(setup.world.users["lead@test.example"]!, on: app.db))
            let auditor = Auditor(user: lead, ip: "192.0.2.9", userAgent: nil)

            let job = try await ImportJobs.create(inspection: setup.a, kind: .caseload, filename: "caseload.csv", bytes: 1_234, by: auditor, on: app.db)
            #expect(job.status == .queued && job.createdBy == lead.id && job.rowCount == 0)
            let audit = try await AuditEventModel.query(on: app.db).filter(\.$entityType == "import-job").all()
            #expect(audit.map(\.detail) == ["caseload: caseload.csv, 1234 bytes"] && audit.first?.entityID == job.id?.uuidString)

            // Another inspection's id never finds it.
            #expect(try await ImportJobs.find(job.id!, inspection: setup.b, on: app.db) == nil)
            #expect(try await ImportJobs.find(job.id!, inspection: setup.a, on: app.db)?.filename == "caseload.csv")
            // Newest first, after the world's earlier failed upload.
            #expect(try await ImportJobs.all(inspection: setup.a, on: app.db).map(\.id) == [job.id, setup.job])
            #expect(try await ImportJobs.all(inspection: setup.b, on: app.db).isEmpty)
            #expect(try await ImportJobs.filenames([job.id!, UUID()], on: app.db) == [job.id!: "caseload.csv"])

            try await ImportJobs.setStatus(job.id!, .saving, on: app.db)
            #expect(try await ImportJobs.find(job.id!, inspection: setup.a, on: app.db)?.status == .saving)
            // Not yet abandoned: started after the cut-off.
            try await ImportJobs.failInterrupted(startedBefore: Date().addingTimeInterval(-600), on: app.db)
            #expect(try await ImportJobs.find(job.id!, inspection: setup.a, on: app.db)?.status == .saving)
            // Abandoned by an instance that died.
            try await ImportJobs.failInterrupted(startedBefore: Date().addingTimeInterval(60), on: app.db)
            let failed = try #require(try await ImportJobs.find(job.id!, inspection: setup.a, on: app.db))
            #expect(failed.status == .failed && failed.message?.contains("interrupted") == true)

            let problem = InputProblem(file: "caseload.csv", line: 3, column: 2, columnName: "rosh", value: "extreme", message: "not a RoSH level")
            try await ImportJobs.finish(job.id!, on: app.db, status: .failed, rows: 0, message: nil, problems: [problem])
            let finished = try #require(try await ImportJobs.find(job.id!, inspection: setup.a, on: app.db))
            #expect(finished.finishedAt != nil && ProblemsFile.rows(finished.problems ?? "") == [["3", "rosh", "extreme", "not a RoSH level"]])
        }
    }

    @Test("a caseload import replaces the held data in one transaction", arguments: TestDatabases.all)
    func replacesCaseload(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let setup = try await AuthorizationMatrixTests.world(app)
            let record = { (reference: String) in
                EligibleCaseRecord(
                    caseReference: reference, sentenceType: .communityOrder, startDate: CalendarDate(year: 2019, month: 4, day: 1)!, rosh: .medium,
                    mappaCategory: nil, mappaLevel: nil, officerGrade: .probationOfficer, team: "North", gender: "female", ethnicity: "White")
            }
            try await ProviderData.replaceCaseload(inspection: setup.a, with: [record("X1"), record("X2")], on: app.db)
            #expect(try await ProviderData.eligibleCount(inspection: setup.a, on: app.db) == 2)
            try await ProviderData.replaceCaseload(inspection: setup.a, with: [record("Y1")], on: app.db)
            #expect(try await ProviderData.eligible(inspection: setup.a, on: app.db).map(\.caseReference) == ["Y1"])
            #expect(try await ProviderData.eligibleCount(inspection: setup.b, on: app.db) == 0)
        }
    }

    @Test("a caseload round-trips exactly through the batched insert: odd text, MAPPA, and more rows than one statement", arguments: TestDatabases.all)
    func batchedInsertRoundTrips(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let setup = try await AuthorizationMatrixTests.world(app)
            let odd = EligibleCaseRecord(
                caseReference: "ODD-1", sentenceType: .licence, startDate: CalendarDate(year: 2020, month: 2, day: 29)!, rosh: .veryHigh,
                mappaCategory: 2, mappaLevel: 3, officerGrade: .probationServicesOfficer,
                team: "Quote \"and\" back\\slash\nnew line\ttab \u{1} — Ünïcode 🙂 ', -- ; DROP TABLE eligible_cases", gender: "not recorded",
                ethnicity: "Mixed: White & Black Caribbean")
            let plain = (0..<ProviderData.batchSize).map { index in
                EligibleCaseRecord(
                    caseReference: "P\(index)", sentenceType: .communityOrder, startDate: CalendarDate(year: 2019, month: 4, day: 1)!, rosh: .low,
                    officerGrade: .probationOfficer, team: "North", gender: "male", ethnicity: "White")
            }
            let saved = SavedCounts()
            try await ProviderData.replaceCaseload(inspection: setup.a, with: plain + [odd], on: app.db) { saved.append($0) }
            #expect(saved.values == [ProviderData.batchSize, ProviderData.batchSize + 1], "progress after each statement")
            let stored = try await ProviderData.eligible(inspection: setup.a, on: app.db)
            #expect(stored.count == plain.count + 1)
            #expect(stored.first { $0.caseReference == "ODD-1" } == odd)
            #expect(Set(stored) == Set(plain + [odd]))
        }
    }

    @Test("ids for a batch are version 7 UUIDs in increasing order, later batches after earlier ones")
    func orderedIDs() {
        let first = OrderedUUIDs(now: Date(timeIntervalSince1970: 1_800_000_000))
        let later = OrderedUUIDs(now: Date(timeIntervalSince1970: 1_800_000_001))
        let ids = (0..<1_000).map { first.id($0) }
        #expect(ids.map(\.uuidString) == ids.map(\.uuidString).sorted())
        #expect(Set(ids).count == ids.count)
        #expect(ids.allSatisfy { $0.uuid.6 >> 4 == 7 && $0.uuid.8 >> 6 == 0b10 }, "version 7, RFC 9562 variant")
        #expect(later.id(0).uuidString > ids.last!.uuidString)
        var json = JSONText()
        json.uuid(ids[0])
        json.append(",")
        json.string("a \"b\" \\ \n\u{1} é")
        #expect(json.text == "\"\(ids[0].uuidString)\",\"a \\\"b\\\" \\\\ \\u000a\\u0001 é\"")
    }
}

/// Progress values reported from a @Sendable callback.
final class SavedCounts: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Int] = []
    func append(_ value: Int) { lock.withLock { stored.append(value) } }
    var values: [Int] { lock.withLock { stored } }
}
