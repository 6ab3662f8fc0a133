import Foundation
import InspectionKit

/// A line in a list of inspections.
public struct InspectionSummary: Sendable {
    public let id: UUID
    public let provider: String
    public let providerType: String
    public let year: String
    public let state: InspectionState
    public let overall: Rating?
    public let published: Bool

    public init(id: UUID, provider: String, providerType: String, year: String, state: InspectionState, overall: Rating?, published: Bool) {
        self.id = id
        self.provider = provider
        self.providerType = providerType
        self.year = year
        self.state = state
        self.overall = overall
        self.published = published
    }
}

func inspectionsTable(_ inspections: [InspectionSummary], caption: String, staff: Bool) -> HTML {
    guard !inspections.isEmpty else { return "<p>There are no inspections to show.</p>" }
    let rows = inspections.map { item -> [HTML] in
        [
            // A published inspection has one public page, its report; the workflow page is for staff.
            "<a href=\"\(item.published && !staff ? SiteURL.report(item.id) : SiteURL.inspection(item.id))\">\(item.provider)</a>", "\(item.providerType)",
            "\(item.year)",
            Components.tag(item.state.title, colour: item.state == .published ? "green" : item.state == .withdrawn ? "grey" : "blue"),
            item.published
                ? "\(Components.ratingTag(item.overall)) <a href=\"\(SiteURL.report(item.id))\">Report<span class=\"visually-hidden\"> on \(item.provider) \(item.year)</span></a>"
                : "<span class=\"muted\">not yet published</span>",
        ]
    }
    return Components.table(caption: caption, head: ["Provider", "Type", "Year", "Stage", "Overall rating"], rows: rows)
}

/// The start page: published inspections for everyone; your work for the signed in.
public func homePage(_ context: PageContext, mine: [InspectionSummary], published: [InspectionSummary], canCreate: Bool, paging: Paging) -> HTML {
    let work: HTML =
        context.user == nil
        ? """
        <p class="lead">Inspectorate publishes the inspectorate's ratings of probation services, with how sure each rating is.</p>
        <p><a href="\(SiteURL.login)">Sign in</a> if you are an inspector, analyst or a provider's member of staff.</p>
        """
        : """
        <h2 class="heading-m">Your inspections</h2>
        \(canCreate ? HTML("<p><a class=\"button\" href=\"\(SiteURL.newInspection)\">Plan an inspection</a></p>") : "")
        \(inspectionsTable(mine, caption: "Inspections you can work on", staff: context.user?.isStaff ?? false))
        """
    return layout(
        context,
        """
        <h1 class="heading-l">Inspections of probation services</h1>
        \(work)
        <p>See the <a href="\(SiteURL.nationalRatings)">national ratings table</a> and the <a href="\(SiteURL.annualReports)">annual reports</a>.</p>
        <h2 class="heading-m">Published inspections</h2>
        \(inspectionsTable(Array(paging.slice(published)), caption: "Published inspections, newest first", staff: context.user?.isStaff ?? false))
        \(paging.navigation)
        """)
}

public func inspectionsPage(_ context: PageContext, inspections: [InspectionSummary], canCreate: Bool, search: String, paging: Paging) -> HTML {
    let create: HTML = canCreate ? "<p><a class=\"button\" href=\"\(SiteURL.newInspection)\">Plan an inspection</a></p>" : ""
    let form: HTML = """
        <form method="get" action="\(SiteURL.inspections)" class="filters" role="search" aria-label="Find inspections">
        \(Components.textInput(name: "q", label: "Provider or year", value: search, width: "20"))<div>\(Components.button("Find", secondary: true))</div></form>
        """
    let list: HTML =
        inspections.isEmpty && !search.isEmpty
        ? "<p>No inspection matches “\(search)”. <a href=\"\(SiteURL.inspections)\">Show every inspection</a></p>"
        : inspectionsTable(inspections, caption: "All inspections you can see", staff: context.user?.isStaff ?? false)
    return layout(context, "<h1 class=\"heading-l\">Inspections</h1>\(create)\(form)\(list)\(paging.navigation)")
}

