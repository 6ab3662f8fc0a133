import Fluent
import Foundation
import InspectionKit
import InspectorateViews
import SQLKit
import Vapor

enum CasesController {
    struct CaseContext {
        let inspection: InspectionContext
        let model: SampledCaseModel
        let user: UserModel
        /// Drawn for moderation: its answers now change only through the quality lead's resolution.
        let moderated: Bool

        var id: UUID { model.id! }
        var standards: [Standard] { inspection.framework.standards(judgedOn: model.sample) }
        var editable: Bool {
            !moderated && [.fieldwork, .qualityAssurance].contains(inspection.state)
                && Policy.canAssess(inspection.access, role: user.role, userID: user.id!)
        }
    }

    /// Loads a sampled case; case data is for inspectorate staff only, and every view is audited.
    static func load(_ request: Request, audit: Bool = true) async throws -> CaseContext {
        let inspection = try await InspectionContext.load(request)
        let user = try inspection.requireStaff(request)
        guard let id = request.parameters.get("case", as: UUID.self), let model = try await SampledCaseModel.find(id, on: request.db),
            model.inspectionID == inspection.id
        else { throw Abort(.notFound, reason: "There is no such case in this inspection.") }
        let moderation = try await ModerationData.moderation(of: id, on: request.db)
        if Policy.canModerate(role: user.role), moderation?.status == .awaiting {
            throw Abort(
                .forbidden, reason: "This case is in the moderation sample: its answers stay hidden from quality leads until it has been second-marked.")
        }
        if audit, request.method == .GET {
            try await request.audit(.view, "case", model.caseRef, inspection: inspection.id, detail: request.url.path)
        }
        return CaseContext(inspection: inspection, model: model, user: user, moderated: moderation != nil)
    }

    static func requireEditable(_ context: CaseContext) throws {
        try context.inspection.requireEditable(casework: true)
        guard Policy.canAssess(context.inspection.access, role: context.user.role, userID: context.user.id!) else {
            throw Abort(.forbidden, reason: "Only the inspection team can assess its cases.")
        }
        guard [.fieldwork, .qualityAssurance].contains(context.inspection.state) else {
            throw Abort(.conflict, reason: "Cases can be assessed during fieldwork and quality assurance only.")
        }
        guard !context.moderated else {
            throw Abort(.conflict, reason: "This case is in the moderation sample; its answers now change only through the quality lead's resolution.")
        }
    }

