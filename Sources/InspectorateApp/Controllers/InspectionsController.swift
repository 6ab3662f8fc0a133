import Fluent
import Foundation
import InspectionKit
import InspectorateViews
import Vapor

enum InspectionsController {
    /// Summaries for a list, restricted to what the requester may see, newest first.
    static func summaries(_ request: Request, query: QueryBuilder<InspectionModel>) async throws -> [InspectionSummary] {
        let user = request.user
        if user == nil { query.filter(\.$state == .published) }
        if let user, user.role == .provider {
            guard let provider = user.providerID else { return [] }
            query.filter(\.$providerID == provider)
        }
        let inspections = try await query.sort(\.$fieldworkStart, .descending).all()
        let providers = try await ProviderModel.query(on: request.db).all()
        let byID = Dictionary(uniqueKeysWithValues: providers.map { ($0.id!, $0) })
        return inspections.map { inspection in
            let provider = byID[inspection.providerID]
            let frozen = FrozenRatings(snapshot: inspection.ratingsSnapshot)
            let overall = frozen.flatMap { frozen in
                request.application.frameworks[FrameworkID(frozen.frameworkID)].flatMap { frozen.rating(using: $0)?.overall.rating }
            }
            return InspectionSummary(
                id: inspection.id!, provider: provider?.name ?? "Unknown", providerType: provider?.providerType.shortTitle ?? "",
                year: inspection.yearLabel, state: inspection.state, overall: overall, published: inspection.state == .published)
        }
    }

    @Sendable static func list(_ request: Request) async throws -> HTML {
        let user = try request.requireUser()
        let search = (request.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces)
        let items = try await summaries(request, query: InspectionModel.query(on: request.db)).filter {
            search.isEmpty || $0.provider.localizedCaseInsensitiveContains(search) || $0.year.contains(search)
        }
        let paging = Paging(
            requested: request.query[Int.self, at: "page"], pageSize: 25, total: items.count, base: SiteURL.inspections.path, filters: [("q", search)])
        return inspectionsPage(
            await request.pageContext("Inspections"), inspections: Array(paging.slice(items)), canCreate: Policy.canCreateInspections(user.role),
            search: search, paging: paging)
    }

    // MARK: - Planning

    @Sendable static func newForm(_ request: Request) async throws -> HTML {
        let user = try request.requireUser()
        guard Policy.canCreateInspections(user.role) else { throw Abort(.forbidden, reason: "Only lead inspectors plan inspections.") }
        return try await newInspectionPage(
            await request.pageContext("Plan an inspection", breadcrumbs: [("Inspections", .inspections)]),
            form: planningForm(request, values: ["lead": user.id!.uuidString], team: []))
    }