public struct ProviderSummary: Sendable {
    public let id: UUID
    public let code: String
    public let name: String
    public let type: String
    public let region: String
    /// The name of the region a PDU belongs to.
    public let parent: String?

    public init(id: UUID, code: String, name: String, type: String, region: String, parent: String? = nil) {
        self.id = id
        self.code = code
        self.name = name
        self.type = type
        self.region = region
        self.parent = parent
    }
}

public struct ProviderLink: Sendable {
    public let id: UUID
    public let name: String

    public init(id: UUID, name: String) {
        self.id = id
        self.name = name
    }
}

/// A provider's place in the service: its region, its PDUs, and whom it took over from.
public struct ProviderFamily: Sendable {
    public let parent: ProviderLink?
    public let children: [ProviderLink]
    public let predecessors: [ProviderLink]
    public let successors: [ProviderLink]

    public init(parent: ProviderLink?, children: [ProviderLink], predecessors: [ProviderLink], successors: [ProviderLink]) {
        self.parent = parent
        self.children = children
        self.predecessors = predecessors
        self.successors = successors
    }
}

/// What the provider form offers.
public struct ProviderFormChoices: Sendable {
    public let types: [Components.Option]
    public let regions: [Components.Option]
    /// The region providers a PDU may belong to.
    public let parents: [Components.Option]
    public let predecessors: [Components.Option]

    public init(types: [Components.Option], regions: [Components.Option], parents: [Components.Option], predecessors: [Components.Option]) {
        self.types = types
        self.regions = regions
        self.parents = parents
        self.predecessors = predecessors
    }
}

/// A provider's name, type, region, the region a PDU belongs to, and its predecessors.
func providerFields(_ context: PageContext, choices: ProviderFormChoices, form: [String: String]) -> HTML {
    func error(_ field: String) -> String? { context.errors.first { $0.field == field }?.message }
    let predecessors = Set((form["predecessors[]"] ?? "").split(separator: "\u{1F}").map(String.init))
    return """
        \(Components.textInput(name: "name", label: "Name", value: form["name"], error: error("name"), width: "20"))
        \(Components.select(name: "type", label: "Type", options: choices.types, selected: form["type"], error: error("type")))
        \(Components.select(name: "parent", label: "Part of region", options: [Components.Option("", "Not part of a region")] + choices.parents, selected: form["parent"], hint: "For a PDU only: the region it belongs to. Its region below follows.", error: error("parent")))
        \(Components.select(name: "region", label: "Region", options: [Components.Option("", "Choose a region")] + choices.regions, selected: form["region"], hint: "Where the provider is; a PDU takes its region's", error: error("region")))
        <details class="details"><summary class="details__summary">Providers it took over from (\(predecessors.count) chosen)</summary><div class="details__text">
        \(Components.checkboxes(name: "predecessors", legend: "Took over from", options: choices.predecessors, selected: predecessors, hint: "For example, the CRC whose area a PDU now covers. Shown on both providers' pages.", error: error("predecessors")))
        \(Components.checkboxes(name: "carriesRecommendations", legend: "Recommendations", options: [Components.Option("yes", "Answers for its predecessors' open recommendations")], selected: form["carriesRecommendations[]"] == "yes" ? ["yes"] : [], hint: "Its inspections then follow up the recommendations its predecessors had not yet met.", error: error("carriesRecommendations")))
        </div></details>
        """
}

public func providerEditPage(_ context: PageContext, id: UUID, code: String, choices: ProviderFormChoices, form: [String: String]) -> HTML {
    layout(
        context,
        """
        \(Components.backLink(.provider(id), "Back to the provider"))
        <h1 class="heading-l">Edit a provider</h1>
        <p>Its short code, <code>\(code)</code>, and its inspections stay as they are. The change is recorded in the audit log.</p>
        \(Components.form(action: .providerEdit(id), csrf: context.csrf, "\(providerFields(context, choices: choices, form: form))\(Components.button("Save changes"))"))
        """)
}

