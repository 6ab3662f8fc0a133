import Fluent
import Foundation
import InspectionKit

/// One upload of a provider's file and how its import went. ``ImportJobs`` does every read and
/// write of these rows.
final class ImportJobModel: Model, @unchecked Sendable {
    static let schema = "import_jobs"
    @ID var id: UUID?
    @Field(key: "inspection_id") var inspectionID: UUID
    @Field(key: "kind") var kind: ImportRunner.Kind
    @Field(key: "status") var status: ImportStatus
    @Field(key: "filename") var filename: String
    @Field(key: "total_bytes") var totalBytes: Int
    @Field(key: "processed_bytes") var processedBytes: Int
    @Field(key: "row_count") var rowCount: Int
    @OptionalField(key: "problems") var problems: String?
    @OptionalField(key: "message") var message: String?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @OptionalField(key: "finished_at") var finishedAt: Date?

    init() {}
}

/// The owner of `import_jobs`: every read and write of uploads' progress and outcome.
enum ImportJobs {
    /// Records an upload about to be imported, and audits it with it.
    static func create(
        inspection: UUID, kind: ImportRunner.Kind, filename: String, bytes: Int, by auditor: Auditor, on database: any Database
    ) async throws -> ImportJobModel {
        try await database.writeTransaction { database in
            let job = ImportJobModel()
            job.inspectionID = inspection
            job.kind = kind
            job.status = .queued
            job.filename = filename
            job.totalBytes = bytes
            job.processedBytes = 0
            job.rowCount = 0
            job.createdBy = auditor.user?.id
            try await job.create(on: database)
            try await auditor.record(
                .upload, "import-job", job.id?.uuidString, inspection: inspection, detail: "\(kind.rawValue): \(filename), \(bytes) bytes", on: database)
            return job
        }
    }

    /// An inspection's uploads, newest first.
    static func all(inspection: UUID, on database: any Database) async throws -> [ImportJobModel] {
        try await ImportJobModel.query(on: database).filter(\.$inspectionID == inspection).sort(\.$createdAt, .descending).all()
    }

    /// One upload, only if it belongs to the inspection.
    static func find(_ id: UUID, inspection: UUID, on database: any Database) async throws -> ImportJobModel? {
        try await ImportJobModel.query(on: database).filter(\.$id == id).filter(\.$inspectionID == inspection).first()
    }

    /// The file names of the given uploads, for the audit log.
    static func filenames(_ ids: [UUID], on database: any Database) async throws -> [UUID: String] {
        Dictionary(uniqueKeysWithValues: try await ImportJobModel.query(on: database).filter(\.$id ~~ ids).all().map { ($0.id!, $0.filename) })
    }

    static func setStatus(_ job: UUID, _ status: ImportStatus, on database: any Database) async throws {
        try await ImportJobModel.query(on: database).filter(\.$id == job).set(\.$status, to: status).update()
    }

    static func finish(_ job: UUID, on database: any Database, status: ImportStatus, rows: Int, message: String?, problems: [InputProblem]?) async throws {
        try await ImportJobModel.query(on: database).filter(\.$id == job)
            .set(\.$status, to: status).set(\.$rowCount, to: rows).set(\.$message, to: message)
            .set(\.$problems, to: problems.map(ProviderData.problemsCSV)).set(\.$finishedAt, to: Date())
            .update()
    }

    /// Marks failed the jobs started before `cutoff` and never finished: their instance died, and
    /// their transaction never committed, so nothing of them was saved.
    static func failInterrupted(startedBefore cutoff: Date, on database: any Database) async throws {
        try await ImportJobModel.query(on: database).filter(\.$status ~~ ImportStatus.unfinished).filter(\.$createdAt < cutoff)
            .set(\.$status, to: .failed)
            .set(\.$message, to: "The import was interrupted. Nothing from it was saved; upload the file again.")
            .update()
    }
}