    static func planningForm(_ request: Request, values: [String: String], team: Set<String>) async throws -> NewInspectionForm {
        let providers = try await ProviderModel.query(on: request.db).sort(\.$name).all()
        let users = try await UserModel.query(on: request.db).all().sortedNaturally(by: \.email)
        return NewInspectionForm(
            providers: providers.map { Components.Option($0.id!.uuidString, "\($0.name) (\($0.providerType.shortTitle))") },
            // Thematic frameworks are set up across providers at /thematic/new.
            frameworks: request.application.frameworks.frameworks.filter { !$0.inspects.contains("thematic") }
                .map { Components.Option($0.id.rawValue, "\($0.title) (\($0.id))") },
            leads: users.filter { [.lead, .admin].contains($0.role) }.map { Components.Option($0.id!.uuidString, $0.email) },
            inspectors: users.filter { [.inspector, .lead].contains($0.role) }.map { Components.Option($0.id!.uuidString, $0.email) },
            values: values, team: team)
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        guard Policy.canCreateInspections(user.role) else { throw Abort(.forbidden, reason: "Only lead inspectors plan inspections.") }
        let fields = try request.formFields()
        let team = Set((fields["team[]"] ?? "").split(separator: "\u{1F}").map(String.init).filter { !$0.isEmpty })
        var errors: [FieldError] = []
        let provider = try await UUID(uuidString: fields["provider"] ?? "").asyncFlatMap { try await ProviderModel.find($0, on: request.db) }
        if provider == nil { errors.append(FieldError(field: "provider", message: "Choose the provider to inspect")) }
        let framework = request.application.frameworks[FrameworkID(fields["framework"] ?? "")]
        if framework == nil { errors.append(FieldError(field: "framework", message: "Choose a standards framework")) }
        if let framework, let provider, !framework.inspects.isEmpty, !framework.inspects.contains(provider.type.rawValue) {
            errors.append(
                FieldError(
                    field: "framework",
                    message:
                        "\(framework.id) is for \(framework.inspects.joined(separator: ", ").uppercased()) inspections, not \(provider.providerType.shortTitle)"
                ))
        }
        let plan = try await PlanFields(fields, team: team, on: request.db)
        errors += plan.errors
        guard errors.isEmpty, let provider, let framework, let start = plan.start, let end = plan.end, let lead = plan.lead else {
            let context = await request.pageContext("Plan an inspection", breadcrumbs: [("Inspections", .inspections)], errors: errors)
            return .page(newInspectionPage(context, form: try await planningForm(request, values: fields, team: team)), status: .unprocessableEntity)
        }
        let inspection = try await request.db.writeTransaction { database in
            let inspection = try await plan.createInspection(
                provider: provider.id!, framework: framework, start: start, end: end, lead: lead.id!, on: database)
            try await request.audit(
                .create, "inspection", inspection.id?.uuidString, inspection: inspection.id, detail: "\(provider.name) \(plan.year), \(framework.id)",
                on: database)
            return inspection
        }
        request.flash("Inspection planned.")
        return request.redirect(to: SiteURL.inspection(inspection.id!).path, redirectType: .normal)
    }

    /// What every plan needs, checked the same way for a single inspection and a thematic one:
    /// the year, the fieldwork dates, the lead and the team.
    struct PlanFields {
        let year: String
        let start: CalendarDate?
        let end: CalendarDate?
        let lead: UserModel?
        let members: [UserModel]
        let errors: [FieldError]

        init(_ fields: [String: String], team: Set<String>, on database: any Database) async throws {
            var errors: [FieldError] = []
            year = (fields["year"] ?? "").trimmingCharacters(in: .whitespaces)
            if year.range(of: #"^(19|20)\d\d/\d\d$"#, options: .regularExpression) == nil {
                errors.append(FieldError(field: "year", message: "Enter the inspection year like 2019/20"))
            }
            start = CalendarDate(parsing: fields["start"] ?? "")
            end = CalendarDate(parsing: fields["end"] ?? "")
            let earliest = CalendarDate(year: 2000, month: 1, day: 1)!, latest = CalendarDate(year: 2100, month: 12, day: 31)!
            if start == nil || !(earliest...latest).contains(start!) {
                errors.append(FieldError(field: "start", message: "Enter the fieldwork start date as yyyy-mm-dd, between 2000 and 2100"))
            }
            if end == nil || !(earliest...latest).contains(end!) {
                errors.append(FieldError(field: "end", message: "Enter the fieldwork end date as yyyy-mm-dd, between 2000 and 2100"))
            } else if let start, let end, end < start {
                errors.append(FieldError(field: "end", message: "Fieldwork must end on or after the day it starts"))
            }
            lead = try await UUID(uuidString: fields["lead"] ?? "").asyncFlatMap { try await UserModel.find($0, on: database) }
            if lead == nil || ![.lead, .admin].contains(lead!.role) { errors.append(FieldError(field: "lead", message: "Choose a lead inspector")) }
            members = try await UserModel.query(on: database).filter(\.$id ~~ team.compactMap(UUID.init(uuidString:))).all()
            if members.count != team.count || members.contains(where: { ![.inspector, .lead].contains($0.role) }) {
                errors.append(FieldError(field: "team", message: "Choose inspectors from the list"))
            }
            self.errors = errors
        }

