import Foundation
import InspectionKit

public struct SampledCaseRow: Sendable {
    public let id: UUID
    public let reference: String
    public let sample: String
    public let rosh: String
    public let sentence: String
    public let assessor: String
    public let status: String

    public init(id: UUID, reference: String, sample: String, rosh: String, sentence: String, assessor: String, status: String) {
        self.id = id
        self.reference = reference
        self.sample = sample
        self.rosh = rosh
        self.sentence = sentence
        self.assessor = assessor
        self.status = status
    }
}

/// The cases behind one figure of the report: which cases, and what each contributed.
public struct FigureCases: Sendable {
    public let description: String
    /// Per case id: how many of its judgements count as "yes", of how many.
    public let contributions: [UUID: (count: Int, of: Int)]
    /// Cases awaiting this person's blind second marking, left out of the figure.
    public let withheld: Int

    public init(description: String, contributions: [UUID: (count: Int, of: Int)], withheld: Int = 0) {
        self.description = description
        self.contributions = contributions
        self.withheld = withheld
    }

    var total: (count: Int, of: Int) { contributions.values.reduce((0, 0)) { ($0.0 + $1.count, $0.1 + $1.of) } }
}

/// The search and filters over an inspection's cases, as the person chose them.
public struct CaseListFilters: Sendable {
    public let search: String
    public let inspector: String
    public let status: String
    public let inspectors: [Components.Option]
    public let statuses: [Components.Option]

    public init(search: String, inspector: String, status: String, inspectors: [Components.Option], statuses: [Components.Option]) {
        self.search = search
        self.inspector = inspector
        self.status = status
        self.inspectors = inspectors
        self.statuses = statuses
    }
}

public func casesPage(
    _ context: PageContext, inspection: UUID, title: String, cases: [SampledCaseRow], figure: FigureCases? = nil, filters: CaseListFilters? = nil,
    paging: Paging? = nil, allCount: Int? = nil, completeCount: Int? = nil
) -> HTML {
    let shown = figure.map { figure in cases.filter { figure.contributions[$0.id] != nil } } ?? cases
    let rows = shown.map { item -> [HTML] in
        var row: [HTML] = [
            "<a href=\"\(SiteURL.caseTasks(inspection, item.id))\">\(item.reference)</a>", "\(item.sample)", "\(item.rosh)", "\(item.sentence)",
            "\(item.assessor)",
            Components.tag(item.status, colour: item.status == "Completed" ? "green" : item.status == "In progress" ? "blue" : "grey"),
        ]
        if let contribution = figure?.contributions[item.id] { row.append("\(contribution.count) of \(contribution.of)") }
        return row
    }
    let done = completeCount ?? cases.filter { $0.status == "Completed" }.count
    let heading: HTML
    if let figure {
        let total = figure.total
        heading = """
            <h1 class="heading-l">Cases behind a figure</h1>
            <p>\(shown.count) cases: \(figure.description). Together they give \(total.count) of \(total.of)\
            \(total.of > 0 ? HTML(" (\(PercentFormat.oneDecimal(Double(total.count) * 100 / Double(total.of))))") : "").</p>\
            \(figure.withheld > 0 ? HTML("<p>\(figure.withheld) \(figure.withheld == 1 ? "case awaits" : "cases await") your second marking and \(figure.withheld == 1 ? "is" : "are") left out, so that your marking stays blind.</p>") : "")
            <p><a href="\(SiteURL.cases(inspection))">All sampled cases</a> · <a href="\(SiteURL.report(inspection))">Back to the report</a></p>
            """
    } else {
        let search: HTML =
            filters.map { filters in
                """
                <form method="get" action="\(SiteURL.cases(inspection))" class="filters" role="search" aria-label="Find cases">
                \(Components.textInput(name: "q", label: "Case reference", value: filters.search, width: "10"))
                \(Components.select(name: "inspector", label: "Inspector", options: [Components.Option("", "Anyone")] + filters.inspectors, selected: filters.inspector))
                \(Components.select(name: "status", label: "Status", options: [Components.Option("", "Any")] + filters.statuses, selected: filters.status))
                <div>\(Components.button("Find cases", secondary: true))</div></form>
                """
            } ?? ""
        heading = "<h1 class=\"heading-l\">Sampled cases</h1><p>\(done) of \(allCount ?? cases.count) cases complete.</p>\(search)"
    }
    let head = ["Case", "Sample", "RoSH", "Sentence", "Inspector", "Status"] + (figure == nil ? [] : ["Counted (yes of judged)"])
    return layout(
        context,
        """
        <span class="caption">\(title)</span>\(heading)
        \(rows.isEmpty && figure == nil ? HTML("<p>No case matches. <a href=\"\(SiteURL.cases(inspection))\">Show every case</a></p>") : Components.table(caption: "Sampled cases", head: head, rows: rows))
        \(figure == nil ? paging?.navigation ?? "" : "")
        """)
}

