import Fluent
import Foundation
import InspectionKit
import SQLKit
import Vapor

/// Queries that turn stored judgements into the core's inputs. No rating arithmetic here.
enum InspectionData {
    /// Answer counts per key question over every sampled case of the inspection.
    static func answerCounts(inspection: UUID, on database: any Database) async throws -> [QuestionID: AnswerCounts] {
        struct Row: Decodable {
            let question_id: String
            let answer: String
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
        for row in rows {
            guard let answer = Answer(rawValue: row.answer) else { continue }
            var entry = counts[QuestionID(row.question_id), default: AnswerCounts()]
            switch answer {
            case .sufficient: entry.sufficient += row.count
            case .notSufficient: entry.notSufficient += row.count
            case .notApplicable: entry.notApplicable += row.count
            }
            counts[QuestionID(row.question_id)] = entry
        }
        return counts
    }

    static func organisationalRatings(inspection: UUID, on database: any Database) async throws -> [StandardID: Rating] {
        let rows = try await OrganisationalRatingModel.query(on: database).filter(\.$inspectionID == inspection).all()
        return Dictionary(rows.compactMap { row in Rating(rawValue: row.rating).map { (StandardID(row.standardID), $0) } }) { first, _ in first }
    }

    /// The ratings as they stand, or as frozen at publication.
    static func ratings(_ context: InspectionContext, on database: any Database) async throws -> InspectionRating {
        if let frozen = FrozenRatings(snapshot: context.model.ratingsSnapshot), let rating = frozen.rating(using: context.framework) {
            return rating
        }
        return RatingEngine(framework: context.framework).rate(
            answers: try await answerCounts(inspection: context.id, on: database),
            organisationalRatings: try await organisationalRatings(inspection: context.id, on: database))
    }

    /// How far the inspection has got, for the lifecycle's preconditions.
    static func progress(_ context: InspectionContext, on database: any Database) async throws -> InspectionProgress {
        let eligible = try await EligibleCaseModel.query(on: database).filter(\.$inspectionID == context.id).count()
        let sampled = try await SampledCaseModel.query(on: database).filter(\.$inspectionID == context.id).count()
        let complete = try await SampledCaseModel.query(on: database).filter(\.$inspectionID == context.id).filter(\.$status == CaseStatus.complete.rawValue)
            .count()
        let rating = try await ratings(context, on: database)
        let moderation = try await ModerationData.counts(inspection: context.id, on: database)
        return InspectionProgress(
            eligibleCases: eligible, sampledCases: sampled, completedCases: complete,
            unratedStandards: rating.standards.filter { $0.rating == nil }.map(\.id), moderatedCases: moderation.drawn,
            resolvedModeratedCases: moderation.resolved)
    }
}

/// The inputs and the published JSON of an inspection's ratings, frozen when they are confirmed,
/// with the framework version they were made under.
struct FrozenRatings: Codable {
    let frameworkID: String
    let confidence: Double
    let answers: [QuestionID: AnswerCounts]
    let organisational: [StandardID: Rating]
    let frozenAt: Date

    init(frameworkID: String, confidence: Double, answers: [QuestionID: AnswerCounts], organisational: [StandardID: Rating], frozenAt: Date) {
        self.frameworkID = frameworkID
        self.confidence = confidence
        self.answers = answers
        self.organisational = organisational
        self.frozenAt = frozenAt
    }

    /// Reads the snapshot stored on an inspection; nil when there is none.
    init?(snapshot: String?) {
        guard let snapshot, let frozen = try? JSONDecoder().decode(FrozenRatings.self, from: Data(snapshot.utf8)) else { return nil }
        self = frozen
    }

    /// The text stored on the inspection.
    func snapshot() throws -> String { String(decoding: try JSONEncoder().encode(self), as: UTF8.self) }

    /// The ratings, re-derived by the engine from the frozen inputs under the frozen framework
    /// version; nil if `framework` is not that version.
    func rating(using framework: Framework) -> InspectionRating? {
        guard framework.id.rawValue == frameworkID else { return nil }
        return RatingEngine(framework: framework, confidence: ConfidenceLevel(confidence) ?? .ninetyFivePercent)
            .rate(answers: answers, organisationalRatings: organisational)
    }
}

/// A sampled case's progress.
enum CaseStatus: String, CaseIterable {
    case notStarted = "not-started"
    case inProgress = "in-progress"
    case complete
}