    @Sendable static func list(_ request: Request) async throws -> HTML {
        let context = try await InspectionContext.load(request)
        let user = try context.requireStaff(request)
        let cases = try await SampledCaseModel.query(on: request.db).filter(\.$inspectionID == context.id).all().sorted {
            $0.sample != $1.sample ? $0.sample < $1.sample : NaturalOrder.precedes($0.caseRef, $1.caseRef)
        }
        let users = try await UserModel.query(on: request.db).all()
        let emails = Dictionary(uniqueKeysWithValues: users.map { ($0.id!, $0.email) })
        let sampleTitles = Dictionary(uniqueKeysWithValues: context.framework.samples.map { ($0.id, $0.title) })
        try await request.audit(.view, "cases", context.id.uuidString, inspection: context.id)
        var figure: FigureCases?
        if let filter = try figureFilter(request) {
            let evidence = try await ReportData.evidence(inspection: context.id, on: request.db)
            let ids = Dictionary(cases.map { ($0.caseRef + "\u{1F}" + $0.sample, $0.id!) }) { first, _ in first }
            let blind = try await ModerationData.blindCases(for: user, inspection: context.id, on: request.db)
            var contributions: [UUID: (count: Int, of: Int)] = [:]
            for item in evidence where filter.matches(item) {
                if let id = ids[item.reference + "\u{1F}" + item.sample], !blind.contains(id) { contributions[id] = filter.contribution(item) }
            }
            figure = FigureCases(description: filter.description, contributions: contributions, withheld: blind.count)
        }
        let rows = cases.map {
            SampledCaseRow(
                id: $0.id!, reference: $0.caseRef, sample: sampleTitles[$0.sample] ?? $0.sample, rosh: $0.rosh.title,
                sentence: $0.sentenceType.title, assessor: $0.assessorID.flatMap { emails[$0] } ?? "–",
                status: $0.status.title)
        }
        // A person looks for a case by its reference, an inspector, or how far it has got.
        let search = (request.query[String.self, at: "q"] ?? "").trimmingCharacters(in: .whitespaces)
        let inspector = request.query[String.self, at: "inspector"] ?? ""
        let status = request.query[String.self, at: "status"] ?? ""
        let matching = zip(cases, rows).filter { model, _ in
            (search.isEmpty || model.caseRef.localizedCaseInsensitiveContains(search))
                && (inspector.isEmpty || model.assessorID?.uuidString == inspector) && (status.isEmpty || model.status.rawValue == status)
        }.map(\.1)
        let paging = Paging(
            requested: request.query[Int.self, at: "page"], pageSize: figure == nil ? 50 : 1_000, total: matching.count,
            base: SiteURL.cases(context.id).path, filters: [("q", search), ("inspector", inspector), ("status", status)])
        let filters = CaseListFilters(
            search: search, inspector: inspector, status: status,
            inspectors: CasesController.assessors(context).map { Components.Option($0.id.uuidString, $0.email) },
            statuses: CaseStatus.allCases.map { Components.Option($0.rawValue, $0.title) })
        return casesPage(
            await request.pageContext("Cases", breadcrumbs: context.breadcrumbs), inspection: context.id, title: context.title,
            cases: Array(paging.slice(matching)), figure: figure, filters: figure == nil ? filters : nil, paging: paging, allCount: cases.count,
            completeCount: cases.filter { $0.status == CaseStatus.complete }.count)
    }

    /// The signed-in person's cases in inspections being assessed, unfinished first.
    @Sendable static func mine(_ request: Request) async throws -> HTML {
        let user = try request.requireUser()
        guard user.role.isStaff else { throw Abort(.forbidden, reason: "My cases is for the inspectorate's inspectors.") }
        try await request.audit(.view, "cases", "mine")
        let open = try await InspectionModel.query(on: request.db)
            .filter(\.$state ~~ [InspectionState.fieldwork, InspectionState.qualityAssurance]).all()
        let providers = Dictionary(
            uniqueKeysWithValues: try await ProviderModel.query(on: request.db).filter(\.$id ~~ open.map(\.providerID)).all().map { ($0.id!, $0.name) })
        let byID = Dictionary(uniqueKeysWithValues: open.map { ($0.id!, $0) })
        let cases = try await SampledCaseModel.query(on: request.db).filter(\.$assessorID == user.id!).filter(\.$inspectionID ~~ open.map { $0.id! }).all()
        let rows = cases.sorted { a, b in
            let (first, second) = (a.status.workOrder, b.status.workOrder)
            return first != second ? first < second : NaturalOrder.precedes(a.caseRef, b.caseRef)
        }.map { item in
            let inspection = byID[item.inspectionID]!
            let sample = request.application.frameworks[FrameworkID(inspection.frameworkID)]?.samples.first { $0.id == item.sample }?.title ?? item.sample
            return MyCaseRow(
                inspection: item.inspectionID, inspectionTitle: "\(providers[inspection.providerID] ?? "") \(inspection.yearLabel)", id: item.id!,
                reference: item.caseRef, sample: sample, status: item.status.title)
        }
        let paging = Paging(requested: request.query[Int.self, at: "page"], pageSize: 50, total: rows.count, base: SiteURL.myCases.path)
        return myCasesPage(await request.pageContext("My cases"), cases: rows, paging: paging)
    }

