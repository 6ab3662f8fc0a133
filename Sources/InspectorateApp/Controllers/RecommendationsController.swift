import Foundation
import InspectionKit
import InspectorateViews
import Vapor

/// An inspection's recommendations (the lead writes them, the provider plans against them) and
/// its follow-up of earlier inspections' recommendations.
enum RecommendationsController {
    static func permissions(_ context: InspectionContext, _ user: UserModel) -> RecommendationPermissions {
        RecommendationPermissions(
            canEdit: context.state.isEditable && Policy.canLead(context.access, role: user.role, userID: user.id!),
            canPlan: context.state == .published && user.role == .provider && user.providerID == context.provider.id)
    }

    static func page(
        _ request: Request, _ context: InspectionContext, user: UserModel, values: [String: String] = [:], errors: [FieldError] = []
    ) async throws -> HTML {
        let rows = try await Recommendations.of(inspection: context.id, on: request.db)
        let judgedIn = try await Recommendations.publishedFollowUpYears(of: rows, on: request.db)
        let lines = rows.map { row in
            RecommendationLine(
                id: row.id!, position: row.position, recommendation: row.recommendation, actionPlan: row.actionPlan,
                followUp: row.followedUpIn.flatMap { judgedIn[$0] }.flatMap { year in
                    row.judgement.map { "\($0.status.title.lowercased()), at the \(year) inspection" }
                })
        }
        return recommendationsPage(
            await request.pageContext("Recommendations", breadcrumbs: context.breadcrumbs, errors: errors), inspection: context.id,
            providerName: context.provider.name, lines: lines, values: values, permissions: permissions(context, user))
    }

    @Sendable static func index(_ request: Request) async throws -> HTML {
        let context = try await InspectionContext.load(request)
        let user = try context.requireStaffOrProvider(request)
        return try await page(request, context, user: user)
    }

    @Sendable static func add(_ request: Request) async throws -> Response {
        let context = try await InspectionContext.load(request)
        let user = try context.requireLead(request)
        try context.requireEditable()
        let fields = try request.formFields()
        switch Recommendation.read(fields) {
        case .failure(let problems):
            let errors = ["text", "addressee", "otherBody"].compactMap { field in problems.byField[field].map { FieldError(field: field, message: $0) } }
            return .page(try await page(request, context, user: user, values: fields, errors: errors), status: .unprocessableEntity)
        case .success(let recommendation):
            try await Recommendations.add(recommendation, inspection: context.id, auditor: request.auditor(as: user), on: request.db)
            request.flash("Added the recommendation.")
            return request.redirect(to: SiteURL.recommendations(context.id).path, redirectType: .normal)
        }
    }

    @Sendable static func delete(_ request: Request) async throws -> Response {
        let context = try await InspectionContext.load(request)
        let user = try context.requireLead(request)
        try context.requireEditable()
        guard let id = request.parameters.get("recommendation", as: UUID.self) else { throw Abort(.notFound, reason: "There is no such recommendation.") }
        let removed = try await Recommendations.delete(id, inspection: context.id, auditor: request.auditor(as: user), on: request.db)
        request.flash(removed ? "Removed the recommendation." : "That recommendation had already been removed.")
        return request.redirect(to: SiteURL.recommendations(context.id).path, redirectType: .normal)
    }

