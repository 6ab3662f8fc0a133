import Fluent
import Foundation
import InspectionKit
import InspectorateViews
import Vapor

/// The inspection report, the national ratings table and the annual report, with their
/// downloads. Public material is built from published inspections only.
enum ReportsController {
    /// The public explanation of the bands, each framework's thresholds, the interval and "could be".
    @Sendable static func howWeRate(_ request: Request) async throws -> HTML {
        let rated = request.application.frameworks.frameworks.filter { !$0.inspects.contains("thematic") }.sorted { $0.id.rawValue < $1.id.rawValue }
        return howWeRatePage(await request.pageContext("How we rate"), frameworks: rated)
    }

    // MARK: - Inspection report

    @Sendable static func report(_ request: Request) async throws -> HTML {
        let context = try await InspectionContext.load(request)
        try context.requireView(request)
        let report = try await ReportData.report(context, surveys: request.application.surveys, on: request.db)
        let user = request.user
        let staff = user.map { $0.role.isStaff } ?? false
        let canLead = user.map { Policy.canLead(context.access, role: $0.role, userID: $0.id!) } ?? false
        let canEdit = canLead && context.state != .published
        if context.canSeeWorkingData(request) { try await request.audit(.view, "report", context.id.uuidString, inspection: context.id) }
        return inspectionReportPage(
            await request.pageContext("Report: \(context.title)", breadcrumbs: context.canSeeWorkingData(request) ? context.breadcrumbs : []),
            inspection: context.id, report: report, keyFindings: context.model.keyFindings,
            published: context.state == .published, canEdit: canEdit, staff: staff)
    }