/// An inspector's own cases across the inspections they are assessing.
public struct MyCaseRow: Sendable {
    public let inspection: UUID
    public let inspectionTitle: String
    public let id: UUID
    public let reference: String
    public let sample: String
    public let status: String

    public init(inspection: UUID, inspectionTitle: String, id: UUID, reference: String, sample: String, status: String) {
        self.inspection = inspection
        self.inspectionTitle = inspectionTitle
        self.id = id
        self.reference = reference
        self.sample = sample
        self.status = status
    }
}

public func myCasesPage(_ context: PageContext, cases: [MyCaseRow], paging: Paging) -> HTML {
    let rows = paging.slice(cases).map { item -> [HTML] in
        [
            "<a href=\"\(SiteURL.caseTasks(item.inspection, item.id))\">\(item.reference)</a>", "\(item.inspectionTitle)", "\(item.sample)",
            Components.tag(item.status, colour: item.status == "Completed" ? "green" : item.status == "In progress" ? "blue" : "grey"),
        ]
    }
    let open = cases.filter { $0.status != "Completed" }.count
    return layout(
        context,
        """
        <h1 class="heading-l">My cases</h1>
        <p>\(open) of \(cases.count) \(cases.count == 1 ? "case" : "cases") still to finish, in inspections at fieldwork or quality assurance. Unfinished cases come first.</p>
        \(cases.isEmpty ? HTML("<p>You have no cases to assess.</p>") : Components.table(caption: "My cases", head: ["Case", "Inspection", "Sample", "Status"], rows: Array(rows)))
        \(paging.navigation)
        """)
}

public func caseTasksPage(
    _ context: PageContext, inspection: UUID, caseID: UUID, reference: String, subtitle: String, tasks: [Components.Task], canComplete: Bool,
    assessor: String, reassign: [Components.Option]?, assessorID: String?
) -> HTML {
    let assignment: HTML =
        reassign.map { options in
            Components.form(
                action: .caseAssign(inspection, caseID), csrf: context.csrf,
                """
                \(Components.select(name: "assessor", label: "Inspector", options: options, selected: assessorID, hint: "Assessing this case now: \(assessor)."))
                \(Components.button("Reassign", secondary: true))
                """)
        } ?? "<p>Inspector: \(assessor)</p>"
    return layout(
        context,
        """
        <span class="caption">\(subtitle)</span><h1 class="heading-l">Case \(reference)</h1>
        \(assignment)
        \(Components.taskList(tasks))
        \(canComplete ? HTML("<p><a class=\"button\" href=\"\(SiteURL.caseCheck(inspection, caseID))\">Check your answers</a></p>") : "")
        """)
}

/// One key question on the assessment form, with the stored answer and, after a conflict,
/// the other person's version.
public struct QuestionForm: Sendable {
    public let id: String
    public let text: String
    public let prompts: [String]
    public let answer: String?
    public let rationale: String
    public let version: Int
    public let conflict: Conflict?

    public struct Conflict: Sendable {
        public let theirAnswer: String
        public let theirRationale: String
        public let by: String
        /// When, in words: "today at 10:42".
        public let at: String
        /// The stored version: the form carries it, so saving again replaces theirs knowingly.
        public let theirVersion: Int

