import Fluent
import Foundation
import InspectionKit
import SQLKit

/// One respondent's answers to one survey in one inspection. ``SurveyResponses`` does every
/// read and write of these rows.
final class SurveyResponseModel: Model, @unchecked Sendable {
    static let schema = "survey_responses"
    @ID var id: UUID?
    @Field(key: "inspection_id") var inspectionID: UUID
    @Field(key: "survey_id") var surveyID: String
    @Field(key: "respondent_ref") var respondentReference: String
    /// Question id → answer id, as JSON.
    @Field(key: "answers") var answers: String
    /// Free text for the inspection team alone: never published.
    @OptionalField(key: "comment") var comment: String?
    @OptionalField(key: "recorded_by") var recordedBy: UUID?
    @Field(key: "recorded_at") var recordedAt: Date

    init() {}

    /// In key order, so the same answers are always the same text.
    static func encode(_ answers: [String: String]) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return String(decoding: (try? encoder.encode(answers)) ?? Data("{}".utf8), as: UTF8.self)
    }

    func response() throws -> SurveyResponse {
        guard let answers = try? JSONDecoder().decode([String: String].self, from: Data(answers.utf8)) else {
            throw SurveyResponses.UnreadableRow(description: "the survey response of \(respondentReference) holds answers that are not readable")
        }
        return SurveyResponse(respondent: respondentReference, answers: answers, comment: comment)
    }
}

/// The owner of `survey_responses`.
enum SurveyResponses {
    struct UnreadableRow: Error, CustomStringConvertible {
        let description: String
    }

    /// The respondent has already answered this survey in this inspection.
    struct AlreadyAnswered: Error {
        let respondent: String
    }

    /// Records a response, audited, unless its respondent already answered this survey here.
    static func record(
        _ response: SurveyResponse, survey: Survey, inspection: UUID, auditor: Auditor, on database: any Database
    ) async throws {
        @Sendable func exists(on database: any Database) async throws -> Bool {
            try await SurveyResponseModel.query(on: database).filter(\.$inspectionID == inspection).filter(\.$surveyID == survey.id)
                .filter(\.$respondentReference == response.respondent).count() > 0
        }
        do {
            try await database.writeTransaction { database in
                if try await exists(on: database) { throw AlreadyAnswered(respondent: response.respondent) }
                let row = SurveyResponseModel()
                row.inspectionID = inspection
                row.surveyID = survey.id
                row.respondentReference = response.respondent
                row.answers = SurveyResponseModel.encode(response.answers)
                row.comment = response.comment
                row.recordedBy = auditor.user?.id
                row.recordedAt = Date()
                try await row.create(on: database)
                try await auditor.record(
                    .create, "survey-response", row.id?.uuidString, inspection: inspection,
                    detail: "\(survey.title): \(response.respondent), \(response.answers.count) of \(survey.questions.count) questions answered", on: database)
            }
        } catch let error as AlreadyAnswered {
            throw error
        } catch {
            // Two people recording the same respondent at once: the unique key refuses the second.
            if try await exists(on: database) { throw AlreadyAnswered(respondent: response.respondent) }
            throw error
        }
    }

    /// Removes a response recorded in error, audited; false when there was none.
    static func delete(_ id: UUID, inspection: UUID, auditor: Auditor, on database: any Database) async throws -> Bool {
        try await database.writeTransaction { database in
            guard let row = try await SurveyResponseModel.query(on: database).filter(\.$id == id).filter(\.$inspectionID == inspection).first() else {
                return false
            }
            try await row.delete(on: database)
            try await auditor.record(
                .delete, "survey-response", id.uuidString, inspection: inspection, detail: "\(row.surveyID): \(row.respondentReference)", on: database)
            return true
        }
    }

    /// An inspection's responses to one survey, oldest first, with their row ids.
    static func of(inspection: UUID, survey: String, on database: any Database) async throws -> [(id: UUID, recordedAt: Date, response: SurveyResponse)] {
        try await SurveyResponseModel.query(on: database).filter(\.$inspectionID == inspection).filter(\.$surveyID == survey)
            .sort(\.$recordedAt).sort(\.$respondentReference).all().map { ($0.id!, $0.recordedAt, try $0.response()) }
    }

    /// How many responses an inspection has, to every survey.
    static func count(inspection: UUID, on database: any Database) async throws -> Int {
        try await SurveyResponseModel.query(on: database).filter(\.$inspectionID == inspection).count()
    }

    /// Every response of an inspection, by survey id: the report's input.
    static func bySurvey(inspection: UUID, on database: any Database) async throws -> [String: [SurveyResponse]] {
        var bySurvey: [String: [SurveyResponse]] = [:]
        for row in try await SurveyResponseModel.query(on: database).filter(\.$inspectionID == inspection).all() {
            bySurvey[row.surveyID, default: []].append(try row.response())
        }
        return bySurvey
    }

    /// A response as the demo loads it.
    struct Loaded {
        let inspection: UUID
        let survey: String
        let response: SurveyResponse
        let by: UUID
        let at: Date
    }

    /// Loads many responses in a few statements, for the demo: nothing is audited.
    static func load(_ responses: [Loaded], on database: any Database) async throws {
        try await BulkInsert.rows(
            database as! any SQLDatabase, into: SurveyResponseModel.schema,
            columns: ["id", "inspection_id", "survey_id", "respondent_ref", "answers", "comment", "recorded_by", "recorded_at"],
            responses.map { loaded in
                [
                    UUID(), loaded.inspection, loaded.survey, loaded.response.respondent,
                    SurveyResponseModel.encode(loaded.response.answers), loaded.response.comment, loaded.by,
                    loaded.at,
                ]
            })
    }
}