    /// The report as the public reads it, printed to PDF on the server: a cover page, then the
    /// report as the browser's Print lays it out.
    @Sendable static func reportPDF(_ request: Request) async throws -> Response {
        let context = try await InspectionContext.load(request)
        try context.requireView(request)
        let report = try await ReportData.report(context, surveys: request.application.surveys, on: request.db)
        if context.canSeeWorkingData(request) { try await request.audit(.view, "report", context.id.uuidString, inspection: context.id) }
        var page = PageContext(title: "Report: \(context.title)", user: nil, csrf: "", demo: await request.application.isDemo(on: request.db))
        page.standalone = true
        let html = inspectionReportPage(
            page, inspection: context.id, report: report, keyFindings: context.model.keyFindings,
            published: context.state == .published, canEdit: false, staff: false)
        let pdf: Data
        do {
            pdf = try await request.application.pdfPrinter.pdf(of: html.rendered)
        } catch let failure as PDFPrinter.Failure {
            request.logger.warning("report PDF not made: \(LogText.escaped(failure.description))")
            throw Abort(.serviceUnavailable, reason: failure.description)
        }
        var headers = HTTPHeaders()
        headers.contentType = .init(type: "application", subType: "pdf")
        headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"\(context.provider.code)-\(yearSlug(context.model.yearLabel))-report.pdf\"")
        return Response(status: .ok, headers: headers, body: .init(data: pdf))
    }

    @Sendable static func reportTable(_ request: Request) async throws -> Response {
        let context = try await InspectionContext.load(request)
        try context.requireView(request)
        let (id, format) = try tableRequest(request)
        let report = try await ReportData.report(context, surveys: request.application.surveys, on: request.db)
        guard let table = report.tables.first(where: { $0.id == id }) else { throw Abort(.notFound, reason: "This report has no table \(id).") }
        if context.canSeeWorkingData(request), context.state != .published {
            try await request.audit(.export, "report-table", table.id, inspection: context.id, detail: format)
        }
        return download(table, format: format, name: "\(context.provider.code)-\(yearSlug(context.model.yearLabel))-\(table.id)")
    }

    @Sendable static func editForm(_ request: Request) async throws -> HTML {
        let context = try await InspectionContext.load(request)
        _ = try context.requireLead(request)
        try context.requireEditable()
        return reportEditPage(
            await request.pageContext("Key findings", breadcrumbs: context.breadcrumbs), inspection: context.id, title: context.title,
            keyFindings: context.model.keyFindings)
    }

    @Sendable static func saveEdit(_ request: Request) async throws -> Response {
        let context = try await InspectionContext.load(request)
        _ = try context.requireLead(request)
        try context.requireEditable()
        let fields = try request.formFields()
        let findings = (fields["keyFindings"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard findings.count <= 10_000 else {
            let errors = [FieldError(field: "keyFindings", message: "Key findings must be 10,000 characters or fewer")]
            let page = reportEditPage(
                await request.pageContext("Key findings", breadcrumbs: context.breadcrumbs, errors: errors), inspection: context.id,
                title: context.title, keyFindings: fields["keyFindings"] ?? "")
            return .page(page, status: .unprocessableEntity)
        }
        context.model.keyFindings = findings
        try await context.model.save(on: request.db)
        try await request.audit(.update, "report-text", context.id.uuidString, inspection: context.id)
        request.flash("Key findings saved.")
        return request.redirect(to: SiteURL.report(context.id).path, redirectType: .normal)
    }

    // MARK: - National ratings

    static func nationalFilter(_ request: Request) throws -> NationalRatings.Filter {
        var filter = NationalRatings.Filter()
        if let type = request.query[String.self, at: "type"], !type.isEmpty {
            guard let value = ProviderType(rawValue: type) else { throw Abort(.badRequest, reason: "Unknown provider type \(type).") }
            filter.type = value
        }
        if let region = request.query[String.self, at: "region"], !region.isEmpty { filter.region = region }
        if let year = request.query[String.self, at: "year"], !year.isEmpty { filter.year = year.replacingOccurrences(of: "-", with: "/") }
        if let framework = request.query[String.self, at: "framework"], !framework.isEmpty {
            guard request.application.frameworks[FrameworkID(framework)] != nil else { throw Abort(.badRequest, reason: "Unknown framework \(framework).") }
            filter.framework = FrameworkID(framework)
        }
        return filter
    }

    @Sendable static func nationalRatings(_ request: Request) async throws -> HTML {
        let ratings = NationalRatings(published: try await ReportData.published(request), filter: try nationalFilter(request))
        return nationalRatingsPage(await request.pageContext("National ratings"), ratings: ratings)
    }

    @Sendable static func nationalRatingsTable(_ request: Request) async throws -> Response {
        let ratings = NationalRatings(published: try await ReportData.published(request), filter: try nationalFilter(request))
        let (id, format) = try tableRequest(request)
        guard let table = ratings.tables.first(where: { $0.id == id }) else { throw Abort(.notFound, reason: "There is no ratings table \(id).") }
        return download(table, format: format, name: "ratings-\(table.id)-\(yearSlug(ratings.year ?? "all"))")
    }

    @Sendable static func allRatingsCSV(_ request: Request) async throws -> Response {
        download(NationalRatings.allRatingsTable(try await ReportData.published(request)), format: "csv", name: "ratings")
    }

    @Sendable static func allRatingsJSON(_ request: Request) async throws -> Response {
        json(PublishedJSON.ratings(try await ReportData.published(request)))
    }

    // MARK: - Annual report

    @Sendable static func annualReports(_ request: Request) async throws -> HTML {
        annualReportsPage(await request.pageContext("Annual reports"), years: AnnualReport.years(try await ReportData.published(request)))
    }

    static func annual(_ request: Request) async throws -> AnnualReport {
        let (year, _, published) = try await publishedYear(request)
        return AnnualReport(year: year, published: published)
    }

    /// The year asked for ("2019/20"), if anything of it is published, with the published list
    /// and the inspections it was made from.
    static func publishedYear(_ request: Request) async throws -> (year: String, keys: Set<PublishedReportCache.Key>, published: [InspectionReport]) {
        let slug = request.parameters.get("year") ?? ""
        let (keys, published) = try await ReportData.publishedList(request)
        let year = slug.replacingOccurrences(of: "-", with: "/")
        guard AnnualReport.years(published).contains(year) else { throw Abort(.notFound, reason: "Nothing has been published for the year \(slug).") }
        return (year, keys, published)
    }

    @Sendable static func annualReport(_ request: Request) async throws -> HTML {
        let (year, keys, published) = try await publishedYear(request)
        let content = await request.application.publishedReports.annualContent(year: year, keys: keys) {
            annualReportContent(AnnualReport(year: year, published: published))
        }
        return layout(await request.pageContext("Annual report \(year)"), content)
    }

    /// One region's PDUs side by side, with the region's own inspection of the year if published.
    @Sendable static func annualRegion(_ request: Request) async throws -> HTML {
        let report = try await annual(request)
        let code = request.parameters.get("region") ?? ""
        guard let region = report.regions.first(where: { $0.code == code }) else {
            throw Abort(.notFound, reason: "No PDU of that region was inspected in \(report.year).")
        }
        let regional = report.current.first { $0.summary.providerCode == code }
        return annualRegionPage(
            await request.pageContext(
                "\(region.name) \(report.year)", breadcrumbs: [("Annual reports", .annualReports), (report.year, .annualReport(yearSlug(report.year)))]),
            report: report, region: region, regional: regional)
    }

    @Sendable static func annualTable(_ request: Request) async throws -> Response {
        let report = try await annual(request)
        let (id, format) = try tableRequest(request)
        guard let table = report.tables.first(where: { $0.id == id }) else { throw Abort(.notFound, reason: "The annual report has no table \(id).") }
        return download(table, format: format, name: "annual-\(yearSlug(report.year))-\(table.id)")
    }

    // MARK: - Downloads

    /// `ratings.csv` → ("ratings", "csv"); anything but .csv or .json is not found.
    static func tableRequest(_ request: Request) throws -> (id: String, format: String) {
        let name = request.parameters.get("table") ?? ""
        for format in ["csv", "json"] where name.hasSuffix(".\(format)") {
            return (String(name.dropLast(format.count + 1)), format)
        }
        throw Abort(.notFound, reason: "Tables download as .csv or .json.")
    }

    static func download(_ table: DataTable, format: String, name: String) -> Response {
        if format == "json" { return json(table.jsonObject) }
        let response = Response(status: .ok, body: .init(string: table.csv()))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name).csv\"")
        return response
    }

    static func json(_ object: Any, status: HTTPResponseStatus = .ok) -> Response {
        let response = Response(status: status, body: .init(data: DataTable.json(object)))
        response.headers.contentType = .json
        return response
    }
}