    /// The figure a report links to, from the query string; nil for the plain list.
    static func figureFilter(_ request: Request) throws -> CaseFilter? {
        let values = Components.caseFilterNames.reduce(into: [String: String]()) { values, name in values[name] = request.query[String.self, at: name] }
        guard values.values.contains(where: { !$0.isEmpty }) else { return nil }
        guard let filter = Components.caseFilter(values) else {
            throw Abort(.badRequest, reason: "The figure's cases could not be found: a value in the address is not recognised.")
        }
        return filter
    }

    @Sendable static func tasks(_ request: Request) async throws -> HTML {
        let context = try await load(request)
        let stored = try await CaseAnswers.of(case: context.id, on: request.db)
        let interview = try await Interviews.of(case: context.id, on: request.db).officer
        var tasks = context.standards.map { standard -> Components.Task in
            let answered = standard.questions.filter { stored[$0.id.rawValue] != nil }.count
            return Components.Task(
                title: "\(standard.id) \(standard.title)", url: .caseStandard(context.inspection.id, context.id, standard.id.rawValue),
                status: answered == 0 ? .notStarted : answered == standard.questions.count ? .completed : .inProgress,
                hint: "\(answered) of \(standard.questions.count) key questions answered")
        }
        tasks.append(
            .init(title: "Case facts", url: .caseFacts(context.inspection.id, context.id), status: context.model.factsVersion > 0 ? .completed : .notStarted))
        tasks.append(.init(title: "Interviews", url: .caseInterview(context.inspection.id, context.id), status: interview == nil ? .notStarted : .completed))
        let sampleTitle = context.inspection.framework.samples.first { $0.id == context.model.sample }?.title ?? context.model.sample
        let assessor = context.inspection.team.first { $0.id == context.model.assessorID }
        let canReassign =
            Policy.canLead(context.inspection.access, role: context.user.role, userID: context.user.id!) && context.inspection.state.isEditable
            && context.model.status != CaseStatus.complete
        return caseTasksPage(
            await request.pageContext(
                "Case \(context.model.caseRef)", breadcrumbs: context.inspection.breadcrumbs + [("Cases", .cases(context.inspection.id))]),
            inspection: context.inspection.id, caseID: context.id, reference: context.model.caseRef,
            subtitle: "\(sampleTitle) · RoSH \(context.model.rosh.title.lowercased()) · \(context.model.status.title)",
            tasks: tasks, canComplete: true, assessor: assessor?.email ?? "nobody",
            reassign: canReassign ? assessors(context.inspection).map { Components.Option($0.id.uuidString, $0.email) } : nil,
            assessorID: context.model.assessorID?.uuidString)
    }

    /// Who may be given a case: the lead and the inspection's team, as the policy allows.
    static func assessors(_ inspection: InspectionContext) -> [TeamMember] {
        inspection.team.filter { Policy.canAssess(inspection.access, role: $0.role, userID: $0.id) }
    }

    /// The lead gives a case that is not yet complete to another member of the team.
    @Sendable static func assign(_ request: Request) async throws -> Response {
        let context = try await load(request, audit: false)
        _ = try context.inspection.requireLead(request)
        try context.inspection.requireEditable(casework: true)
        guard context.model.status != CaseStatus.complete else {
            throw Abort(.conflict, reason: "Case \(context.model.caseRef) is complete; it can no longer be reassigned.")
        }
        let fields = try request.formFields()
        guard let id = fields["assessor"].flatMap(UUID.init(uuidString:)), let member = assessors(context.inspection).first(where: { $0.id == id }) else {
            throw Abort(.unprocessableEntity, reason: "Choose an inspector on this inspection's team.")
        }
        context.model.assessorID = member.id
        context.model.updatedAt = Date()
        try await context.model.save(on: request.db)
        try await request.audit(
            .update, "case", context.model.caseRef, inspection: context.inspection.id, detail: "reassigned to \(member.email)")
        request.flash("Case \(context.model.caseRef) is now assigned to \(member.email).")
        return request.redirect(to: SiteURL.caseTasks(context.inspection.id, context.id).path, redirectType: .normal)
    }