        /// A planned inspection with its team, as a single inspection or one provider's part of a
        /// thematic one. Call inside the caller's transaction.
        func createInspection(
            provider: UUID, framework: Framework, start: CalendarDate, end: CalendarDate, lead: UUID, thematic: UUID? = nil, on database: any Database
        ) async throws -> InspectionModel {
            let inspection = InspectionModel()
            inspection.providerID = provider
            inspection.frameworkID = framework.id.rawValue
            inspection.yearLabel = year
            inspection.state = .planned
            inspection.fieldworkStart = start.description
            inspection.fieldworkEnd = end.description
            inspection.leadID = lead
            inspection.isDemo = false
            inspection.thematicID = thematic
            try await inspection.create(on: database)
            try await InspectionTeam.replace(inspection: inspection.id!, lead: lead, with: members.compactMap(\.id), on: database)
            return inspection
        }
    }

    // MARK: - Changing the plan

    static func editValues(_ context: InspectionContext) -> [String: String] {
        [
            "year": context.model.yearLabel, "start": context.model.fieldworkStart, "end": context.model.fieldworkEnd,
            "lead": context.model.leadID.uuidString,
        ]
    }

    @Sendable static func editForm(_ request: Request) async throws -> HTML {
        let context = try await InspectionContext.load(request)
        _ = try context.requireLead(request)
        try context.requireEditable()
        let team = Set(context.team.filter { $0.id != context.model.leadID }.map(\.id.uuidString))
        return editInspectionPage(
            await request.pageContext("Change the plan", breadcrumbs: context.breadcrumbs), inspection: context.id, title: context.title,
            form: try await planningForm(request, values: editValues(context), team: team))
    }

    /// Changes the year, fieldwork dates, lead and team. Someone who still holds cases stays on
    /// the team until their cases are reassigned, so no case is left without an inspector.
    @Sendable static func update(_ request: Request) async throws -> Response {
        let context = try await InspectionContext.load(request)
        _ = try context.requireLead(request)
        try context.requireEditable()
        let fields = try request.formFields()
        let team = Set((fields["team[]"] ?? "").split(separator: "\u{1F}").map(String.init).filter { !$0.isEmpty })
        let plan = try await PlanFields(fields, team: team, on: request.db)
        var errors = plan.errors
        if let lead = plan.lead {
            let keeping = Set(plan.members.compactMap(\.id) + [lead.id!])
            let holders = try await SampledCaseModel.query(on: request.db).filter(\.$inspectionID == context.id)
                .filter(\.$status != CaseStatus.complete).all().compactMap(\.assessorID)
            for (user, count) in Dictionary(holders.map { ($0, 1) }, uniquingKeysWith: +) where !keeping.contains(user) {
                let email = context.team.first { $0.id == user }?.email ?? "An inspector"
                errors.append(
                    FieldError(
                        field: "team",
                        message: "\(email) still has \(count) unfinished \(count == 1 ? "case" : "cases"); reassign them before taking them off the team"))
            }
        }
        guard errors.isEmpty, let start = plan.start, let end = plan.end, let lead = plan.lead else {
            let page = editInspectionPage(
                await request.pageContext("Change the plan", breadcrumbs: context.breadcrumbs, errors: errors), inspection: context.id, title: context.title,
                form: try await planningForm(request, values: fields, team: team))
            return .page(page, status: .unprocessableEntity)
        }
        let before = "\(context.model.yearLabel), \(context.model.fieldworkStart) to \(context.model.fieldworkEnd), team of \(context.team.count)"
        try await request.db.writeTransaction { database in
            let model = context.model
            model.yearLabel = plan.year
            model.fieldworkStart = start.description
            model.fieldworkEnd = end.description
            model.leadID = lead.id!
            try await model.save(on: database)
            try await InspectionTeam.replace(inspection: context.id, lead: lead.id!, with: plan.members.compactMap(\.id), on: database)
            let members = Set(plan.members.compactMap(\.id) + [lead.id!]).count
            try await request.audit(
                .update, "inspection", context.id.uuidString, inspection: context.id,
                detail: "plan changed from \(before) to \(plan.year), \(start) to \(end), lead \(lead.email), team of \(members)", on: database)
        }
        request.flash("The inspection's plan has been changed.")
        return request.redirect(to: SiteURL.inspection(context.id).path, redirectType: .normal)
    }

