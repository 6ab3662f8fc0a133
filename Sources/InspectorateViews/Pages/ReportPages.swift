import Foundation
import InspectionKit

/// Text the lead inspector writes: paragraphs (key findings) or a numbered list (recommendations),
/// one item per line.
func paragraphs(_ text: String) -> [String] {
    text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
}

/// A chart, then the same figures as a table with its downloads.
/// `level` keeps headings in order: 3 under a section's h2, 2 where the figure is a section itself.
func figure(_ chart: HTML, _ table: DataTable, links: Components.TableLinks, level: Int = 3) -> HTML {
    "<section class=\"report-figure\" aria-labelledby=\"table-\(table.id)-heading\"><h\(level) class=\"heading-\(level == 2 ? "m" : "s")\" id=\"table-\(table.id)-heading\">\(table.title)</h\(level)>\(chart)\(Components.dataTable(table, links: links))</section>"
}

/// A contents list of a long page's sections, each an anchor on the page.
func contents(_ items: [(id: String, title: String)]) -> HTML {
    """
    <nav class="contents" aria-labelledby="contents-heading"><h2 class="heading-s" id="contents-heading">Contents</h2>
    <ol>\(items.map { HTML("<li><a href=\"#\($0.id)\">\($0.title)</a></li>") })</ol></nav>
    """
}

