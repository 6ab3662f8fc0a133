import Fluent
import Foundation
import InspectionKit
import InspectorateViews
import SQLKit
import Vapor

/// Second marking: the quality lead draws a dip sample of assessed cases, marks them blind,
/// and resolves each disagreement; the final answers feed the ratings and the history stays.
enum ModerationController {
    /// Drawing, second marking and resolving are the quality lead's.
    static func requireQualityLead(_ context: InspectionContext, _ request: Request) throws -> UserModel {
        let user = try context.requireStaff(request)
        guard Policy.canModerate(role: user.role) else {
            throw Abort(.forbidden, reason: "Only a quality lead can draw, second-mark and resolve the moderation sample.")
        }
        return user
    }

    static func requireQualityAssurance(_ context: InspectionContext) throws {
        try context.requireEditable(casework: true)
        guard context.state == .qualityAssurance else {
            throw Abort(.conflict, reason: "Moderation happens while the inspection is in quality assurance; it is \(context.state.title.lowercased()).")
        }
    }

    @Sendable static func page(_ request: Request) async throws -> Response {
        let context = try await InspectionContext.load(request)
        let user = try context.requireStaff(request)
        try await request.audit(.view, "moderation", context.id.uuidString, inspection: context.id)
        return .page(try await overviewPage(request, context, user: user), status: .ok)
    }

    static func overviewPage(
        _ request: Request, _ context: InspectionContext, user: UserModel, errors: [FieldError] = [], form: [String: String] = [:]
    ) async throws -> HTML {
        let cases = try await ModerationCaseModel.query(on: request.db).filter(\.$inspectionID == context.id).all()
        let sampled = Dictionary(
            uniqueKeysWithValues: try await SampledCaseModel.query(on: request.db).filter(\.$inspectionID == context.id).all().map { ($0.id!, $0) })
        let names = try await ModerationData.userNames(on: request.db)
        let answers = try await ModerationData.answers(of: cases.map { $0.id! }, on: request.db)
        let rows = cases.map { item in
            let disagreements = (answers[item.id!] ?? []).filter(\.disagrees).count
            return ModerationCaseRow(
                caseID: item.sampledCaseID, reference: sampled[item.sampledCaseID]?.caseRef ?? "?", firstMarker: names[item.firstMarkerID] ?? "?",
                status: item.status.title, isResolved: item.status == .resolved,
                disagreements: item.status == .awaiting ? nil : disagreements)
        }.sortedNaturally(by: \.reference)
        let breakdown = try await ModerationData.breakdown(context, on: request.db)
        let eligible = sampled.values.filter { $0.status == CaseStatus.complete && $0.assessorID != nil }.count
        let canDraw = cases.isEmpty && context.state == .qualityAssurance && Policy.canModerate(role: user.role)
        return moderationPage(
            await request.pageContext("Moderation", breadcrumbs: context.breadcrumbs, errors: errors), inspection: context.id, title: context.title,
            overview: ModerationOverview(
                cases: rows, seed: cases.first?.seed, assessedCases: eligible, canDraw: canDraw,
                stateNote: cases.isEmpty ? emptyNote(context.state) : nil,
                overall: breakdown.overall,
                byQuestion: breakdown.byQuestion.map { AgreementRow(label: $0.question.rawValue, agreement: $0.agreement) },
                byInspector: breakdown.byInspector.map { AgreementRow(label: $0.inspector, agreement: $0.agreement) }),
            form: form)
    }

    /// Why there is no sample yet, or why there never was one.
    static func emptyNote(_ state: InspectionState) -> String? {
        switch state {
        case .qualityAssurance: nil
        case .rated, .published, .withdrawn: "No moderation sample was recorded for this inspection."
        default: "The quality lead draws the moderation sample once the inspection is in quality assurance."
        }
    }

