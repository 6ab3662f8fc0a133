import Fluent
import Foundation
import InspectionKit
import SQLKit

/// A serious further offence review as a provider notified it, with the quality leads' rating
/// once it is sampled and rated. Never public: only the year's published summary is.
final class SFOReviewModel: Model, @unchecked Sendable {
    static let schema = "sfo_reviews"
    @ID var id: UUID?
    @Field(key: "reference") var reference: String
    @Field(key: "provider_id") var providerID: UUID
    @Field(key: "offence_category") var offenceCategory: OffenceCategory
    @Field(key: "rosh_before") var roshBefore: RoshLevel
    @OptionalField(key: "mappa_level_before") var mappaLevelBefore: Int?
    @Field(key: "notified_on") var notifiedOn: String
    @OptionalField(key: "submitted_on") var submittedOn: String?
    @OptionalField(key: "central_qa_completed_on") var centralQACompletedOn: String?
    @Field(key: "other_agencies") var otherAgencies: Bool
    @Field(key: "victim_asked") var victimAsked: Bool
    @Field(key: "year_label") var yearLabel: String
    @Field(key: "sampled") var sampled: Bool
    @OptionalField(key: "sample_seed") var sampleSeed: Int64?
    /// Each standard's rating and rationale, plus the overall one, as JSON keyed by standard.
    @Field(key: "ratings") var ratings: String
    @OptionalField(key: "overall_rating") var overallRating: Rating?
    @OptionalField(key: "rated_by") var ratedBy: UUID?
    @OptionalField(key: "rated_at") var ratedAt: Date?
    @OptionalField(key: "created_by") var createdBy: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    struct Judgement: Codable, Equatable {
        let rating: String
        let rationale: String
    }

    var judgements: [String: Judgement] {
        (try? JSONDecoder().decode([String: Judgement].self, from: Data(ratings.utf8))) ?? [:]
    }

    /// The review in the core's terms, its provider given by code and type.
    func toDomain(provider: ProviderModel?) -> SFOReview? {
        guard let notified = CalendarDate(parsing: notifiedOn) else { return nil }
        return SFOReview(
            reference: reference, provider: provider?.code ?? "?", providerType: provider?.providerType, category: offenceCategory,
            roshBefore: roshBefore, mappaLevelBefore: mappaLevelBefore, notified: notified, submitted: submittedOn.flatMap { CalendarDate(parsing: $0) },
            centralQACompleted: centralQACompletedOn.flatMap { CalendarDate(parsing: $0) }, otherAgenciesInvolved: otherAgencies,
            victimOrFamilyAsked: victimAsked, sampled: sampled, overall: overallRating)
    }

    /// Takes the notified facts of `entry`, leaving the sample and the rating as they are.
    func apply(_ entry: SFOReview, provider: UUID) {
        reference = entry.reference
        providerID = provider
        offenceCategory = entry.category
        roshBefore = entry.roshBefore
        mappaLevelBefore = entry.mappaLevelBefore
        notifiedOn = entry.notified.description
        submittedOn = entry.submitted?.description
        centralQACompletedOn = entry.centralQACompleted?.description
        otherAgencies = entry.otherAgenciesInvolved
        victimAsked = entry.victimOrFamilyAsked
        yearLabel = entry.year
    }
}

/// A year's SFO summary as the quality leads published it. The reviews behind it are frozen
/// with it (in the core's terms, never shown), so a correction made to a review afterwards
/// cannot change a published figure. ``SFOPublications`` does every read and write.
final class SFOPublicationModel: Model, @unchecked Sendable {
    static let schema = "sfo_publications"
    @ID var id: UUID?
    @Field(key: "year_label") var yearLabel: String
    /// `[SFOReview]` of the year and the one before, as JSON.
    @Field(key: "reviews_snapshot") var reviewsSnapshot: String
    @Field(key: "published_at") var publishedAt: Date
    @OptionalField(key: "published_by") var publishedBy: UUID?

    init() {}

    var summary: SFOAnnualSummary {
        get throws {
            let reviews = try JSONDecoder().decode([SFOReview].self, from: Data(reviewsSnapshot.utf8))
            return SFOAnnualSummary(year: yearLabel, reviews: reviews)
        }
    }
}

