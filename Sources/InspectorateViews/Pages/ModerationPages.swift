import Foundation
import InspectionKit

/// A case in the moderation sample, as the overview lists it.
public struct ModerationCaseRow: Sendable {
    public let caseID: UUID
    public let reference: String
    public let firstMarker: String
    public let status: String
    public let isResolved: Bool
    /// Nil until second-marked.
    public let disagreements: Int?

    public init(caseID: UUID, reference: String, firstMarker: String, status: String, isResolved: Bool, disagreements: Int?) {
        self.caseID = caseID
        self.reference = reference
        self.firstMarker = firstMarker
        self.status = status
        self.isResolved = isResolved
        self.disagreements = disagreements
    }
}

/// Agreement for one key question or one inspector.
public struct AgreementRow: Sendable {
    public let label: String
    public let agreement: Agreement

    public init(label: String, agreement: Agreement) {
        self.label = label
        self.agreement = agreement
    }
}

public struct ModerationOverview: Sendable {
    public let cases: [ModerationCaseRow]
    public let seed: Int64?
    public let assessedCases: Int
    public let canDraw: Bool
    public let stateNote: String?
    public let overall: Agreement
    public let byQuestion: [AgreementRow]
    public let byInspector: [AgreementRow]

    public init(
        cases: [ModerationCaseRow], seed: Int64?, assessedCases: Int, canDraw: Bool, stateNote: String?, overall: Agreement, byQuestion: [AgreementRow],
        byInspector: [AgreementRow]
    ) {
        self.cases = cases
        self.seed = seed
        self.assessedCases = assessedCases
        self.canDraw = canDraw
        self.stateNote = stateNote
        self.overall = overall
        self.byQuestion = byQuestion
        self.byInspector = byInspector
    }
}

/// One key question of a moderated case, with whatever the viewer may see of its answers.
public struct ModerationQuestion: Sendable {
    public let id: String
    public let standard: String
    public let text: String
    public let prompts: [String]
    public let first: String?
    public let second: String?
    public let final: String?
    public let reason: String
    public let resolvedBy: String?
    public let firstRationale: String
    public let secondRationale: String

    public init(
        id: String, standard: String, text: String, prompts: [String], first: String?, second: String?, final: String?, reason: String,
        resolvedBy: String?, firstRationale: String = "", secondRationale: String = ""
    ) {
        self.firstRationale = firstRationale
        self.secondRationale = secondRationale
        self.id = id
        self.standard = standard
        self.text = text
        self.prompts = prompts
        self.first = first
        self.second = second
        self.final = final
        self.reason = reason
        self.resolvedBy = resolvedBy
    }

    /// The same question with every answer removed, for blind marking.
    public var blind: ModerationQuestion {
        ModerationQuestion(id: id, standard: standard, text: text, prompts: prompts, first: nil, second: nil, final: nil, reason: "", resolvedBy: nil)
    }

    var disagrees: Bool { second != nil && first != second }
}

/// "0.72 (substantial)", or why there is no figure.
func coefficientText(_ value: Double?) -> HTML {
    guard let value else { return "<span class=\"muted\">cannot be calculated</span>" }
    return "\(String(format: "%.2f", value)) <span class=\"muted\">(\(AgreementStrength(coefficient: value).title.lowercased()))</span>"
}

func agreementTable(caption: String, firstColumn: String, rows: [AgreementRow]) -> HTML {
    guard !rows.isEmpty else { return "" }
    let body = rows.map { row -> [HTML] in
        let agreement = row.agreement
        return [
            "\(row.label)", "\(agreement.n)", "\(agreement.excluded)",
            agreement.observed.map { Components.proportionText($0) } ?? "<span class=\"muted\">no pairs</span>",
            coefficientText(agreement.cohenKappa), coefficientText(agreement.gwetAC1),
        ]
    }
    return Components.table(
        caption: caption, head: [firstColumn, "Pairs compared", "Excluded (n/a)", "Agreement", "Cohen's kappa", "Gwet's AC1"], rows: body,
        numeric: [1, 2])
}