        public init(theirAnswer: String, theirRationale: String, by: String, at: String, theirVersion: Int) {
            self.theirAnswer = theirAnswer
            self.theirRationale = theirRationale
            self.by = by
            self.at = at
            self.theirVersion = theirVersion
        }
    }

    public init(id: String, text: String, prompts: [String], answer: String?, rationale: String, version: Int, conflict: Conflict? = nil) {
        self.id = id
        self.text = text
        self.prompts = prompts
        self.answer = answer
        self.rationale = rationale
        self.version = version
        self.conflict = conflict
    }
}

public let answerOptions = Answer.allCases.map { Components.Option($0.rawValue, $0.title) }

public func answerTitle(_ value: String) -> String { answerOptions.first { $0.value == value }?.label ?? "No answer" }

public func caseStandardPage(
    _ context: PageContext, inspection: UUID, caseID: UUID, reference: String, standard: String, questions: [QuestionForm], editable: Bool
) -> HTML {
    let hasConflict = questions.contains { $0.conflict != nil }
    let fields = questions.map { question -> HTML in
        let prompts: HTML =
            question.prompts.isEmpty
            ? ""
            : """
            <details><summary>Prompts for \(question.id)</summary><ul class="prompts">\(question.prompts.map { HTML("<li>\($0)</li>") })</ul></details>
            """
        let conflict: HTML =
            question.conflict.map { theirs in
                """
                <div class="conflict" role="region" aria-label="Conflict on \(question.id)"><h2 class="heading-s">\(theirs.by) changed this answer \(theirs.at)</h2>
                <p><strong>Their answer:</strong> \(answerTitle(theirs.theirAnswer))</p><p><strong>Their rationale:</strong> \(theirs.theirRationale.isEmpty ? "none" : theirs.theirRationale)</p>
                <p><strong>Your answer:</strong> \(answerTitle(question.answer ?? ""))</p><p><strong>Your rationale:</strong> \(question.rationale.isEmpty ? "none" : question.rationale)</p>
                <p>Your version is in the form below. Save to replace theirs, or change it to agree with theirs.</p></div>
                """
            } ?? ""
        let error = context.errors.first { $0.field == "answer-\(question.id)" }?.message
        let rationaleError = context.errors.first { $0.field == "rationale-\(question.id)" }?.message
        return """
            <div class="question">\(conflict)
            \(Components.radios(name: "answer-\(question.id)", legend: "\(question.id) \(question.text)", options: answerOptions, selected: question.answer, error: error, inline: false, legendSize: "s"))
            \(prompts)
            \(Components.textarea(name: "rationale-\(question.id)", label: "Rationale for \(question.id)", value: question.rationale, error: rationaleError, rows: 3))
            <input type="hidden" name="version-\(question.id)" value="\(question.version)">
            </div>
            """
    }
    let body: HTML =
        editable
        ? Components.form(
            action: .caseStandard(inspection, caseID, standard), csrf: context.csrf, attributes: " data-autosave",
            """
            \(fields)<p class="autosave-status" role="status" aria-live="polite" data-saves="0"></p>\(Components.button("Save and continue"))
            """)
        : "\(fields)"
    return layout(
        context,
        """
        \(Components.backLink(.caseTasks(inspection, caseID), "Back to case \(reference)"))
        <span class="caption">Case \(reference)</span><h1 class="heading-l">\(standard) \(context.title)</h1>
        \(hasConflict ? Components.warning("Someone else saved answers to this standard while you were working. Both versions are shown below.") : "")
        \(body)
        """)
}

