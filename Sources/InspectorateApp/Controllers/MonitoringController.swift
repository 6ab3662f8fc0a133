import Fluent
import Foundation
import InspectionKit
import InspectorateViews
import Vapor

/// Providers watched between inspections: their quarterly indicators and alerts.
enum MonitoringController {
    /// Staff see every provider that sends returns; a provider's users see their own.
    @Sendable static func overview(_ request: Request) async throws -> HTML {
        let user = try request.requireUser()
        let rule = request.application.configuration.changeRule
        var byProvider = try await DataReturns.seriesByProvider(frameworks: request.application.frameworks, on: request.db)
        if !user.role.isStaff { byProvider = byProvider.filter { Policy.canSeeMonitoring(of: $0.key, user: user) } }
        // A provider's users see their own provider even before its first return, to send one.
        let own = user.role == .provider ? user.providerID.map { [$0] } ?? [] : []
        let providers = try await ProviderModel.query(on: request.db).filter(\.$id ~~ Array(Set(byProvider.keys).union(own))).all()
        try await request.audit(.view, "indicators", "overview")
        let rows = providers.map { provider in
            let series = byProvider[provider.id!] ?? Indicator.standard.map { IndicatorSeries(indicator: $0, points: []) }
            return MonitoringProviderRow(
                code: provider.code, name: provider.name, latest: series.flatMap(\.points).map(\.period).max(),
                figures: series.filter { $0.indicator.counting == nil }.map { $0.points.last?.proportion(confidence: rule.confidence) },
                alerts: series.compactMap { line in line.alert(rule: rule).map { (line.indicator, $0) } })
        }
        .sorted { ($0.alerts.isEmpty ? 1 : 0, $0.name) < ($1.alerts.isEmpty ? 1 : 0, $1.name) }
        return monitoringPage(await request.pageContext("Monitoring"), rows: rows, rule: rule)
    }

    @Sendable static func provider(_ request: Request) async throws -> HTML {
        let (user, provider) = try await visibleProvider(request)
        try await request.audit(.view, "indicators", provider.code)
        return try await providerPage(request, user: user, provider: provider, form: ReturnFormState(code: provider.code))
    }

    /// A quarterly return sent through the form: both files read and checked whole, then the
    /// figures recorded in one transaction; any problem sends the form back with nothing kept.
    @Sendable static func submitReturn(_ request: Request) async throws -> Response {
        let (user, provider) = try await visibleProvider(request)
        guard Policy.canSubmitReturn(for: provider.id!, user: user) else {
            throw Abort(.forbidden, reason: "Only the provider's own staff or a lead inspector can send its quarterly return.")
        }
        guard let type = request.headers.contentType, type.type == "multipart", type.subType == "form-data" else {
            throw Abort(.unsupportedMediaType, reason: "Send the return as a form upload (multipart/form-data).")
        }
        let form: ReturnUpload
        do { form = try request.content.decode(ReturnUpload.self) } catch {
            throw Abort(.badRequest, reason: "The return was cut short or is not a valid form upload. Try again.")
        }
        let periodText = (form.period ?? "").trimmingCharacters(in: .whitespaces)
        let today = ProviderData.today
        var errors: [FieldError] = []
        let period = Quarter(parsing: periodText)
        if let period {
            if let problem = QuarterlyReturn.periodProblem(period, today: today) { errors.append(FieldError(field: "period", message: problem)) }
        } else {
            errors.append(
                FieldError(
                    field: "period",
                    message: periodText.isEmpty ? "Enter the quarter, for example 2024-Q4" : "Write the quarter as YYYY-Qn, for example 2024-Q4"))
        }
        let caseload = form.caseload.flatMap(ReturnUpload.bytes)
        if caseload == nil { errors.append(FieldError(field: "caseload", message: "Choose the caseload CSV file")) }
        if let period, let caseload, errors.isEmpty {
            do {
                var workforce = form.workforce.flatMap(ReturnUpload.bytes)
                // Each problem is linked to its file's input by the file's name, so two files of one name are told apart.
                if workforce?.file == caseload.file { workforce?.file = "workforce-" + caseload.file }
                let read = try QuarterlyReturn.read(
                    period: period, caseload: caseload, workforce: workforce, today: today,
                    declared: request.application.frameworks.indicators(for: provider.type).filter { $0.counting != nil })
                try await DataReturns.submit(provider: provider.id!, period: period, read: read, by: request.auditor(as: user), on: request.db)
                request.flash(
                    "Recorded \(provider.name)'s return for \(period.title): \(read.caseloadRows) cases\(read.workforceRows.map { " and \($0) workforce rows" } ?? "")."
                )
                return request.redirect(to: SiteURL.monitoringProvider(provider.code).path, redirectType: .normal)
            } catch let problems as InputProblems {
                errors += ReturnUpload.errors(problems, caseload: caseload.file)
            }
        }
        let page = try await providerPage(
            request, user: user, provider: provider, form: ReturnFormState(code: provider.code, period: String(periodText.prefix(20))), errors: errors)
        return .page(page, status: .unprocessableEntity)
    }

    /// The provider named in the path, when this user may see its monitoring figures.
    private static func visibleProvider(_ request: Request) async throws -> (UserModel, ProviderModel) {
        let user = try request.requireUser()
        guard let provider = try await ProviderModel.find(code: request.parameters.get("code") ?? "", on: request.db) else {
            throw Abort(.notFound, reason: "There is no provider with that code.")
        }
        guard Policy.canSeeMonitoring(of: provider.id!, user: user) else {
            throw Abort(.forbidden, reason: "Only the inspectorate and the provider's own staff can see its monitoring figures.")
        }
        return (user, provider)
    }

    private static func providerPage(
        _ request: Request, user: UserModel, provider: ProviderModel, form: ReturnFormState, errors: [FieldError] = []
    ) async throws -> HTML {
        let series = try await DataReturns.series(of: provider, frameworks: request.application.frameworks, on: request.db)
        return monitoringProviderPage(
            await request.pageContext(provider.name, breadcrumbs: [("Monitoring", .monitoring)], errors: errors), name: provider.name, series: series,
            rule: request.application.configuration.changeRule, returnForm: Policy.canSubmitReturn(for: provider.id!, user: user) ? form : nil)
    }
}

/// The return form's fields as sent.
struct ReturnUpload: Content {
    var period: String?
    var caseload: File?
    var workforce: File?

    /// A chosen file's bytes and its own name; nil for a file input left empty, which browsers
    /// send as a part with no name and no bytes.
    static func bytes(_ file: File) -> (bytes: [UInt8], file: String)? {
        guard file.data.readableBytes > 0 else { return nil }
        return (Array(file.data.readableBytesView), UploadReceiver.ownName(file.filename))
    }

    /// The files' problems as the form's errors, each linked to its file's input; the first
    /// twenty, then how many more.
    static func errors(_ problems: InputProblems, caseload: String) -> [FieldError] {
        let shown = problems.problems.prefix(20).map { problem in
            FieldError(field: problem.file == caseload ? "caseload" : "workforce", message: problem.description)
        }
        let more = problems.problems.count - shown.count
        return shown + (more > 0 ? [FieldError(field: "caseload", message: "\(more) more problems not listed; fix these first")] : [])
    }
}