public func providersPage(_ context: PageContext, providers: [ProviderSummary], canAdd: Bool, choices: ProviderFormChoices, form: [String: String]) -> HTML {
    func error(_ field: String) -> String? { context.errors.first { $0.field == field }?.message }
    let rows = providers.map { provider -> [HTML] in
        ["<a href=\"\(SiteURL.provider(provider.id))\">\(provider.name)</a>", "\(provider.type)", "\(provider.parent ?? provider.region)"]
    }
    let fields: HTML = """
        \(providerFields(context, choices: choices, form: form))
        \(Components.textInput(name: "code", label: "Short code", value: form["code"], hint: "Lowercase letters, digits and hyphens, e.g. north-wales-pdu", error: error("code"), width: "10"))
        \(Components.button("Add provider"))
        """
    let add: HTML = canAdd ? "<h2 class=\"heading-m\">Add a provider</h2>\(Components.form(action: .providers, csrf: context.csrf, fields))" : ""
    let table = Components.table(caption: "Probation services", head: ["Provider", "Type", "Region"], rows: rows)
    return layout(context, "<h1 class=\"heading-l\">Providers</h1>\(table)\(add)")
}

public func providerPage(
    _ context: PageContext, provider: ProviderSummary, family: ProviderFamily, history: [InspectionSummary], canEdit: Bool = false
) -> HTML {
    func links(_ providers: [ProviderLink]) -> HTML {
        "\(providers.enumerated().map { index, link in HTML("\(index == 0 ? "" : ", ")<a href=\"\(SiteURL.provider(link.id))\">\(link.name)</a>") })"
    }
    var rows: [Components.SummaryRow] = [.init("Region", text: provider.region)]
    if let parent = family.parent { rows.append(.init("Part of", "<a href=\"\(SiteURL.provider(parent.id))\">\(parent.name)</a>")) }
    if !family.children.isEmpty { rows.append(.init("Probation Delivery Units", links(family.children))) }
    if !family.predecessors.isEmpty { rows.append(.init("Took over from", links(family.predecessors))) }
    if !family.successors.isEmpty { rows.append(.init("Taken over by", links(family.successors))) }
    return layout(
        context,
        """
        <span class="caption">\(provider.type)</span><h1 class="heading-l">\(provider.name)</h1>
        \(Components.summaryList(rows))
        \(canEdit ? HTML("<p><a href=\"\(SiteURL.providerEdit(provider.id))\">Edit the provider's name, type, region or predecessors</a></p>") : "")
        <p><a href="\(SiteURL.monitoringProvider(provider.code))">Monitoring between inspections: quarterly returns and indicators</a></p>
        <h2 class="heading-m">Inspection history</h2>
        \(inspectionsTable(history, caption: "Inspections of \(provider.name)", staff: context.user?.isStaff ?? false))
        """)
}

/// Plan an inspection: provider, framework version, year, dates and team.
public struct NewInspectionForm: Sendable {
    public let providers: [Components.Option]
    public let frameworks: [Components.Option]
    public let leads: [Components.Option]
    public let inspectors: [Components.Option]
    public let values: [String: String]
    public let team: Set<String>

    public init(
        providers: [Components.Option], frameworks: [Components.Option], leads: [Components.Option], inspectors: [Components.Option], values: [String: String],
        team: Set<String>
    ) {
        self.providers = providers
        self.frameworks = frameworks
        self.leads = leads
        self.inspectors = inspectors
        self.values = values
        self.team = team
    }
}

public func newInspectionPage(_ context: PageContext, form: NewInspectionForm) -> HTML {
    func error(_ field: String) -> String? { context.errors.first { $0.field == field }?.message }
    return layout(
        context,
        """
        <h1 class="heading-l">Plan an inspection</h1>
        \(Components.form(action: .newInspection, csrf: context.csrf, """
            \(Components.select(name: "provider", label: "Provider", options: [Components.Option("", "Choose a provider")] + form.providers, selected: form.values["provider"], error: error("provider")))
            \(Components.select(name: "framework", label: "Standards framework", options: [Components.Option("", "Choose a framework version")] + form.frameworks, selected: form.values["framework"], hint: "The version is fixed once the inspection starts.", error: error("framework")))
            \(Components.textInput(name: "year", label: "Inspection year", value: form.values["year"], hint: "For example, 2019/20", error: error("year"), width: "10"))
            \(Components.textInput(name: "start", label: "Fieldwork starts", value: form.values["start"], hint: "yyyy-mm-dd", error: error("start"), width: "10"))
            \(Components.textInput(name: "end", label: "Fieldwork ends", value: form.values["end"], hint: "yyyy-mm-dd", error: error("end"), width: "10"))
            \(Components.select(name: "lead", label: "Lead inspector", options: form.leads, selected: form.values["lead"], error: error("lead")))
            \(Components.checkboxes(name: "team", legend: "Inspectors on the team", options: form.inspectors, selected: form.team, error: error("team")))
            \(Components.button("Plan inspection"))
            """))
        """)
}