/// Case facts: RoSH, MAPPA, checks done where needed, contact type, and the framework's needs.
public func caseFactsPage(
    _ context: PageContext, inspection: UUID, caseID: UUID, reference: String, values: [String: String], version: Int, needs: [Need] = [],
    editable: Bool
) -> HTML {
    let yesNo = [Components.Option("yes", "Yes"), Components.Option("no", "No")]
    func error(_ field: String) -> String? { context.errors.first { $0.field == field }?.message }
    func radios(_ name: String, _ legend: String, _ options: [Components.Option]) -> HTML {
        Components.radios(name: name, legend: legend, options: options, selected: values[name], error: error(name), inline: true, legendSize: "s")
    }
    let done = CheckDone.allCases.map { Components.Option($0.rawValue, $0.title) }
    let checks = CaseFactsForm.checks.map { check -> HTML in
        "\(radios("\(check.key)_needed", "Was a \(check.title) needed?", yesNo))\(radios("\(check.key)_done", "Was the \(check.title) done?", done))"
    }
    let outcomes = NeedOutcome.allCases.map { Components.Option($0.rawValue, $0.title) }
    let needsFields: HTML =
        needs.isEmpty
        ? ""
        : "<h2 class=\"heading-m\">Needs</h2><p>For each need: did the person have it, did the provider identify it, and was it met?</p>\(needs.map { need in Components.radios(name: CaseFactsForm.field(need), legend: need.title, options: outcomes, selected: values[CaseFactsForm.field(need)], error: error(CaseFactsForm.field(need)), legendSize: "s") })"
    let mappa = [Components.Option("none", "None"), Components.Option("1", "Level 1"), Components.Option("2", "Level 2"), Components.Option("3", "Level 3")]
    let fields: HTML = """
        \(radios("rosh", "RoSH level at the start", RoshLevel.allCases.map { Components.Option($0.rawValue, $0.title) }))
        \(radios("rosh_reviewed", "Was the RoSH level reviewed when it should have been?", yesNo))
        \(radios("mappa_level", "MAPPA level", mappa))
        \(checks)
        \(radios("contact", "Main contact type", ContactType.allCases.map { Components.Option($0.rawValue, $0.title) }))
        \(needsFields)
        <input type="hidden" name="version" value="\(version)">
        """
    return layout(
        context,
        """
        \(Components.backLink(.caseTasks(inspection, caseID), "Back to case \(reference)"))
        <span class="caption">Case \(reference)</span><h1 class="heading-l">Case facts</h1>
        \(editable ? Components.form(action: .caseFacts(inspection, caseID), csrf: context.csrf, fields + Components.button("Save and continue")) : fields)
        """)
}

public func caseInterviewPage(_ context: PageContext, inspection: UUID, caseID: UUID, reference: String, values: [String: String], editable: Bool) -> HTML {
    func error(_ field: String) -> String? { context.errors.first { $0.field == field }?.message }
    let fields: HTML = """
        <h2 class="heading-m">Responsible officer</h2>
        \(Components.textInput(name: "officer_ref", label: "Officer's reference", value: values["officer_ref"], hint: "The pseudonymous reference the provider uses for the officer, never a name. The same officer has the same reference on every case.", error: error("officer_ref"), width: "10", extra: " spellcheck=\"false\" autocomplete=\"off\""))
        \(Components.radios(name: "grade", legend: "Grade", options: OfficerGrade.allCases.map { Components.Option($0.rawValue, $0.title) }, selected: values["grade"], error: error("grade"), inline: true, legendSize: "s"))
        \(Components.textInput(name: "caseload", label: "Caseload size", value: values["caseload"], hint: "Number of cases the officer holds", error: error("caseload"), width: "5", extra: " inputmode=\"numeric\""))
        \(Components.radios(name: "manageable", legend: "Is your workload manageable?", options: WorkloadAnswer.allCases.map { Components.Option($0.rawValue, $0.title) } + [Components.Option("", "Already recorded on another of the officer's cases")], selected: values["manageable"] ?? "", hint: "Asked once for each officer in an inspection, so each officer counts once in the report. Leave it unanswered when it is recorded on another of the officer's cases.", error: error("manageable"), inline: true, legendSize: "s"))
        \(Components.textarea(name: "notes", label: "Notes from the interview", value: values["notes"], error: error("notes")))
        <h2 class="heading-m">Person on probation (optional)</h2>
        \(Components.textarea(name: "person_notes", label: "Notes from the interview with the person on probation", value: values["person_notes"], hint: "Leave blank if they were not interviewed.", error: error("person_notes")))
        """
    return layout(
        context,
        """
        \(Components.backLink(.caseTasks(inspection, caseID), "Back to case \(reference)"))
        <span class="caption">Case \(reference)</span><h1 class="heading-l">Interviews</h1>
        \(editable ? Components.form(action: .caseInterview(inspection, caseID), csrf: context.csrf, fields + Components.button("Save and continue")) : fields)
        """)
}