/// One inspection's report: ratings with their intervals, key findings and recommendations, and
/// the case-level figures. The same page serves the public (once published) and staff, who can
/// follow each percentage to its cases.
public func inspectionReportPage(
    _ context: PageContext, inspection: UUID, report: InspectionReport, keyFindings: String, published: Bool, canEdit: Bool, staff: Bool
) -> HTML {
    let summary = report.summary
    let casesLink: @Sendable (CaseFilter) -> String = { filter in SiteURL.cases(inspection).path + "?" + Components.query(filter) }
    func links(_ table: DataTable) -> Components.TableLinks {
        Components.TableLinks(
            csv: SiteURL.reportTable(inspection, "\(table.id).csv").path, json: SiteURL.reportTable(inspection, "\(table.id).json").path,
            cases: staff ? casesLink : nil)
    }
    let status: HTML =
        published
        ? "<p>Published \(summary.publishedAt.map(NationalRatings.day) ?? "").</p>"
        : Components.warning("Not published. Only the inspectorate and \(summary.providerName) can see this draft.")
    let findings = paragraphs(keyFindings)
    let edit: HTML =
        canEdit
        ? "<p><a href=\"\(SiteURL.reportEdit(inspection))\">Edit the key findings</a> · <a href=\"\(SiteURL.recommendations(inspection))\">Edit the recommendations</a></p>"
        : ""
    let overall = report.rating.overall
    let overallCaution: HTML = overall.certainty?.explanation(of: "the overall rating").map { Components.inset("\($0) \(Components.howWeRateLink)") } ?? ""
    let safetyGroups = report.figures.safetyQuestions.map { question in
        (
            heading: Optional("\(question.id) \(question.text)"),
            bars: report.figures.roshLevelsPresent.map { Charts.PercentBar(label: "\($0.title) RoSH", value: report.figures.safetyByRosh[question.id]?[$0]) }
        )
    }
    let checkBars = CheckKind.allCases.map { Charts.PercentBar(label: $0.title, value: report.figures.checks[$0]) }
    let workloadBars = OfficerGrade.allCases.map { Charts.PercentBar(label: "\($0.title)s", value: report.figures.unmanageableWorkload[$0]) }
    let findingsHTML: HTML = findings.isEmpty ? "<p class=\"muted\">No key findings written yet.</p>" : "\(findings.map { HTML("<p>\($0)</p>") })"
    let recommendationsHTML: HTML =
        report.recommendations.isEmpty
        ? "<p class=\"muted\">No recommendations written yet.</p>"
        : """
        <ol class="list list--number">\(report.recommendations.map { HTML("<li>\($0.text) <span class=\"hint\">For \($0.addresseeName(provider: summary.providerName)).</span></li>") })</ol>
        """
    let followUp = report.followUp
    let followUpSection: HTML =
        followUp.isEmpty
        ? ""
        : """
        <h2 class="heading-m" id="follow-up">Progress on previous recommendations</h2>
        <p>We judged each recommendation of the previous inspection. \(followUp.count(.met)) met, \(followUp.count(.partlyMet)) partly met, \
        \(followUp.count(.notMet)) not met\(followUp.count(.noLongerApplicable) > 0 ? HTML(", \(followUp.count(.noLongerApplicable)) no longer applicable") : ""): \
        progress on \(followUp.progress.description) of those still applicable.</p>
        \(Components.dataTable(followUp.table, links: links(followUp.table)))
        """
    let safetyChart = Charts.percentBars(
        id: "chart-risk-of-harm", title: report.riskOfHarmTable.title,
        description: "Bars show the percentage of cases judged sufficient at each RoSH level, with lines for the interval. The table below gives the figures.",
        groups: safetyGroups)
    let checksChart = Charts.percentBars(
        id: "chart-checks", title: report.checksTable.title,
        description: "Bars show the percentage of cases where each check was done where needed, with lines for the interval.",
        groups: [(heading: nil, bars: checkBars)])
    let workloadChart = Charts.percentBars(
        id: "chart-workload", title: "Officers saying their workload is not manageable",
        description: "Bars show the percentage of officers of each grade who said their workload was not manageable.",
        groups: [(heading: nil, bars: workloadBars)])
    let staffingSection: HTML =
        report.staffing.isEmpty
        ? ""
        : """
        <h2 class="heading-m" id="staffing">Staffing</h2>
        \(figure(Charts.percentBars(
            id: "chart-staffing", title: "Vacancy rate by grade",
            description: "Bars show each grade's vacant posts as a percentage of its established posts, with lines for the interval. The table below gives the figures.",
            groups: [(heading: nil, bars: report.staffing.grades.map { Charts.PercentBar(label: $0.grade?.name ?? "All grades", value: $0.vacancyRate) })]),
            report.staffingTable, links: links(report.staffingTable)))
        """
    let deliverySection: HTML =
        report.delivery.map { delivery -> HTML in
            let table = InspectionReport.deliveryTable(delivery)
            let bars = InspectionReport.deliveryLines(delivery).map { Charts.PercentBar(label: $0.figure, value: $0.share) }
            return """
                <h2 class="heading-m" id="delivery">Delivery of sentences</h2>
                <p>These figures describe the whole eligible caseload the provider sent, not only the sampled cases, as at \(delivery.asAt.words).</p>
                \(figure(Charts.percentBars(
                id: "chart-delivery", title: "Delivery of sentences",
                description: "Bars show each delivery figure as a percentage of the cases it is counted over, with lines for the interval. The table below gives the figures.",
                groups: [(heading: nil, bars: bars)]), table, links: links(table)))
                """
        } ?? ""
    let needsSection: HTML =
        report.figures.needs.isEmpty
        ? ""
        : """
        <h2 class="heading-m" id="needs">Needs identified and met</h2>
        \(figure(Charts.percentBars(
            id: "chart-needs", title: report.needsTable.title,
            description: "For each need, of the sampled cases that had it, bars for the percentage the provider identified and the percentage met, with lines for the interval.",
            groups: report.figures.needs.map { line in
                (heading: line.need.title, bars: [Charts.PercentBar(label: "Identified", value: line.identified), Charts.PercentBar(label: "Met", value: line.met)])
            }), report.needsTable, links: links(report.needsTable)))
        """
    let surveyFigures = zip(report.surveys, report.surveyTables).map { survey, table in
        figure(
            Charts.percentBars(
                id: "chart-\(table.id)", title: table.title,
                description:
                    "Bars show, for each question, the percentage of those who answered whose answer was favourable, with lines for the interval. The table below gives the figures and how many answered.",
                groups: [(heading: nil, bars: survey.questions.map { Charts.PercentBar(label: $0.question.figure, value: $0.favourable) })]),
            table, links: links(table))
    }
    let surveysSection: HTML =
        report.surveys.isEmpty
        ? ""
        : """
        <h2 class="heading-m" id="surveys">What staff and people on probation told us</h2>
        <p>From the inspection's surveys: each respondent answered once. Each share is of those who answered the question, with its interval; \
        a question fewer than \(SurveyFigures.minimumAnswers) answered has no share shown. What respondents wrote in their own words is never published.</p>
        \(surveyFigures)
        """
    let equalitySection: HTML =
        report.equalityTables.isEmpty
        ? ""
        : """
        <h2 class="heading-m" id="equality">Judgements by ethnicity, gender and age</h2>
        <p>The key questions' figures for each group the caseload records, beside all cases, so that differences in how people are supervised can be seen. \
        Groups in a sample of this size are small, so read each interval before reading a difference. A figure from fewer than 5 cases, \
        or one from which such a figure could be worked out, is suppressed so that no one can be identified.</p>
        \(report.equalityTables.map { Components.dataTable($0, links: links($0)) })
        """
    let pooledStandards = report.rating.standards.filter { $0.standard.kind == .pooled }
    let pooledNote: HTML =
        pooledStandards.isEmpty
        ? ""
        : """
        <h3 class="heading-s" id="pooled">Rated from its PDUs' inspections</h3>
        <p>\(pooledStandards.map { "\($0.id) \($0.standard.title)" }.joined(separator: ", ")) \(pooledStandards.count == 1 ? "is" : "are") rated from the case \
        judgements of \(summary.pooledFrom.count) PDU \(summary.pooledFrom.count == 1 ? "inspection" : "inspections") of \(summary.year), added up key question by key question; \
        each interval is that of the sum. The other case standards are rated from cases sampled at the regional fieldwork.</p>
        \(summary.pooledFrom.isEmpty ? HTML("<p class=\"muted\">No PDU inspection of this region and year has confirmed ratings yet.</p>") : HTML("<ul class=\"list\">\(summary.pooledFrom.map { source in HTML("<li><a href=\"\(UUID(uuidString: source.id).map { SiteURL.report($0).path } ?? "")\">\(source.providerName) \(source.year)</a></li>") })</ul>"))
        """
    let ratingsSection: HTML = """
        <h2 class="heading-m" id="ratings">Ratings</h2>
        \(Components.dataTable(report.ratingsTable, links: links(report.ratingsTable)))
        \(pooledNote)
        \(Components.dataTable(report.keyQuestionsTable, links: links(report.keyQuestionsTable)))
        """
    let figuresSection: HTML = """
        <h2 class="heading-m" id="risk-of-harm">Keeping other people safe</h2>
        \(figure(safetyChart, report.riskOfHarmTable, links: links(report.riskOfHarmTable)))
        <h2 class="heading-m" id="checks">Checks and home visits</h2>
        \(figure(checksChart, report.checksTable, links: links(report.checksTable)))
        <h2 class="heading-m" id="workload">Workload</h2>
        \(figure(workloadChart, report.workloadTable, links: links(report.workloadTable)))
        \(needsSection)
        \(staffingSection)
        \(deliverySection)
        \(surveysSection)
        \(equalitySection)
        """
    return layout(
        context,
        """
        <article class="report">
        \(printCover(summary, overall: overall.rating.map(\.title) ?? overall.explanation, published: published))
        <span class="caption">\(summary.providerType.title) · \(summary.region) · \(summary.year)</span>
        <h1 class="heading-l">An inspection of \(summary.providerName)</h1>
        \(status)
        <p class="downloads report-actions"><a href="\(SiteURL.reportPDF(inspection))" download>Download this report as a PDF</a>\
        <button type="button" class="button button--secondary" data-print hidden>Print this report</button></p>
        <p>Inspected under \(summary.frameworkTitle) (framework <code>\(summary.frameworkID.rawValue)</code>), on \(report.figures.caseCount) sampled cases. \
        Every percentage is of applicable cases, with its \(report.rating.confidence.description) interval and the number of cases behind it.</p>
        \(contents([
            ("overall-rating", "Overall rating"), ("key-findings", "Key findings"), ("recommendations", "Recommendations"),
        ] + (followUp.isEmpty ? [] : [("follow-up", "Progress on previous recommendations")]) + [("ratings", "Ratings"),
            ("risk-of-harm", "Keeping other people safe"), ("checks", "Checks and home visits"), ("workload", "Workload"),
        ] + (report.figures.needs.isEmpty ? [] : [("needs", "Needs identified and met")]) + (report.staffing.isEmpty ? [] : [("staffing", "Staffing")]) + (report.delivery == nil ? [] : [("delivery", "Delivery of sentences")]) + (report.surveys.isEmpty ? [] : [("surveys", "What staff and people on probation told us")]) + (report.equalityTables.isEmpty ? [] : [("equality", "Judgements by ethnicity, gender and age")])))
        <h2 class="heading-m" id="overall-rating">Overall rating: \(Components.ratingTag(overall.rating, linked: true))</h2>
        <p>\(overall.explanation)</p>\(overallCaution)
        \(edit)
        <h2 class="heading-m" id="key-findings">Key findings</h2>
        \(findingsHTML)
        <h2 class="heading-m" id="recommendations">Recommendations</h2>
        \(recommendationsHTML)
        \(followUpSection)
        \(ratingsSection)
        \(figuresSection)
        </article>
        """)
}

