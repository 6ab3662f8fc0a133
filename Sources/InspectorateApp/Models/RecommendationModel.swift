import Fluent
import Foundation
import InspectionKit

/// One recommendation of an inspection's report, with the provider's action plan and, once a
/// later inspection has followed it up, the lead's judgement. ``Recommendations`` does every
/// read and write of these rows.
final class RecommendationModel: Model, @unchecked Sendable {
    static let schema = "recommendations"
    @ID var id: UUID?
    @Field(key: "inspection_id") var inspectionID: UUID
    @Field(key: "position") var position: Int
    @Field(key: "text") var text: String
    @Field(key: "addressee") var addressee: RecommendationAddressee
    @OptionalField(key: "other_body") var otherBody: String?
    @OptionalField(key: "action_plan") var actionPlan: String?
    @OptionalField(key: "action_plan_at") var actionPlanAt: Date?
    /// The later inspection that judged it; nil while it is open.
    @OptionalField(key: "followed_up_in") var followedUpIn: UUID?
    @OptionalField(key: "follow_up_status") var followUpStatus: FollowUpStatus?
    @OptionalField(key: "follow_up_evidence") var followUpEvidence: String?
    @OptionalField(key: "followed_up_at") var followedUpAt: Date?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    var recommendation: Recommendation { Recommendation(text: text, addressee: addressee, otherBody: otherBody) }

    var judgement: FollowUpJudgement? {
        guard let followUpStatus else { return nil }
        return FollowUpJudgement(status: followUpStatus, evidence: followUpEvidence ?? "")
    }
}

/// The owner of `recommendations`. A report's own recommendations change only while its
/// inspection is open; the action plan only until a later inspection judges it; the judgement
/// only while that later inspection is open.
extension RecommendationModel {
    /// A new row for `recommendation`, at `position` in its inspection's list.
    convenience init(_ recommendation: Recommendation, inspection: UUID, position: Int) {
        self.init()
        inspectionID = inspection
        self.position = position
        text = recommendation.text
        addressee = recommendation.addressee
        otherBody = recommendation.otherBody
    }
}

enum Recommendations {
    struct Refused: Error, CustomStringConvertible {
        let description: String
    }

    /// An inspection's own recommendations, in report order.
    static func of(inspection: UUID, on database: any Database) async throws -> [RecommendationModel] {
        try await RecommendationModel.query(on: database).filter(\.$inspectionID == inspection).sort(\.$position).all()
    }

    static func add(_ recommendation: Recommendation, inspection: UUID, auditor: Auditor, on database: any Database) async throws {
        try await database.writeTransaction { database in
            let last = try await RecommendationModel.query(on: database).filter(\.$inspectionID == inspection).max(\.$position) ?? 0
            let row = RecommendationModel(recommendation, inspection: inspection, position: last + 1)
            try await row.create(on: database)
            try await auditor.record(
                .create, "recommendation", row.id?.uuidString, inspection: inspection, detail: "Recommendation \(row.position)", on: database)
        }
    }

    /// Removes one, audited; false when it was already gone.
    static func delete(_ id: UUID, inspection: UUID, auditor: Auditor, on database: any Database) async throws -> Bool {
        try await database.writeTransaction { database in
            guard let row = try await RecommendationModel.query(on: database).filter(\.$id == id).filter(\.$inspectionID == inspection).first() else {
                return false
            }
            try await row.delete(on: database)
            try await auditor.record(.delete, "recommendation", id.uuidString, inspection: inspection, detail: "Recommendation \(row.position)", on: database)
            return true
        }
    }

    /// The provider's plan for one of its recommendations; refused once a later inspection has
    /// judged it, since the plan is what that judgement was made against.
    static func setActionPlan(_ plan: String, for id: UUID, inspection: UUID, auditor: Auditor, on database: any Database) async throws {
        try await database.writeTransaction { database in
            guard let row = try await RecommendationModel.query(on: database).filter(\.$id == id).filter(\.$inspectionID == inspection).first() else {
                throw Refused(description: "There is no such recommendation.")
            }
            guard row.followedUpIn == nil else {
                throw Refused(description: "This recommendation has been followed up, so its action plan no longer changes.")
            }
            row.actionPlan = plan.isEmpty ? nil : plan
            row.actionPlanAt = Date()
            try await row.save(on: database)
            try await auditor.record(
                .update, "recommendation-action-plan", id.uuidString, inspection: inspection, detail: "Recommendation \(row.position)", on: database)
        }
    }

