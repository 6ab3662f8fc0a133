import Fluent
import Foundation
import InspectionKit
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Saving a provider's data. A new upload replaces the old one in a single transaction, so a
/// failure, or a crash half-way, leaves the previous data exactly as it was.
enum ProviderData {
    static let batchSize = 500

    static func replaceCaseload(
        inspection: UUID, with records: [EligibleCaseRecord], on database: any Database, progress: (@Sendable (Int) -> Void)? = nil
    ) async throws {
        try await database.writeTransaction { database in
            let sql = database as! any SQLDatabase
            try await sql.delete(from: EligibleCaseModel.schema).where("inspection_id", .equal, inspection).run()
            var saved = 0
            for batch in stride(from: 0, to: records.count, by: batchSize).map({ records[$0..<min($0 + batchSize, records.count)] }) {
                var insert = sql.insert(into: EligibleCaseModel.schema).columns(
                    "id", "inspection_id", "case_ref", "sentence_type", "start_date", "rosh", "mappa_category", "mappa_level", "officer_grade", "team",
                    "gender", "ethnicity")
                for record in batch {
                    insert = insert.values(
                        SQLBind(UUID()), SQLBind(inspection), SQLBind(record.caseReference), SQLBind(record.sentenceType.rawValue),
                        SQLBind(record.startDate.description),
                        SQLBind(record.rosh.rawValue), SQLBind(record.mappaCategory), SQLBind(record.mappaLevel), SQLBind(record.officerGrade.rawValue),
                        SQLBind(record.team), SQLBind(record.gender), SQLBind(record.ethnicity))
                }
                try await insert.run()
                saved += batch.count
                progress?(saved)
            }
        }
    }

    static func replaceWorkforce(inspection: UUID, with records: [WorkforceRecord], on database: any Database) async throws {
        try await database.writeTransaction { database in
            try await WorkforceFigureModel.query(on: database).filter(\.$inspectionID == inspection).delete()
            for record in records {
                let row = WorkforceFigureModel()
                row.inspectionID = inspection
                row.team = record.team
                row.grade = record.grade.rawValue
                row.staffInPost = record.staffInPost
                row.vacancies = record.vacancies
                row.averageCaseload = record.averageCaseload
                row.workloadToolPercent = record.workloadToolPercent
                try await row.create(on: database)
            }
        }
    }

    static func eligibleCount(inspection: UUID, on database: any Database) async throws -> Int {
        try await EligibleCaseModel.query(on: database).filter(\.$inspectionID == inspection).count()
    }

    static func workforceCount(inspection: UUID, on database: any Database) async throws -> Int {
        try await WorkforceFigureModel.query(on: database).filter(\.$inspectionID == inspection).count()
    }

    /// The inspection's eligible caseload, as the core reads it.
    static func eligible(inspection: UUID, on database: any Database) async throws -> [EligibleCaseRecord] {
        try await EligibleCaseModel.query(on: database).filter(\.$inspectionID == inspection).all().compactMap { $0.toDomain() }
    }

    static var today: CalendarDate {
        let parts = Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date())
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// Problems as the downloadable CSV: line, column, value, reason.
    static func problemsCSV(_ problems: [InputProblem]) -> String {
        var lines = ["line,column,value,reason"]
        for problem in problems {
            lines.append(
                [problem.line.map(String.init) ?? "", problem.columnName ?? problem.column.map(String.init) ?? "", problem.value ?? "", problem.message]
                    .map(CSVField.safe).joined(separator: ","))
        }
        return lines.joined(separator: "\n") + "\n"
    }

}

/// Runs uploads in the background and tracks their progress: phases in the database (any
/// instance can show them), bytes read in memory for the instance doing the work.
enum ImportRunner {
    final class Progress: @unchecked Sendable {
        private let lock = NIOLock()
        private var values: [UUID: Int] = [:]
        func set(_ job: UUID, _ value: Int) { lock.withLock { values[job] = value } }
        func get(_ job: UUID) -> Int? { lock.withLock { values[job] } }
        func clear(_ job: UUID) { _ = lock.withLock { values.removeValue(forKey: job) } }
    }