    @Sendable static func draw(_ request: Request) async throws -> Response {
        let context = try await InspectionContext.load(request)
        let user = try requireQualityLead(context, request)
        try requireQualityAssurance(context)
        let fields = try request.formFields()
        var errors: [FieldError] = []
        var size: ModerationDraw.Size?
        do {
            size = try ModerationDraw.Size(percent: fields["percent"], count: fields["count"])
        } catch {
            errors.append(FieldError(field: error.columnName ?? "percent", message: "Size of the sample: \(error.message)"))
        }
        let seedField = SeedField.read(fields)
        if case .invalid(let error) = seedField { errors.append(error) }
        guard errors.isEmpty, let size, case .seed(let seed) = seedField else {
            return .page(try await overviewPage(request, context, user: user, errors: errors, form: fields), status: .unprocessableEntity)
        }
        let assessed = try await SampledCaseModel.query(on: request.db).filter(\.$inspectionID == context.id)
            .filter(\.$status == CaseStatus.complete).all().filter { $0.assessorID != nil }
        guard !assessed.isEmpty else { throw Abort(.conflict, reason: "There are no completed case assessments to moderate.") }
        let draw = ModerationDraw(
            from: assessed.map { .init(reference: $0.id!.uuidString, assessor: $0.assessorID!.uuidString) }, size: size, seed: UInt64(seed))
        let chosen = Set(draw.cases.map(\.reference))
        let now = Date()
        try await request.db.writeTransaction { database in
            // One draw per inspection: the unique key on sampled_case_id also stops a second one racing in.
            guard try await ModerationCaseModel.query(on: database).filter(\.$inspectionID == context.id).count() == 0 else {
                throw Abort(.conflict, reason: "The moderation sample has already been drawn.")
            }
            for item in assessed where chosen.contains(item.id!.uuidString) {
                let moderated = ModerationCaseModel()
                moderated.inspectionID = context.id
                moderated.sampledCaseID = item.id!
                moderated.firstMarkerID = item.assessorID!
                moderated.status = ModerationStatus.awaiting
                moderated.seed = seed
                moderated.drawnBy = user.id!
                moderated.drawnAt = now
                try await moderated.create(on: database)
                // The first marker's answers as they stood when drawn: the judgement being moderated.
                for answer in try await CaseAnswers.of(case: item.id!, on: database).values {
                    let row = ModerationAnswerModel()
                    row.moderationCaseID = moderated.id!
                    row.questionID = answer.questionID
                    row.firstAnswer = answer.answer.rawValue
                    row.firstRationale = answer.rationale
                    row.secondRationale = ""
                    row.reason = ""
                    try await row.create(on: database)
                }
            }
            try await request.audit(
                .create, "moderation-sample", context.id.uuidString, inspection: context.id,
                detail: "\(chosen.count) of \(assessed.count) cases, seed \(seed)", on: database)
        }
        request.flash("Drew \(chosen.count) of \(assessed.count) assessed cases for second marking (seed \(seed)).")
        return request.redirect(to: SiteURL.moderation(context.id).path, redirectType: .normal)
    }

    struct ModeratedCase {
        let inspection: InspectionContext
        let model: ModerationCaseModel
        let sampled: SampledCaseModel
        let answers: [ModerationAnswerModel]
        let user: UserModel
    }

    static func load(_ request: Request) async throws -> ModeratedCase {
        let context = try await InspectionContext.load(request)
        let user = try context.requireStaff(request)
        guard let caseID = request.parameters.get("case", as: UUID.self),
            let model = try await ModerationCaseModel.query(on: request.db).filter(\.$sampledCaseID == caseID).filter(\.$inspectionID == context.id).first(),
            let sampled = try await SampledCaseModel.find(caseID, on: request.db)
        else { throw Abort(.notFound, reason: "That case is not in this inspection's moderation sample.") }
        let answers = try await ModerationAnswerModel.query(on: request.db).filter(\.$moderationCaseID == model.id!).all()
        return ModeratedCase(inspection: context, model: model, sampled: sampled, answers: answers, user: user)
    }

    /// The case's key questions in framework order, with the moderation row for each.
    static func questions(_ moderated: ModeratedCase) -> [(standard: Standard, question: KeyQuestion, row: ModerationAnswerModel?)] {
        let rows = Dictionary(moderated.answers.map { ($0.questionID, $0) }) { first, _ in first }
        return moderated.inspection.framework.standards(judgedOn: moderated.sampled.sample).flatMap { standard in
            standard.questions.map { (standard, $0, rows[$0.id.rawValue]) }
        }
    }

