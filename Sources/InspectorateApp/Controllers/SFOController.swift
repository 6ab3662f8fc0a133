import Fluent
import Foundation
import InspectionKit
import InspectorateViews
import Vapor

/// Serious further offence reviews: recorded as providers notify them, a stratified sample
/// drawn each year, each sampled review rated, and the year summarised against the last.
enum SFOController {
    static func requireStaff(_ request: Request) throws -> UserModel {
        let user = try request.requireUser()
        guard user.role.isStaff else { throw Abort(.forbidden, reason: "Serious further offence reviews are for inspectorate staff.") }
        return user
    }

    static func requireQualityLead(_ request: Request) throws -> UserModel {
        let user = try requireStaff(request)
        guard Policy.canQualityAssureSFO(role: user.role) else {
            throw Abort(.forbidden, reason: "Only quality leads record, sample and rate serious further offence reviews.")
        }
        return user
    }

    /// The year in the address, `2019-20`, as `2019/20`.
    static func year(_ request: Request) throws -> String {
        let slug = request.parameters.get("year") ?? ""
        guard slug.range(of: #"^(19|20)\d\d-\d\d$"#, options: .regularExpression) != nil else {
            throw Abort(.notFound, reason: "Years are written like 2019-20.")
        }
        return slug.replacingOccurrences(of: "-", with: "/")
    }

    @Sendable static func index(_ request: Request) async throws -> Response {
        let user = try requireStaff(request)
        return .page(try await indexPage(request, user: user), status: .ok)
    }

    static func indexPage(_ request: Request, user: UserModel, errors: [FieldError] = [], values: [String: String] = [:]) async throws -> HTML {
        let reviews = try await SFOReviewModel.query(on: request.db).all()
        let years = Dictionary(grouping: reviews, by: \.yearLabel).map { year, rows in
            SFOYearRow(year: year, notified: rows.count, sampled: rows.filter(\.sampled).count, rated: rows.filter { $0.overallRating != nil }.count)
        }.sorted { $0.year > $1.year }
        let providers = try await ProviderModel.query(on: request.db).sort(\.$name).all()
            .filter { $0.providerType != .yot }
            .map { Components.Option($0.id!.uuidString, $0.name) }
        return sfoIndexPage(
            await request.pageContext("Serious further offence reviews", errors: errors), years: years, providers: providers,
            canRecord: Policy.canQualityAssureSFO(role: user.role), values: values)
    }

    /// Reads the review form and checks what the core cannot: that the service exists and the
    /// reference is not another review's.
    static func readForm(
        _ fields: [String: String], except: UUID? = nil, on database: any Database
    ) async throws -> Result<
        (SFOReview, ProviderModel), FormProblems
    > {
        var problems: [FormProblem] = []
        let entry: SFOReview?
        switch SFOReviewForm.read(fields, today: ProviderData.today) {
        case .success(let read): entry = read
        case .failure(let refused):
            entry = nil
            problems = refused.problems
        }
        let provider = try await UUID(uuidString: fields["provider"] ?? "").asyncFlatMap { try await ProviderModel.find($0, on: database) }
        if provider == nil, !problems.contains(where: { $0.field == "provider" }) {
            problems.append(FormProblem(field: "provider", message: "Choose the probation service"))
        }
        if let entry {
            let taken = SFOReviewModel.query(on: database).filter(\.$reference == entry.reference)
            if let except { taken.filter(\.$id != except) }
            if try await taken.count() > 0 { problems.append(FormProblem(field: "reference", message: "Review \(entry.reference) is already recorded")) }
        }
        guard problems.isEmpty, let entry, let provider else { return .failure(FormProblems(problems)) }
        return .success((entry, provider))
    }

    static func fieldErrors(_ problems: FormProblems) -> [FieldError] { problems.problems.map { FieldError(field: $0.field, message: $0.message) } }

    @Sendable static func record(_ request: Request) async throws -> Response {
        let user = try requireQualityLead(request)
        let fields = try request.formFields()
        let entry: SFOReview, provider: ProviderModel
        switch try await readForm(fields, on: request.db) {
        case .success(let read): (entry, provider) = read
        case .failure(let problems):
            return .page(try await indexPage(request, user: user, errors: fieldErrors(problems), values: fields), status: .unprocessableEntity)
        }
        let review = SFOReviewModel()
        review.apply(entry, provider: provider.id!)
        review.sampled = false
        review.ratings = "{}"
        review.createdBy = user.id
        try await request.db.writeTransaction { database in
            try await review.create(on: database)
            try await request.audit(.create, "sfo-review", entry.reference, detail: "\(provider.code) \(entry.category.rawValue)", on: database)
        }
        request.flash("Review \(entry.reference) recorded for \(review.yearLabel).")
        return request.redirect(to: SiteURL.sfoYear(yearSlug(review.yearLabel)).path, redirectType: .normal)
    }

