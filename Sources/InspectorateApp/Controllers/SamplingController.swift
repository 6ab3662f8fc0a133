import Fluent
import Foundation
import InspectionKit
import InspectorateViews
import Vapor

enum SamplingController {
    static func eligible(_ context: InspectionContext, on database: any Database) async throws -> [EligibleCaseRecord] {
        try await ProviderData.eligible(inspection: context.id, on: database)
    }

    static func view(
        _ request: Request, _ context: InspectionContext, confidence: Double, margin: Double, errors: [FieldError] = [], form: [String: String] = [:]
    ) async throws -> HTML {
        let user = try context.requireStaff(request)
        let population = try await eligible(context, on: request.db)
        let calculation = ConfidenceLevel(confidence).flatMap { try? SampleSize.cochran(population: max(1, population.count), confidence: $0, margin: margin) }
        var draw: SamplePlanView.DrawView?
        if let seed = context.model.sampleSeed, let size = context.model.sampleSize {
            let stratum = context.model.sampleStratum ?? InspectionSample.ExtraStratum.none
            let extraSize = context.model.sampleExtraSize ?? 12
            let sample = InspectionSample(
                eligible: population, framework: context.framework, mainSize: size, extraSize: extraSize, seed: UInt64(bitPattern: seed), extraStratum: stratum)
            let extras = context.framework.samples.dropFirst().map { extra in (extra.title, sample.cases.filter { $0.sample == extra.id }.count) }
            let titles = Dictionary(uniqueKeysWithValues: context.framework.samples.map { ($0.id, $0.title) })
            let samples = context.framework.samples.map(\.id)
            let mainPopulation = sample.mix.reduce(0) { $0 + $1.population }
            draw = .init(
                seed: UInt64(bitPattern: seed), size: size, extraSize: extraSize, extraStratum: stratum.rawValue, mix: sample.mix, extras: extras,
                cases: sample.cases.sorted {
                    $0.sample != $1.sample
                        ? samples.firstIndex(of: $0.sample) ?? 0 < samples.firstIndex(of: $1.sample) ?? 0
                        : NaturalOrder.precedes($0.record.caseReference, $1.record.caseReference)
                }.map {
                    .init(
                        reference: $0.record.caseReference, sample: titles[$0.sample] ?? $0.sample, rosh: $0.record.rosh?.title ?? "Not recorded",
                        sentence: $0.record.sentenceType.title)
                },
                margin: ConfidenceLevel(confidence).map { SampleSize.margin(sampleSize: size, population: max(1, mainPopulation), confidence: $0) })
        }
        let confirmed = try await SampledCaseModel.query(on: request.db).filter(\.$inspectionID == context.id).all()
        let counts = context.framework.samples.map { sample in (sample.title, confirmed.filter { $0.sample == sample.id }.count) }.filter { $0.1 > 0 }
        let lead = Policy.canLead(context.access, role: user.role, userID: user.id!)
        let reopen: SamplePlanView.Reopen =
            confirmed.isEmpty || !lead ? .unavailable : try await reopenRefusal(context, cases: confirmed, on: request.db).map { .refused($0) } ?? .allowed
        return samplePage(
            await request.pageContext("Sample", breadcrumbs: context.breadcrumbs, errors: errors),
            SamplePlanView(
                inspection: context.id, title: context.title, population: population.count, confidence: confidence, margin: margin,
                calculation: calculation, draw: draw, confirmed: counts,
                extraStrata: InspectionSample.ExtraStratum.allCases.map { Components.Option($0.rawValue, $0.title) },
                canDraw: context.state == .sampling && lead, reopen: reopen, form: form))
    }

    @Sendable static func page(_ request: Request) async throws -> Response {
        let context = try await InspectionContext.load(request)
        _ = try context.requireStaff(request)
        var errors: [FieldError] = []
        var confidence = context.model.sampleConfidence ?? 0.8
        var margin = context.model.sampleMargin ?? 0.05
        if let text = request.query[String.self, at: "confidence"] {
            if let value = Double(text), ConfidenceLevel(value) != nil {
                confidence = value
            } else {
                errors.append(FieldError(field: "confidence", message: "Enter a confidence between 0 and 1, like 0.8"))
            }
        }
        if let text = request.query[String.self, at: "margin"] {
            if let value = Double(text), value > 0, value < 0.5 {
                margin = value
            } else {
                errors.append(FieldError(field: "margin", message: "Enter a margin between 0 and 0.5, like 0.05"))
            }
        }
        try await request.audit(.view, "sample", context.id.uuidString, inspection: context.id)
        let page = try await view(request, context, confidence: confidence, margin: margin, errors: errors)
        return errors.isEmpty ? try await page.encodeResponse(for: request) : .page(page, status: .unprocessableEntity)
    }