public func moderationPage(_ context: PageContext, inspection: UUID, title: String, overview: ModerationOverview, form: [String: String]) -> HTML {
    func error(_ field: String) -> String? { context.errors.first { $0.field == field }?.message }
    var sections: [HTML] = []
    if overview.cases.isEmpty {
        if overview.canDraw {
            sections.append(
                """
                <p>Draw a dip sample of the \(overview.assessedCases) completed case assessments for blind second marking. Give a percentage or a \
                number of cases. At least one case of every inspector is drawn. The same seed always draws the same cases.</p>
                \(Components.form(action: .moderationDraw(inspection), csrf: context.csrf, """
                \(Components.textInput(name: "percent", label: "Percentage of assessed cases", value: form["percent"] ?? "10", hint: "For example 10", error: error("percent"), width: "5", extra: " inputmode=\"decimal\""))
                \(Components.textInput(name: "count", label: "Or a number of cases", value: form["count"], hint: "Leave the percentage empty to use this", error: error("count"), width: "5", extra: " inputmode=\"numeric\""))
                \(Components.textInput(name: "seed", label: "Seed (optional)", value: form["seed"], hint: "Leave empty for a random seed; it is recorded either way", error: error("seed"), width: "10", extra: " inputmode=\"numeric\""))
                \(Components.button("Draw the moderation sample"))
                """))
                """)
        } else {
            sections.append("<p>\(overview.stateNote ?? "The moderation sample has not been drawn yet.")</p>")
        }
    } else {
        let resolved = overview.cases.filter(\.isResolved).count
        let rows = overview.cases.map { item -> [HTML] in
            [
                "<a href=\"\(SiteURL.moderationCase(inspection, item.caseID))\">\(item.reference)</a>", "\(item.firstMarker)",
                Components.tag(item.status, colour: item.isResolved ? "green" : item.disagreements == nil ? "grey" : "blue"),
                item.disagreements.map { "\($0)" } ?? "<span class=\"muted\">–</span>",
            ]
        }
        sections.append(
            """
            <p>\(overview.cases.count) cases drawn (seed \(overview.seed.map(String.init) ?? "?")); \(resolved) of \(overview.cases.count) resolved.\
            \(resolved < overview.cases.count ? " The ratings cannot be confirmed until every case is second-marked and resolved." : "")</p>
            \(Components.table(caption: "Cases in the moderation sample", head: ["Case", "First marker", "Status", "Disagreements"], rows: rows, numeric: [3]))
            """)
    }
    sections.append(
        """
        <h2 class="heading-m">Agreement</h2>
        <p>\(overview.overall.reading)</p>
        <p class="muted">Pairs where either marker answered not applicable are excluded and counted. Kappa corrects for chance using each \
        marker's own mix of answers; AC1 does not collapse when nearly every answer is the same. Readings follow Landis and Koch (1977).</p>
        \(agreementTable(caption: "Agreement for the whole inspection", firstColumn: "Inspection", rows: overview.overall.n + overview.overall.excluded > 0 ? [AgreementRow(label: "All key questions", agreement: overview.overall)] : []))
        \(agreementTable(caption: "Agreement by inspector (first marker)", firstColumn: "Inspector", rows: overview.byInspector))
        \(agreementTable(caption: "Agreement by key question", firstColumn: "Key question", rows: overview.byQuestion))
        """)
    return layout(
        context,
        """
        <span class="caption">\(title)</span><h1 class="heading-l">Moderation</h1>
        \(sections)
        """)
}

/// The blind second-marking form: the key questions and their prompts, never the first answers.
public func secondMarkingPage(
    _ context: PageContext, inspection: UUID, caseID: UUID, reference: String, questions: [ModerationQuestion], values: [String: String], canMark: Bool
) -> HTML {
    let fields = questions.map { question -> HTML in
        let prompts: HTML =
            question.prompts.isEmpty
            ? ""
            : "<details><summary>Prompts for \(question.id)</summary><ul class=\"prompts\">\(question.prompts.map { HTML("<li>\($0)</li>") })</ul></details>"
        let error = context.errors.first { $0.field == "answer-\(question.id)" }?.message
        let rationaleError = context.errors.first { $0.field == "rationale-\(question.id)" }?.message
        return """
            <div class="question">\(Components.radios(name: "answer-\(question.id)", legend: "\(question.id) \(question.text)", options: answerOptions, selected: values["answer-\(question.id)"], hint: question.standard, error: error, legendSize: "s"))\(prompts)
            \(Components.textarea(name: "rationale-\(question.id)", label: "Your rationale for \(question.id) (optional)", value: values["rationale-\(question.id)"], error: rationaleError, rows: 2))</div>
            """
    }
    let body: HTML =
        canMark
        ? Components.form(action: .moderationMark(inspection, caseID), csrf: context.csrf, "\(fields)\(Components.button("Submit second marking"))")
        : "<p>This case is waiting for the quality lead's blind second marking. Its answers are shown here once it has been marked.</p>"
    return layout(
        context,
        """
        \(Components.backLink(.moderation(inspection), "Back to moderation"))
        <span class="caption">Case \(reference)</span><h1 class="heading-l">Second marking</h1>
        \(canMark ? HTML("<p>Mark this case yourself from its records. The first marker's answers are hidden until you submit yours.</p>") : "")
        \(body)
        """)
}