    static func storedValues(_ review: SFOReviewModel) -> [String: String] {
        guard let entry = review.toDomain(provider: nil) else { return [:] }
        return SFOReviewForm.values(entry).merging(["provider": review.providerID.uuidString]) { $1 }
    }

    static func editHTML(_ request: Request, _ review: SFOReviewModel, errors: [FieldError] = [], values: [String: String]? = nil) async throws -> HTML {
        let providers = try await ProviderModel.query(on: request.db).sort(\.$name).all()
        return sfoReviewEditPage(
            await request.pageContext(
                "Edit review \(review.reference)",
                breadcrumbs: [
                    ("SFO reviews", .sfo), (review.yearLabel, .sfoYear(yearSlug(review.yearLabel))), ("Review \(review.reference)", .sfoReview(review.id!)),
                ],
                errors: errors),
            id: review.id!, reference: review.reference, providers: providers.map { Components.Option($0.id!.uuidString, $0.name) },
            values: values ?? storedValues(review))
    }

    @Sendable static func editForm(_ request: Request) async throws -> Response {
        _ = try requireQualityLead(request)
        return .page(try await editHTML(request, try await loadReview(request)), status: .ok)
    }

    /// Corrects a recorded review (a submission date added later, a mistyped field), keeping
    /// it in its sample year, and audits what changed.
    @Sendable static func update(_ request: Request) async throws -> Response {
        _ = try requireQualityLead(request)
        let review = try await loadReview(request)
        let fields = try request.formFields()
        var read = try await readForm(fields, except: review.id, on: request.db)
        if case .success(let (entry, _)) = read {
            let problems = SFOReviewForm.correctionProblems(entry, storedYear: review.yearLabel, sampled: review.sampled, rated: review.overallRating != nil)
            if !problems.isEmpty { read = .failure(FormProblems(problems)) }
        }
        let entry: SFOReview, provider: ProviderModel
        switch read {
        case .success(let value): (entry, provider) = value
        case .failure(let problems):
            return .page(try await editHTML(request, review, errors: fieldErrors(problems), values: fields), status: .unprocessableEntity)
        }
        let before = storedValues(review)
        review.apply(entry, provider: provider.id!)
        let after = storedValues(review)
        let changed = after.keys.sorted().filter { before[$0] != after[$0] }.map {
            "\($0): \(before[$0].flatMap { $0.isEmpty ? nil : $0 } ?? "none") → \(after[$0].flatMap { $0.isEmpty ? nil : $0 } ?? "none")"
        }
        guard !changed.isEmpty else {
            request.flash("Nothing changed in review \(review.reference).")
            return request.redirect(to: SiteURL.sfoReview(review.id!).path, redirectType: .normal)
        }
        try await request.db.writeTransaction { database in
            try await review.save(on: database)
            try await request.audit(.update, "sfo-review", review.reference, detail: "corrected " + changed.joined(separator: "; "), on: database)
        }
        request.flash("Review \(review.reference) updated.")
        return request.redirect(to: SiteURL.sfoReview(review.id!).path, redirectType: .normal)
    }

    @Sendable static func yearPage(_ request: Request) async throws -> Response {
        let user = try requireStaff(request)
        return .page(try await yearHTML(request, user: user, year: try year(request)), status: .ok)
    }

    static func yearHTML(_ request: Request, user: UserModel, year: String, errors: [FieldError] = [], values: [String: String] = [:]) async throws -> HTML {
        let (summary, models, providers) = try await SFOReviews.summary(year, on: request.db)
        guard !models.isEmpty else { throw Abort(.notFound, reason: "No reviews are recorded for \(year).") }
        let canQualityAssure = Policy.canQualityAssureSFO(role: user.role)
        let publication = try await SFOPublications.of(year, on: request.db)
        return sfoYearPage(
            await request.pageContext("SFO reviews \(year)", breadcrumbs: [("SFO reviews", .sfo)], errors: errors), year: year,
            tables: summary.tables(suppressing: false),
            reviews: models.map {
                SFOReviewRow(
                    id: $0.id!, reference: $0.reference, provider: providers[$0.providerID]?.name ?? "?",
                    category: $0.offenceCategory.title, notified: $0.notifiedOn, sampled: $0.sampled,
                    overall: $0.overallRating)
            },
            canDraw: canQualityAssure && !models.contains(where: \.sampled), publishedAt: publication?.publishedAt,
            canPublish: canQualityAssure && publication == nil && models.contains(where: \.sampled), values: values)
    }

    /// A table of the year as the quality leads see it, small figures included.
    @Sendable static func table(_ request: Request) async throws -> Response {
        _ = try requireStaff(request)
        let year = try year(request)
        let (summary, models, _) = try await SFOReviews.summary(year, on: request.db)
        guard !models.isEmpty else { throw Abort(.notFound, reason: "No reviews are recorded for \(year).") }
        return try download(summary.tables(suppressing: false), request: request, year: year)
    }