    @Sendable static func casePage(_ request: Request) async throws -> Response {
        let moderated = try await load(request)
        try await request.audit(.view, "moderation-case", moderated.sampled.caseRef, inspection: moderated.inspection.id)
        return .page(try await caseHTML(request, moderated), status: .ok)
    }

    static func caseHTML(_ request: Request, _ moderated: ModeratedCase, errors: [FieldError] = [], form: [String: String] = [:]) async throws -> HTML {
        let context = await request.pageContext(
            "Second marking of case \(moderated.sampled.caseRef)",
            breadcrumbs: moderated.inspection.breadcrumbs + [("Moderation", .moderation(moderated.inspection.id))], errors: errors)
        let names = try await ModerationData.userNames(on: request.db)
        let canModerate = Policy.canModerate(role: moderated.user.role) && moderated.inspection.state == .qualityAssurance
        let items = questions(moderated).map { item in
            ModerationQuestion(
                id: item.question.id.rawValue, standard: "\(item.standard.id) \(item.standard.title)", text: item.question.text,
                prompts: item.question.prompts, first: item.row?.firstAnswer, second: item.row?.secondAnswer, final: item.row?.finalAnswer,
                reason: item.row?.reason ?? "", resolvedBy: item.row?.resolvedBy.flatMap { names[$0] },
                firstRationale: item.row?.firstRationale ?? "", secondRationale: item.row?.secondRationale ?? "")
        }
        switch moderated.model.status {
        case .awaiting:
            // Blind: this page never carries the first marker's answers while the case awaits its second marking.
            return secondMarkingPage(
                context, inspection: moderated.inspection.id, caseID: moderated.sampled.id!, reference: moderated.sampled.caseRef,
                questions: items.map { $0.blind }, values: form, canMark: canModerate)
        case .marked, .resolved:
            return moderationComparisonPage(
                context, inspection: moderated.inspection.id, caseID: moderated.sampled.id!, reference: moderated.sampled.caseRef,
                firstMarker: names[moderated.model.firstMarkerID] ?? "?", secondMarker: moderated.model.secondMarkerID.flatMap { names[$0] } ?? "?",
                questions: items, values: form, canResolve: canModerate && moderated.model.status == .marked)
        }
    }