    struct ProgressKey: StorageKey { typealias Value = Progress }

    static func progress(_ app: Application) -> Progress {
        if let existing = app.storage[ProgressKey.self] { return existing }
        let created = Progress()
        app.storage[ProgressKey.self] = created
        return created
    }

    enum Kind: String { case caseload, workforce }

    /// Imports the received file in the background, deleting it when done.
    static func start(_ request: Request, job: ImportJobModel, kind: Kind, file: UploadReceiver.ReceivedFile) {
        let app = request.application
        let database = app.db
        let logger = request.logger
        let tracker = progress(app)
        let jobID = job.id!, inspection = job.inspectionID, filename = job.filename
        Task.detached {
            defer { file.delete() }
            do {
                let bytes = try await app.threadPool.runIfActive { try [UInt8](Data(contentsOf: URL(fileURLWithPath: file.path), options: .alwaysMapped)) }
                try await run(
                    jobID: jobID, inspection: inspection, kind: kind, filename: filename, bytes: bytes, database: database, threadPool: app.threadPool,
                    tracker: tracker, frameworks: app.frameworks)
            } catch {
                logger.error("Import \(jobID) failed: \(LogText.escaped(String(reflecting: error), limit: 2_000))")
                try? await ImportJobs.finish(
                    jobID, on: database, status: .failed, rows: 0, message: "The import could not be saved: \(error). Nothing was changed.", problems: nil)
            }
            tracker.clear(jobID)
        }
    }

    static func run(
        jobID: UUID, inspection: UUID, kind: Kind, filename: String, bytes: [UInt8], database: any Database, threadPool: NIOThreadPool, tracker: Progress,
        frameworks: FrameworkCatalog
    ) async throws {
        try await ImportJobs.setStatus(jobID, .validating, on: database)
        let framework = try await InspectionModel.find(inspection, on: database).flatMap { frameworks[FrameworkID($0.frameworkID)] }
        let accepted = framework?.sampledSentenceTypes
        let today = ProviderData.today
        switch kind {
        case .caseload:
            let parsed: Result<[EligibleCaseRecord], InputProblems> = try await threadPool.runIfActive {
                Result { () throws(InputProblems) -> [EligibleCaseRecord] in
                    try CaseloadCSV.read(bytes: bytes, file: filename, today: today, accepting: accepted) { tracker.set(jobID, $0 / 2) }
                }
            }
            switch parsed {
            case .failure(let problems):
                try await ImportJobs.finish(jobID, on: database, status: .failed, rows: 0, message: nil, problems: problems.problems)
            case .success(let records):
                try await ImportJobs.setStatus(jobID, .saving, on: database)
                let total = bytes.count
                try await ProviderData.replaceCaseload(inspection: inspection, with: records, on: database) { saved in
                    tracker.set(jobID, total / 2 + total / 2 * saved / max(1, records.count))
                }
                try await ImportJobs.finish(
                    jobID, on: database, status: .succeeded, rows: records.count,
                    message: "Imported \(records.count) eligible cases. They replace any earlier upload.", problems: nil)
            }
        case .workforce:
            do {
                let records = try WorkforceCSV.read(bytes: bytes, file: filename)
                try await ProviderData.replaceWorkforce(inspection: inspection, with: records, on: database)
                try await ImportJobs.finish(
                    jobID, on: database, status: .succeeded, rows: records.count,
                    message: "Imported \(records.count) workforce rows. They replace any earlier upload.", problems: nil)
            } catch let problems as InputProblems {
                try await ImportJobs.finish(jobID, on: database, status: .failed, rows: 0, message: nil, problems: problems.problems)
            }
        }
    }

    /// Jobs left running by an instance that died are marked failed (their transaction never
    /// committed, so nothing of them was saved).
    static func recoverInterrupted(_ app: Application) {
        let database = app.db
        let logger = app.logger
        Task.detached {
            let cutoff = Date().addingTimeInterval(-10 * 60)
            do {
                try await ImportJobs.failInterrupted(startedBefore: cutoff, on: database)
            } catch {
                logger.debug("Could not check for interrupted imports yet: \(error)")
            }
        }
    }
}