    @Sendable static func draw(_ request: Request) async throws -> Response {
        let context = try await InspectionContext.load(request)
        _ = try context.requireLead(request)
        guard context.state == .sampling else { throw Abort(.conflict, reason: "The sample can only be drawn while the inspection is at the sampling stage.") }
        let fields = try request.formFields()
        var errors: [FieldError] = []
        let population = try await ProviderData.eligibleCount(inspection: context.id, on: request.db)
        let size = Int(fields["size"]?.trimmingCharacters(in: .whitespaces) ?? "")
        if size == nil || size! < 1 || size! > population {
            errors.append(FieldError(field: "size", message: "Enter a sample size from 1 to \(population), the number of eligible cases"))
        }
        let extraSize = Int(fields["extra_size"]?.trimmingCharacters(in: .whitespaces) ?? "")
        let extraRated = context.framework.samples.dropFirst().flatMap { context.framework.standards(judgedOn: $0.id) }
        let smallestExtra = extraRated.isEmpty ? 0 : 1
        if extraSize == nil || extraSize! < smallestExtra || extraSize! > 500 {
            let why = extraRated.isEmpty ? "" : ": the framework rates \(extraRated.map { "\($0.id) \($0.title)" }.joined(separator: " and ")) from them"
            errors.append(FieldError(field: "extra_size", message: "Enter the number of cases in each extra sample, from \(smallestExtra) to 500\(why)"))
        }
        let seedField = SeedField.read(fields)
        if case .invalid(let error) = seedField { errors.append(error) }
        let stratum = InspectionSample.ExtraStratum(rawValue: fields["stratum"] ?? InspectionSample.ExtraStratum.none.rawValue)
        if stratum == nil { errors.append(FieldError(field: "stratum", message: "Choose an extra stratum from the list")) }
        let confidence = Double(fields["confidence"] ?? "") ?? 0.8
        let margin = Double(fields["margin"] ?? "") ?? 0.05
        guard errors.isEmpty, let size, let extraSize, let stratum, case .seed(let seed) = seedField else {
            return .page(try await view(request, context, confidence: confidence, margin: margin, errors: errors, form: fields), status: .unprocessableEntity)
        }
        let model = context.model
        model.sampleSeed = seed
        model.sampleSize = size
        model.sampleExtraSize = extraSize
        model.sampleStratum = stratum
        model.sampleConfidence = ConfidenceLevel(confidence) == nil ? 0.8 : confidence
        model.sampleMargin = margin > 0 && margin < 0.5 ? margin : 0.05
        try await model.save(on: request.db)
        try await request.audit(
            .update, "sample", context.id.uuidString, inspection: context.id,
            detail: "draw: size \(size), extras \(extraSize), stratum \(stratum.rawValue), seed \(seed)")
        return request.redirect(to: SiteURL.sample(context.id).path, redirectType: .normal)
    }

