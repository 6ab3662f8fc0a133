import Fluent
import Foundation
import InspectionKit
import InspectorateViews
import SQLKit
import Vapor

/// Loads what the reports are made of. The figures themselves are computed by the core.
enum ReportData {
    /// Every sampled case of an inspection with its judgements, facts and officer interview.
    static func evidence(inspection: UUID, on database: any Database) async throws -> [CaseEvidence] {
        let sql = database as! any SQLDatabase
        struct CaseRow: Decodable {
            let id: UUID
            let case_ref: String
            let sample: String
            let rosh: RoshLevel
            let facts: String
            let gender: String?
            let ethnicity: String?
            let age_band: AgeBand?
        }
        // Who each person is comes from the caseload the case was drawn from.
        let cases = try await sql.raw(
            """
            SELECT s.id, s.case_ref, s.sample, s.rosh, s.facts, e.gender, e.ethnicity, e.age_band FROM sampled_cases s
            LEFT JOIN eligible_cases e ON e.inspection_id = s.inspection_id AND e.case_ref = s.case_ref
            WHERE s.inspection_id = \(bind: inspection) ORDER BY s.sample, s.case_ref
            """
        ).all(decoding: CaseRow.self)
        let answersByCase = try await CaseAnswers.byCase(inspection: inspection, on: database)
        let interviewByCase = try await Interviews.officerInterviews(inspection: inspection, on: database)
        return try cases.map { row in
            let facts = try JSONDecoder().decode(CaseFacts.self, from: Data(row.facts.utf8))
            return CaseEvidence(
                reference: row.case_ref, sample: row.sample, rosh: facts.roshAtStart ?? row.rosh,
                answers: answersByCase[row.id] ?? [:], facts: facts, interview: interviewByCase[row.id],
                profile: CaseProfile(gender: row.gender ?? "not recorded", ethnicity: row.ethnicity ?? "not recorded", ageBand: row.age_band))
        }
    }

    static func summary(
        _ model: InspectionModel, provider: ProviderModel, parentCode: String?, framework: Framework, pooledFrom: [PooledSource] = []
    ) -> ReportSummary {
        ReportSummary(
            id: model.id!.uuidString.lowercased(), providerCode: provider.code, providerName: provider.name,
            providerType: provider.type, region: provider.region, year: model.yearLabel, frameworkID: framework.id,
            frameworkTitle: framework.title, publishedAt: model.publishedAt, parentCode: parentCode, pooledFrom: pooledFrom)
    }

    /// An inspection's summary with its provider's region and, for a region, what it pooled.
    static func summary(_ context: InspectionContext, on database: any Database) async throws -> ReportSummary {
        let parent = try await context.provider.parentID.asyncFlatMap { try await ProviderModel.find($0, on: database) }
        return summary(
            context.model, provider: context.provider, parentCode: parent?.code, framework: context.framework,
            pooledFrom: try await InspectionData.pooledSources(context, on: database))
    }

    /// One inspection's report as it stands (frozen ratings once confirmed).
    static func report(_ context: InspectionContext, surveys: SurveyCatalog, on database: any Database) async throws -> InspectionReport {
        let rating = try await InspectionData.ratings(context, on: database)
        let cases = try await evidence(inspection: context.id, on: database)
        let responses = try await SurveyResponses.bySurvey(inspection: context.id, on: database)
        return InspectionReport(
            summary: try await summary(context, on: database), rating: rating,
            figures: InspectionFigures(framework: context.framework, cases: cases, confidence: rating.confidence),
            staffing: StaffingFigures(try await ProviderData.workforce(inspection: context.id, on: database), confidence: rating.confidence),
            delivery: try await delivery(context, confidence: rating.confidence, on: database),
            surveys: surveys.surveys(for: context.provider.type).compactMap { survey in
                responses[survey.id].map { SurveyFigures(survey: survey, responses: $0, confidence: rating.confidence) }
            },
            recommendations: try await Recommendations.of(inspection: context.id, on: database).map(\.recommendation),
            followUp: RecommendationFollowUp(try await Recommendations.previous(for: context.model, on: database), confidence: rating.confidence),
            equality: EqualityCharacteristic.allCases.map { EqualityFigures($0, framework: context.framework, cases: cases, confidence: rating.confidence) })
    }

    /// Sentence delivery across the eligible caseload, as at the start of fieldwork.
    static func delivery(_ context: InspectionContext, confidence: ConfidenceLevel, on database: any Database) async throws -> DeliveryFigures? {
        guard let asAt = CalendarDate(parsing: context.model.fieldworkStart) else { return nil }
        let cases = try await ProviderData.eligibleWithDelivery(inspection: context.id, on: database)
        return cases.isEmpty ? nil : DeliveryFigures(cases, asAt: asAt, confidence: confidence)
    }