/// First and second answers side by side; the quality lead resolves each disagreement with a reason.
public func moderationComparisonPage(
    _ context: PageContext, inspection: UUID, caseID: UUID, reference: String, firstMarker: String, secondMarker: String,
    questions: [ModerationQuestion], values: [String: String], canResolve: Bool
) -> HTML {
    func error(_ field: String) -> String? { context.errors.first { $0.field == field }?.message }
    func withRationale(_ answer: String?, _ rationale: String) -> HTML {
        rationale.isEmpty ? "\(answerTitle(answer ?? ""))" : "\(answerTitle(answer ?? ""))<br><span class=\"muted\">\(rationale)</span>"
    }
    let rows = questions.map { question -> [HTML] in
        [
            "\(question.id)", withRationale(question.first, question.firstRationale), withRationale(question.second, question.secondRationale),
            question.disagrees ? Components.tag("Disagree", colour: "red") : Components.tag("Agree", colour: "green"),
            question.final.map { HTML("\(answerTitle($0))") } ?? "<span class=\"muted\">to resolve</span>",
            question.disagrees && question.final != nil
                ? "\(question.reason)<br><span class=\"muted\">\(question.resolvedBy ?? "")</span>" : "",
        ]
    }
    let open = questions.filter { $0.disagrees && $0.final == nil }
    let form: HTML
    if canResolve, !open.isEmpty {
        let fields = open.map { question -> HTML in
            let options = [
                Components.Option(question.first ?? "", "\(answerTitle(question.first ?? "")) (first marker, \(firstMarker))"),
                Components.Option(question.second ?? "", "\(answerTitle(question.second ?? "")) (second marker, \(secondMarker))"),
            ]
            func said(_ who: String, _ answer: String?, _ rationale: String) -> HTML {
                "<p><strong>\(who) said \(answerTitle(answer ?? "").lowercased()):</strong> \(rationale.isEmpty ? "no rationale recorded." : rationale)</p>"
            }
            return """
                <div class="question">
                <h3 class="heading-s">\(question.id) \(question.text)</h3>
                <div class="inset">\(said("The first marker, \(firstMarker),", question.first, question.firstRationale))\(said("The second marker, \(secondMarker),", question.second, question.secondRationale))</div>
                \(Components.radios(name: "final-\(question.id)", legend: "Final answer to \(question.id) \(question.text)", options: options, selected: values["final-\(question.id)"], error: error("final-\(question.id)"), legendSize: "s"))
                \(Components.textarea(name: "reason-\(question.id)", label: "Reason for the final answer to \(question.id)", value: values["reason-\(question.id)"], error: error("reason-\(question.id)"), rows: 3))
                </div>
                """
        }
        form = """
            <h2 class="heading-m">Resolve the disagreements</h2>
            \(Components.form(action: .moderationResolve(inspection, caseID), csrf: context.csrf, "\(fields)\(Components.button("Record the final answers"))"))
            """
    } else {
        form = ""
    }
    return layout(
        context,
        """
        \(Components.backLink(.moderation(inspection), "Back to moderation"))
        <span class="caption">Case \(reference)</span><h1 class="heading-l">First and second marking</h1>
        <p>First marker: \(firstMarker). Second marker: \(secondMarker).</p>
        \(Components.table(caption: "Answers side by side", head: ["Key question", "First marker", "Second marker", "Agreement", "Final answer", "Reason"], rows: rows))
        \(form)
        """)
}