/// The first page of a printed report (and of its PDF), shown only in print: who was inspected,
/// when, the overall rating and the framework version it was judged against.
func printCover(_ summary: ReportSummary, overall: String, published: Bool) -> HTML {
    """
    <div class="print-cover"><p class="print-cover__service">Inspectorate · Inspection report</p>\
    <p class="print-cover__title">An inspection of \(summary.providerName)</p>\
    <dl class="print-cover__facts">\
    <dt>Provider</dt><dd>\(summary.providerName) (\(summary.providerType.title), \(summary.region))</dd>\
    <dt>Inspection year</dt><dd>\(summary.year)</dd>\
    <dt>Overall rating</dt><dd>\(overall)</dd>\
    <dt>Framework</dt><dd>\(summary.frameworkTitle), version \(summary.frameworkID.rawValue)</dd>\
    <dt>Published</dt><dd>\(published ? summary.publishedAt.map(NationalRatings.day) ?? "Yes" : "Not published: a draft")</dd></dl></div>
    """
}

/// The lead inspector's form for the report's words.
public func reportEditPage(_ context: PageContext, inspection: UUID, title: String, keyFindings: String) -> HTML {
    let error = { (field: String) in context.errors.first { $0.field == field }?.message }
    return layout(
        context,
        """
        <span class="caption">\(title)</span><h1 class="heading-l">Key findings</h1>
        <p>The recommendations are items of their own, each for someone to act on: <a href="\(SiteURL.recommendations(inspection))">edit the recommendations</a>.</p>
        \(Components.form(action: .reportEdit(inspection), csrf: context.csrf, """
        \(Components.textarea(name: "keyFindings", label: "Key findings", value: keyFindings, hint: "One paragraph per line. Published with the report.", error: error("keyFindings"), rows: 10))
        \(Components.button("Save"))
        """))
        <p><a href="\(SiteURL.report(inspection))">Back to the report</a></p>
        """)
}