    /// Every published inspection's report. A published inspection never changes, so each is
    /// computed once per process and kept.
    ///
    /// The whole list is kept too, under the ids and publication times it was made from: a
    /// request asks the database for those alone (a query of two columns) and, when nothing has
    /// been published or withdrawn since, takes the list as it is. The profile of the annual
    /// report page showed a third of its time decoding every published inspection's full row.
    static func published(_ request: Request) async throws -> [InspectionReport] {
        try await publishedList(request).reports
    }

    /// The published list with the inspections it was made from.
    static func publishedList(_ request: Request) async throws -> (keys: Set<PublishedReportCache.Key>, reports: [InspectionReport]) {
        let cache = request.application.publishedReports
        let keys = try await publishedKeys(on: request.db)
        if let reports = await cache.list(for: keys) { return (keys, reports) }
        // Kept under the keys of the rows actually loaded, so a publication in between cannot
        // file a list under keys it was not made from.
        let loaded = try await loadPublished(request)
        await cache.keep(loaded.reports, for: loaded.keys)
        return loaded
    }

    /// What identifies the published list: each published inspection's id and publication time.
    static func publishedKeys(on database: any Database) async throws -> Set<PublishedReportCache.Key> {
        struct Row: Decodable {
            let id: UUID
            let published_at: Date?
        }
        return Set(
            try await (database as! any SQLDatabase).raw(
                "SELECT id, published_at FROM inspections WHERE state = \(bind: InspectionState.published) AND thematic_id IS NULL"
            ).all(decoding: Row.self).map { PublishedReportCache.Key(id: $0.id, publishedAt: $0.published_at) })
    }

    private static func loadPublished(_ request: Request) async throws -> (keys: Set<PublishedReportCache.Key>, reports: [InspectionReport]) {
        // Thematic inspections report findings on their own page, not ratings in the national tables.
        let models = try await InspectionModel.query(on: request.db).filter(\.$state == .published)
            .filter(\.$thematicID == nil).all()
        let providers = Dictionary(uniqueKeysWithValues: try await ProviderModel.query(on: request.db).all().map { ($0.id!, $0) })
        var reports: [InspectionReport] = []
        let database = request.db
        let surveys = request.application.surveys
        for model in models {
            guard let provider = providers[model.providerID], let framework = request.application.frameworks[FrameworkID(model.frameworkID)] else {
                continue
            }
            let key = PublishedReportCache.Key(id: model.id!, publishedAt: model.publishedAt)
            let context = InspectionContext(model: model, provider: provider, framework: framework, team: [], access: InspectionAccess(model))
            reports.append(try await request.application.publishedReports.report(for: key) { try await report(context, surveys: surveys, on: database) })
        }
        return (Set(models.map { PublishedReportCache.Key(id: $0.id!, publishedAt: $0.publishedAt) }), reports)
    }
}

/// Reports of published inspections, which never change once published. Each is computed
/// once: requests that arrive while it is being computed wait for that computation rather than
/// starting their own (after a restart, a busy public page would otherwise compute every report
/// once per waiting request, and all of them slowly).
actor PublishedReportCache {
    struct Key: Hashable {
        let id: UUID
        let publishedAt: Date?
    }

    private var reports: [Key: Task<InspectionReport, any Error>] = [:]
    private var list: (keys: Set<Key>, reports: [InspectionReport])?
    private var annualContent: [String: (keys: Set<Key>, content: HTML)] = [:]

    /// The published list, if it was made from exactly these inspections.
    func list(for keys: Set<Key>) -> [InspectionReport]? {
        list.flatMap { $0.keys == keys ? $0.reports : nil }
    }

    func keep(_ reports: [InspectionReport], for keys: Set<Key>) { list = (keys, reports) }

    /// A year's annual report content, rendered once per published list.
    func annualContent(year: String, keys: Set<Key>, render: @Sendable () -> HTML) -> HTML {
        if let kept = annualContent[year], kept.keys == keys { return kept.content }
        let content = render()
        annualContent[year] = (keys, content)
        return content
    }

    func report(for key: Key, compute: @escaping @Sendable () async throws -> InspectionReport) async throws -> InspectionReport {
        if let existing = reports[key] { return try await existing.value }
        let task = Task { try await compute() }
        reports[key] = task
        do {
            return try await task.value
        } catch {
            reports[key] = nil  // a failed computation is not kept: the next request tries again
            throw error
        }
    }
}

extension Application {
    private struct PublishedReportsKey: StorageKey {
        typealias Value = PublishedReportCache
    }

    var publishedReports: PublishedReportCache {
        if let cache = storage[PublishedReportsKey.self] { return cache }
        let cache = PublishedReportCache()
        storage[PublishedReportsKey.self] = cache
        return cache
    }
}
