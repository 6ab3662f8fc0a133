import Foundation
import InspectionKit
import InspectorateViews
import Vapor

/// An inspection's surveys of staff and of people on probation. Responses, with their free
/// text, are for inspectorate staff alone: a provider never sees who said what, or what anyone
/// wrote, only the published shares.
enum SurveysController {
    /// The inspection, for a member of staff, and the surveys its provider's type offers.
    static func load(_ request: Request) async throws -> (context: InspectionContext, user: UserModel, surveys: [Survey]) {
        let context = try await InspectionContext.load(request)
        let user = try context.requireStaff(request)
        return (context, user, request.application.surveys.surveys(for: context.provider.type))
    }

    static func survey(_ request: Request, among surveys: [Survey]) throws -> Survey {
        guard let id = request.parameters.get("survey"), let survey = surveys.first(where: { $0.id == id }) else {
            throw Abort(.notFound, reason: "This inspection has no such survey.")
        }
        return survey
    }

    @Sendable static func index(_ request: Request) async throws -> HTML {
        let (context, _, surveys) = try await load(request)
        let responses = try await SurveyResponses.bySurvey(inspection: context.id, on: request.db)
        return surveysPage(
            await request.pageContext("Surveys", breadcrumbs: context.breadcrumbs), inspection: context.id,
            surveys: surveys.map { SurveySummary(survey: $0, responses: responses[$0.id]?.count ?? 0) })
    }

    @Sendable static func show(_ request: Request) async throws -> HTML {
        let (context, user, surveys) = try await load(request)
        return try await page(request, context, user: user, survey: try survey(request, among: surveys), values: [:], errors: [])
    }

    static func page(
        _ request: Request, _ context: InspectionContext, user: UserModel, survey: Survey, values: [String: String], errors: [FieldError]
    ) async throws -> HTML {
        let recorded = try await SurveyResponses.of(inspection: context.id, survey: survey.id, on: request.db)
        let time = request.application.timeInWords
        return surveyPage(
            await request.pageContext(survey.title, breadcrumbs: context.breadcrumbs + [("Surveys", .surveys(context.id))], errors: errors),
            inspection: context.id, figures: SurveyFigures(survey: survey, responses: recorded.map(\.response)), confidence: .ninetyFivePercent,
            responses: recorded.map {
                RecordedResponse(
                    id: $0.id, respondent: $0.response.respondent, answered: $0.response.answers.count, recorded: time.moment($0.recordedAt),
                    comment: $0.response.comment)
            },
            values: values, canRecord: canRecord(context, user), canDelete: canDelete(context, user))
    }

    /// Responses change only while the inspection is open: published figures never move.
    static func requireOpen(_ context: InspectionContext) throws {
        guard context.state.isEditable else {
            throw Abort(.conflict, reason: "This inspection is \(context.state.title.lowercased()): its survey responses can no longer change.")
        }
    }

    static func canRecord(_ context: InspectionContext, _ user: UserModel) -> Bool {
        context.state.isEditable && Policy.canAssess(context.access, role: user.role, userID: user.id!)
    }

    static func canDelete(_ context: InspectionContext, _ user: UserModel) -> Bool {
        context.state.isEditable && Policy.canLead(context.access, role: user.role, userID: user.id!)
    }

    @Sendable static func record(_ request: Request) async throws -> Response {
        let (context, _, surveys) = try await load(request)
        let user = try context.requireAssessor(request)
        let survey = try survey(request, among: surveys)
        try requireOpen(context)
        let fields = try request.formFields()
        var errors: [FieldError]
        switch SurveyResponse.read(fields, survey: survey) {
        case .failure(let problems):
            let order = ["respondent"] + survey.questions.map(\.id) + ["comment"]
            errors = order.compactMap { field in problems.byField[field].map { FieldError(field: field, message: $0) } }
        case .success(let response):
            do {
                try await SurveyResponses.record(response, survey: survey, inspection: context.id, auditor: request.auditor(as: user), on: request.db)
                request.flash("Recorded the response of \(response.respondent).")
                return request.redirect(to: SiteURL.survey(context.id, survey.id).path, redirectType: .normal)
            } catch let already as SurveyResponses.AlreadyAnswered {
                errors = [
                    FieldError(
                        field: "respondent",
                        message: "\(already.respondent) has already answered this survey in this inspection, and each respondent counts once")
                ]
            }
        }
        let page = try await page(request, context, user: user, survey: survey, values: fields, errors: errors)
        return .page(page, status: .unprocessableEntity)
    }

    @Sendable static func delete(_ request: Request) async throws -> Response {
        let (context, _, surveys) = try await load(request)
        let user = try context.requireLead(request)
        let survey = try survey(request, among: surveys)
        try requireOpen(context)
        guard let id = request.parameters.get("response", as: UUID.self) else { throw Abort(.notFound, reason: "There is no such response.") }
        let removed = try await SurveyResponses.delete(id, inspection: context.id, auditor: request.auditor(as: user), on: request.db)
        // Pressing Remove twice, or in two tabs, finds it gone: say so rather than fail.
        request.flash(removed ? "Removed the response." : "That response had already been removed.")
        return request.redirect(to: SiteURL.survey(context.id, survey.id).path, redirectType: .normal)
    }
}
