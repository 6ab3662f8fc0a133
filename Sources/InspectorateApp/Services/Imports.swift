import Fluent
import Foundation
import InspectionKit
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Saving a provider's data. A new upload replaces the old one in a single transaction, so a
/// failure, or a crash half-way, leaves the previous data exactly as it was.
enum ProviderData {
    /// Rows per statement: each statement carries its rows as one JSON text, so a million-row
    /// caseload is a hundred statements rather than a million binds.
    static let batchSize = 10_000

    static func replaceCaseload(
        inspection: UUID, with records: [EligibleCaseRecord], on database: any Database, progress: (@Sendable (Int) -> Void)? = nil
    ) async throws {
        let ids = OrderedUUIDs()
        let batches = stride(from: 0, to: records.count, by: batchSize).map { $0..<min($0 + batchSize, records.count) }
        try await database.writeTransaction { database in
            let sql = database as! any SQLDatabase
            try await sql.delete(from: EligibleCaseModel.schema).where("inspection_id", .equal, inspection).run()
            let insert = CaseloadInsert(dialect: sql.dialect.name)
            var saved = 0
            // The next batch's JSON is written while the database inserts this one: two cores,
            // two halves of the work.
            func json(_ index: Int) -> Task<String, Never>? {
                guard index < batches.count else { return nil }
                let range = batches[index]
                return Task { CaseloadInsert.json(records[range], ids: ids, from: range.lowerBound) }
            }
            var next = json(0)
            for (index, range) in batches.enumerated() {
                // A shutdown cancels the import: the transaction rolls back, the earlier upload stays.
                try Task.checkCancellation()
                let rows = await next!.value
                next = json(index + 1)
                try await sql.raw(insert.statement(inspection: inspection, rows: rows)).run()
                saved += range.count
                progress?(saved)
            }
        }
    }

    static func replaceWorkforce(inspection: UUID, with records: [WorkforceRecord], on database: any Database) async throws {
        try await database.writeTransaction { database in
            try await WorkforceFigureModel.query(on: database).filter(\.$inspectionID == inspection).delete()
            for record in records { try await WorkforceFigureModel(inspection: inspection, record).create(on: database) }
        }
    }

    static func eligibleCount(inspection: UUID, on database: any Database) async throws -> Int {
        try await EligibleCaseModel.query(on: database).filter(\.$inspectionID == inspection).count()
    }

    static func workforceCount(inspection: UUID, on database: any Database) async throws -> Int {
        try await WorkforceFigureModel.query(on: database).filter(\.$inspectionID == inspection).count()
    }

    /// The inspection's workforce figures, as the core reads them.
    static func workforce(inspection: UUID, on database: any Database) async throws -> [WorkforceRecord] {
        try await WorkforceFigureModel.query(on: database).filter(\.$inspectionID == inspection).all().map(\.record)
    }

    /// The inspection's eligible caseload, as the core reads it.
    static func eligible(inspection: UUID, on database: any Database) async throws -> [EligibleCaseRecord] {
        try await EligibleCaseModel.query(on: database).filter(\.$inspectionID == inspection).all().map { try $0.toDomain() }
    }