/// "20 of 21 CRCs rated Requires improvement": a sentence per provider type.
func ratingSentences(_ table: DataTable) -> [String] {
    // Read by column key, not position: the table has grown columns after its total before.
    func count(_ row: [DataTable.Cell], _ key: String) -> Int {
        guard let index = table.columns.firstIndex(where: { $0.key == key }), case .count(let count) = row[index] else { return 0 }
        return count
    }
    return table.rows.compactMap { row -> String? in
        guard case .text(let type) = row.first else { return nil }
        let total = count(row, "total")
        guard total > 0 else { return nil }
        var parts = Rating.allCases.compactMap { rating in count(row, rating.slug) > 0 ? "\(count(row, rating.slug)) \(rating.title)" : nil }
        if count(row, "no-overall") > 0 { parts.append("\(count(row, "no-overall")) with no overall rating") }
        return "\(total) \(type)\(total == 1 ? "" : "s"): \(parts.joined(separator: ", "))."
    }
}

/// The public national ratings table, with filters that work without JavaScript.
public func nationalRatingsPage(_ context: PageContext, ratings: NationalRatings) -> HTML {
    let query = [
        ratings.filter.type.map { "type=\($0.rawValue)" },
        ratings.filter.region.map { "region=\($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")" },
        ratings.year.map { "year=\($0)" },
        ratings.filter.framework.map { "framework=\($0)" },
    ].compactMap { $0 }.joined(separator: "&")
    func links(_ table: DataTable) -> Components.TableLinks {
        Components.TableLinks(
            csv: SiteURL.nationalRatingsTable("\(table.id).csv").path + (query.isEmpty ? "" : "?" + query),
            json: SiteURL.nationalRatingsTable("\(table.id).json").path + (query.isEmpty ? "" : "?" + query),
            inspection: { UUID(uuidString: $0).map { SiteURL.report($0).path } })
    }
    func options(_ values: [(String, String)], selected: String?) -> HTML {
        "\(values.map { HTML("<option value=\"\($0.0)\"\(flag("selected", $0.0 == (selected ?? "")))>\($0.1)</option>") })"
    }
    let summary = ratings.changeSummary
    let changeSentence: HTML =
        ratings.previousYear == nil
        ? ""
        : "<p>Against \(ratings.previousYear ?? ""): \(summary["improved"] ?? 0) improved, \(summary["declined"] ?? 0) declined, \(summary["same"] ?? 0) stayed the same.</p>"
    return layout(
        context,
        """
        <h1 class="heading-l">National ratings</h1>
        <p>Every provider's latest published ratings. Each links to its inspection report, where every rating shows its figures and how sure it is.</p>
        <form method="get" action="\(SiteURL.nationalRatings)" class="filters" aria-label="Filter the ratings">
        <div class="form-group"><label class="label" for="type">Provider type</label><select class="select" id="type" name="type">\(options([("", "All types")] + ratings.types.map { ($0.rawValue, $0.title) }, selected: ratings.filter.type?.rawValue))</select></div>
        <div class="form-group"><label class="label" for="region">Region</label><select class="select" id="region" name="region">\(options([("", "All regions")] + ratings.regions.map { ($0, $0) }, selected: ratings.filter.region))</select></div>
        <div class="form-group"><label class="label" for="framework">Framework</label><select class="select" id="framework" name="framework">\(options([("", "All frameworks")] + ratings.frameworks.map { ($0.id.rawValue, $0.title) }, selected: ratings.filter.framework?.rawValue))</select></div>
        <div class="form-group"><label class="label" for="year">Inspection year</label><select class="select" id="year" name="year">\(options(ratings.years.reversed().map { ($0, $0) }, selected: ratings.year))</select></div>
        <button type="submit" class="button button--secondary">Apply filters</button>
        </form>
        <p>\(ratings.latest.count) \(ratings.latest.count == 1 ? "provider" : "providers") shown. \(ratingSentenceText(ratings))</p>
        \(changeSentence)
        \(Components.dataTable(ratings.ratingsTable, links: links(ratings.ratingsTable)))
        <h2 class="heading-m">Ratings by standard, framework by framework</h2>
        <p>Each framework's standards under its own title. Where a rating's interval reaches another band, the bands it could be in are named.</p>
        \(ratings.frameworkTables.map { Components.dataTable($0, links: links($0)) })
        <h2 class="heading-m">Inspection reports</h2>
        <ul class="list list--columns">\(ratings.latest.map { report in HTML("<li><a href=\"\(SiteURL.report(UUID(uuidString: report.summary.id) ?? UUID()))\">\(report.summary.providerName) \(report.summary.year)</a></li>") })</ul>
        \(Components.dataTable(ratings.changeTable, links: links(ratings.changeTable)))
        <h2 class="heading-m">Open data</h2>
        <p>Every published rating of every inspection, one row per standard: <a href="\(SiteURL.nationalRatingsCSV)" download>ratings.csv</a> · <a href="\(SiteURL.nationalRatingsJSON)">ratings.json</a>. \
        The same data is in the <a href="\(SiteURL.openAPI)">JSON API</a>. Annual reports: <a href="\(SiteURL.annualReports)">by inspection year</a>.</p>
        """)
}