    // MARK: - Withdrawing

    @Sendable static func withdrawForm(_ request: Request) async throws -> HTML {
        let context = try await InspectionContext.load(request)
        _ = try context.requireLead(request)
        try context.requireEditable()
        return withdrawInspectionPage(
            await request.pageContext("Withdraw this inspection", breadcrumbs: context.breadcrumbs), inspection: context.id, title: context.title, reason: "")
    }

    /// Withdraws the inspection for the reason given: kept with it, shown on its page and audited.
    @Sendable static func withdraw(_ request: Request) async throws -> Response {
        let context = try await InspectionContext.load(request)
        _ = try context.requireLead(request)
        try context.requireEditable()
        let reason = (try request.formFields()["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        do {
            _ = try InspectionLifecycle.withdraw(context.state, reason: reason)
        } catch {
            let page = withdrawInspectionPage(
                await request.pageContext(
                    "Withdraw this inspection", breadcrumbs: context.breadcrumbs, errors: error.reasons.map { FieldError(field: "reason", message: $0) }),
                inspection: context.id, title: context.title, reason: reason)
            return .page(page, status: .unprocessableEntity)
        }
        try await changeStage(request, context, to: .withdrawn, because: reason) { fresh, _ in
            fresh.withdrawnAt = Date()
            fresh.withdrawnReason = reason
        }
        request.flash("The inspection has been withdrawn.")
        return request.redirect(to: SiteURL.inspection(context.id).path, redirectType: .normal)
    }

    // MARK: - Suspending

    static func suspensionView(_ request: Request, _ context: InspectionContext, errors: [FieldError] = [], reason: String = "") async throws -> HTML {
        let rating = try await InspectionData.ratings(context, on: request.db)
        return suspensionPage(
            await request.pageContext(
                context.state == .suspended ? "A suspended inspection" : "Suspend this inspection", breadcrumbs: context.breadcrumbs, errors: errors),
            inspection: context.id, title: context.title, suspendedReason: context.state == .suspended ? context.model.suspendedReason ?? "" : nil,
            rated: rating.standards.filter { $0.rating != nil }.map { "\($0.id) \($0.standard.title)" },
            unrated: rating.standards.filter { $0.rating == nil }.map { "\($0.id) \($0.standard.title)" }, reason: reason)
    }

    @Sendable static func suspensionForm(_ request: Request) async throws -> HTML {
        let context = try await InspectionContext.load(request)
        _ = try context.requireLead(request)
        guard context.state != .published, context.state != .withdrawn else {
            throw Abort(.conflict, reason: "A \(context.state.title.lowercased()) inspection cannot be suspended.")
        }
        return try await suspensionView(request, context)
    }

    /// Suspends the inspection for a reason, resumes it at the stage it was in, or publishes what
    /// was rated with no overall rating (the reason said wherever the overall rating would be).
    @Sendable static func suspension(_ request: Request) async throws -> Response {
        let context = try await InspectionContext.load(request)
        _ = try context.requireLead(request)
        let fields = try request.formFields()
        let reason = (fields["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        func refuse(_ reasons: [String]) async throws -> Response {
            let page = try await suspensionView(request, context, errors: reasons.map { FieldError(field: "reason", message: $0) }, reason: reason)
            return .page(page, status: .unprocessableEntity)
        }
        do {
            switch fields["action"] ?? "" {
            case "suspend":
                _ = try InspectionLifecycle.suspend(context.state, reason: reason)
                try await changeStage(request, context, to: .suspended, because: reason) { fresh, _ in
                    fresh.suspendedAt = Date()
                    fresh.suspendedReason = reason
                    fresh.suspendedFrom = context.state
                }
                request.flash("The inspection has been suspended.")
            case "resume":
                let stage = try InspectionLifecycle.resume(context.state, suspendedFrom: context.model.suspendedFrom)
                try await changeStage(request, context, to: stage, because: "resumed") { fresh, _ in
                    fresh.suspendedAt = nil
                    fresh.suspendedReason = nil
                    fresh.suspendedFrom = nil
                }
                request.flash("The inspection has been resumed at \(stage.title.lowercased()).")
            case "publish-partial":
                let rating = try await InspectionData.ratings(context, on: request.db)
                _ = try InspectionLifecycle.publishPartially(context.state, reason: reason, ratedStandards: rating.standards.filter { $0.rating != nil }.count)
                try await changeStage(request, context, to: .published, because: "published without an overall rating: \(reason)") { fresh, database in
                    fresh.ratingsSnapshot = try await InspectionData.freeze(context, partialReason: reason, on: database).snapshot()
                    fresh.ratedAt = Date()
                    fresh.publishedAt = Date()
                    fresh.partialReason = reason
                }
                request.flash("The inspection has been published with the standards that were rated and no overall rating.")
            default:
                return try await refuse(["Choose to suspend, resume, or publish what was rated."])
            }
        } catch let refusal as InspectionLifecycle.Refusal {
            return try await refuse(refusal.reasons)
        }
        return request.redirect(to: SiteURL.inspection(context.id).path, redirectType: .normal)
    }

    // MARK: - Overview and lifecycle

    /// Moves the inspection to `next` in one transaction with its audit record, only from the
    /// stage the request checked, so two leads acting at once cannot skip or undo a step.
    /// `update` records what goes with the move (a snapshot of ratings, a reason).
    static func changeStage(
        _ request: Request, _ context: InspectionContext, to next: InspectionState, because reason: String? = nil,
        update: @escaping @Sendable (InspectionModel, any Database) async throws -> Void
    ) async throws {
        try await request.db.writeTransaction { database in
            guard let fresh = try await InspectionModel.find(context.id, on: database), fresh.state == context.state else {
                throw Abort(.conflict, reason: "Someone else has just changed this inspection's stage. Reload and try again.")
            }
            fresh.state = next
            try await update(fresh, database)
            try await fresh.save(on: database)
            try await request.audit(
                .transition, "inspection", context.id.uuidString, inspection: context.id,
                detail: "\(context.state.rawValue) → \(next.rawValue)" + (reason.map { ": \($0)" } ?? ""), on: database)
        }
    }

    @Sendable static func show(_ request: Request) async throws -> Response {
        let context = try await InspectionContext.load(request)
        try context.requireView(request)
        guard let user = request.user, context.canSeeWorkingData(request) else {
            // The public, and other providers' staff, have one page for a published inspection: its report.
            return request.redirect(to: SiteURL.report(context.id).path, redirectType: .normal)
        }
        try await request.audit(.view, "inspection", context.id.uuidString, inspection: context.id)
        return try await overview(request, context, user: user).encodeResponse(for: request)
    }

    static func overview(_ request: Request, _ context: InspectionContext, user: UserModel, errors: [String] = []) async throws -> HTML {
        let progress = try await InspectionData.progress(context, on: request.db)
        var refusal = errors
        if errors.isEmpty, let action = context.state.nextAction {
            do { _ = try InspectionLifecycle.apply(action, to: context.state, progress: progress) } catch { refusal = error.reasons }
        }
        let organisational = try await InspectionData.organisationalRatings(inspection: context.id, on: request.db)
        let role = user.role
        let lead = context.team.first { $0.id == context.model.leadID }
        var model = InspectionOverview(
            id: context.id, provider: context.provider.name, framework: "\(context.framework.title) (\(context.framework.id))",
            year: context.model.yearLabel, fieldwork: "\(context.model.fieldworkStart) to \(context.model.fieldworkEnd)",
            lead: lead?.email ?? "–", team: context.team.filter { $0.id != context.model.leadID }.map(\.email), state: context.state,
            refusal: refusal, canLead: Policy.canLead(context.access, role: role, userID: user.id!),
            canUpload: Policy.canUpload(context.access, role: role, userID: user.id!, userProviderID: user.providerID),
            canSeeCases: role.isStaff, eligibleCases: progress.eligibleCases, sampledCases: progress.sampledCases, completedCases: progress.completedCases,
            organisationalStandards: context.framework.standards.filter { $0.kind == .organisational }.map {
                ($0.id.rawValue, $0.title, organisational[$0.id])
            },
            moderatedCases: progress.moderatedCases, resolvedModeratedCases: progress.resolvedModeratedCases,
            workforceRows: try await ProviderData.workforceCount(inspection: context.id, on: request.db))
        if context.state == .withdrawn, let at = context.model.withdrawnAt {
            model.withdrawal = (when: request.application.timeInWords.moment(at), reason: context.model.withdrawnReason ?? "")
        }
        if context.state == .suspended, let at = context.model.suspendedAt {
            model.suspension = (when: request.application.timeInWords.moment(at), reason: context.model.suspendedReason ?? "")
        }
        model.partialReason = context.model.partialReason
        model.recommendations = try await Recommendations.of(inspection: context.id, on: request.db).count
        if role.isStaff {
            let previous = try await Recommendations.previous(for: context.model, on: request.db)
            model.previousRecommendations = (previous.count, previous.filter { $0.judgement != nil }.count)
        }
        if role.isStaff, !request.application.surveys.surveys(for: context.provider.type).isEmpty {
            model.surveyResponses = try await SurveyResponses.count(inspection: context.id, on: request.db)
        }
        if [.planned, .dataRequested].contains(context.state) {
            model.latestIndicators = LatestIndicators(
                code: context.provider.code,
                series: try await DataReturns.series(of: context.provider, frameworks: request.application.frameworks, on: request.db),
                rule: request.application.configuration.changeRule)
        }
        model.pooling = try await InspectionData.poolingRound(context, on: request.db).map { pdu in
            (
                pdu.provider,
                pdu.pooled
                    ? "Pooled: its ratings are confirmed"
                    : pdu.state.map { "Not yet pooled: \($0.title.lowercased())" } ?? "Not inspected in \(context.model.yearLabel)"
            )
        }
        return inspectionPage(await request.pageContext(context.title, breadcrumbs: [("Inspections", .inspections)], errors: []), model)
    }

    @Sendable static func transition(_ request: Request) async throws -> Response {
        let context = try await InspectionContext.load(request)
        let user = try context.requireLead(request)
        let fields = try request.formFields()
        guard let action = InspectionAction(rawValue: fields["action"] ?? "") else { throw Abort(.badRequest, reason: "Unknown action.") }
        let progress = try await InspectionData.progress(context, on: request.db)
        let next: InspectionState
        do {
            next = try InspectionLifecycle.apply(action, to: context.state, progress: progress)
        } catch {
            let page = try await overview(request, context, user: user, errors: error.reasons)
            return .page(page, status: .conflict)
        }
        try await changeStage(request, context, to: next) { fresh, database in
            if action == .confirmRatings {
                fresh.ratingsSnapshot = try await InspectionData.freeze(context, on: database).snapshot()
                fresh.ratedAt = Date()
            }
            if action == .publish { fresh.publishedAt = Date() }
        }
        request.flash(action.doneMessage)
        return request.redirect(to: SiteURL.inspection(context.id).path, redirectType: .normal)
    }
}

extension Optional {
    func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