    /// The eligible cases whose file said anything about how their sentence is delivered.
    static func eligibleWithDelivery(inspection: UUID, on database: any Database) async throws -> [EligibleCaseRecord] {
        try await EligibleCaseModel.query(on: database).filter(\.$inspectionID == inspection)
            .group(.or) {
                $0.filter(\.$programmeRequirement != nil).filter(\.$unpaidWorkHoursOrdered != nil).filter(\.$latestContactType != nil)
            }
            .all().map { try $0.toDomain() }
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

/// One statement inserting a batch of eligible cases sent as a JSON array of rows, which the
/// database unpacks itself: one bind per 10,000 rows instead of one per value (see
/// BENCHMARKS.md for the profiles).
struct CaseloadInsert {
    let dialect: String

    static let columns = [
        "id", "inspection_id", "case_ref", "sentence_type", "start_date", "rosh", "mappa_category", "mappa_level", "officer_grade", "team", "gender",
        "ethnicity", "age_band", "programme_requirement", "programme_start_date", "unpaid_work_hours_ordered", "unpaid_work_hours_completed",
        "unpaid_work_completed_date", "latest_contact_type",
    ]

    func statement(inspection: UUID, rows json: String) -> SQLQueryString {
        let columns = Self.columns.joined(separator: ", ")
        if dialect == "postgresql" {
            return """
                INSERT INTO eligible_cases (\(unsafeRaw: columns))
                SELECT (r ->> 0)::uuid, \(bind: inspection), r ->> 1, r ->> 2, r ->> 3, r ->> 4, (r ->> 5)::int, (r ->> 6)::int, r ->> 7, r ->> 8,
                r ->> 9, r ->> 10, r ->> 11, (r ->> 12)::boolean, r ->> 13, (r ->> 14)::int, (r ->> 15)::int, r ->> 16, r ->> 17
                FROM json_array_elements(\(bind: json)::json) AS rows(r)
                """
        }
        return """
            INSERT INTO eligible_cases (\(unsafeRaw: columns))
            SELECT value ->> 0, \(bind: inspection), value ->> 1, value ->> 2, value ->> 3, value ->> 4, value ->> 5, value ->> 6, value ->> 7,
            value ->> 8, value ->> 9, value ->> 10, value ->> 11, value ->> 12, value ->> 13, value ->> 14, value ->> 15, value ->> 16, value ->> 17
            FROM jsonb_each(jsonb(\(bind: json)))
            """
    }

    /// The rows as `[[id, case_ref, sentence_type, start_date, rosh, mappa_category, mappa_level,
    /// officer_grade, team, gender, ethnicity, age_band], …]`, each followed by the six delivery values when
    /// the case has any (a missing element reads as null).
    static func json(_ records: ArraySlice<EligibleCaseRecord>, ids: OrderedUUIDs, from firstIndex: Int) -> String {
        var text = JSONText()
        text.reserve(records.count * 128)
        text.append("[")
        for (index, record) in records.enumerated() {
            if index > 0 { text.append(",") }
            text.append("[")
            text.uuid(ids.id(firstIndex + index))
            for value in [record.caseReference, record.sentenceType.rawValue, record.startDate.description] {
                text.append(",")
                text.string(value)
            }
            // Never null: an inspection's extract is read with every RoSH level required, and
            // the column refuses null should that ever change.
            text.append(",")
            text.optionalString(record.rosh?.rawValue)
            for value in [record.mappaCategory, record.mappaLevel] {
                text.append(",")
                text.number(value)
            }
            for value in [record.officerGrade.rawValue, record.team, record.gender, record.ethnicity] {
                text.append(",")
                text.string(value)
            }
            text.append(",")
            text.optionalString(record.ageBand?.rawValue)
            let delivery = record.delivery
            if !delivery.isEmpty {
                text.append(",")
                text.boolean(delivery.programmeRequirement)
                text.append(",")
                text.optionalString(delivery.programmeStarted?.description)
                for value in [delivery.unpaidWorkHoursOrdered, delivery.unpaidWorkHoursCompleted] {
                    text.append(",")
                    text.number(value)
                }
                for value in [delivery.unpaidWorkCompleted?.description, delivery.latestContact?.rawValue] {
                    text.append(",")
                    text.optionalString(value)
                }
            }
            text.append("]")
        }
        text.append("]")
        return text.text
    }
}

/// JSON text built byte by byte, for values of known shape (no general encoder needed).
struct JSONText {
    private static let upperHex = Array("0123456789ABCDEF".utf8), lowerHex = Array("0123456789abcdef".utf8)
    private var bytes: [UInt8] = []

    mutating func reserve(_ capacity: Int) { bytes.reserveCapacity(capacity) }

    mutating func append(_ literal: StaticString) {
        literal.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func number(_ value: Int?) {
        guard let value else { return append("null") }
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func boolean(_ value: Bool?) {
        guard let value else { return append("null") }
        append(value ? "true" : "false")
    }

    mutating func optionalString(_ value: String?) {
        guard let value else { return append("null") }
        string(value)
    }

    /// A JSON string: quotes, backslashes and control characters escaped; everything else as is.
    mutating func string(_ value: String) {
        bytes.append(UInt8(ascii: "\""))
        defer { bytes.append(UInt8(ascii: "\"")) }
        let utf8 = value.utf8
        if !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) {
            bytes.append(contentsOf: utf8)  // nearly every value: nothing to escape
            return
        }
        for byte in utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte)
            case 0..<0x20:
                let hex = Self.lowerHex
                bytes.append(contentsOf: [
                    UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 15)],
                ])
            default:
                bytes.append(byte)
            }
        }
    }

    /// A UUID as a JSON string, spelt as `uuidString` spells it (upper-case hex), without
    /// building the intermediate string.
    mutating func uuid(_ id: UUID) {
        let hex = Self.upperHex
        bytes.append(UInt8(ascii: "\""))
        withUnsafeBytes(of: id.uuid) { raw in
            for (index, byte) in raw.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 { bytes.append(UInt8(ascii: "-")) }
                bytes.append(hex[Int(byte >> 4)])
                bytes.append(hex[Int(byte & 15)])
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    var text: String { String(decoding: bytes, as: UTF8.self) }
}

/// Version 7 UUIDs (RFC 9562) that increase with the row's index: the time the batch began, then
/// the index as a counter in the random bits (the RFC's method for monotonic ids). A batch
/// inserted in this order extends the primary-key index at its end instead of touching a random
/// page of it per row.
struct OrderedUUIDs: Sendable {
    private let prefix: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8)

    init(now: Date = Date()) {
        let milliseconds = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        var random = SystemRandomNumberGenerator()
        let a = UInt16.random(in: 0...0x0FFF, using: &random), b = UInt16.random(in: 0...0x3FFF, using: &random)
        prefix = (
            UInt8(truncatingIfNeeded: milliseconds >> 40), UInt8(truncatingIfNeeded: milliseconds >> 32), UInt8(truncatingIfNeeded: milliseconds >> 24),
            UInt8(truncatingIfNeeded: milliseconds >> 16), UInt8(truncatingIfNeeded: milliseconds >> 8), UInt8(truncatingIfNeeded: milliseconds),
            0x70 | UInt8(a >> 8), UInt8(truncatingIfNeeded: a), 0x80 | UInt8(b >> 8), UInt8(truncatingIfNeeded: b),
            UInt8.random(in: 0...255, using: &random), UInt8.random(in: 0...255, using: &random)
        )
    }

    /// The id of the row at `index` of the batch; a caseload larger than 2³² rows is not a case to handle.
    func id(_ index: Int) -> UUID {
        let counter = UInt32(truncatingIfNeeded: index)
        let p = prefix
        return UUID(
            uuid: (
                p.0, p.1, p.2, p.3, p.4, p.5, p.6, p.7, p.8, p.9, p.10, p.11, UInt8(truncatingIfNeeded: counter >> 24),
                UInt8(truncatingIfNeeded: counter >> 16), UInt8(truncatingIfNeeded: counter >> 8), UInt8(truncatingIfNeeded: counter)
            ))
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

    enum Kind: String, Codable { case caseload, workforce }

    /// Imports the received file in the background, deleting it when done.
    static func start(_ request: Request, job: ImportJobModel, kind: Kind, file: UploadReceiver.ReceivedFile) {
        let app = request.application
        let database = app.db
        let logger = request.logger
        let tracker = progress(app)
        let jobID = job.id!, inspection = job.inspectionID, filename = job.filename
        app.inFlight.startImport(jobID) {
            defer { file.delete() }
            do {
                let bytes = try await app.threadPool.runIfActive { try [UInt8](Data(contentsOf: URL(fileURLWithPath: file.path), options: .alwaysMapped)) }
                try await run(
                    jobID: jobID, inspection: inspection, kind: kind, filename: filename, bytes: bytes, database: database, threadPool: app.threadPool,
                    tracker: tracker, frameworks: app.frameworks)
            } catch is CancellationError {
                logger.notice("Import \(jobID) interrupted by the server stopping; nothing from it was saved")
                try? await ImportJobs.finish(
                    jobID, on: database, status: .failed, rows: 0,
                    message: "The import was interrupted because the server was restarting. Nothing from it was saved; upload the file again.",
                    problems: nil)
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
        try Task.checkCancellation()
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
                try Task.checkCancellation()
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