    static func download(_ tables: [DataTable], request: Request, year: String) throws -> Response {
        let (id, format) = try ReportsController.tableRequest(request)
        guard let table = tables.first(where: { $0.id == id }) else { throw Abort(.notFound, reason: "There is no table \(id).") }
        return ReportsController.download(table, format: format, name: "sfo-\(yearSlug(year))-\(id)")
    }

    /// Publishes the year's summary: from now on anyone can read it, with small figures withheld.
    @Sendable static func publish(_ request: Request) async throws -> Response {
        let user = try requireQualityLead(request)
        let year = try year(request)
        do {
            try await SFOPublications.publish(year, auditor: request.auditor(as: user), on: request.db)
        } catch let refused as SFOPublications.Refused {
            throw Abort(.conflict, reason: refused.description)
        }
        request.flash("The summary for \(year) is published.")
        return request.redirect(to: SiteURL.sfoSummary(yearSlug(year)).path, redirectType: .normal)
    }

    // MARK: - Published summaries, open to everyone

    /// A published year, or "not found" for one that is not (yet) published.
    static func published(_ request: Request) async throws -> (year: String, publication: SFOPublicationModel, summary: SFOAnnualSummary) {
        let year = try year(request)
        guard let publication = try await SFOPublications.of(year, on: request.db) else {
            throw Abort(.notFound, reason: "No summary of serious further offence reviews is published for \(year).")
        }
        return (year, publication, try publication.summary)
    }

    @Sendable static func publishedIndex(_ request: Request) async throws -> Response {
        let years = try await SFOPublications.all(on: request.db).map { (year: $0.yearLabel, publishedAt: $0.publishedAt) }
        return .page(sfoSummariesPage(await request.pageContext("Serious further offence reviews: annual summaries"), years: years), status: .ok)
    }

    @Sendable static func publishedYear(_ request: Request) async throws -> Response {
        let (year, publication, summary) = try await published(request)
        return .page(
            sfoSummaryPage(
                await request.pageContext(
                    "Serious further offence reviews \(year)", breadcrumbs: [("SFO annual summaries", .sfoSummaries)]),
                year: year, publishedAt: publication.publishedAt, tables: summary.tables(suppressing: true)),
            status: .ok)
    }

    @Sendable static func publishedTable(_ request: Request) async throws -> Response {
        let (year, _, summary) = try await published(request)
        return try download(summary.tables(suppressing: true), request: request, year: year)
    }

    /// `GET /api/v1/sfo/years/<yyyy-yy>`: the published summary's tables, small figures withheld.
    @Sendable static func api(_ request: Request) async throws -> Response {
        _ = try await APIController.caller(request)
        let (year, publication, summary) = try await published(request)
        return ReportsController.json([
            "year": year, "previous_year": summary.previousYear, "published_at": APITime.format(publication.publishedAt),
            "tables": PublishedJSON.tables(summary.tables(suppressing: true)),
        ])
    }

    @Sendable static func drawSample(_ request: Request) async throws -> Response {
        let user = try requireQualityLead(request)
        let year = try year(request)
        let fields = try request.formFields()
        var errors: [FieldError] = []
        let percent = Double((fields["percent"] ?? "").trimmingCharacters(in: .whitespaces))
        if percent == nil || !(percent! > 0 && percent! <= 100) {
            errors.append(FieldError(field: "percent", message: "Give a percentage above 0 and at most 100"))
        }
        let seedField = SeedField.read(fields)
        if case .invalid(let error) = seedField { errors.append(error) }
        guard errors.isEmpty, let percent, case .seed(let seed) = seedField else {
            return .page(try await yearHTML(request, user: user, year: year, errors: errors, values: fields), status: .unprocessableEntity)
        }
        let (summary, models, _) = try await SFOReviews.summary(year, on: request.db)
        guard !models.isEmpty else { throw Abort(.notFound, reason: "No reviews are recorded for \(year).") }
        let chosen = Set(SFOSample.draw(summary.current, percent: percent, seed: UInt64(seed)).map(\.reference))
        try await request.db.writeTransaction { database in
            guard try await SFOReviewModel.query(on: database).filter(\.$yearLabel == year).filter(\.$sampled == true).count() == 0 else {
                throw Abort(.conflict, reason: "The sample for \(year) has already been drawn.")
            }
            for model in models where chosen.contains(model.reference) {
                model.sampled = true
                model.sampleSeed = seed
                try await model.save(on: database)
            }
            try await request.audit(
                .create, "sfo-sample", year, detail: "\(chosen.count) of \(models.count) reviews, \(percent)%, seed \(seed)", on: database)
        }
        request.flash("Drew \(chosen.count) of \(models.count) reviews for quality assurance (seed \(seed)).")
        return request.redirect(to: SiteURL.sfoYear(yearSlug(year)).path, redirectType: .normal)
    }

