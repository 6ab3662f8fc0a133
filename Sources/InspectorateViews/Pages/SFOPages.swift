import Foundation
import InspectionKit

/// A year of SFO reviews in the index.
public struct SFOYearRow: Sendable {
    public let year: String
    public let notified: Int
    public let sampled: Int
    public let rated: Int

    public init(year: String, notified: Int, sampled: Int, rated: Int) {
        self.year = year
        self.notified = notified
        self.sampled = sampled
        self.rated = rated
    }
}

/// One review in a year's list.
public struct SFOReviewRow: Sendable {
    public let id: UUID
    public let reference: String
    public let provider: String
    public let category: String
    public let notified: String
    public let sampled: Bool
    public let overall: Rating?

    public init(id: UUID, reference: String, provider: String, category: String, notified: String, sampled: Bool, overall: Rating?) {
        self.id = id
        self.reference = reference
        self.provider = provider
        self.category = category
        self.notified = notified
        self.sampled = sampled
        self.overall = overall
    }
}

let offenceOptions = OffenceCategory.allCases.map { Components.Option($0.rawValue, $0.title) }

/// The fields of a review as notified: shared by recording it and correcting it later.
func sfoReviewFields(_ context: PageContext, providers: [Components.Option], values: [String: String]) -> HTML {
    func error(_ field: String) -> String? { context.errors.first { $0.field == field }?.message }
    let yesNo = [Components.Option("yes", "Yes"), Components.Option("no", "No")]
    return """
        \(Components.textInput(name: "reference", label: "Review reference", value: values["reference"], hint: "The pseudonymous reference: letters, digits, hyphens; never a name", error: error("reference"), width: "20"))
        \(Components.select(name: "provider", label: "Probation service", options: [Components.Option("", "Choose the service")] + providers, selected: values["provider"], error: error("provider")))
        \(Components.radios(name: "category", legend: "Offence", options: offenceOptions, selected: values["category"], error: error("category"), legendSize: "s"))
        \(Components.radios(name: "rosh", legend: "Risk of serious harm assessed before the offence", options: RoshLevel.allCases.map { Components.Option($0.rawValue, $0.title) }, selected: values["rosh"], error: error("rosh"), inline: true, legendSize: "s"))
        \(Components.radios(name: "mappa", legend: "MAPPA level before the offence", options: [Components.Option("none", "None"), Components.Option("1", "Level 1"), Components.Option("2", "Level 2"), Components.Option("3", "Level 3")], selected: values["mappa"], error: error("mappa"), inline: true, legendSize: "s"))
        \(Components.textInput(name: "notified", label: "Date notified", value: values["notified"], hint: "yyyy-mm-dd", error: error("notified"), width: "10"))
        \(Components.textInput(name: "submitted", label: "Date the review was submitted (if it has been)", value: values["submitted"], hint: "yyyy-mm-dd; leave empty while awaited", error: error("submitted"), width: "10"))
        \(Components.textInput(name: "central", label: "Date HMPPS's central team finished quality-assuring it (if it has)", value: values["central"], hint: "yyyy-mm-dd; leave empty while awaited", error: error("central"), width: "10"))
        \(Components.radios(name: "agencies", legend: "Were other agencies involved?", options: yesNo, selected: values["agencies"], error: error("agencies"), inline: true, legendSize: "s"))
        \(Components.radios(name: "victim", legend: "Did the victim or their family ask to see the review?", options: yesNo, selected: values["victim"], error: error("victim"), inline: true, legendSize: "s"))
        """
}

/// Correcting a recorded review: the same fields, saved with an audit of what changed.
public func sfoReviewEditPage(_ context: PageContext, id: UUID, reference: String, providers: [Components.Option], values: [String: String]) -> HTML {
    layout(
        context,
        """
        \(Components.backLink(.sfoReview(id), "Back to review \(reference)"))
        <span class="caption">Serious further offence review</span><h1 class="heading-l">Edit review \(reference)</h1>
        <p>Correct the review's details or add its submission date. The change is recorded in the audit log.</p>
        \(Components.form(action: .sfoReviewEdit(id), csrf: context.csrf, "\(sfoReviewFields(context, providers: providers, values: values))\(Components.button("Save changes"))"))
        """)
}

