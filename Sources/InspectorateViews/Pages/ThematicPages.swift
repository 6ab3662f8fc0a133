import Foundation
import InspectionKit

/// A thematic inspection in a list.
public struct ThematicSummary: Sendable {
    public let id: UUID
    public let title: String
    public let framework: String
    public let year: String
    public let providers: Int
    public let published: Bool

    public init(id: UUID, title: String, framework: String, year: String, providers: Int, published: Bool) {
        self.id = id
        self.title = title
        self.framework = framework
        self.year = year
        self.providers = providers
        self.published = published
    }
}

public func thematicListPage(_ context: PageContext, items: [ThematicSummary], canCreate: Bool) -> HTML {
    let rows = items.map { item -> [HTML] in
        [
            "<a href=\"\(SiteURL.thematic(item.id))\">\(item.title)</a>", "\(item.year)", "\(item.framework)", "\(item.providers)",
            Components.tag(item.published ? "Published" : "In progress", colour: item.published ? "green" : "blue"),
        ]
    }
    return layout(
        context,
        """
        <h1 class="heading-l">Thematic inspections</h1>
        <p>A thematic inspection looks at one theme across several probation services, with its own key questions, and reports findings \
        that compare the services, with the uncertainty of each figure.</p>
        \(canCreate ? HTML("<p><a class=\"button\" href=\"\(SiteURL.newThematic)\">Set up a thematic inspection</a></p>") : "")
        \(items.isEmpty ? "<p>There are no thematic inspections to show.</p>" : Components.table(caption: "Thematic inspections", head: ["Theme", "Year", "Framework", "Providers", "Stage"], rows: rows, numeric: [3]))
        """)
}

public struct NewThematicForm: Sendable {
    public let frameworks: [Components.Option]
    public let providers: [Components.Option]
    public let leads: [Components.Option]
    public let inspectors: [Components.Option]
    public let values: [String: String]
    public let chosenProviders: Set<String>
    public let team: Set<String>

    public init(
        frameworks: [Components.Option], providers: [Components.Option], leads: [Components.Option], inspectors: [Components.Option],
        values: [String: String], chosenProviders: Set<String>, team: Set<String>
    ) {
        self.frameworks = frameworks
        self.providers = providers
        self.leads = leads
        self.inspectors = inspectors
        self.values = values
        self.chosenProviders = chosenProviders
        self.team = team
    }
}

public func newThematicPage(_ context: PageContext, form: NewThematicForm) -> HTML {
    func error(_ field: String) -> String? { context.errors.first { $0.field == field }?.message }
    return layout(
        context,
        """
        <h1 class="heading-l">Set up a thematic inspection</h1>
        <p>Each provider you choose gets its own part of the inspection: it uploads its caseload, and its cases are sampled and assessed \
        on the theme's questions with the usual screens.</p>
        \(Components.form(action: .newThematic, csrf: context.csrf, """
            \(Components.textInput(name: "title", label: "Theme", value: form.values["title"], hint: "For example, Accommodation for people on probation", error: error("title")))
            \(Components.select(name: "framework", label: "Thematic framework", options: [Components.Option("", "Choose the theme's framework")] + form.frameworks, selected: form.values["framework"], error: error("framework")))
            \(Components.checkboxes(name: "providers", legend: "Providers inspected", options: form.providers, selected: form.chosenProviders, hint: "Choose two or more.", error: error("providers")))
            \(Components.textInput(name: "year", label: "Inspection year", value: form.values["year"], hint: "For example, 2020/21", error: error("year"), width: "10"))
            \(Components.textInput(name: "start", label: "Fieldwork starts", value: form.values["start"], hint: "yyyy-mm-dd", error: error("start"), width: "10"))
            \(Components.textInput(name: "end", label: "Fieldwork ends", value: form.values["end"], hint: "yyyy-mm-dd", error: error("end"), width: "10"))
            \(Components.select(name: "lead", label: "Lead inspector", options: form.leads, selected: form.values["lead"], error: error("lead")))
            \(Components.checkboxes(name: "team", legend: "Inspectors on the team", options: form.inspectors, selected: form.team, error: error("team")))
            \(Components.button("Set up thematic inspection"))
            """))
        """)
}

/// One provider's part of a thematic inspection.
public struct ThematicPart: Sendable {
    public let inspection: UUID
    public let provider: String
    public let state: InspectionState
    public let assessedCases: Int

    public init(inspection: UUID, provider: String, state: InspectionState, assessedCases: Int) {
        self.inspection = inspection
        self.provider = provider
        self.state = state
        self.assessedCases = assessedCases
    }
}

public func thematicPage(
    _ context: PageContext, id: UUID, title: String, framework: String, year: String, lead: String, parts: [ThematicPart], findings: DataTable,
    clearDifferences: [String], published: Bool, showParts: Bool
) -> HTML {
    let rows = parts.map { part -> [HTML] in
        [
            showParts ? "<a href=\"\(SiteURL.inspection(part.inspection))\">\(part.provider)</a>" : "\(part.provider)",
            Components.tag(part.state.title, colour: part.state == .published ? "green" : "blue"), "\(part.assessedCases)",
        ]
    }
    return layout(
        context,
        """
        <span class="caption">Thematic inspection \(year)</span><h1 class="heading-l">\(title)</h1>
        \(published ? "" : Components.warning("Not published: these findings are a draft, seen only by the inspectorate."))
        \(Components.summaryList([.init("Framework", text: framework), .init("Lead inspector", text: lead)]))
        <h2 class="heading-m">Providers</h2>
        \(Components.table(caption: "Providers in this thematic inspection", head: ["Provider", "Stage", "Completed cases"], rows: rows, numeric: [2]))
        <h2 class="heading-m">Findings</h2>
        \(Components.dataTable(findings, links: Components.TableLinks(csv: SiteURL.thematicFindings(id, "findings.csv").path, json: SiteURL.thematicFindings(id, "findings.json").path)))
        <h3 class="heading-s">Differences the samples can support</h3>
        \(clearDifferences.isEmpty
            ? "<p>On no question are two providers' intervals clear of each other, so the samples cannot rank them.</p>"
            : HTML("<ul>\(clearDifferences.map { HTML("<li>\($0)</li>") })</ul>"))
        """)
}