    /// The providers whose open recommendations an inspection of `provider` follows up: its own
    /// and those of every predecessor it was declared to take them on from, however far back.
    static func answerable(by provider: UUID, on database: any Database) async throws -> Set<UUID> {
        let links = try await ProviderLinkModel.query(on: database).filter(\.$carriesRecommendations == true).all()
        let lineage = ProviderLineage(of: provider, links: links.map { ($0.predecessorID, $0.successorID) })
        return Set(lineage.members.filter { $0.value != .successor }.keys)
    }

    /// The year of each published inspection that followed up some of `rows`, by its id. A
    /// follow-up in an inspection not yet published is not public, so it is left out.
    static func publishedFollowUpYears(of rows: [RecommendationModel], on database: any Database) async throws -> [UUID: String] {
        let ids = Set(rows.compactMap(\.followedUpIn))
        guard !ids.isEmpty else { return [:] }
        let published = try await InspectionModel.query(on: database).filter(\.$id ~~ Array(ids)).filter(\.$state == .published).all()
        return Dictionary(uniqueKeysWithValues: published.map { ($0.id!, $0.yearLabel) })
    }

    /// The recommendations an inspection follows up: those of earlier published inspections of
    /// its provider (and of the predecessors it answers for) that are still open or were judged
    /// in this inspection, oldest first.
    static func previous(for inspection: InspectionModel, on database: any Database) async throws -> [PreviousRecommendation] {
        let providers = try await answerable(by: inspection.providerID, on: database)
        let earlier = try await InspectionModel.query(on: database).filter(\.$providerID ~~ Array(providers)).filter(\.$state == .published)
            .filter(\.$yearLabel < inspection.yearLabel).filter(\.$thematicID == nil).all()
        guard !earlier.isEmpty else { return [] }
        let names = Dictionary(
            uniqueKeysWithValues: try await ProviderModel.query(on: database).filter(\.$id ~~ Array(providers)).all().map { ($0.id!, $0.name) })
        let byID = Dictionary(uniqueKeysWithValues: earlier.map { ($0.id!, $0) })
        let rows = try await RecommendationModel.query(on: database).filter(\.$inspectionID ~~ Array(byID.keys))
            .group(.or) { $0.filter(\.$followedUpIn == nil).filter(\.$followedUpIn == inspection.id!) }.all()
        return rows.compactMap { row -> (InspectionModel, RecommendationModel)? in byID[row.inspectionID].map { ($0, row) } }
            .sorted { ($0.0.yearLabel, $0.1.position) < ($1.0.yearLabel, $1.1.position) }
            .map { made, row in
                PreviousRecommendation(
                    id: row.id!.uuidString, recommendation: row.recommendation, madeIn: made.id!.uuidString, madeTo: names[made.providerID] ?? "",
                    madeInYear: made.yearLabel, actionPlan: row.actionPlan, judgement: row.followedUpIn == nil ? nil : row.judgement)
            }
    }

    /// The lead's judgement of one previous recommendation, in `inspection`. Only one that this
    /// inspection follows up can be judged here: another inspection's id is not found.
    static func followUp(
        _ id: UUID, in inspection: InspectionModel, judgement: FollowUpJudgement, auditor: Auditor, on database: any Database
    ) async throws {
        try await database.writeTransaction { database in
            guard try await previous(for: inspection, on: database).contains(where: { $0.id == id.uuidString }),
                let row = try await RecommendationModel.find(id, on: database)
            else { throw Refused(description: "This inspection does not follow up that recommendation.") }
            row.followedUpIn = inspection.id
            row.followUpStatus = judgement.status
            row.followUpEvidence = judgement.evidence
            row.followedUpAt = Date()
            try await row.save(on: database)
            try await auditor.record(
                .update, "recommendation-follow-up", id.uuidString, inspection: inspection.id, detail: judgement.status.title, on: database)
        }
    }

    /// The demo's recommendations, made as a lead would but without audit rows.
    static func load(_ recommendations: [Recommendation], inspection: UUID, actionPlans: [String?], on database: any Database) async throws {
        for (index, recommendation) in recommendations.enumerated() {
            let row = RecommendationModel(recommendation, inspection: inspection, position: index + 1)
            row.actionPlan = index < actionPlans.count ? actionPlans[index] : nil
            try await row.create(on: database)
        }
    }

    /// The demo's follow-up judgements, without audit rows.
    static func loadFollowUp(_ judgements: [String: FollowUpJudgement], in inspection: UUID, on database: any Database) async throws {
        for (id, judgement) in judgements {
            guard let uuid = UUID(uuidString: id), let row = try await RecommendationModel.find(uuid, on: database) else { continue }
            row.followedUpIn = inspection
            row.followUpStatus = judgement.status
            row.followUpEvidence = judgement.evidence
            row.followedUpAt = Date()
            try await row.save(on: database)
        }
    }
}