    static func standard(_ context: CaseContext, _ request: Request) throws -> Standard {
        guard let id = request.parameters.get("standard"), let standard = context.standards.first(where: { $0.id.rawValue == id }) else {
            throw Abort(.notFound, reason: "This case is not judged on that standard.")
        }
        return standard
    }

    @Sendable static func standardForm(_ request: Request) async throws -> HTML {
        let context = try await load(request)
        let standard = try standard(context, request)
        let stored = try await CaseAnswers.of(case: context.id, on: request.db)
        let questions = standard.questions.map { question in
            let answer = stored[question.id.rawValue]
            return QuestionForm(
                id: question.id.rawValue, text: question.text, prompts: question.prompts, answer: answer?.answer.rawValue, rationale: answer?.rationale ?? "",
                version: answer?.version ?? 0)
        }
        return caseStandardPage(
            await request.pageContext(
                standard.title, breadcrumbs: context.inspection.breadcrumbs + [("Case \(context.model.caseRef)", .caseTasks(context.inspection.id, context.id))]
            ),
            inspection: context.inspection.id, caseID: context.id, reference: context.model.caseRef, standard: standard.id.rawValue,
            questions: questions, editable: context.editable)
    }

    struct Submitted {
        let question: KeyQuestion
        let answer: Answer?
        let rationale: String
        let version: Int
    }