enum SFOReviews {
    /// The year's reviews in the core's terms, with last year's for comparison, and the year's
    /// own rows, earliest notified first.
    static func summary(_ year: String, on database: any Database) async throws -> (SFOAnnualSummary, [SFOReviewModel], [UUID: ProviderModel]) {
        let providers = Dictionary(uniqueKeysWithValues: try await ProviderModel.all(on: database).map { ($0.id!, $0) })
        let models = try await SFOReviewModel.query(on: database).filter(\.$yearLabel ~~ [year, SFOAnnualSummary.year(before: year)])
            .sort(\.$notifiedOn).sort(\.$reference).all()
        let reviews = models.compactMap { $0.toDomain(provider: providers[$0.providerID]) }
        return (SFOAnnualSummary(year: year, reviews: reviews), models.filter { $0.yearLabel == year }, providers)
    }

    /// Loads generated reviews in bulk (the demo's thousand), each rated one with a rationale
    /// per standard. `providers` maps a provider code to its row.
    static func load(
        _ reviews: [SFOReview], providers: [String: UUID], sampleSeed: Int64, ratedBy: UUID, at time: Date,
        rationale: (Rating, String) -> String, on database: any Database
    ) async throws {
        let rows: [[any Encodable & Sendable]] = try reviews.map { review in
            var judgements: [String: SFOReviewModel.Judgement] = [:]
            if let overall = review.overall {
                for (key, title) in SFOStandard.allCases.map({ ($0.rawValue, $0.title) }) + [("overall", "Overall")] {
                    judgements[key] = .init(rating: overall.slug, rationale: rationale(overall, title.lowercased()))
                }
            }
            return [
                UUID(), review.reference, providers[review.provider]!, review.category.rawValue, review.roshBefore.rawValue, review.mappaLevelBefore,
                review.notified.description, review.submitted?.description, review.centralQACompleted?.description, review.otherAgenciesInvolved,
                review.victimOrFamilyAsked, review.year, review.sampled, review.sampled ? sampleSeed : nil as Int64?,
                String(decoding: try JSONEncoder().encode(judgements), as: UTF8.self), review.overall?.rawValue,
                review.overall == nil ? nil : ratedBy as UUID?, review.overall == nil ? nil : time as Date?, time,
            ]
        }
        try await BulkInsert.rows(
            database as! any SQLDatabase, into: SFOReviewModel.schema,
            columns: [
                "id", "reference", "provider_id", "offence_category", "rosh_before", "mappa_level_before", "notified_on", "submitted_on",
                "central_qa_completed_on", "other_agencies", "victim_asked", "year_label", "sampled", "sample_seed", "ratings", "overall_rating",
                "rated_by", "rated_at", "created_at",
            ],
            rows)
    }
}

enum SFOPublications {
    struct Refused: Error, CustomStringConvertible {
        let description: String
    }

    /// Publishes `year`'s summary as it stands. Refused when it is already published, when no
    /// review was notified in it, or while a sampled review is unrated.
    @discardableResult
    static func publish(_ year: String, at time: Date = Date(), auditor: Auditor, on database: any Database) async throws -> SFOPublicationModel {
        try await database.writeTransaction { database in
            guard try await of(year, on: database) == nil else { throw Refused(description: "The summary for \(year) is already published.") }
            let (summary, models, _) = try await SFOReviews.summary(year, on: database)
            guard !models.isEmpty else { throw Refused(description: "No reviews are recorded for \(year), so there is nothing to publish.") }
            let unrated = models.filter { $0.sampled && $0.overallRating == nil }.count
            guard models.contains(where: \.sampled) else { throw Refused(description: "Draw and rate \(year)'s quality-assurance sample first.") }
            guard unrated == 0 else {
                throw Refused(description: "\(unrated) sampled review\(unrated == 1 ? " is" : "s are") not rated yet; rate every sampled review first.")
            }
            let publication = SFOPublicationModel()
            publication.yearLabel = year
            publication.reviewsSnapshot = String(decoding: try JSONEncoder().encode(summary.current + summary.previous), as: UTF8.self)
            publication.publishedAt = time
            publication.publishedBy = auditor.user?.id
            try await publication.create(on: database)
            try await auditor.record(
                .create, "sfo-publication", year, detail: "\(models.count) reviews, \(summary.figures(summary.current).rated) rated", on: database)
            return publication
        }
    }

    static func of(_ year: String, on database: any Database) async throws -> SFOPublicationModel? {
        try await SFOPublicationModel.query(on: database).filter(\.$yearLabel == year).first()
    }

    /// Every published year, latest year first.
    static func all(on database: any Database) async throws -> [SFOPublicationModel] {
        try await SFOPublicationModel.query(on: database).sort(\.$yearLabel, .descending).all()
    }
}
