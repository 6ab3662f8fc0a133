import Fluent
import Foundation
import InspectionKit
import InspectorateViews
import Vapor

enum RatingsController {
    static func organisationalStandard(_ context: InspectionContext, _ request: Request) throws -> Standard {
        guard let id = request.parameters.get("standard"), let standard = context.framework.standard(StandardID(id)), standard.kind == .organisational else {
            throw Abort(.notFound, reason: "There is no such organisational standard in this framework.")
        }
        return standard
    }

    @Sendable static func organisationalForm(_ request: Request) async throws -> HTML {
        let context = try await InspectionContext.load(request)
        let user = try context.requireStaff(request)
        let standard = try organisationalStandard(context, request)
        let stored = try await OrganisationalRatingModel.query(on: request.db).filter(\.$inspectionID == context.id).filter(
            \.$standardID == standard.id.rawValue
        ).first()
        try await request.audit(.view, "organisational-rating", standard.id.rawValue, inspection: context.id)
        return organisationalPage(
            await request.pageContext(standard.title, breadcrumbs: context.breadcrumbs), inspection: context.id, title: context.title,
            standardID: standard.id.rawValue, standardTitle: standard.title, questions: standard.questions.map { "\($0.id) \($0.text)" },
            rating: stored?.rating.slug, evidence: stored?.evidence ?? "",
            editable: context.state.isEditable && context.state != .rated && Policy.canLead(context.access, role: user.role, userID: user.id!))
    }

    @Sendable static func saveOrganisational(_ request: Request) async throws -> Response {
        let context = try await InspectionContext.load(request)
        let user = try context.requireLead(request)
        try context.requireEditable(casework: true)
        let standard = try organisationalStandard(context, request)
        let fields = try request.formFields()
        var errors: [FieldError] = []
        let rating = Rating(rawValue: fields["rating"] ?? "")
        if rating == nil { errors.append(FieldError(field: "rating", message: "Select a rating")) }
        let evidence = (fields["evidence"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if evidence.isEmpty { errors.append(FieldError(field: "evidence", message: "Give the evidence for the rating")) }
        if evidence.count > 20_000 { errors.append(FieldError(field: "evidence", message: "The evidence must be 20,000 characters or fewer")) }
        guard errors.isEmpty, let rating else {
            let page = organisationalPage(
                await request.pageContext(standard.title, breadcrumbs: context.breadcrumbs, errors: errors), inspection: context.id, title: context.title,
                standardID: standard.id.rawValue, standardTitle: standard.title, questions: standard.questions.map { "\($0.id) \($0.text)" },
                rating: fields["rating"], evidence: fields["evidence"] ?? "", editable: true)
            return .page(page, status: .unprocessableEntity)
        }
        let row =
            try await OrganisationalRatingModel.query(on: request.db).filter(\.$inspectionID == context.id).filter(\.$standardID == standard.id.rawValue)
            .first()
            ?? OrganisationalRatingModel()
        row.inspectionID = context.id
        row.standardID = standard.id.rawValue
        row.rating = rating
        row.evidence = evidence
        row.updatedBy = user.id
        row.updatedAt = Date()
        try await row.save(on: request.db)
        try await request.audit(.update, "organisational-rating", standard.id.rawValue, inspection: context.id, detail: rating.slug)
        request.flash("\(standard.id) \(standard.title) rated \(rating.title).")
        return request.redirect(to: SiteURL.inspection(context.id).path, redirectType: .normal)
    }

    /// Live ratings for the team; the frozen, published ratings for everyone once published.
    @Sendable static func ratings(_ request: Request) async throws -> HTML {
        let context = try await InspectionContext.load(request)
        try context.requireView(request)
        let rating = try await InspectionData.ratings(context, on: request.db)
        var refusal: [String] = []
        var canLead = false
        if let user = request.user, context.canSeeWorkingData(request) {
            canLead = Policy.canLead(context.access, role: user.role, userID: user.id!)
            if canLead, let action = context.state.nextAction {
                let progress = try await InspectionData.progress(context, on: request.db)
                do { _ = try InspectionLifecycle.apply(action, to: context.state, progress: progress) } catch { refusal = error.reasons }
            }
            try await request.audit(.view, "ratings", context.id.uuidString, inspection: context.id)
        }
        return ratingsPage(
            await request.pageContext("Ratings", breadcrumbs: context.canSeeWorkingData(request) ? context.breadcrumbs : []), inspection: context.id,
            title: context.title,
            frameworkTitle: "\(context.framework.title) (\(context.framework.id))", rating: rating, frozen: context.model.ratingsSnapshot != nil,
            nextAction: context.state.nextAction, canLead: canLead, refusal: refusal)
    }
}