func ratingSentenceText(_ ratings: NationalRatings) -> String {
    var byType: [ProviderType: [Rating: Int]] = [:]
    for report in ratings.latest {
        if let rating = report.rating.overall.rating { byType[report.summary.providerType, default: [:]][rating, default: 0] += 1 }
    }
    return ratings.types.compactMap { type -> String? in
        guard let counts = byType[type] else { return nil }
        let total = counts.values.reduce(0, +)
        return Rating.allCases.compactMap { rating in
            counts[rating].map { "\($0) of \(total) \(type.shortTitle)s rated \(rating.title)" }
        }.joined(separator: "; ") + "."
    }.joined(separator: " ")
}

/// The list of annual reports.
public func annualReportsPage(_ context: PageContext, years: [String]) -> HTML {
    layout(
        context,
        """
        <h1 class="heading-l">Annual reports</h1>
        <p>Figures across every published inspection of a year, with the year before for comparison.</p>
        \(years.isEmpty ? HTML("<p>Nothing has been published yet.</p>") : HTML("<ul class=\"list list--actions\">\(years.reversed().map { HTML("<li><a href=\"\(SiteURL.annualReport(yearSlug($0)))\">\($0)</a></li>") })</ul>"))
        <h2 class="heading-m">Serious further offence reviews</h2>
        <p>Each year the inspectorate quality-assures a sample of the probation service's own reviews of serious further offences, \
        and publishes what it found: <a href="\(SiteURL.sfoSummaries)">the annual summaries of serious further offence reviews</a>.</p>
        """)
}

