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
        guard user.userRole.isStaff else { throw Abort(.forbidden, reason: "Serious further offence reviews are for inspectorate staff.") }
        return user
    }

    static func requireQualityLead(_ request: Request) throws -> UserModel {
        let user = try requireStaff(request)
        guard Policy.canQualityAssureSFO(role: user.userRole) else {
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
            canRecord: Policy.canQualityAssureSFO(role: user.userRole), values: values)
    }

    @Sendable static func record(_ request: Request) async throws -> Response {
        let user = try requireQualityLead(request)
        let fields = try request.formFields()
        var errors: [FieldError] = []
        let reference = (fields["reference"] ?? "").trimmingCharacters(in: .whitespaces)
        if reference.isEmpty || reference.count > 32 || !reference.unicodeScalars.allSatisfy(CaseloadCSV.isReferenceCharacter) {
            errors.append(FieldError(field: "reference", message: "The reference is 1 to 32 letters, digits, hyphens or underscores, never a name"))
        } else if try await SFOReviewModel.query(on: request.db).filter(\.$reference == reference).count() > 0 {
            errors.append(FieldError(field: "reference", message: "Review \(reference) is already recorded"))
        }
        let provider = try await UUID(uuidString: fields["provider"] ?? "").asyncFlatMap { try await ProviderModel.find($0, on: request.db) }
        if provider == nil { errors.append(FieldError(field: "provider", message: "Choose the probation service")) }
        let category = OffenceCategory(rawValue: fields["category"] ?? "")
        if category == nil { errors.append(FieldError(field: "category", message: "Choose the offence")) }
        let rosh = RoshLevel(rawValue: fields["rosh"] ?? "")
        if rosh == nil { errors.append(FieldError(field: "rosh", message: "Choose the risk level assessed before the offence")) }
        let mappaText = fields["mappa"] ?? ""
        let mappa: Int? = ["1", "2", "3"].contains(mappaText) ? Int(mappaText) : nil
        if mappa == nil && mappaText != "none" { errors.append(FieldError(field: "mappa", message: "Choose the MAPPA level, or none")) }
        let earliest = CalendarDate(year: 2000, month: 1, day: 1)!, today = ProviderData.today
        let notified = CalendarDate(parsing: fields["notified"] ?? "")
        if notified == nil || notified! < earliest || notified! > today {
            errors.append(FieldError(field: "notified", message: "Enter the date notified as yyyy-mm-dd, between 2000-01-01 and today"))
        }
        let submittedText = (fields["submitted"] ?? "").trimmingCharacters(in: .whitespaces)
        let submitted = submittedText.isEmpty ? nil : CalendarDate(parsing: submittedText)
        if !submittedText.isEmpty {
            if submitted == nil || submitted! > today {
                errors.append(FieldError(field: "submitted", message: "Enter the submission date as yyyy-mm-dd, no later than today, or leave it empty"))
            } else if let notified, let submitted, submitted < notified {
                errors.append(FieldError(field: "submitted", message: "A review cannot be submitted before it was notified"))
            }
        }
        let agencies = fields["agencies"]
        if agencies != "yes" && agencies != "no" { errors.append(FieldError(field: "agencies", message: "Say whether other agencies were involved")) }
        guard errors.isEmpty, let provider, let category, let rosh, let notified else {
            return .page(try await indexPage(request, user: user, errors: errors, values: fields), status: .unprocessableEntity)
        }
        let review = SFOReviewModel()
        review.reference = reference
        review.providerID = provider.id!
        review.offenceCategory = category.rawValue
        review.roshBefore = rosh.rawValue
        review.mappaLevelBefore = mappa
        review.notifiedOn = notified.description
        review.submittedOn = submitted?.description
        review.otherAgencies = agencies == "yes"
        review.yearLabel = SFOReview.year(of: notified)
        review.sampled = false
        review.ratings = "{}"
        review.createdBy = user.id
        try await request.db.writeTransaction { database in
            try await review.create(on: database)
            try await request.audit(.create, "sfo-review", reference, detail: "\(provider.code) \(category.rawValue)", on: database)
        }
        request.flash("Review \(reference) recorded for \(review.yearLabel).")
        return request.redirect(to: SiteURL.sfoYear(yearSlug(review.yearLabel)).path, redirectType: .normal)
    }

    /// The year's reviews in the core's terms, with last year's for comparison.
    static func summary(_ year: String, on database: any Database) async throws -> (SFOAnnualSummary, [SFOReviewModel], [UUID: ProviderModel]) {
        let providers = Dictionary(uniqueKeysWithValues: try await ProviderModel.query(on: database).all().map { ($0.id!, $0) })
        let models = try await SFOReviewModel.query(on: database).filter(\.$yearLabel ~~ [year, SFOAnnualSummary.year(before: year)])
            .sort(\.$notifiedOn).all()
        let reviews = models.compactMap { $0.toDomain(providerCode: providers[$0.providerID]?.code ?? "?") }
        return (SFOAnnualSummary(year: year, reviews: reviews), models.filter { $0.yearLabel == year }, providers)
    }

    @Sendable static func yearPage(_ request: Request) async throws -> Response {
        let user = try requireStaff(request)
        return .page(try await yearHTML(request, user: user, year: try year(request)), status: .ok)
    }

    static func yearHTML(_ request: Request, user: UserModel, year: String, errors: [FieldError] = [], values: [String: String] = [:]) async throws -> HTML {
        let (summary, models, providers) = try await summary(year, on: request.db)
        guard !models.isEmpty else { throw Abort(.notFound, reason: "No reviews are recorded for \(year).") }
        let canQualityAssure = Policy.canQualityAssureSFO(role: user.userRole)
        return sfoYearPage(
            await request.pageContext("SFO reviews \(year)", breadcrumbs: [("SFO reviews", .sfo)], errors: errors), year: year, summary: summary.table,
            reviews: models.map {
                SFOReviewRow(
                    id: $0.id!, reference: $0.reference, provider: providers[$0.providerID]?.name ?? "?",
                    category: OffenceCategory(rawValue: $0.offenceCategory)?.title ?? $0.offenceCategory, notified: $0.notifiedOn, sampled: $0.sampled,
                    overall: $0.overallRating.flatMap(Rating.init(rawValue:)))
            },
            canDraw: canQualityAssure && !models.contains(where: \.sampled), canRate: canQualityAssure, values: values)
    }

    @Sendable static func table(_ request: Request) async throws -> Response {
        _ = try requireStaff(request)
        let year = try year(request)
        let (summary, models, _) = try await summary(year, on: request.db)
        guard !models.isEmpty else { throw Abort(.notFound, reason: "No reviews are recorded for \(year).") }
        let (id, format) = try ReportsController.tableRequest(request)
        guard id == summary.table.id else { throw Abort(.notFound, reason: "There is no table \(id).") }
        return ReportsController.download(summary.table, format: format, name: "sfo-\(yearSlug(year))-\(id)")
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
        let (summary, models, _) = try await summary(year, on: request.db)
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
            .init("Offence", text: OffenceCategory(rawValue: review.offenceCategory)?.title ?? review.offenceCategory),
            .init("Risk of serious harm before", text: RoshLevel(rawValue: review.roshBefore)?.title ?? review.roshBefore),
            .init("MAPPA level before", text: review.mappaLevelBefore.map { "Level \($0)" } ?? "None"),
            .init("Notified", text: review.notifiedOn), .init("Submitted", text: review.submittedOn ?? "Awaited"),
            .init("Other agencies involved", text: review.otherAgencies ? "Yes" : "No"),
        ]
        return sfoReviewPage(
            await request.pageContext(
                "Review \(review.reference)", breadcrumbs: [("SFO reviews", .sfo), (review.yearLabel, .sfoYear(yearSlug(review.yearLabel)))], errors: errors),
            id: review.id!, reference: review.reference, details: details, values: values ?? stored,
            editable: Policy.canQualityAssureSFO(role: user.userRole) && review.sampled && review.submittedOn != nil)
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
        review.overallRating = judgements["overall"]?.rating
        review.ratedBy = user.id
        review.ratedAt = Date()
        try await request.db.writeTransaction { database in
            try await review.save(on: database)
            try await request.audit(.update, "sfo-review", review.reference, detail: "rated \(review.overallRating ?? "")", on: database)
        }
        request.flash("Review \(review.reference) rated \(Rating(rawValue: review.overallRating ?? "")?.title ?? "") overall.")
        return request.redirect(to: SiteURL.sfoYear(yearSlug(review.yearLabel)).path, redirectType: .normal)
    }
}
