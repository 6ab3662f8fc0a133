import Fluent
import Foundation
import InspectionKit
import SQLKit

/// One inspector's answer to one key question for one sampled case. ``CaseAnswers`` does every
/// read and write of these rows.
final class CaseAnswerModel: Model, @unchecked Sendable {
    static let schema = "case_answers"
    @ID var id: UUID?
    @Field(key: "sampled_case_id") var sampledCaseID: UUID
    @Field(key: "question_id") var questionID: String
    @Field(key: "answer") var answer: Answer
    @Field(key: "rationale") var rationale: String
    /// Raised by every change: a save names the version it read and applies only if it is still
    /// the stored one (optimistic locking).
    @Field(key: "version") var version: Int
    @OptionalField(key: "updated_by") var updatedBy: UUID?
    @Field(key: "updated_at") var updatedAt: Date

    init() {}
}

/// The owner of `case_answers`: every read and write of case answers, with their locking and
/// audit rules, so that no controller or report holds SQL for them.
enum CaseAnswers {
    // MARK: - One case

    /// A case's answers, by question id.
    static func of(case caseID: UUID, on database: any Database) async throws -> [String: CaseAnswerModel] {
        Dictionary(uniqueKeysWithValues: try await CaseAnswerModel.query(on: database).filter(\.$sampledCaseID == caseID).all().map { ($0.questionID, $0) })
    }

    /// How many answers the given cases have between them.
    static func count(cases: [UUID], on database: any Database) async throws -> Int {
        try await CaseAnswerModel.query(on: database).filter(\.$sampledCaseID ~~ cases).count()
    }

    /// An answer as a person gave it, with the version of the stored answer the page was read at
    /// (0 for an answer not stored when the page was read).
    struct Change: Sendable {
        let question: QuestionID
        let answer: Answer
        let rationale: String
        let readVersion: Int
    }

    enum SaveOutcome {
        /// Stored, at this version; audited.
        case saved(version: Int)
        /// The stored answer is already this one, at this version; nothing written.
        case unchanged(version: Int)
        /// Someone changed it since the page was read: theirs is kept, and returned.
        case conflict(theirs: CaseAnswerModel)
        /// The answer was stored when the page was read but is gone now.
        case vanished
    }

    /// Saves one answer: the one-answer case of saving a standard's answers, below.
    static func save(
        _ change: Change, case caseID: UUID, reference: String, inspection: UUID, by auditor: Auditor, at now: Date, on database: any Database
    ) async throws -> SaveOutcome {
        try await save([change], case: caseID, reference: reference, inspection: inspection, by: auditor, at: now, on: database)[change.question]!
    }

    /// Saves a standard's answers with optimistic locking: an update applies only if the stored
    /// version is still the one the page read; a first answer is inserted only if no one answered
    /// first (the unique key keeps theirs). Run it in the transaction of the whole save, so a
    /// save's answers and their audit rows are kept together or not at all.
    ///
    /// Every autosave runs this, so the stored versions are read in one plain query and the audit
    /// rows written in one insert: the cost of an autosave was per statement (benchmarks/notes.md, L1).
    static func save(
        _ changes: [Change], case caseID: UUID, reference: String, inspection: UUID, by auditor: Auditor, at now: Date, on database: any Database
    ) async throws -> [QuestionID: SaveOutcome] {
        guard !changes.isEmpty else { return [:] }
        let sql = database as! any SQLDatabase
        struct Current: Decodable {
            let id: UUID
            let question_id: String
            let answer: Answer
            let rationale: String
            let version: Int
        }
        let questions = changes.map(\.question.rawValue)
        let stored = try await sql.raw(
            """
            SELECT id, question_id, answer, rationale, version FROM case_answers
            WHERE sampled_case_id = \(bind: caseID) AND question_id IN (\(binds: questions))
            """
        ).all(decoding: Current.self)
        let current = Dictionary(stored.map { ($0.question_id, $0) }, uniquingKeysWith: { first, _ in first })
        var outcomes: [QuestionID: SaveOutcome] = [:]
        var audits: [Auditor.Entry] = []
        for change in changes {
            let id = change.question.rawValue
            let rows: [any SQLRow]
            if let current = current[id] {
                if current.answer == change.answer, current.rationale == change.rationale {
                    outcomes[change.question] = .unchanged(version: current.version)
                    continue
                }
                rows = try await sql.raw(
                    """
                    UPDATE case_answers SET answer = \(bind: change.answer.rawValue), rationale = \(bind: change.rationale), version = version + 1,
                    updated_by = \(bind: auditor.user?.id), updated_at = \(bind: now)
                    WHERE id = \(bind: current.id) AND version = \(bind: change.readVersion) RETURNING version
                    """
                ).all()
            } else if change.readVersion == 0 {
                rows = try await sql.insert(into: CaseAnswerModel.schema)
                    .columns("id", "sampled_case_id", "question_id", "answer", "rationale", "version", "updated_by", "updated_at")
                    .values(
                        SQLBind(UUID()), SQLBind(caseID), SQLBind(id), SQLBind(change.answer.rawValue), SQLBind(change.rationale), SQLBind(1),
                        SQLBind(auditor.user?.id), SQLBind(now)
                    )
                    .ignoringConflicts(with: ["sampled_case_id", "question_id"])
                    .returning("version").all()
            } else {
                rows = []
            }
            if let saved = rows.first {
                audits.append(
                    .init(
                        action: .update, entityType: "case-answer", entityID: "\(reference)/\(id)", inspection: inspection,
                        detail: "answered \(change.answer.title)"))
                outcomes[change.question] = .saved(version: try saved.decode(column: "version", as: Int.self))
            } else if let theirs = try await CaseAnswerModel.query(on: database).filter(\.$sampledCaseID == caseID).filter(\.$questionID == id).first() {
                outcomes[change.question] = .conflict(theirs: theirs)
            } else {
                outcomes[change.question] = .vanished
            }
        }
        try await auditor.record(audits, on: database)
        return outcomes
    }