/// Changing an inspection's year, dates, lead and team; the provider and framework stay.
public func editInspectionPage(_ context: PageContext, inspection: UUID, title: String, form: NewInspectionForm) -> HTML {
    func error(_ field: String) -> String? { context.errors.first { $0.field == field }?.message }
    return layout(
        context,
        """
        \(Components.backLink(.inspection(inspection), "Back to the inspection"))
        <span class="caption">\(title)</span><h1 class="heading-l">Change the plan</h1>
        <p>The provider and the framework version stay as planned. The change is recorded in the audit log.</p>
        \(Components.form(action: .inspectionEdit(inspection), csrf: context.csrf, """
            \(Components.textInput(name: "year", label: "Inspection year", value: form.values["year"], hint: "For example, 2019/20", error: error("year"), width: "10"))
            \(Components.textInput(name: "start", label: "Fieldwork starts", value: form.values["start"], hint: "yyyy-mm-dd", error: error("start"), width: "10"))
            \(Components.textInput(name: "end", label: "Fieldwork ends", value: form.values["end"], hint: "yyyy-mm-dd", error: error("end"), width: "10"))
            \(Components.select(name: "lead", label: "Lead inspector", options: form.leads, selected: form.values["lead"], error: error("lead")))
            \(Components.checkboxes(name: "team", legend: "Inspectors on the team", options: form.inspectors, selected: form.team, error: error("team")))
            \(Components.button("Save the plan"))
            """))
        """)
}

/// Asks why an inspection is being withdrawn, and says that withdrawing is final.
public func withdrawInspectionPage(_ context: PageContext, inspection: UUID, title: String, reason: String) -> HTML {
    layout(
        context,
        """
        \(Components.backLink(.inspection(inspection), "Back to the inspection"))
        <span class="caption">\(title)</span><h1 class="heading-l">Withdraw this inspection</h1>
        \(Components.warning("Withdrawing is final. The inspection stays on record with your reason, but nothing in it can change afterwards and it will never be published."))
        \(Components.form(action: .inspectionWithdraw(inspection), csrf: context.csrf, """
            \(Components.textarea(
                name: "reason", label: "Why is the inspection being withdrawn?", value: reason,
                hint: "For example, the provider merged with another before fieldwork. The reason is shown on the inspection's page and kept in the audit log.",
                error: context.errors.first { $0.field == "reason" }?.message, rows: 5))
            \(Components.button("Withdraw the inspection", warning: true))
            """))
        """)
}