    /// Saves a standard's answers with optimistic locking: each answer carries the version it
    /// was read at, and an UPDATE only applies if that is still the stored version. Answers no one
    /// else touched are saved; the others come back as a conflict showing both versions.
    @Sendable static func saveStandard(_ request: Request) async throws -> Response {
        let context = try await load(request)
        try requireEditable(context)
        let standard = try standard(context, request)
        let fields = try request.formFields()
        let autosave = fields["autosave"] == "1"
        var errors: [FieldError] = []
        var submitted: [Submitted] = []
        for question in standard.questions {
            let id = question.id.rawValue
            let given = fields["answer-\(id)"].flatMap { $0.isEmpty ? nil : $0 }
            let answer = given.flatMap(Answer.init(rawValue:))
            if let given, answer == nil {
                throw Abort(.badRequest, reason: "\"\(given)\" is not an answer; choose sufficient, not sufficient or not applicable.")
            }
            let rationale = (fields["rationale-\(id)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            if rationale.count > 10_000 {
                errors.append(FieldError(field: "rationale-\(id)", message: "The rationale for \(id) must be 10,000 characters or fewer"))
            }
            if !autosave {
                if let answer, context.inspection.framework.needsRationale(answer), rationale.isEmpty {
                    errors.append(FieldError(field: "rationale-\(id)", message: "Give the rationale for your answer to \(id)"))
                }
            }
            submitted.append(
                Submitted(question: question, answer: answer, rationale: String(rationale.prefix(10_000)), version: Int(fields["version-\(id)"] ?? "0") ?? 0))
        }
        // Save what can be saved, even when some answers are missing, so no work is lost. One
        // transaction for the standard: one commit (one fsync) per save rather than one per
        // statement, and a crash keeps all of a save's answers or none.
        let now = Date()
        let answers = submitted
        let auditor = request.auditor()
        let (conflicts, versions) = try await request.db.writeTransaction { database in
            var conflicts: [String: QuestionForm.Conflict] = [:]
            var versions: [String: Int] = [:]
            var changed = false
            let changes = answers.compactMap { item in
                item.answer.map { CaseAnswers.Change(question: item.question.id, answer: $0, rationale: item.rationale, readVersion: item.version) }
            }
            let outcomes = try await CaseAnswers.save(
                changes, case: context.id, reference: context.model.caseRef, inspection: context.inspection.id, by: auditor, at: now, on: database)
            for (question, outcome) in outcomes {
                let id = question.rawValue
                switch outcome {
                case .unchanged(let version): versions[id] = version
                case .saved(let version):
                    versions[id] = version
                    changed = true
                case .conflict(let theirs):
                    let by = try await theirs.updatedBy.asyncFlatMap { try await UserModel.find($0, on: database) }?.email ?? "Someone"
                    conflicts[id] = .init(
                        theirAnswer: theirs.answer.rawValue, theirRationale: theirs.rationale, by: by,
                        at: request.application.timeInWords.moment(theirs.updatedAt, now: now), theirVersion: theirs.version)
                case .vanished: break
                }
            }
            if changed, context.model.status != CaseStatus.inProgress {
                context.model.status = .inProgress
                context.model.updatedAt = now
                try await context.model.save(on: database)
            }
            return (conflicts, versions)
        }
        if autosave {
            // The versions of the answers this save stored or found unchanged; a conflicting
            // answer keeps the version the page read, so a later save cannot silently replace it.
            struct Saved: Content {
                struct Conflict: Content {
                    let by: String
                    let at: String
                }
                let status: String
                let versions: [String: Int]
                let conflicts: [String: Conflict]
            }
            let response = Response(status: conflicts.isEmpty ? .ok : .conflict)
            try response.content.encode(
                Saved(
                    status: conflicts.isEmpty ? "saved" : "conflict", versions: versions,
                    conflicts: conflicts.mapValues { Saved.Conflict(by: $0.by, at: $0.at) }))
            return response
        }
        // A question left blank is missing only if nobody has answered it. If a colleague has
        // since (the page was read before), the page shows their answer and asks for a check.
        let stored = autosave ? [:] : try await CaseAnswers.of(case: context.id, on: request.db)
        for item in submitted where !autosave && item.answer == nil {
            let id = item.question.id.rawValue
            if let current = stored[id] {
                let by = try await current.updatedBy.asyncFlatMap { try await UserModel.find($0, on: request.db) }?.email ?? "Someone"
                let at = request.application.timeInWords.moment(current.updatedAt, now: now)
                errors.append(
                    FieldError(field: "answer-\(id)", message: "\(by) answered \(id) \(at) while this page was open; check their answer and save again"))
            } else {
                errors.append(FieldError(field: "answer-\(id)", message: "Select an answer for \(id)"))
            }
        }
        let position = Dictionary(uniqueKeysWithValues: standard.questions.enumerated().map { ($1.id.rawValue, $0) })
        func place(_ error: FieldError) -> (Int, Int) {
            let (kind, id) = error.field.hasPrefix("answer-") ? (0, error.field.dropFirst(7)) : (1, error.field.drop { $0 != "-" }.dropFirst())
            return (position[String(id)] ?? 0, kind)
        }
        errors.sort { place($0) < place($1) }  // in the form's order, as the error summary lists them
        if !conflicts.isEmpty || !errors.isEmpty {
            // A question this person left blank shows what is stored now, perhaps a colleague's
            // answer, at its current version: nothing is hidden, and the next save builds on it.
            let questions = submitted.map { item in
                if item.answer == nil, let current = stored[item.question.id.rawValue] {
                    return QuestionForm(
                        id: item.question.id.rawValue, text: item.question.text, prompts: item.question.prompts, answer: current.answer.rawValue,
                        rationale: current.rationale, version: current.version)
                }
                return QuestionForm(
                    id: item.question.id.rawValue, text: item.question.text, prompts: item.question.prompts, answer: item.answer?.rawValue,
                    rationale: item.rationale,
                    version: conflicts[item.question.id.rawValue]?.theirVersion ?? versions[item.question.id.rawValue] ?? item.version,
                    conflict: conflicts[item.question.id.rawValue])
            }
            let page = caseStandardPage(
                await request.pageContext(standard.title, breadcrumbs: context.inspection.breadcrumbs, errors: errors),
                inspection: context.inspection.id, caseID: context.id, reference: context.model.caseRef, standard: standard.id.rawValue,
                questions: questions, editable: true)
            return .page(page, status: conflicts.isEmpty ? .unprocessableEntity : .conflict)
        }
        request.flash("\(standard.id) \(standard.title) saved.")
        return request.redirect(to: SiteURL.caseTasks(context.inspection.id, context.id).path, redirectType: .normal)
    }

    // MARK: - Facts

    @Sendable static func factsForm(_ request: Request) async throws -> HTML {
        let context = try await load(request)
        return caseFactsPage(
            await request.pageContext(
                "Case facts", breadcrumbs: context.inspection.breadcrumbs + [("Case \(context.model.caseRef)", .caseTasks(context.inspection.id, context.id))]),
            inspection: context.inspection.id, caseID: context.id, reference: context.model.caseRef,
            values: CaseFactsForm.values(context.model.caseFacts, recorded: context.model.factsVersion > 0),
            version: context.model.factsVersion, needs: context.inspection.framework.needs, editable: context.editable)
    }

    @Sendable static func saveFacts(_ request: Request) async throws -> Response {
        let context = try await load(request)
        try requireEditable(context)
        let fields = try request.formFields()
        let facts: CaseFacts
        switch CaseFactsForm.read(fields, needs: context.inspection.framework.needs) {
        case .success(let read): facts = read
        case .failure(let refused):
            let page = await request.pageContext(
                "Case facts", breadcrumbs: context.inspection.breadcrumbs, errors: refused.problems.map { FieldError(field: $0.field, message: $0.message) })
            let html = caseFactsPage(
                page, inspection: context.inspection.id, caseID: context.id, reference: context.model.caseRef, values: fields,
                version: Int(fields["version"] ?? "") ?? context.model.factsVersion, needs: context.inspection.framework.needs, editable: true)
            return .page(html, status: .unprocessableEntity)
        }
        let version = Int(fields["version"] ?? "") ?? -1
        let sql = request.db as! any SQLDatabase
        let rows = try await sql.update(SampledCaseModel.schema)
            .set("facts", to: SampledCaseModel.encode(facts)).set("facts_version", to: SQLRaw("facts_version + 1")).set("updated_at", to: Date())
            .where("id", .equal, context.id).where("facts_version", .equal, version)
            .returning("facts_version").all()
        guard !rows.isEmpty else {
            let fresh = try await SampledCaseModel.find(context.id, on: request.db)!
            let page = await request.pageContext(
                "Case facts", breadcrumbs: context.inspection.breadcrumbs,
                errors: [
                    FieldError(
                        field: "rosh", message: "Someone else saved these case facts while you were working. Their version is shown; enter your changes again.")
                ])
            let html = caseFactsPage(
                page, inspection: context.inspection.id, caseID: context.id, reference: context.model.caseRef,
                values: CaseFactsForm.values(fresh.caseFacts, recorded: true),
                version: fresh.factsVersion, needs: context.inspection.framework.needs, editable: true)
            return .page(html, status: .conflict)
        }
        try await request.audit(.update, "case-facts", context.model.caseRef, inspection: context.inspection.id)
        request.flash("Case facts saved.")
        return request.redirect(to: SiteURL.caseTasks(context.inspection.id, context.id).path, redirectType: .normal)
    }

    // MARK: - Interviews

    @Sendable static func interviewForm(_ request: Request) async throws -> HTML {
        let context = try await load(request)
        let (officer, person) = try await Interviews.of(case: context.id, on: request.db)
        var values = ["grade": (officer?.grade ?? context.model.officerGrade).rawValue, "notes": officer?.notes ?? "", "person_notes": person?.notes ?? ""]
        values["caseload"] = officer?.caseloadSize.map(String.init)
        values["manageable"] = officer?.workloadManageable?.rawValue
        values["officer_ref"] = officer?.officerReference
        return caseInterviewPage(
            await request.pageContext(
                "Interviews", breadcrumbs: context.inspection.breadcrumbs + [("Case \(context.model.caseRef)", .caseTasks(context.inspection.id, context.id))]),
            inspection: context.inspection.id, caseID: context.id, reference: context.model.caseRef, values: values, editable: context.editable)
    }

    @Sendable static func saveInterview(_ request: Request) async throws -> Response {
        let context = try await load(request)
        try requireEditable(context)
        let fields = try request.formFields()
        var errors: [FieldError] = []
        let reference = (fields["officer_ref"] ?? "").trimmingCharacters(in: .whitespaces)
        if let problem = OfficerInterviewRules.referenceProblem(reference) { errors.append(FieldError(field: "officer_ref", message: problem)) }
        let grade = OfficerGrade(rawValue: fields["grade"] ?? "")
        if grade == nil { errors.append(FieldError(field: "grade", message: "Select the officer's grade")) }
        let caseloadText = (fields["caseload"] ?? "").trimmingCharacters(in: .whitespaces)
        let caseload = Int(caseloadText)
        if !caseloadText.isEmpty, caseload == nil || !(0...500).contains(caseload!) {
            errors.append(FieldError(field: "caseload", message: "Enter the caseload as a whole number from 0 to 500"))
        }
        let manageableText = fields["manageable"] ?? ""
        let manageable = WorkloadAnswer(rawValue: manageableText)
        if !manageableText.isEmpty, manageable == nil { errors.append(FieldError(field: "manageable", message: "Choose one of the answers about workload")) }
        if errors.isEmpty {
            let answeredOn = try await Interviews.workloadAnsweredOn(
                inspection: context.inspection.id, officer: reference, excluding: context.id, on: request.db)
            if let problem = OfficerInterviewRules.workloadProblem(manageable, reference: reference, answeredOn: answeredOn) {
                errors.append(FieldError(field: "manageable", message: problem))
            }
        }
        let notes = (fields["notes"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let personNotes = (fields["person_notes"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        for (field, text) in [("notes", notes), ("person_notes", personNotes)] where text.count > 10_000 {
            errors.append(FieldError(field: field, message: "Notes must be 10,000 characters or fewer"))
        }
        guard errors.isEmpty, let grade else {
            let page = caseInterviewPage(
                await request.pageContext("Interviews", breadcrumbs: context.inspection.breadcrumbs, errors: errors),
                inspection: context.inspection.id, caseID: context.id, reference: context.model.caseRef, values: fields, editable: true)
            return .page(page, status: .unprocessableEntity)
        }
        try await Interviews.save(
            case: context.id, reference: context.model.caseRef, inspection: context.inspection.id,
            officer: OfficerInterview(grade: grade, caseloadSize: caseload, workloadManageable: manageable, notes: notes, officerReference: reference),
            personNotes: personNotes, by: context.user.id!, auditor: request.auditor(as: context.user), on: request.db)
        request.flash("Interviews saved.")
        return request.redirect(to: SiteURL.caseTasks(context.inspection.id, context.id).path, redirectType: .normal)
    }

    // MARK: - Check and complete

    static func completion(_ context: CaseContext, _ stored: [String: CaseAnswerModel]) -> CaseCompletion {
        var answers: [QuestionID: (answer: Answer, rationale: String)] = [:]
        for (id, model) in stored { answers[QuestionID(id)] = (model.answer, model.rationale) }
        return CaseCompletion(framework: context.inspection.framework, standards: context.standards, answers: answers)
    }

    @Sendable static func check(_ request: Request) async throws -> HTML {
        let context = try await load(request)
        let stored = try await CaseAnswers.of(case: context.id, on: request.db)
        let interviews = try await Interviews.of(case: context.id, on: request.db)
        var sections = context.standards.map { standard in
            CheckSection(
                title: "\(standard.id) \(standard.title)", change: .caseStandard(context.inspection.id, context.id, standard.id.rawValue),
                rows: standard.questions.map { question in
                    let answer = stored[question.id.rawValue]
                    return ("\(question.id) \(question.text)", answerTitle(answer?.answer.rawValue ?? ""), answer?.rationale ?? "")
                })
        }
        sections.append(
            CheckSection(
                title: "Case facts", change: .caseFacts(context.inspection.id, context.id),
                rows: factRows(context.model.caseFacts, recorded: context.model.factsVersion > 0, needs: context.inspection.framework.needs)))
        sections.append(
            CheckSection(
                title: "Interviews", change: .caseInterview(context.inspection.id, context.id),
                rows: interviewRows(officer: interviews.officer, person: interviews.person)))
        return caseCheckPage(
            await request.pageContext(
                "Check your answers",
                breadcrumbs: context.inspection.breadcrumbs + [("Case \(context.model.caseRef)", .caseTasks(context.inspection.id, context.id))]),
            inspection: context.inspection.id, caseID: context.id, reference: context.model.caseRef, sections: sections,
            completion: completion(context, stored), editable: context.editable && context.model.status != CaseStatus.complete)
    }

    static func factRows(_ facts: CaseFacts, recorded: Bool, needs: [Need]) -> [(key: String, value: String, note: String)] {
        guard recorded else { return [("Case facts", "Not recorded yet", "")] }
        func yesNo(_ value: Bool?) -> String { value.map { $0 ? "Yes" : "No" } ?? "Not recorded" }
        var rows: [(key: String, value: String, note: String)] = [
            ("RoSH level at the start", facts.roshAtStart?.title ?? "Not recorded", ""),
            ("RoSH level reviewed when it should have been", yesNo(facts.roshReviewed), ""),
            ("MAPPA level", facts.mappaLevel.map { "Level \($0)" } ?? "None", ""),
        ]
        for (check, record) in zip(CaseFactsForm.checks, [facts.domesticAbuseCheck, facts.safeguardingCheck, facts.homeVisit]) {
            let value = record.needed == false ? "Not needed" : record.needed == true ? "Needed; \(record.done == true ? "done" : "not done")" : "Not recorded"
            rows.append((check.title.prefix(1).uppercased() + check.title.dropFirst(), value, ""))
        }
        rows.append(("Main contact type", facts.contactType?.title ?? "Not recorded", ""))
        for need in needs { rows.append((need.title, facts.needs[need]?.title ?? "Not recorded", "")) }
        return rows
    }

    static func interviewRows(officer: InterviewModel?, person: InterviewModel?) -> [(key: String, value: String, note: String)] {
        guard let officer else { return [("Responsible officer", "Not interviewed yet", "")] }
        return [
            ("Responsible officer", officer.officerReference ?? "Not recorded", ""),
            ("Responsible officer's grade", officer.grade?.title ?? "Not recorded", ""),
            ("Caseload size", officer.caseloadSize.map(String.init) ?? "Not recorded", ""),
            (
                "Is the officer's workload manageable?",
                officer.workloadManageable?.title ?? (officer.officerReference == nil ? "Not recorded" : "Recorded at the officer's first interview"), ""
            ),
            ("Notes from the interview", officer.notes.isEmpty ? "None" : officer.notes, ""),
            ("Person on probation", person.map { $0.notes.isEmpty ? "Interviewed" : $0.notes } ?? "Not interviewed", ""),
        ]
    }

    @Sendable static func complete(_ request: Request) async throws -> Response {
        let context = try await load(request)
        try requireEditable(context)
        let completion = completion(context, try await CaseAnswers.of(case: context.id, on: request.db))
        guard completion.unanswered.isEmpty else {
            throw Abort(
                .conflict,
                reason: "Answer every key question before marking the case complete: \(completion.unanswered.map(\.rawValue).joined(separator: ", ")).")
        }
        guard completion.rationaleMissing.isEmpty else {
            throw Abort(
                .conflict,
                reason: "Give a rationale for \(completion.rationaleMissing.map(\.rawValue).joined(separator: ", ")) before marking the case complete.")
        }
        context.model.status = .complete
        context.model.completedAt = Date()
        try await context.model.save(on: request.db)
        try await request.audit(.update, "case", context.model.caseRef, inspection: context.inspection.id, detail: "marked complete")
        request.flash("Case \(context.model.caseRef) is complete.")
        return request.redirect(to: SiteURL.cases(context.inspection.id).path, redirectType: .normal)
    }
}