    static func loadReview(_ request: Request) async throws -> SFOReviewModel {
        guard let id = request.parameters.get("review", as: UUID.self), let review = try await SFOReviewModel.find(id, on: request.db) else {
            throw Abort(.notFound, reason: "There is no such review.")
        }
        return review
    }

    static func reviewHTML(
        _ request: Request, _ review: SFOReviewModel, user: UserModel, errors: [FieldError] = [], values: [String: String]? = nil
    ) async throws
        -> HTML
    {
        let provider = try await ProviderModel.find(review.providerID, on: request.db)
        var stored: [String: String] = [:]
        for (key, judgement) in review.judgements {
            stored["rating-\(key)"] = judgement.rating
            stored["rationale-\(key)"] = judgement.rationale
        }
        let details: [Components.SummaryRow] = [
            .init("Service", text: provider?.name ?? "?"),
            .init("Offence", text: review.offenceCategory.title),
            .init("Risk of serious harm before", text: review.roshBefore.title),
            .init("MAPPA level before", text: review.mappaLevelBefore.map { "Level \($0)" } ?? "None"),
            .init("Notified", text: review.notifiedOn), .init("Submitted", text: review.submittedOn ?? "Awaited"),
            .init("Central quality assurance finished", text: review.centralQACompletedOn ?? (review.submittedOn == nil ? "Not yet submitted" : "Awaited")),
            .init("Other agencies involved", text: review.otherAgencies ? "Yes" : "No"),
            .init("Victim or family asked to see it", text: review.victimAsked ? "Yes" : "No"),
        ]
        return sfoReviewPage(
            await request.pageContext(
                "Review \(review.reference)", breadcrumbs: [("SFO reviews", .sfo), (review.yearLabel, .sfoYear(yearSlug(review.yearLabel)))], errors: errors),
            id: review.id!, reference: review.reference, details: details, values: values ?? stored,
            editable: Policy.canQualityAssureSFO(role: user.role) && review.sampled && review.submittedOn != nil,
            canCorrect: Policy.canQualityAssureSFO(role: user.role))
    }

    @Sendable static func reviewPage(_ request: Request) async throws -> Response {
        let user = try requireStaff(request)
        let review = try await loadReview(request)
        try await request.audit(.view, "sfo-review", review.reference)
        return .page(try await reviewHTML(request, review, user: user), status: .ok)
    }

    @Sendable static func rate(_ request: Request) async throws -> Response {
        let user = try requireQualityLead(request)
        let review = try await loadReview(request)
        guard review.sampled else { throw Abort(.conflict, reason: "Only reviews in the quality-assurance sample are rated.") }
        guard review.submittedOn != nil else { throw Abort(.conflict, reason: "The review has not been submitted yet, so it cannot be rated.") }
        let fields = try request.formFields()
        var errors: [FieldError] = []
        var judgements: [String: SFOReviewModel.Judgement] = [:]
        for (key, title) in SFOStandard.allCases.map({ ($0.rawValue, $0.title) }) + [("overall", "Overall")] {
            let rating = Rating(rawValue: fields["rating-\(key)"] ?? "")
            let rationale = (fields["rationale-\(key)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if rating == nil { errors.append(FieldError(field: "rating-\(key)", message: "Choose a rating for \(title.lowercased())")) }
            if rationale.isEmpty { errors.append(FieldError(field: "rationale-\(key)", message: "Give the rationale for \(title.lowercased())")) }
            if rationale.count > 10_000 {
                errors.append(FieldError(field: "rationale-\(key)", message: "The rationale for \(title.lowercased()) must be 10,000 characters or fewer"))
            }
            if let rating { judgements[key] = .init(rating: rating.slug, rationale: rationale) }
        }
        guard errors.isEmpty else {
            return .page(try await reviewHTML(request, review, user: user, errors: errors, values: fields), status: .unprocessableEntity)
        }
        review.ratings = String(decoding: try JSONEncoder().encode(judgements), as: UTF8.self)
        review.overallRating = judgements["overall"].flatMap { Rating(rawValue: $0.rating) }
        review.ratedBy = user.id
        review.ratedAt = Date()
        try await request.db.writeTransaction { database in
            try await review.save(on: database)
            try await request.audit(.update, "sfo-review", review.reference, detail: "rated \(review.overallRating?.slug ?? "")", on: database)
        }
        request.flash("Review \(review.reference) rated \(review.overallRating?.title ?? "") overall.")
        return request.redirect(to: SiteURL.sfoYear(yearSlug(review.yearLabel)).path, redirectType: .normal)
    }
}