/// Suspends an inspection with a reason; for a suspended one, resumes it or publishes what was
/// rated with no overall rating.
public func suspensionPage(
    _ context: PageContext, inspection: UUID, title: String, suspendedReason: String?, rated: [String], unrated: [String], reason: String
) -> HTML {
    let error = context.errors.first { $0.field == "reason" }?.message
    guard let suspendedReason else {
        return layout(
            context,
            """
            \(Components.backLink(.inspection(inspection), "Back to the inspection"))
            <span class="caption">\(title)</span><h1 class="heading-l">Suspend this inspection</h1>
            <p>A suspended inspection keeps everything done so far and nothing in it changes. You can resume it at the stage it was in, \
            or publish the standards that were rated with no overall rating.</p>
            \(Components.form(action: .inspectionSuspension(inspection), csrf: context.csrf, """
                <input type="hidden" name="action" value="suspend">
                \(Components.textarea(
                    name: "reason", label: "Why is the inspection being suspended?", value: reason,
                    hint: "For example, fieldwork stopped because of Covid-19. The reason is shown on the inspection's page and kept in the audit log.",
                    error: error, rows: 5))
                \(Components.button("Suspend the inspection", warning: true))
                """))
            """)
    }
    let ratedList: HTML =
        rated.isEmpty ? "<p>No standard is rated yet.</p>" : "<ul class=\"list\">\(rated.map { HTML("<li>\($0)</li>") })</ul>"
    let unratedNote: HTML =
        unrated.isEmpty ? "" : "<p>Not rated, and published as not rated: \(unrated.joined(separator: ", ")).</p>"
    return layout(
        context,
        """
        \(Components.backLink(.inspection(inspection), "Back to the inspection"))
        <span class="caption">\(title)</span><h1 class="heading-l">A suspended inspection</h1>
        \(Components.inset("<p>Suspended because: \(suspendedReason)</p>"))
        <h2 class="heading-m">Resume it</h2>
        <p>It goes back to the stage it was in, and work carries on.</p>
        \(Components.form(action: .inspectionSuspension(inspection), csrf: context.csrf, "<input type=\"hidden\" name=\"action\" value=\"resume\">\(Components.button("Resume the inspection", secondary: true))"))
        <h2 class="heading-m">Or publish what was rated</h2>
        <p>The report is published with these standards' ratings and no overall rating. Your reason is shown wherever the overall rating would be.</p>
        \(ratedList)\(unratedNote)
        \(Components.form(action: .inspectionSuspension(inspection), csrf: context.csrf, """
            <input type="hidden" name="action" value="publish-partial">
            \(Components.textarea(
                name: "reason", label: "Why is there no overall rating?", value: reason.isEmpty ? suspendedReason : reason,
                hint: "Published with the report, for example: the inspection could not be completed due to Covid-19, so an overall rating could not be awarded.",
                error: error, rows: 4))
            \(Components.button("Publish with no overall rating", warning: true))
            """))
        """)
}

/// One inspection's overview: what it is, where it has got to, and what to do next.
public struct InspectionOverview: Sendable {
    public let id: UUID
    public let provider: String
    public let framework: String
    public let year: String
    public let fieldwork: String
    public let lead: String
    public let team: [String]
    public let state: InspectionState
    public let refusal: [String]
    public let canLead: Bool
    public let canUpload: Bool
    public let canSeeCases: Bool
    public let eligibleCases: Int
    public let sampledCases: Int
    public let completedCases: Int
    public let organisationalStandards: [(id: String, title: String, rating: Rating?)]
    public let moderatedCases: Int
    public let resolvedModeratedCases: Int
    public let workforceRows: Int
    /// When (in words) and why a suspended inspection was suspended.
    public var suspension: (when: String, reason: String)?
    /// Why a published inspection has no overall rating.
    public var partialReason: String?
    /// For a region: each of its PDUs and whether its inspection of the round is pooled.
    public var pooling: [(provider: String, status: String)] = []
    /// When (in words) and why a withdrawn inspection was withdrawn.
    public var withdrawal: (when: String, reason: String)?
    /// Before fieldwork: the provider's latest quarterly figures and alerts.
    public var latestIndicators: LatestIndicators?
    /// How many survey responses are recorded; nil when the provider's type has no surveys.
    public var surveyResponses: Int?
    /// How many recommendations the report makes.
    public var recommendations = 0
    /// For staff: earlier inspections' recommendations this one follows up, and how many are judged.
    public var previousRecommendations: (total: Int, judged: Int)?

    public init(
        id: UUID, provider: String, framework: String, year: String, fieldwork: String, lead: String, team: [String],
        state: InspectionState, refusal: [String], canLead: Bool, canUpload: Bool, canSeeCases: Bool, eligibleCases: Int, sampledCases: Int,
        completedCases: Int, organisationalStandards: [(id: String, title: String, rating: Rating?)], moderatedCases: Int = 0,
        resolvedModeratedCases: Int = 0, workforceRows: Int = 0
    ) {
        self.workforceRows = workforceRows
        self.moderatedCases = moderatedCases
        self.resolvedModeratedCases = resolvedModeratedCases
        self.id = id
        self.provider = provider
        self.framework = framework
        self.year = year
        self.fieldwork = fieldwork
        self.lead = lead
        self.team = team
        self.state = state
        self.refusal = refusal
        self.canLead = canLead
        self.canUpload = canUpload
        self.canSeeCases = canSeeCases
        self.eligibleCases = eligibleCases
        self.sampledCases = sampledCases
        self.completedCases = completedCases
        self.organisationalStandards = organisationalStandards
    }
}