/// "2019/20" → "2019-20", for URLs.
public func yearSlug(_ year: String) -> String { year.replacingOccurrences(of: "/", with: "-") }

/// One region in an annual report: its own inspection, if published, then its PDUs side by side.
public func annualRegionPage(_ context: PageContext, report: AnnualReport, region: (code: String, name: String), regional: InspectionReport?) -> HTML {
    let slug = yearSlug(report.year)
    func links(_ table: DataTable) -> Components.TableLinks {
        Components.TableLinks(
            csv: SiteURL.annualTable(slug, "\(table.id).csv").path, json: SiteURL.annualTable(slug, "\(table.id).json").path,
            inspection: { UUID(uuidString: $0).map { SiteURL.report($0).path } })
    }
    let regionalHTML: HTML =
        regional.map { regional in
            let overall = regional.rating.overall
            return """
                <h2 class="heading-m">The regional inspection</h2>
                <p><a href="\(UUID(uuidString: regional.summary.id).map { SiteURL.report($0).path } ?? "")">\(regional.summary.providerName) \(regional.summary.year)</a>: \
                \(Components.ratingTag(overall.rating, linked: true)) \(overall.certainty?.caution.map { "(\($0))" } ?? ""). \
                Its desistance, public protection, resettlement and court work ratings add up the \(regional.summary.pooledFrom.count) PDU inspections below.</p>
                """
        } ?? "<p>The region's own inspection for \(report.year) is not published.</p>"
    return layout(
        context,
        """
        <span class="caption">Annual report \(report.year)</span><h1 class="heading-l">\(region.name)</h1>
        \(regionalHTML)
        <h2 class="heading-m">Its Probation Delivery Units</h2>
        \(report.regionTables(region.code).map { Components.dataTable($0, links: links($0)) })
        <p><a href="\(SiteURL.annualReport(slug))">Back to the annual report \(report.year)</a></p>
        """)
}