    @Sendable static func mark(_ request: Request) async throws -> Response {
        let moderated = try await load(request)
        let user = try requireQualityLead(moderated.inspection, request)
        try requireQualityAssurance(moderated.inspection)
        guard moderated.model.status == .awaiting else {
            throw Abort(.conflict, reason: "This case has already been second-marked.")
        }
        guard moderated.model.firstMarkerID != user.id else { throw Abort(.forbidden, reason: "You cannot second-mark a case you assessed.") }
        let fields = try request.formFields()
        let questions = questions(moderated)
        var errors: [FieldError] = []
        var answers: [String: Answer] = [:]
        for item in questions {
            let id = item.question.id.rawValue
            guard let text = fields["answer-\(id)"], !text.isEmpty else {
                errors.append(FieldError(field: "answer-\(id)", message: "Select your answer for \(id)"))
                continue
            }
            guard let answer = Answer(rawValue: text) else {
                throw Abort(.badRequest, reason: "\"\(text)\" is not an answer; choose sufficient, not sufficient or not applicable.")
            }
            answers[id] = answer
            if (fields["rationale-\(id)"] ?? "").count > 10_000 {
                errors.append(FieldError(field: "rationale-\(id)", message: "Your rationale for \(id) must be 10,000 characters or fewer"))
            }
        }
        guard errors.isEmpty else { return .page(try await caseHTML(request, moderated, errors: errors, form: fields), status: .unprocessableEntity) }
        let now = Date()
        let marked = answers
        let disagreements = questions.filter { marked[$0.question.id.rawValue]!.rawValue != ($0.row?.firstAnswer ?? "") }.count
        try await request.db.writeTransaction { database in
            guard let fresh = try await ModerationCaseModel.find(moderated.model.id, on: database), fresh.status == .awaiting else {
                throw Abort(.conflict, reason: "Someone else has just second-marked this case.")
            }
            for item in questions {
                let id = item.question.id.rawValue
                let row = item.row ?? ModerationAnswerModel()
                if item.row == nil {
                    // The first marker left no answer to this question (it cannot happen for a completed case, but is kept honest).
                    row.moderationCaseID = fresh.id!
                    row.questionID = id
                    row.firstAnswer = ""
                    row.firstRationale = ""
                    row.reason = ""
                }
                row.secondAnswer = marked[id]!.rawValue
                row.secondRationale = (fields["rationale-\(id)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
                if !row.disagrees {
                    row.finalAnswer = row.firstAnswer
                    row.resolvedAt = now
                }
                try await row.save(on: database)
            }
            fresh.secondMarkerID = user.id
            fresh.markedAt = now
            fresh.status = disagreements == 0 ? .resolved : .marked
            if disagreements == 0 { fresh.resolvedAt = now }
            try await fresh.save(on: database)
            try await request.audit(
                .update, "moderation-case", moderated.sampled.caseRef, inspection: moderated.inspection.id,
                detail: "second-marked: \(disagreements) disagreements", on: database)
        }
        request.flash(
            disagreements == 0
                ? "Case \(moderated.sampled.caseRef) second-marked: you agreed on every key question."
                : "Case \(moderated.sampled.caseRef) second-marked: \(disagreements) \(disagreements == 1 ? "disagreement" : "disagreements") to resolve.")
        return request.redirect(to: SiteURL.moderationCase(moderated.inspection.id, moderated.sampled.id!).path, redirectType: .normal)
    }

    @Sendable static func resolve(_ request: Request) async throws -> Response {
        let moderated = try await load(request)
        let user = try requireQualityLead(moderated.inspection, request)
        try requireQualityAssurance(moderated.inspection)
        guard moderated.model.status == .marked else {
            throw Abort(.conflict, reason: moderated.model.status == .awaiting ? "Second-mark the case first." : "This case is already resolved.")
        }
        let fields = try request.formFields()
        let open = questions(moderated).filter { $0.row?.disagrees == true }
        var errors: [FieldError] = []
        var finals: [String: (Answer, String)] = [:]
        for item in open {
            let id = item.question.id.rawValue
            let chosen = fields["final-\(id)"].flatMap { $0.isEmpty ? nil : $0 }
            let reason = (fields["reason-\(id)"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            var answer: Answer?
            if let chosen {
                answer = Answer(rawValue: chosen)
                guard let answer, [item.row!.firstAnswer, item.row!.secondAnswer].contains(answer.rawValue) else {
                    throw Abort(.badRequest, reason: "The final answer to \(id) must be the first or the second marker's answer.")
                }
            } else {
                errors.append(FieldError(field: "final-\(id)", message: "Choose the final answer for \(id)"))
            }
            if reason.isEmpty { errors.append(FieldError(field: "reason-\(id)", message: "Give the reason for the final answer to \(id)")) }
            if reason.count > 10_000 { errors.append(FieldError(field: "reason-\(id)", message: "The reason for \(id) must be 10,000 characters or fewer")) }
            if let answer, !reason.isEmpty { finals[id] = (answer, reason) }
        }
        guard errors.isEmpty else { return .page(try await caseHTML(request, moderated, errors: errors, form: fields), status: .unprocessableEntity) }
        let now = Date()
        let resolutions = finals
        let changed = open.filter { resolutions[$0.question.id.rawValue]!.0.rawValue != $0.row!.firstAnswer }.map(\.question.id.rawValue)
        let auditor = request.auditor()
        try await request.db.writeTransaction { database in
            guard let fresh = try await ModerationCaseModel.find(moderated.model.id, on: database), fresh.status == .marked else {
                throw Abort(.conflict, reason: "Someone else has just resolved this case.")
            }
            for item in open {
                let id = item.question.id.rawValue
                let row = item.row!
                let (answer, reason) = resolutions[id]!
                row.finalAnswer = answer.rawValue
                row.reason = reason
                row.resolvedBy = user.id
                row.resolvedAt = now
                try await row.save(on: database)
                guard answer.rawValue != row.firstAnswer else { continue }
                try await CaseAnswers.moderate(
                    case: moderated.sampled.id!, reference: moderated.sampled.caseRef, inspection: moderated.inspection.id, question: QuestionID(id),
                    from: row.firstAnswer, to: answer, by: auditor, at: now, on: database)
            }
            fresh.status = ModerationStatus.resolved
            fresh.resolvedAt = now
            try await fresh.save(on: database)
            try await request.audit(
                .update, "moderation-case", moderated.sampled.caseRef, inspection: moderated.inspection.id,
                detail: "resolved; changed \(changed.isEmpty ? "none" : changed.joined(separator: ", "))", on: database)
        }
        request.flash(
            changed.isEmpty
                ? "Case \(moderated.sampled.caseRef) resolved: the first marker's answers stand."
                : "Case \(moderated.sampled.caseRef) resolved: \(changed.joined(separator: ", ")) changed, and the ratings now use the final answers.")
        return request.redirect(to: SiteURL.moderation(moderated.inspection.id).path, redirectType: .normal)
    }
}

/// Queries over the moderation tables. No agreement arithmetic here: that is `Agreement`.
enum ModerationData {
    static func userNames(on database: any Database) async throws -> [UUID: String] {
        Dictionary(uniqueKeysWithValues: try await UserModel.query(on: database).all().map { ($0.id!, $0.email) })
    }

    static func answers(of cases: [UUID], on database: any Database) async throws -> [UUID: [ModerationAnswerModel]] {
        guard !cases.isEmpty else { return [:] }
        return Dictionary(grouping: try await ModerationAnswerModel.query(on: database).filter(\.$moderationCaseID ~~ cases).all(), by: \.moderationCaseID)
    }

    /// How many cases were drawn and how many are resolved, for the ratings gate.
    static func counts(inspection: UUID, on database: any Database) async throws -> (drawn: Int, resolved: Int) {
        let drawn = try await ModerationCaseModel.query(on: database).filter(\.$inspectionID == inspection).count()
        let resolved = try await ModerationCaseModel.query(on: database).filter(\.$inspectionID == inspection)
            .filter(\.$status == ModerationStatus.resolved).count()
        return (drawn, resolved)
    }

    /// Every second-marked judgement of the inspection, as first/second pairs.
    static func markings(inspection: UUID, on database: any Database) async throws -> [SecondMarking] {
        let cases = try await ModerationCaseModel.query(on: database).filter(\.$inspectionID == inspection).all()
        let names = try await userNames(on: database)
        let markers = Dictionary(uniqueKeysWithValues: cases.map { ($0.id!, names[$0.firstMarkerID] ?? "?") })
        return try await answers(of: cases.map { $0.id! }, on: database).flatMap { caseID, rows in
            rows.compactMap { row -> SecondMarking? in
                guard let first = Answer(rawValue: row.firstAnswer), let second = row.secondAnswer.flatMap(Answer.init(rawValue:)) else { return nil }
                return SecondMarking(question: QuestionID(row.questionID), firstMarker: markers[caseID] ?? "?", first: first, second: second)
            }
        }
    }

    static func breakdown(_ context: InspectionContext, on database: any Database) async throws -> AgreementBreakdown {
        AgreementBreakdown(
            try await markings(inspection: context.id, on: database),
            questionOrder: context.framework.standards.flatMap(\.questions).map(\.id))
    }

    /// The sampled cases whose first marking `user` may not see yet: for a quality lead, those
    /// awaiting second marking. Every page and API route that shows answers leaves them out.
    static func blindCases(for user: UserModel, inspection: UUID, on database: any Database) async throws -> Set<UUID> {
        guard Policy.canModerate(role: user.role) else { return [] }
        return Set(
            try await ModerationCaseModel.query(on: database).filter(\.$inspectionID == inspection)
                .filter(\.$status == ModerationStatus.awaiting).all().map(\.sampledCaseID))
    }

    /// The case's moderation record, if it was drawn.
    static func moderation(of sampledCase: UUID, on database: any Database) async throws -> ModerationCaseModel? {
        try await ModerationCaseModel.query(on: database).filter(\.$sampledCaseID == sampledCase).first()
    }
}