public func inspectionPage(_ context: PageContext, _ model: InspectionOverview) -> HTML {
    let stages: HTML
    if let reached = InspectionState.stages.firstIndex(of: model.state) {
        let items = InspectionState.stages.enumerated().map { index, state -> HTML in
            let status = index < reached ? "done" : index == reached ? "current" : "to do"
            return "<li>\(state.title) <span class=\"muted\">(\(status))</span></li>"
        }
        stages = "<h2 class=\"heading-m\">Stages</h2><ol class=\"stages\">\(items)</ol>"
    } else {
        stages = ""
    }
    let withdrawal: HTML =
        model.withdrawal.map {
            Components.inset(
                "<p><strong>Withdrawn \($0.when).</strong> Nothing in this inspection can change, and it will not be published.</p><p>Reason: \($0.reason)</p>")
        } ?? ""
    let suspension: HTML =
        model.suspension.map {
            Components.inset(
                "<p><strong>Suspended \($0.when).</strong> Nothing in this inspection changes until it is resumed.</p><p>Reason: \($0.reason)</p>\(model.canLead ? HTML("<p><a href=\"\(SiteURL.inspectionSuspension(model.id))\">Resume it, or publish what was rated</a></p>") : "")"
            )
        } ?? model.partialReason.map { Components.inset("<p><strong>Published with no overall rating.</strong> \($0)</p>") } ?? ""
    var tasks: [Components.Task] = []
    if model.canUpload || model.canSeeCases {
        tasks.append(
            .init(
                title: "Provider data: caseload and workforce", url: .uploads(model.id),
                status: model.eligibleCases > 0 && model.workforceRows > 0
                    ? .completed : model.eligibleCases + model.workforceRows > 0 ? .inProgress : model.state == .planned ? .cannotStart : .notStarted,
                hint: model.eligibleCases + model.workforceRows == 0
                    ? nil
                    : [
                        model.eligibleCases > 0 ? "\(model.eligibleCases) eligible cases" : "caseload not yet uploaded",
                        model.workforceRows > 0 ? "workforce figures in" : "workforce figures not yet uploaded",
                    ].joined(separator: "; ")))
    }
    if model.canSeeCases {
        tasks.append(
            .init(
                title: "Sample", url: model.state == .planned || model.state == .dataRequested ? nil : .sample(model.id),
                status: model.sampledCases > 0 ? .completed : model.state == .sampling ? .notStarted : .cannotStart,
                hint: model.sampledCases > 0 ? "\(model.sampledCases) cases" : nil))
        tasks.append(
            .init(
                title: "Case assessments", url: model.sampledCases > 0 ? .cases(model.id) : nil,
                status: model.sampledCases == 0
                    ? .cannotStart : model.completedCases == model.sampledCases ? .completed : model.completedCases > 0 ? .inProgress : .notStarted,
                hint: model.sampledCases > 0 ? "\(model.completedCases) of \(model.sampledCases) complete" : nil))
        let moderationOpen = [.qualityAssurance, .rated, .published].contains(model.state)
        tasks.append(
            .init(
                title: "Moderation: second marking", url: moderationOpen ? .moderation(model.id) : nil,
                status: !moderationOpen
                    ? .cannotStart
                    : model.moderatedCases == 0
                        ? .notStarted : model.resolvedModeratedCases == model.moderatedCases ? .completed : .inProgress,
                hint: model.moderatedCases > 0
                    ? "\(model.resolvedModeratedCases) of \(model.moderatedCases) cases resolved"
                    : [.rated, .published].contains(model.state) ? "No sample was recorded" : nil))
        if let responses = model.surveyResponses {
            tasks.append(
                .init(
                    title: "Surveys of staff and people on probation (optional)", url: .surveys(model.id),
                    status: responses == 0 ? .notStarted : model.state.isEditable ? .inProgress : .completed,
                    hint: responses == 0 ? nil : "\(responses) \(responses == 1 ? "response" : "responses")"))
        }
        for standard in model.organisationalStandards {
            tasks.append(
                .init(
                    title: "\(standard.id) \(standard.title)", url: model.canLead || model.state == .published ? .organisational(model.id, standard.id) : nil,
                    status: standard.rating == nil ? .notStarted : .completed, hint: standard.rating?.title))
        }
    }
    if let previous = model.previousRecommendations, previous.total > 0 {
        tasks.append(
            .init(
                title: "Follow up previous recommendations", url: .followUp(model.id),
                status: previous.judged == previous.total ? .completed : previous.judged > 0 ? .inProgress : .notStarted,
                hint: "\(previous.judged) of \(previous.total) judged"))
    }
    tasks.append(
        .init(
            title: "Recommendations", url: .recommendations(model.id), status: model.recommendations > 0 ? .completed : .notStarted,
            hint:
                "\(model.recommendations) \(model.recommendations == 1 ? "recommendation" : "recommendations")\(model.state == .published ? ", with the provider's action plans" : "")"
        ))
    tasks.append(
        .init(title: "Ratings", url: .ratings(model.id), status: model.state == .published ? .completed : model.state == .rated ? .completed : .inProgress))
    tasks.append(
        .init(
            title: "Report", url: .report(model.id), status: model.state == .published ? .completed : .inProgress,
            hint: model.state == .published
                ? "Published" : model.state == .withdrawn ? "Never published: withdrawn" : "Draft, seen by the inspectorate and the provider"))
    let next: HTML
    if let action = model.state.nextAction, model.canLead {
        let refusal: HTML =
            model.refusal.isEmpty ? "" : Components.inset("<p><strong>Not yet possible:</strong></p><ul>\(model.refusal.map { HTML("<li>\($0)</li>") })</ul>")
        next = """
            <h2 class="heading-m">Next step</h2>\(refusal)
            \(Components.form(action: .transition(model.id), csrf: context.csrf, "<input type=\"hidden\" name=\"action\" value=\"\(action.rawValue)\">\(Components.button(action.title, secondary: !model.refusal.isEmpty))"))
            """
    } else {
        next = ""
    }
    return layout(
        context,
        """
        <span class="caption">\(model.year) inspection</span><h1 class="heading-l">\(model.provider)</h1>
        \(Components.summaryList([
            .init("Stage", Components.tag(model.state.title, colour: model.state == .published ? "green" : model.state == .withdrawn ? "grey" : "blue")),
            .init("Framework", text: model.framework),
            .init("Fieldwork", text: model.fieldwork),
            .init("Lead inspector", text: model.lead),
            .init("Team", text: model.team.isEmpty ? "None yet" : model.team.joined(separator: ", ")),
        ]))
        \(withdrawal)\(suspension)
        \(model.canLead && model.state.isEditable ? HTML("""
            <ul class="list list--actions"><li><a href="\(SiteURL.inspectionEdit(model.id))">Change the dates, lead or team</a></li>\
            <li><a href="\(SiteURL.inspectionSuspension(model.id))">Suspend this inspection</a></li>\
            <li><a href="\(SiteURL.inspectionWithdraw(model.id))">Withdraw this inspection</a></li></ul>
            """) : "")
        \(model.pooling.isEmpty ? HTML("") : HTML("""
            <h2 class="heading-m">PDU inspections it pools</h2>
            <p>Its pooled standards add up the case judgements of its PDUs' inspections of \(model.year) once their ratings are confirmed; \
            its own ratings cannot be confirmed before theirs.</p>
            \(Components.summaryList(model.pooling.map { Components.SummaryRow($0.provider, text: $0.status) }))
            """))
        \(model.latestIndicators?.html ?? "")
        <h2 class="heading-m">Tasks</h2>
        \(Components.taskList(tasks))
        \(next)
        \(stages)
        """)
}