    @Sendable static func confirm(_ request: Request) async throws -> Response {
        let context = try await InspectionContext.load(request)
        _ = try context.requireLead(request)
        guard context.state == .sampling else { throw Abort(.conflict, reason: "The sample can only be confirmed at the sampling stage.") }
        let fields = try request.formFields()
        guard let seed = context.model.sampleSeed, let size = context.model.sampleSize, fields["seed"] == String(UInt64(bitPattern: seed)) else {
            throw Abort(.conflict, reason: "The sample shown has changed since you looked at it. Review the draw and confirm again.")
        }
        let population = try await eligible(context, on: request.db)
        let sample = InspectionSample(
            eligible: population, framework: context.framework, mainSize: size, extraSize: context.model.sampleExtraSize ?? 12,
            seed: UInt64(bitPattern: seed), extraStratum: context.model.sampleStratum ?? InspectionSample.ExtraStratum.none)
        let inspectors = context.team.filter { $0.role == .inspector }.map(\.id)
        let assessors = inspectors.isEmpty ? [context.model.leadID] : inspectors
        try await request.db.writeTransaction { database in
            guard try await SampledCaseModel.query(on: database).filter(\.$inspectionID == context.id).count() == 0 else {
                throw Abort(.conflict, reason: "The sample has already been confirmed.")
            }
            for (index, chosen) in sample.cases.enumerated() {
                // An inspection's extract is refused without one, so this is only a safeguard.
                guard let rosh = chosen.record.rosh else {
                    throw Abort(.unprocessableEntity, reason: "Case \(chosen.record.caseReference) has no RoSH level; every sampled case needs one.")
                }
                let row = SampledCaseModel()
                row.inspectionID = context.id
                row.caseRef = chosen.record.caseReference
                row.sample = chosen.sample
                row.stratum = chosen.stratum
                row.rosh = rosh
                row.sentenceType = chosen.record.sentenceType
                row.officerGrade = chosen.record.officerGrade
                row.team = chosen.record.team
                row.assessorID = assessors[index % assessors.count]
                row.status = .notStarted
                row.facts = SampledCaseModel.encode(CaseFacts(roshAtStart: chosen.record.rosh, mappaLevel: chosen.record.mappaLevel))
                row.factsVersion = 0
                try await row.create(on: database)
            }
            let model = context.model
            model.sampleConfirmedAt = Date()
            try await model.save(on: database)
            try await request.audit(
                .create, "sample", context.id.uuidString, inspection: context.id, detail: "confirmed \(sample.cases.count) cases, seed \(seed)", on: database)
        }
        request.flash("Sample confirmed: \(sample.cases.count) cases.")
        return request.redirect(to: SiteURL.sample(context.id).path, redirectType: .normal)
    }

    /// Why the confirmed sample cannot be reopened now, or nil when it can: only at sampling or
    /// fieldwork, and only while no case has an answer, facts or an interview.
    static func reopenRefusal(_ context: InspectionContext, cases: [SampledCaseModel], on database: any Database) async throws -> String? {
        guard [.sampling, .fieldwork].contains(context.state) else {
            return "The sample can be reopened only at sampling or fieldwork; the inspection is at \(context.state.title.lowercased())."
        }
        let ids = cases.compactMap(\.id)
        let answered = try await CaseAnswers.count(cases: ids, on: database)
        let interviewed = try await Interviews.count(cases: ids, on: database)
        let moderated = try await ModerationCaseModel.query(on: database).filter(\.$sampledCaseID ~~ ids).count()
        let started = cases.filter { $0.status != CaseStatus.notStarted || $0.factsVersion > 0 }.count
        guard answered + interviewed + moderated + started == 0 else {
            return "Cases have already been assessed, so the sample can no longer be reopened."
        }
        return nil
    }

    /// Sends the inspection back to sampling with no sample confirmed, so the lead can draw again.
    @Sendable static func reopen(_ request: Request) async throws -> Response {
        let context = try await InspectionContext.load(request)
        _ = try context.requireLead(request)
        try await request.db.writeTransaction { database in
            let cases = try await SampledCaseModel.query(on: database).filter(\.$inspectionID == context.id).all()
            guard !cases.isEmpty else { throw Abort(.conflict, reason: "There is no confirmed sample to reopen.") }
            if let refusal = try await reopenRefusal(context, cases: cases, on: database) { throw Abort(.conflict, reason: refusal) }
            try await SampledCaseModel.query(on: database).filter(\.$inspectionID == context.id).delete()
            let model = context.model
            model.sampleConfirmedAt = nil
            model.sampleSeed = nil
            model.sampleSize = nil
            model.state = .sampling
            try await model.save(on: database)
            try await request.audit(
                .update, "sample", context.id.uuidString, inspection: context.id,
                detail: "reopened: \(cases.count) unassessed cases removed, back to sampling from \(context.state.title.lowercased())", on: database)
        }
        request.flash(
            "Sampling is open again: the \(context.state == .fieldwork ? "fieldwork has been paused and the " : "")confirmed cases have been removed. Draw and confirm a new sample."
        )
        return request.redirect(to: SiteURL.sample(context.id).path, redirectType: .normal)
    }
}
