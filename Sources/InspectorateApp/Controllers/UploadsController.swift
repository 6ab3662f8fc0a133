import Fluent
import Foundation
import InspectionKit
import InspectorateViews
import Vapor

enum UploadsController {
    /// Provider data can be uploaded while the inspectorate is asking for it and until the sample is drawn.
    static func uploadClosedReason(_ context: InspectionContext, sampled: Int) -> String? {
        switch context.state {
        case .planned: "The inspection has not asked for data yet."
        case .dataRequested, .sampling: sampled > 0 ? "The sample has been drawn from this data, so it can no longer be replaced." : nil
        default: "The data is fixed: the inspection has moved past sampling."
        }
    }

    /// What the inspection holds of the provider's data, and whether the sample has been drawn from it.
    struct Held {
        let eligible: Int
        let workforce: Int
        let sampled: Int

        init(_ context: InspectionContext, on database: any Database) async throws {
            eligible = try await ProviderData.eligibleCount(inspection: context.id, on: database)
            workforce = try await ProviderData.workforceCount(inspection: context.id, on: database)
            sampled = try await SampledCaseModel.query(on: database).filter(\.$inspectionID == context.id).count()
        }
    }

    /// Why this user cannot tell the inspectorate the data is ready now, or nil when they can:
    /// the provider's own staff, with both files in, while uploads are open and not yet submitted.
    static func submitRefusal(_ context: InspectionContext, user: UserModel, held: Held) -> String? {
        guard user.role == .provider, Policy.canUpload(context.access, role: user.role, userID: user.id!, userProviderID: user.providerID) else {
            return "Only the provider's own staff submit its data."
        }
        if let reason = uploadClosedReason(context, sampled: held.sampled) { return reason }
        guard held.eligible > 0, held.workforce > 0 else {
            return "Upload both the caseload and the workforce figures before telling the inspectorate they are ready."
        }
        return context.model.dataSubmittedAt == nil ? nil : "The data has already been submitted."
    }

    @Sendable static func page(_ request: Request) async throws -> HTML {
        let context = try await InspectionContext.load(request)
        let user = try context.requireStaffOrProvider(request)
        let held = try await Held(context, on: request.db)
        let (eligible, workforce, sampled) = (held.eligible, held.workforce, held.sampled)
        let jobs = try await ImportJobs.all(inspection: context.id, on: request.db)
        try await request.audit(.view, "uploads", context.id.uuidString, inspection: context.id)
        let words = request.application.timeInWords
        let submission = DataSubmission(
            submitted: context.model.dataSubmittedAt.map { words.moment($0) }, received: context.model.dataReceivedAt.map { words.moment($0) },
            canSubmit: submitRefusal(context, user: user, held: held) == nil,
            canReceive: Policy.canLead(context.access, role: user.role, userID: user.id!) && context.model.dataSubmittedAt != nil
                && context.model.dataReceivedAt == nil)
        return uploadsPage(
            await request.pageContext("Provider data", breadcrumbs: context.breadcrumbs), inspection: context.id, title: context.title,
            eligibleCases: eligible, workforceRows: workforce,
            jobs: jobs.map { summary($0, tracker: ImportRunner.progress(request.application), words: words) },
            canUpload: Policy.canUpload(context.access, role: user.role, userID: user.id!, userProviderID: user.providerID),
            uploadClosed: uploadClosedReason(context, sampled: sampled), submission: submission)
    }

    static func summary(_ job: ImportJobModel, tracker: ImportRunner.Progress, words: TimeInWords, problemCount: Int? = nil) -> ImportJobSummary {
        let problemCount = problemCount ?? ProblemsFile.rows(job.problems ?? "").count
        let processed = job.status == .succeeded ? job.totalBytes : tracker.get(job.id!) ?? (job.status == .saving ? job.totalBytes / 2 : 0)
        return ImportJobSummary(
            id: job.id!, kind: job.kind.rawValue, filename: job.filename, status: job.status, rows: job.rowCount, processedBytes: processed,
            totalBytes: job.totalBytes, message: job.message, problemCount: problemCount,
            created: job.createdAt.map { words.moment($0) } ?? "")
    }

    @Sendable static func uploadCaseload(_ request: Request) async throws -> Response { try await upload(request, kind: .caseload) }
    @Sendable static func uploadWorkforce(_ request: Request) async throws -> Response { try await upload(request, kind: .workforce) }

    static func upload(_ request: Request, kind: ImportRunner.Kind) async throws -> Response {
        let context = try await InspectionContext.load(request)
        let user = try context.requireStaffOrProvider(request)
        guard Policy.canUpload(context.access, role: user.role, userID: user.id!, userProviderID: user.providerID) else {
            throw Abort(.forbidden, reason: "Only the provider's own staff or the lead inspector can upload its data.")
        }
        // The body is received (and its token checked, as every form's is before any rule)
        // before the stage is: a stale or forged form gets 403 whatever the stage.
        let received = try await request.application.uploadReceiver.receive(request)
        do {
            let held = try await Held(context, on: request.db)
            if let reason = uploadClosedReason(context, sampled: held.sampled) { throw Abort(.conflict, reason: reason) }
            guard let file = received else {
                let page = uploadsPage(
                    await request.pageContext(
                        "Provider data", breadcrumbs: context.breadcrumbs,
                        errors: [FieldError(field: kind == .caseload ? "caseload" : "workforce", message: "Choose a CSV file to upload")]),
                    inspection: context.id, title: context.title, eligibleCases: held.eligible, workforceRows: held.workforce, jobs: [], canUpload: true,
                    uploadClosed: nil)
                return .page(page, status: .unprocessableEntity)
            }
            return try await startImport(request, context: context, user: user, kind: kind, file: file)
        } catch {
            received?.delete()
            throw error
        }
    }