public func sfoIndexPage(_ context: PageContext, years: [SFOYearRow], providers: [Components.Option], canRecord: Bool, values: [String: String]) -> HTML {
    func error(_ field: String) -> String? { context.errors.first { $0.field == field }?.message }
    let rows = years.map { row -> [HTML] in
        ["<a href=\"\(SiteURL.sfoYear(yearSlug(row.year)))\">\(row.year)</a>", "\(row.notified)", "\(row.sampled)", "\(row.rated)"]
    }
    let form: HTML =
        canRecord
        ? """
        <h2 class="heading-m">Record a notified review</h2>
        \(Components.form(action: .sfo, csrf: context.csrf, """
            \(sfoReviewFields(context, providers: providers, values: values))
            \(Components.button("Record review"))
            """))
        """ : ""
    return layout(
        context,
        """
        <h1 class="heading-l">Serious further offence reviews</h1>
        <p>When someone under supervision is charged with a serious further offence, the probation service reviews its own practice. \
        The inspectorate quality-assures about a fifth of the reviews each year, drawn at random within each offence category.</p>
        \(years.isEmpty ? "<p>No reviews have been recorded yet.</p>" : Components.table(caption: "Reviews by year (April to March)", head: ["Year", "Notified", "Sampled", "Rated"], rows: rows, numeric: [1, 2, 3]))
        \(form)
        """)
}

public func sfoYearPage(
    _ context: PageContext, year: String, tables: [DataTable], reviews: [SFOReviewRow], canDraw: Bool, publishedAt: Date?, canPublish: Bool,
    values: [String: String]
) -> HTML {
    func error(_ field: String) -> String? { context.errors.first { $0.field == field }?.message }
    let slug = yearSlug(year)
    let rows = reviews.map { review -> [HTML] in
        [
            "<a href=\"\(SiteURL.sfoReview(review.id))\">\(review.reference)</a>", "\(review.provider)",
            "\(review.category)", "\(review.notified)", review.sampled ? Components.tag("Sampled", colour: "blue") : "<span class=\"muted\">–</span>",
            review.sampled ? Components.ratingTag(review.overall, notRated: "Not yet rated") : "",
        ]
    }
    let draw: HTML =
        canDraw
        ? """
        <h2 class="heading-m">Draw the quality-assurance sample</h2>
        \(Components.form(action: .sfoSample(slug), csrf: context.csrf, """
            \(Components.textInput(name: "percent", label: "Percentage of the year's reviews", value: values["percent"] ?? "20", hint: "Drawn within each offence category in proportion", error: error("percent"), width: "5", extra: " inputmode=\"decimal\""))
            \(Components.textInput(name: "seed", label: "Seed (optional)", value: values["seed"], hint: "Leave empty for a random seed; it is recorded either way", error: error("seed"), width: "10", extra: " inputmode=\"numeric\""))
            \(Components.button("Draw the sample"))
            """))
        """ : ""
    let publication: HTML =
        if let publishedAt {
            "<p>Published \(NationalRatings.day(publishedAt)): <a href=\"\(SiteURL.sfoSummary(slug))\">read the public summary</a>, in which figures from fewer than 5 reviews are withheld.</p>"
        } else if canPublish {
            """
            <h2 class="heading-m">Publish the summary</h2>
            <p>Publishing makes the tables above public, with figures from fewer than 5 reviews withheld. Nothing about an individual review is published. \
            Every sampled review must be rated first, and the published figures do not change if a review is corrected afterwards.</p>
            \(Components.form(action: .sfoPublish(slug), csrf: context.csrf, Components.button("Publish the \(year) summary")))
            """
        } else {
            "<p>Not published.</p>"
        }
    let links = { (table: DataTable) in
        Components.TableLinks(csv: SiteURL.sfoTable(slug, "\(table.id).csv").path, json: SiteURL.sfoTable(slug, "\(table.id).json").path)
    }
    return layout(
        context,
        """
        <span class="caption">Serious further offence reviews</span><h1 class="heading-l">Annual summary \(year)</h1>
        \(publication)
        \(tables.map { Components.dataTable($0, links: links($0)) })
        \(draw)
        <h2 class="heading-m">Reviews notified in \(year)</h2>
        \(Components.table(caption: "Reviews notified in \(year)", head: ["Reference", "Service", "Offence", "Notified", "Sample", "Overall rating"], rows: rows))
        """)
}