/// The annual report: the seeds' charts, rebuilt from published data. Only the content: it is
/// the same for every reader, so it is rendered once per set of published inspections and put in
/// the `layout` of each request.
public func annualReportContent(_ report: AnnualReport) -> HTML {
    let slug = yearSlug(report.year)
    func links(_ table: DataTable) -> Components.TableLinks {
        Components.TableLinks(csv: SiteURL.annualTable(slug, "\(table.id).csv").path, json: SiteURL.annualTable(slug, "\(table.id).json").path)
    }
    func counts(_ row: [DataTable.Cell], from: Int) -> [(Rating, Int)] {
        Rating.allCases.enumerated().map { index, rating in
            if case .count(let count) = row[from + index] { (rating, count) } else { (rating, 0) }
        }
    }
    func text(_ cell: DataTable.Cell) -> String { if case .text(let text) = cell { text } else { "" } }
    func bar(_ label: String, _ row: [DataTable.Cell], from: Int) -> Charts.StackedBar {
        if case .notInspected = row[from] { return Charts.StackedBar(label: label, counts: [], absence: "not inspected") }
        if case .notComparable = row[from] { return Charts.StackedBar(label: label, counts: [], absence: "not comparable") }
        return Charts.StackedBar(label: label, counts: counts(row, from: from))
    }
    func proportion(_ cell: DataTable.Cell) -> Proportion? { if case .proportion(let value) = cell { value } else { nil } }

    let overall = report.overallRatingsTable
    var sections: [HTML] = [
        figure(
            Charts.ratingBars(
                id: "chart-overall", title: overall.title,
                description: "Stacked bars: for each provider type, how many services were rated Outstanding, Good, Requires improvement and Inadequate.",
                bars: overall.rows.map { bar(text($0[0]), $0, from: 1) }), overall, links: links(overall), level: 2)
    ]
    for framework in report.frameworks {
        let mix = report.standardMixTable(framework.id)
        sections.append(
            figure(
                Charts.ratingBars(
                    id: "chart-mix-\(framework.id)", title: mix.title,
                    description: "For each standard and year, a stacked bar of how many providers inspected under \(framework.title) were given each rating.",
                    bars: mix.rows.map { bar("\(text($0[0])) \(text($0[1])), \(text($0[2]))", $0, from: 3) }), mix,
                links: links(mix), level: 2))
    }
    let safe = report.keepingPeopleSafeTable
    sections.append(
        figure(
            Charts.percentBars(
                id: "chart-safety", title: safe.title,
                description:
                    "For each standard, bars for each provider type and RoSH level showing the percentage of cases judged sufficient on keeping other people safe, with interval lines.",
                groups: safe.rows.map { row in
                    (
                        heading: "\(text(row[0])) \(text(row[1]))",
                        bars: safe.columns.indices.dropFirst(2).map { Charts.PercentBar(label: safe.columns[$0].title, value: proportion(row[$0])) }
                    )
                }), safe, links: links(safe), level: 2))
    let checks = report.checksTable
    sections.append(
        figure(
            Charts.percentBars(
                id: "chart-checks", title: checks.title,
                description: "Two groups of bars, one per provider: domestic abuse checks done where needed, then home visits done where needed.",
                groups: [
                    (
                        heading: "Domestic abuse checks done where needed",
                        bars: checks.rows.map { Charts.PercentBar(label: text($0[0]), value: proportion($0[2])) }
                    ),
                    (heading: "Home visits done where needed", bars: checks.rows.map { Charts.PercentBar(label: text($0[0]), value: proportion($0[3])) }),
                ]), checks, links: links(checks), level: 2))
    let workload = report.workloadTable
    sections.append(
        figure(
            Charts.percentBars(
                id: "chart-workload", title: workload.title,
                description: "Bars for POs and PSOs in each provider type: the percentage who said their workload was unmanageable.",
                groups: [(heading: nil, bars: workload.rows.map { Charts.PercentBar(label: "\(text($0[0])) \(text($0[1]))s", value: proportion($0[2])) })]),
            workload, links: links(workload), level: 2))
    let change = report.riskOfHarmChangeTable
    sections.append(
        figure(
            Charts.changeBars(
                id: "chart-change", title: change.title,
                description: "Bars to the right of the centre line are CRCs whose risk of harm score rose; to the left (hatched), fell.",
                bars: change.rows.map { row in
                    (label: text(row[0]), points: { if case .points(let points) = row[3] { points } else { nil } }())
                }), change, links: links(change), level: 2))
    let needs = report.needsTable
    if !needs.rows.isEmpty {
        sections.append(
            figure(
                Charts.percentBars(
                    id: "chart-needs", title: needs.title,
                    description:
                        "For each provider type, a bar for each need: the percentage of the sampled cases with that need where it was met, with lines for the interval.",
                    groups: Dictionary(grouping: needs.rows) { text($0[0]) }.sorted { $0.key < $1.key }.map { type, rows in
                        (heading: "\(type): needs met", bars: rows.map { Charts.PercentBar(label: text($0[1]), value: proportion($0[3])) })
                    }), needs, links: links(needs), level: 2))
    }
    var staffingTables: [DataTable] = []
    if !report.staffingTables.isEmpty {
        let series = report.staffInPostSeriesTable
        func number(_ cell: DataTable.Cell) -> Double { if case .number(let value) = cell { value ?? 0 } else { 0 } }
        sections.append(
            figure(
                Charts.quantityBars(
                    id: "chart-staff-in-post", title: series.title,
                    description: "For each year and provider type, a bar for each grade: the full-time equivalent staff in post.",
                    unit: "full-time equivalent",
                    groups: Dictionary(grouping: series.rows) { "\(text($0[0])) \(text($0[1]))" }.sorted { $0.key < $1.key }.map { heading, rows in
                        (heading: heading, bars: rows.map { (label: text($0[2]), value: number($0[3])) })
                    }), series, links: links(series), level: 2))
        staffingTables = [report.staffingByTypeTable, report.staffingByRegionTable, report.staffingByProviderTable]
        sections += staffingTables.map { figure("", $0, links: links($0), level: 2) }
    }
    let equalityTables = report.equalityTables
    sections += equalityTables.map { figure("", $0, links: links($0), level: 2) }
    let figureTables =
        [overall] + report.frameworks.map { report.standardMixTable($0.id) } + [safe, checks, workload, change] + (needs.rows.isEmpty ? [] : [needs])
        + (staffingTables.isEmpty ? [] : [report.staffInPostSeriesTable] + staffingTables) + equalityTables
    return """
        <span class="caption">Annual report</span><h1 class="heading-l">Probation inspections \(report.year)</h1>
        <p>From the \(report.current.count) inspections of \(report.year) published so far\(report.previousYear.map { ", compared with \($0)" } ?? ""). \
        Percentages carry their 95% intervals and the number of cases behind them; charts are followed by their figures as tables.</p>
        <ul class="list">\(ratingSentences(overall).map { HTML("<li>\($0)</li>") })</ul>
        \(contents(figureTables.map { ("table-\($0.id)-heading", $0.title) }))
        \(report.regions.isEmpty ? HTML("") : HTML("<h2 class=\"heading-m\">Regions</h2><p>Each region's PDUs side by side:</p><ul class=\"list\">\(report.regions.map { HTML("<li><a href=\"\(SiteURL.annualRegion(slug, $0.code))\">\($0.name)</a></li>") })</ul>"))
        \(sections)
        <p>Download every published rating: <a href="\(SiteURL.nationalRatingsCSV)" download>ratings.csv</a> · <a href="\(SiteURL.nationalRatingsJSON)">ratings.json</a>.</p>
        """
}