    private static func startImport(
        _ request: Request, context: InspectionContext, user: UserModel, kind: ImportRunner.Kind, file: UploadReceiver.ReceivedFile
    ) async throws -> Response {
        // New data replaces what was submitted: the provider submits again once it is in.
        if context.model.dataSubmittedAt != nil {
            context.model.dataSubmittedAt = nil
            context.model.dataSubmittedBy = nil
            context.model.dataReceivedAt = nil
            try await context.model.save(on: request.db)
        }
        let job = try await ImportJobs.create(
            inspection: context.id, kind: kind, filename: file.filename, bytes: file.size, by: request.auditor(as: user), on: request.db)
        ImportRunner.start(request, job: job, kind: kind, file: file)
        return request.redirect(to: SiteURL.importJob(context.id, job.id!).path, redirectType: .normal)
    }

    static func loadJob(_ request: Request, _ context: InspectionContext) async throws -> ImportJobModel {
        guard let id = request.parameters.get("job", as: UUID.self), let job = try await ImportJobs.find(id, inspection: context.id, on: request.db) else {
            throw Abort(.notFound, reason: "There is no such upload.")
        }
        return job
    }

    @Sendable static func job(_ request: Request) async throws -> HTML {
        let context = try await InspectionContext.load(request)
        _ = try context.requireStaffOrProvider(request)
        let job = try await loadJob(request, context)
        let problems = ProblemsFile.rows(job.problems ?? "")
        let summary = summary(job, tracker: ImportRunner.progress(request.application), words: request.application.timeInWords, problemCount: problems.count)
        var page = await request.pageContext(job.filename, breadcrumbs: context.breadcrumbs + [("Provider data", .uploads(context.id))])
        if summary.finished {
            // Its problems name case references: a read of case data (the page refreshing itself during an import is not).
            try await request.audit(.view, "import-job", job.id?.uuidString, inspection: context.id, detail: job.filename)
        } else {
            page.refreshSeconds = 1
        }
        return importJobPage(page, inspection: context.id, job: summary, problems: problems)
    }

    @Sendable static func problemsCSV(_ request: Request) async throws -> Response {
        let context = try await InspectionContext.load(request)
        _ = try context.requireStaffOrProvider(request)
        let job = try await loadJob(request, context)
        guard let problems = job.problems else { throw Abort(.notFound, reason: "This upload has no problems to download.") }
        try await request.audit(.export, "import-problems", job.id?.uuidString, inspection: context.id, detail: job.filename)
        let response = Response(status: .ok, body: .init(string: problems))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(.attachment, filename: "problems-\(job.id!.uuidString.prefix(8)).csv")
        return response
    }

    /// The provider says its data is ready (both files in), or the lead confirms receipt.
    @Sendable static func submission(_ request: Request) async throws -> Response {
        let context = try await InspectionContext.load(request)
        let user = try context.requireStaffOrProvider(request)
        let fields = try request.formFields()
        let model = context.model
        switch fields["action"] {
        case "submit":
            if let refusal = submitRefusal(context, user: user, held: try await Held(context, on: request.db)) {
                throw Abort(user.role == .provider ? .conflict : .forbidden, reason: refusal)
            }
            model.dataSubmittedAt = Date()
            model.dataSubmittedBy = user.id
            model.dataReceivedAt = nil
            try await model.save(on: request.db)
            try await request.audit(.update, "provider-data", context.id.uuidString, inspection: context.id, detail: "submitted as ready")
            request.flash("Thank you: the inspectorate has been told your data is ready. This page will show when they have received it.")
        case "receive":
            _ = try context.requireLead(request)
            guard model.dataSubmittedAt != nil else { throw Abort(.conflict, reason: "The provider has not submitted its data yet.") }
            model.dataReceivedAt = Date()
            try await model.save(on: request.db)
            try await request.audit(.update, "provider-data", context.id.uuidString, inspection: context.id, detail: "receipt confirmed")
            request.flash("Receipt confirmed: the provider can see that the inspectorate has its data.")
        default:
            throw Abort(.badRequest, reason: "Choose to submit the data or to confirm its receipt.")
        }
        return request.redirect(to: SiteURL.uploads(context.id).path, redirectType: .normal)
    }

}

/// Reads back the problems CSV this app writes: one row per problem, a quoted value that spans
/// lines included, so the count shown is the count listed.
enum ProblemsFile {
    static func rows(_ text: String) -> [[String]] {
        guard !text.isEmpty else { return [] }
        guard var parser = try? CSVParser(bytes: Array(text.utf8)) else {
            return text.split(separator: "\n").dropFirst().map { [String($0)] }
        }
        let reader = parser
        var fields: [CSVParser.Field] = []
        var rows: [[String]] = []
        while let _ = try? parser.nextRecord(into: &fields) { rows.append(fields.map(reader.string)) }
        return Array(rows.dropFirst())
    }
}