/// One section of "Check your answers": a heading, its rows, and where to change them.
public struct CheckSection: Sendable {
    public let title: String
    public let change: SiteURL
    public let rows: [(key: String, value: String, note: String)]

    public init(title: String, change: SiteURL, rows: [(key: String, value: String, note: String)]) {
        self.title = title
        self.change = change
        self.rows = rows
    }
}

/// Check your answers: every section of the case (judgements, facts, interviews), each row
/// with a link to change it, and what still stops the case being completed.
public func caseCheckPage(
    _ context: PageContext, inspection: UUID, caseID: UUID, reference: String, sections: [CheckSection], completion: CaseCompletion, editable: Bool
) -> HTML {
    let lists = sections.map { section -> HTML in
        let rows = section.rows.map { row in
            Components.SummaryRow(
                "\(row.key)", row.note.isEmpty ? "\(row.value)" : "\(row.value)<br><span class=\"muted\">\(row.note)</span>",
                action: editable ? ("Change", section.change) : nil)
        }
        return "<h2 class=\"heading-m\">\(section.title)</h2>\(Components.summaryList(rows))"
    }
    let complete: HTML
    if !completion.isComplete {
        var reasons: [HTML] = []
        if !completion.unanswered.isEmpty {
            reasons.append("<li>Not yet answered: \(completion.unanswered.map(\.rawValue).joined(separator: ", ")).</li>")
        }
        if !completion.rationaleMissing.isEmpty {
            reasons.append("<li>These answers need a rationale: \(completion.rationaleMissing.map(\.rawValue).joined(separator: ", ")).</li>")
        }
        complete = Components.inset("<p>The case cannot be marked complete yet.</p><ul>\(reasons)</ul>")
    } else if editable {
        complete = Components.form(
            action: .caseComplete(inspection, caseID), csrf: context.csrf,
            "<p>By marking the case complete you confirm these judgements.</p>\(Components.button("Mark case complete"))")
    } else {
        complete = ""
    }
    return layout(
        context,
        """
        \(Components.backLink(.caseTasks(inspection, caseID), "Back to case \(reference)"))
        <span class="caption">Case \(reference)</span><h1 class="heading-l">Check your answers</h1>
        \(lists)\(complete)
        """)
}

public func organisationalPage(
    _ context: PageContext, inspection: UUID, title: String, standardID: String, standardTitle: String, questions: [String], rating: String?, evidence: String,
    editable: Bool
) -> HTML {
    func error(_ field: String) -> String? { context.errors.first { $0.field == field }?.message }
    let fields: HTML = """
        \(Components.radios(name: "rating", legend: "Rating", options: Rating.allCases.map { Components.Option($0.slug, $0.title) }, selected: rating, error: error("rating"), legendSize: "s"))
        \(Components.textarea(name: "evidence", label: "Evidence", value: evidence, hint: "The narrative behind the rating: what inspectors found in meetings, focus groups and documents.", error: error("evidence"), rows: 8))
        """
    return layout(
        context,
        """
        \(Components.backLink(.inspection(inspection), "Back to the inspection"))
        <span class="caption">\(title)</span><h1 class="heading-l">\(standardID) \(standardTitle)</h1>
        <h2 class="heading-s">Key questions</h2><ul>\(questions.map { HTML("<li>\($0)</li>") })</ul>
        \(editable ? Components.form(action: .organisational(inspection, standardID), csrf: context.csrf, fields + Components.button("Save rating")) : fields)
        """)
}