    /// Replaces a case's answer with the moderated final answer, so the ratings use it; the first
    /// answer and the reason stay in `moderation_answers`. Audited.
    static func moderate(
        case caseID: UUID, reference: String, inspection: UUID, question: QuestionID, from first: String, to final: Answer, by auditor: Auditor,
        at now: Date, on database: any Database
    ) async throws {
        try await (database as! any SQLDatabase).update(CaseAnswerModel.schema)
            .set("answer", to: final.rawValue).set("version", to: SQLRaw("version + 1"))
            .set("updated_by", to: auditor.user?.id).set("updated_at", to: now)
            .where("sampled_case_id", .equal, caseID).where("question_id", .equal, question.rawValue)
            .run()
        try await auditor.record(
            .update, "case-answer", "\(reference)/\(question)", inspection: inspection, detail: "moderated: \(first) → \(final.rawValue)",
            on: database)
    }

    // MARK: - A whole inspection

    /// Answer counts per key question over every sampled case of the inspection: the rating
    /// engine's input.
    static func counts(inspection: UUID, on database: any Database) async throws -> [QuestionID: AnswerCounts] {
        struct Row: Decodable {
            let question_id: String
            let answer: Answer
            let count: Int
        }
        let rows = try await (database as! any SQLDatabase).raw(
            """
            SELECT a.question_id, a.answer, COUNT(*) AS count FROM case_answers a
            JOIN sampled_cases c ON a.sampled_case_id = c.id
            WHERE c.inspection_id = \(bind: inspection)
            GROUP BY a.question_id, a.answer
            """
        ).all(decoding: Row.self)
        var counts: [QuestionID: AnswerCounts] = [:]
        for row in rows { counts[QuestionID(row.question_id), default: AnswerCounts()].record(row.answer, times: row.count) }
        return counts
    }

    /// Every answer of the inspection, by sampled case.
    static func byCase(inspection: UUID, on database: any Database) async throws -> [UUID: [QuestionID: Answer]] {
        struct Row: Decodable {
            let sampled_case_id: UUID
            let question_id: String
            let answer: Answer
        }
        let rows = try await (database as! any SQLDatabase).raw(
            """
            SELECT a.sampled_case_id, a.question_id, a.answer FROM case_answers a JOIN sampled_cases c ON a.sampled_case_id = c.id
            WHERE c.inspection_id = \(bind: inspection)
            """
        ).all(decoding: Row.self)
        var answers: [UUID: [QuestionID: Answer]] = [:]
        for row in rows { answers[row.sampled_case_id, default: [:]][QuestionID(row.question_id)] = row.answer }
        return answers
    }

    /// One answer with its case, for exports.
    struct Exported: Decodable {
        let caseID: UUID
        let reference: String
        let sample: String
        let question: String
        let answer: Answer
        enum CodingKeys: String, CodingKey { case caseID = "id", reference = "case_ref", sample, question = "question_id", answer }
    }

    /// Every answer of the inspection with its case, ordered by case reference and question.
    static func exported(inspection: UUID, on database: any Database) async throws -> [Exported] {
        try await (database as! any SQLDatabase).raw(
            """
            SELECT c.id, c.case_ref, c.sample, a.question_id, a.answer FROM case_answers a JOIN sampled_cases c ON a.sampled_case_id = c.id
            WHERE c.inspection_id = \(bind: inspection) ORDER BY c.case_ref, a.question_id
            """
        ).all(decoding: Exported.self)
    }

    /// A stored answer for loading many at once (the demo data).
    struct Loaded: Sendable {
        let caseID: UUID
        let question: QuestionID
        let answer: Answer
        let rationale: String
        let by: UUID
        let at: Date
    }

    /// Inserts many answers at version 1, in statements of a few hundred rows.
    static func load(_ answers: [Loaded], on database: any Database) async throws {
        try await BulkInsert.rows(
            database as! any SQLDatabase, into: CaseAnswerModel.schema,
            columns: ["id", "sampled_case_id", "question_id", "answer", "rationale", "version", "updated_by", "updated_at"],
            answers.map { [UUID(), $0.caseID, $0.question.rawValue, $0.answer.rawValue, $0.rationale, 1, $0.by, $0.at] })
    }
}

/// Inserts rows in statements of a few hundred, well inside every driver's bind limit.
enum BulkInsert {
    static func rows(_ sql: any SQLDatabase, into table: String, columns: [String], _ rows: [[any Encodable & Sendable]]) async throws {
        let perStatement = max(1, 20_000 / columns.count)
        for start in stride(from: 0, to: rows.count, by: perStatement) {
            var insert = sql.insert(into: table).columns(columns)
            for row in rows[start..<min(start + perStatement, rows.count)] {
                insert = insert.values(row.map { SQLBind($0) })
            }
            try await insert.run()
        }
    }
}