/// The published summaries, for anyone.
public func sfoSummariesPage(_ context: PageContext, years: [(year: String, publishedAt: Date)]) -> HTML {
    let rows = years.map { row -> [HTML] in
        ["<a href=\"\(SiteURL.sfoSummary(yearSlug(row.year)))\">\(row.year)</a>", "\(NationalRatings.day(row.publishedAt))"]
    }
    return layout(
        context,
        """
        <h1 class="heading-l">Serious further offence reviews: annual summaries</h1>
        <p>When someone under probation supervision is charged with a serious further offence, the probation service reviews its own practice. \
        The inspectorate independently quality-assures a sample of about a fifth of these reviews each year and publishes what it found. \
        The summaries give figures only: nothing about an individual review is published.</p>
        \(years.isEmpty ? "<p>No summary has been published yet.</p>" : Components.table(caption: "Published summaries", head: ["Year (April to March)", "Published"], rows: rows))
        """)
}

/// One year's published summary: its tables, small figures withheld.
public func sfoSummaryPage(_ context: PageContext, year: String, publishedAt: Date, tables: [DataTable]) -> HTML {
    let slug = yearSlug(year)
    let start = Int(year.prefix(4)) ?? 0
    let links = { (table: DataTable) in
        Components.TableLinks(csv: SiteURL.sfoSummaryTable(slug, "\(table.id).csv").path, json: SiteURL.sfoSummaryTable(slug, "\(table.id).json").path)
    }
    return layout(
        context,
        """
        <span class="caption">Serious further offence reviews</span><h1 class="heading-l">Annual summary \(year)</h1>
        <p>Published \(NationalRatings.day(publishedAt)). Reviews notified from April \(String(start)) to March \(String(start + 1)), \
        beside the year before. Each percentage has its 95% interval: the range the true figure probably lies in, given how many reviews it rests on. \
        Figures from 1 to 4 reviews, and any from which one could be worked out, are marked suppressed.</p>
        \(tables.map { Components.dataTable($0, links: links($0)) })
        <p>Also as data: <a href="\(SiteURL.apiSFOYear(slug))">the summary as JSON</a> (Open Government Licence v3.0).</p>
        """)
}

public func sfoReviewPage(
    _ context: PageContext, id: UUID, reference: String, details: [Components.SummaryRow], values: [String: String], editable: Bool, canCorrect: Bool
) -> HTML {
    func error(_ field: String) -> String? { context.errors.first { $0.field == field }?.message }
    let ratingOptions = Rating.allCases.map { Components.Option($0.slug, $0.title) }
    let items: [(key: String, title: String)] = SFOStandard.allCases.map { ($0.rawValue, $0.title) } + [("overall", "Overall")]
    let fields = items.map { item -> HTML in
        """
        <div class="question">
        \(Components.radios(name: "rating-\(item.key)", legend: item.title, options: ratingOptions, selected: values["rating-\(item.key)"], error: error("rating-\(item.key)"), inline: true, legendSize: "s"))
        \(Components.textarea(name: "rationale-\(item.key)", label: "Rationale: \(item.title.lowercased())", value: values["rationale-\(item.key)"], error: error("rationale-\(item.key)"), rows: 3))
        </div>
        """
    }
    return layout(
        context,
        """
        <span class="caption">Serious further offence review</span><h1 class="heading-l">Review \(reference)</h1>
        \(Components.summaryList(details))
        \(canCorrect ? HTML("<p><a href=\"\(SiteURL.sfoReviewEdit(id))\">Edit the review's details<span class=\"visually-hidden\"> for \(reference)</span></a></p>") : "")
        <h2 class="heading-m">Quality-assurance rating</h2>
        \(editable ? Components.form(action: .sfoReview(id), csrf: context.csrf, "\(fields)\(Components.button("Save the rating"))") : "\(fields)")
        """)
}
