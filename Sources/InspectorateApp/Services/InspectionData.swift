import Fluent
import Foundation
import InspectionKit
import SQLKit
import Vapor

/// Queries that turn stored judgements into the core's inputs. No rating arithmetic here.
enum InspectionData {
    static func organisationalRatings(inspection: UUID, on database: any Database) async throws -> [StandardID: Rating] {
        let rows = try await OrganisationalRatingModel.query(on: database).filter(\.$inspectionID == inspection).all()
        return Dictionary(rows.map { (StandardID($0.standardID), $0.rating) }) { first, _ in first }
    }

    /// The ratings as they stand, or as frozen at publication.
    static func ratings(_ context: InspectionContext, on database: any Database) async throws -> InspectionRating {
        if let frozen = FrozenRatings(snapshot: context.model.ratingsSnapshot), let rating = frozen.rating(using: context.framework) {
            return rating
        }
        return RatingEngine(framework: context.framework).rate(
            answers: try await ratingAnswers(context, pooling: try await pooled(context, on: database), on: database),
            organisationalRatings: try await organisationalRatings(inspection: context.id, on: database))
    }

    /// The ratings' inputs as they stand, to be frozen on the inspection: at confirmation, or at a
    /// partial publication with the reason it has no overall rating.
    static func freeze(_ context: InspectionContext, partialReason: String? = nil, on database: any Database) async throws -> FrozenRatings {
        let pooled = try await pooled(context, on: database)
        return FrozenRatings(
            frameworkID: context.framework.id.rawValue, confidence: 0.95, answers: try await ratingAnswers(context, pooling: pooled, on: database),
            organisational: try await organisationalRatings(inspection: context.id, on: database), frozenAt: Date(),
            pooledFrom: context.framework.pools ? pooled.map { $0.id! } : nil, partialReason: partialReason)
    }

    /// The counts the engine rates: the inspection's own judgements and, for a framework that
    /// pools, its pooled questions' sums over the pooled inspections' confirmed counts.
    static func ratingAnswers(_ context: InspectionContext, pooling: [InspectionModel], on database: any Database) async throws -> [QuestionID: AnswerCounts] {
        var answers = try await CaseAnswers.counts(inspection: context.id, on: database)
        guard context.framework.pools else { return answers }
        var inputs: [[QuestionID: AnswerCounts]] = []
        for inspection in pooling {
            // A pooled inspection is published or has confirmed ratings, so its counts are the
            // frozen ones; live judgements are read only for a row frozen before snapshots.
            if let frozen = FrozenRatings(snapshot: inspection.ratingsSnapshot) {
                inputs.append(frozen.answers)
            } else {
                inputs.append(try await CaseAnswers.counts(inspection: inspection.id!, on: database))
            }
        }
        answers.merge(RegionalPooling.counts(for: context.framework, pooling: inputs)) { _, pooled in pooled }
        return answers
    }

    /// The inspections a pooling inspection adds together: those frozen with its ratings once
    /// they are confirmed, so a PDU inspection changed later cannot change a published regional
    /// rating; until then, every eligible one (``RegionalPooling/eligible(_:for:providerCode:year:)``).
    static func pooled(_ context: InspectionContext, on database: any Database) async throws -> [InspectionModel] {
        guard context.framework.pools else { return [] }
        if let frozen = FrozenRatings(snapshot: context.model.ratingsSnapshot), let ids = frozen.pooledFrom {
            return ids.isEmpty ? [] : try await InspectionModel.query(on: database).filter(\.$id ~~ ids).all()
        }
        let children = try await ProviderModel.children(of: context.provider.id!, on: database)
        guard !children.isEmpty else { return [] }
        let models = try await InspectionModel.query(on: database).filter(\.$providerID ~~ children.map { $0.id! })
            .filter(\.$yearLabel == context.model.yearLabel).all()
        let candidates = models.map {
            RegionalPooling.Candidate(
                inspectionID: $0.id!.uuidString, parentCode: context.provider.code, year: $0.yearLabel, frameworkID: FrameworkID($0.frameworkID),
                isSettled: $0.state == .published || $0.state == .rated)
        }
        let chosen = Set(
            RegionalPooling.eligible(candidates, for: context.framework, providerCode: context.provider.code, year: context.model.yearLabel).map(\.inspectionID)
        )
        return models.filter { chosen.contains($0.id!.uuidString) }
    }

    /// The pooled inspections named for a report, by provider name.
    static func pooledSources(_ context: InspectionContext, on database: any Database) async throws -> [PooledSource] {
        let models = try await pooled(context, on: database)
        guard !models.isEmpty else { return [] }
        let names = Dictionary(
            uniqueKeysWithValues: try await ProviderModel.query(on: database).filter(\.$id ~~ models.map(\.providerID)).all().map { ($0.id!, $0.name) })
        return models.map { PooledSource(id: $0.id!.uuidString.lowercased(), providerName: names[$0.providerID] ?? "", year: $0.yearLabel) }
            .sorted { $0.providerName < $1.providerName }
    }