    @Sendable static func saveActionPlan(_ request: Request) async throws -> Response {
        let context = try await InspectionContext.load(request)
        let user = try context.requireStaffOrProvider(request)
        guard permissions(context, user).canPlan else {
            throw Abort(.forbidden, reason: "Only \(context.provider.name) records action plans, once the report is published.")
        }
        guard let id = request.parameters.get("recommendation", as: UUID.self) else { throw Abort(.notFound, reason: "There is no such recommendation.") }
        let plan = (try request.formFields()["actionPlan"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if plan.count > Recommendation.actionPlanLimit {
            let position = try await Recommendations.of(inspection: context.id, on: request.db).first { $0.id == id }?.position ?? 0
            let error = FieldError(field: "actionPlan-\(position)", message: "Keep the action plan to 4,000 characters; it has \(plan.count)")
            return .page(
                try await page(request, context, user: user, values: ["plan-\(id)": plan], errors: [error]), status: .unprocessableEntity)
        }
        do {
            try await Recommendations.setActionPlan(plan, for: id, inspection: context.id, auditor: request.auditor(as: user), on: request.db)
        } catch let refused as Recommendations.Refused {
            throw Abort(.conflict, reason: refused.description)
        }
        request.flash("Saved the action plan.")
        return request.redirect(to: SiteURL.recommendations(context.id).path, redirectType: .normal)
    }

    // MARK: - Follow-up at the next inspection

    @Sendable static func followUp(_ request: Request) async throws -> HTML {
        let context = try await InspectionContext.load(request)
        let user = try context.requireStaff(request)
        return try await followUpView(request, context, user: user)
    }

    static func followUpView(
        _ request: Request, _ context: InspectionContext, user: UserModel, failed: String? = nil, values: [String: String] = [:], errors: [FieldError] = []
    ) async throws -> HTML {
        followUpPage(
            await request.pageContext("Previous recommendations", breadcrumbs: context.breadcrumbs, errors: errors), inspection: context.id,
            items: try await Recommendations.previous(for: context.model, on: request.db), values: values, failed: failed,
            canJudge: context.state.isEditable && Policy.canLead(context.access, role: user.role, userID: user.id!))
    }

    @Sendable static func judge(_ request: Request) async throws -> Response {
        let context = try await InspectionContext.load(request)
        let user = try context.requireLead(request)
        try context.requireEditable()
        guard let id = request.parameters.get("recommendation", as: UUID.self) else { throw Abort(.notFound, reason: "There is no such recommendation.") }
        let fields = try request.formFields()
        switch FollowUpJudgement.read(fields) {
        case .failure(let problems):
            let items = try await Recommendations.previous(for: context.model, on: request.db)
            guard let number = items.firstIndex(where: { $0.id == id.uuidString }).map({ $0 + 1 }) else {
                throw Abort(.notFound, reason: "This inspection does not follow up that recommendation.")
            }
            let errors = ["status", "evidence"].compactMap { field in problems.byField[field].map { FieldError(field: "\(field)-\(number)", message: $0) } }
            return .page(
                try await followUpView(request, context, user: user, failed: id.uuidString, values: fields, errors: errors), status: .unprocessableEntity)
        case .success(let judgement):
            do {
                try await Recommendations.followUp(id, in: context.model, judgement: judgement, auditor: request.auditor(as: user), on: request.db)
            } catch let refused as Recommendations.Refused {
                throw Abort(.notFound, reason: refused.description)
            }
            request.flash("Saved the judgement: \(judgement.status.title.lowercased()).")
            return request.redirect(to: SiteURL.followUp(context.id).path, redirectType: .normal)
        }
    }

    // MARK: - API

    /// A published inspection's recommendations, each with what a published later inspection
    /// found; a follow-up still in progress is not public, so it shows as null.
    @Sendable static func api(_ request: Request) async throws -> Response {
        let visible = try await APIController.visibleInspection(request)
        let rows = try await Recommendations.of(inspection: visible.context.id, on: request.db)
        let published = try await Recommendations.publishedFollowUpYears(of: rows, on: request.db)
        let items: [[String: Any]] = rows.map { row in
            let judged = row.followedUpIn.map { published[$0] != nil } ?? false
            return [
                "position": row.position, "text": row.text, "addressee": row.addressee.rawValue,
                "addressed_to": row.recommendation.addresseeName(provider: visible.context.provider.name),
                "status": judged ? (row.followUpStatus?.rawValue as Any? ?? NSNull()) : NSNull(),
                "evidence": judged ? (row.followUpEvidence as Any? ?? NSNull()) : NSNull(),
                "followed_up_in": judged ? (row.followedUpIn?.uuidString as Any? ?? NSNull()) : NSNull(),
            ]
        }
        return ReportsController.json(["inspection": visible.context.id.uuidString, "recommendations": items])
    }
}
