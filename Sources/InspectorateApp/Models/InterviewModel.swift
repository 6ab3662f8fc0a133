import Fluent
import Foundation
import InspectionKit
import SQLKit

/// Who an interview about a sampled case was with.
enum InterviewKind: String, Codable, Sendable {
    case officer
    case person
}

/// One interview about a sampled case. ``Interviews`` does every read and write of these rows.
final class InterviewModel: Model, @unchecked Sendable {
    static let schema = "interviews"
    @ID var id: UUID?
    @Field(key: "sampled_case_id") var sampledCaseID: UUID
    @Field(key: "kind") var kind: InterviewKind
    @OptionalField(key: "grade") var grade: OfficerGrade?
    @OptionalField(key: "caseload_size") var caseloadSize: Int?
    @OptionalField(key: "workload_manageable") var workloadManageable: WorkloadAnswer?
    @OptionalField(key: "officer_ref") var officerReference: String?
    @Field(key: "notes") var notes: String
    @OptionalField(key: "updated_by") var updatedBy: UUID?
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

/// The owner of `interviews`.
enum Interviews {
    /// A case's officer and person-on-probation interviews, either of which may not exist yet.
    static func of(case caseID: UUID, on database: any Database) async throws -> (officer: InterviewModel?, person: InterviewModel?) {
        let rows = try await InterviewModel.query(on: database).filter(\.$sampledCaseID == caseID).all()
        return (rows.first { $0.kind == .officer }, rows.first { $0.kind == .person })
    }

    /// How many of these cases have any interview.
    static func count(cases: [UUID], on database: any Database) async throws -> Int {
        try await InterviewModel.query(on: database).filter(\.$sampledCaseID ~~ cases).count()
    }

    /// The reference of the case, other than `excluding`, whose interview with this officer
    /// already holds their workload answer in this inspection; nil when none does.
    static func workloadAnsweredOn(inspection: UUID, officer: String, excluding caseID: UUID, on database: any Database) async throws -> String? {
        struct Row: Decodable { let case_ref: String }
        let sql = database as! any SQLDatabase
        return try await sql.raw(
            """
            SELECT c.case_ref FROM interviews i JOIN sampled_cases c ON i.sampled_case_id = c.id
            WHERE c.inspection_id = \(bind: inspection) AND i.kind = 'officer' AND i.officer_ref = \(bind: officer)
            AND i.workload_manageable IS NOT NULL AND c.id <> \(bind: caseID) ORDER BY c.case_ref LIMIT 1
            """
        ).first(decoding: Row.self)?.case_ref
    }

    /// Records a case's interviews in one transaction, audited: the officer's always, the
    /// person's when there are notes or it was recorded before.
    static func save(
        case caseID: UUID, reference: String, inspection: UUID, officer: OfficerInterview, personNotes: String, by user: UUID, auditor: Auditor,
        on database: any Database
    ) async throws {
        try await database.writeTransaction { database in
            let existing = try await of(case: caseID, on: database)
            let row = existing.officer ?? InterviewModel()
            row.sampledCaseID = caseID
            row.kind = .officer
            row.grade = officer.grade
            row.caseloadSize = officer.caseloadSize
            row.workloadManageable = officer.workloadManageable
            row.officerReference = officer.officerReference
            row.notes = officer.notes
            row.updatedBy = user
            row.updatedAt = Date()
            try await row.save(on: database)
            if !personNotes.isEmpty || existing.person != nil {
                let person = existing.person ?? InterviewModel()
                person.sampledCaseID = caseID
                person.kind = .person
                person.notes = personNotes
                person.updatedBy = user
                person.updatedAt = Date()
                try await person.save(on: database)
            }
            try await auditor.record(.update, "interview", reference, inspection: inspection, on: database)
        }
    }

    /// Every officer interview of an inspection that names a grade, by case: the reports' input.
    static func officerInterviews(inspection: UUID, on database: any Database) async throws -> [UUID: OfficerInterview] {
        struct Row: Decodable {
            let sampled_case_id: UUID
            let grade: OfficerGrade?
            let caseload_size: Int?
            let workload_manageable: WorkloadAnswer?
            let officer_ref: String?
        }
        let sql = database as! any SQLDatabase
        let rows = try await sql.raw(
            """
            SELECT i.sampled_case_id, i.grade, i.caseload_size, i.workload_manageable, i.officer_ref FROM interviews i
            JOIN sampled_cases c ON i.sampled_case_id = c.id WHERE c.inspection_id = \(bind: inspection) AND i.kind = 'officer'
            """
        ).all(decoding: Row.self)
        var byCase: [UUID: OfficerInterview] = [:]
        for row in rows {
            // An officer interview saved before its grade was chosen says nothing about workload by grade.
            guard let grade = row.grade else { continue }
            byCase[row.sampled_case_id] = OfficerInterview(
                grade: grade, caseloadSize: row.caseload_size, workloadManageable: row.workload_manageable, officerReference: row.officer_ref)
        }
        return byCase
    }

    /// An interview as the demo loads it.
    struct Loaded {
        let caseID: UUID
        let interview: OfficerInterview
        let by: UUID
        let at: Date
    }

    /// Loads many officer interviews in a few statements, for the demo: nothing is audited.
    static func load(_ interviews: [Loaded], on database: any Database) async throws {
        try await BulkInsert.rows(
            database as! any SQLDatabase, into: InterviewModel.schema,
            columns: ["id", "sampled_case_id", "kind", "grade", "caseload_size", "workload_manageable", "officer_ref", "notes", "updated_by", "updated_at"],
            interviews.map { loaded in
                let interview = loaded.interview
                return [
                    UUID(), loaded.caseID, InterviewKind.officer.rawValue, interview.grade.rawValue, interview.caseloadSize,
                    interview.workloadManageable?.rawValue, interview.officerReference, interview.notes, loaded.by, loaded.at,
                ]
            })
    }
}