    /// How far the inspection has got, for the lifecycle's preconditions.
    static func progress(_ context: InspectionContext, on database: any Database) async throws -> InspectionProgress {
        let eligible = try await ProviderData.eligibleCount(inspection: context.id, on: database)
        let sampled = try await SampledCaseModel.query(on: database).filter(\.$inspectionID == context.id).count()
        let complete = try await SampledCaseModel.query(on: database).filter(\.$inspectionID == context.id).filter(\.$status == CaseStatus.complete)
            .count()
        let rating = try await ratings(context, on: database)
        let moderation = try await ModerationData.counts(inspection: context.id, on: database)
        let pending = try await poolingRound(context, on: database).filter { $0.pooled == false && $0.state != nil }
        return InspectionProgress(
            eligibleCases: eligible, sampledCases: sampled, completedCases: complete,
            unratedStandards: rating.standards.filter { $0.rating == nil }.map(\.id), moderatedCases: moderation.drawn,
            resolvedModeratedCases: moderation.resolved, unsettledPooled: pending.map { "\($0.provider) (\($0.state!.title.lowercased()))" })
    }

    /// For a framework that pools: each PDU of the region and its inspection of the round, if
    /// any, and whether it is pooled. Withdrawn inspections, and those under a framework the
    /// region does not pool, are not part of the round.
    static func poolingRound(
        _ context: InspectionContext, on database: any Database
    ) async throws -> [(provider: String, state: InspectionState?, pooled: Bool)] {
        guard context.framework.pools else { return [] }
        let pooled = Set(try await pooled(context, on: database).map(\.providerID))
        let pdus = try await ProviderModel.children(of: context.provider.id!, on: database)
        guard !pdus.isEmpty else { return [] }
        let inspections = try await InspectionModel.query(on: database).filter(\.$providerID ~~ pdus.map { $0.id! })
            .filter(\.$yearLabel == context.model.yearLabel).all()
            .filter { context.framework.poolsFrom.contains(FrameworkID($0.frameworkID)) && $0.state != .withdrawn }
        return pdus.map { pdu in (pdu.name, inspections.first { $0.providerID == pdu.id }?.state, pooled.contains(pdu.id!)) }
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
    /// For a framework that pools: the inspections whose counts were added into `answers`.
    /// Absent in snapshots made before pooling existed.
    let pooledFrom: [UUID]?
    /// Why an inspection published without completing has no overall rating.
    let partialReason: String?

    init(
        frameworkID: String, confidence: Double, answers: [QuestionID: AnswerCounts], organisational: [StandardID: Rating], frozenAt: Date,
        pooledFrom: [UUID]? = nil, partialReason: String? = nil
    ) {
        self.partialReason = partialReason
        self.frameworkID = frameworkID
        self.confidence = confidence
        self.answers = answers
        self.organisational = organisational
        self.frozenAt = frozenAt
        self.pooledFrom = pooledFrom
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
        let rating = RatingEngine(framework: framework, confidence: ConfidenceLevel(confidence) ?? .ninetyFivePercent)
            .rate(answers: answers, organisationalRatings: organisational)
        return partialReason.map { rating.withholdingOverall(because: $0) } ?? rating
    }
}

/// A sampled case's progress.
enum CaseStatus: String, CaseIterable, Codable {
    case notStarted = "not-started"
    case inProgress = "in-progress"
    case complete

    var title: String {
        switch self {
        case .notStarted: "Not started"
        case .inProgress: "In progress"
        case .complete: "Completed"
        }
    }

    /// An inspector's own list puts work under way first, then work not begun, then work done.
    var workOrder: Int {
        switch self {
        case .inProgress: 0
        case .notStarted: 1
        case .complete: 2
        }
    }
}

extension InspectionData {
    /// The programme of a year: every provider, and every inspection other than thematic ones,
    /// as the core's programme reads them, with the years there is anything to show.
    static func programme(
        year: InspectionYear, today: CalendarDate, time: TimeInWords, on database: any Database
    ) async throws -> (programme: InspectionProgramme, years: [InspectionYear]) {
        let providers = try await ProviderModel.all(on: database)
        let codes = Dictionary(uniqueKeysWithValues: providers.map { ($0.id!, $0.code) })
        let inspections = try await InspectionModel.query(on: database).filter(\.$thematicID == nil).all().compactMap {
            model -> InspectionProgramme.Inspection? in
            guard let code = codes[model.providerID], let year = InspectionYear(parsing: model.yearLabel) else { return nil }
            return InspectionProgramme.Inspection(
                id: model.id!.uuidString.lowercased(), providerCode: code, year: year, state: model.state,
                fieldworkEnd: CalendarDate(parsing: model.fieldworkEnd), published: model.publishedAt.map(time.calendarDate))
        }
        let services = providers.map { InspectionProgramme.Service(code: $0.code, name: $0.name, type: $0.type, region: $0.region) }
        let current = InspectionYear(containing: today)
        let earliest = inspections.map(\.year).min() ?? current
        let years = (earliest.startYear...max(current.startYear, inspections.map(\.year.startYear).max() ?? 0)).compactMap(InspectionYear.init(startYear:))
        return (InspectionProgramme(year: year, services: services, inspections: inspections, today: today), years)
    }
}
