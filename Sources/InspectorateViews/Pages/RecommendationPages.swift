import Foundation
import InspectionKit

/// One of an inspection's own recommendations as its page lists it.
public struct RecommendationLine: Sendable {
    public let id: UUID
    public let position: Int
    public let recommendation: Recommendation
    public let actionPlan: String?
    /// "Partly met, judged at the 2019/20 inspection", once a published inspection has followed it up.
    public let followUp: String?

    public init(id: UUID, position: Int, recommendation: Recommendation, actionPlan: String?, followUp: String?) {
        self.id = id
        self.position = position
        self.recommendation = recommendation
        self.actionPlan = actionPlan
        self.followUp = followUp
    }
}

/// What a person may do on the recommendations page.
public struct RecommendationPermissions: Sendable {
    /// The lead, while the inspection is open: add and remove.
    public let canEdit: Bool
    /// The provider, once the report is published: an action plan for each open one.
    public let canPlan: Bool

    public init(canEdit: Bool, canPlan: Bool) {
        self.canEdit = canEdit
        self.canPlan = canPlan
    }
}

/// An inspection's recommendations: each with who it is for, the provider's action plan, and
/// what a later inspection found.
public func recommendationsPage(
    _ context: PageContext, inspection: UUID, providerName: String, lines: [RecommendationLine], values: [String: String],
    permissions: RecommendationPermissions
) -> HTML {
    func error(_ field: String) -> String? { context.errors.first { $0.field == field }?.message }
    let items = lines.map { line -> HTML in
        let plan: HTML
        if permissions.canPlan, line.followUp == nil {
            plan = Components.form(
                action: .recommendationActionPlan(inspection, line.id), csrf: context.csrf,
                """
                \(Components.textarea(name: "actionPlan", label: "Action plan for recommendation \(line.position)", value: values["plan-\(line.id)"] ?? line.actionPlan, hint: "What \(providerName) will do, by when, and who is responsible. Up to 4,000 characters.", error: error("actionPlan-\(line.position)"), id: "actionPlan-\(line.position)"))
                \(Components.button("Save action plan", secondary: true))
                """)
        } else {
            plan = line.actionPlan.map { "<p><strong>Action plan:</strong> \($0)</p>" } ?? "<p class=\"muted\">No action plan recorded.</p>"
        }
        let remove: HTML =
            permissions.canEdit
            ? Components.form(
                action: .recommendationDelete(inspection, line.id), csrf: context.csrf,
                "<button type=\"submit\" class=\"button button--secondary\">Remove<span class=\"visually-hidden\"> recommendation \(line.position)</span></button>"
            )
            : ""
        return """
            <li id="recommendation-\(line.position)"><p>\(line.recommendation.text)</p>
            <p class="hint">For \(line.recommendation.addresseeName(provider: providerName)).\(line.followUp.map { HTML(" Followed up: \($0).") } ?? "")</p>
            \(plan)\(remove)</li>
            """
    }
    let addressees = RecommendationAddressee.allCases.map { Components.Option($0.rawValue, $0 == .provider ? providerName : $0.title) }
    let add: HTML =
        permissions.canEdit
        ? """
        <h2 class="heading-m" id="add">Add a recommendation</h2>
        \(Components.form(action: .recommendations(inspection), csrf: context.csrf, """
            \(Components.textarea(name: "text", label: "Recommendation", value: values["text"], hint: "One thing to be done, as the report will print it. Up to 2,000 characters.", error: error("text")))
            \(Components.radios(name: "addressee", legend: "Who it is for", options: addressees, selected: values["addressee"], error: error("addressee"), legendSize: "s"))
            \(Components.textInput(name: "otherBody", label: "The other body's name", value: values["otherBody"], hint: "Only when it is for another body, such as the Parole Board.", error: error("otherBody"), width: "20"))
            \(Components.button("Add recommendation"))
            """))
        """
        : ""
    return layout(
        context,
        """
        \(Components.backLink(.inspection(inspection), "Back to the inspection"))
        <h1 class="heading-l">Recommendations</h1>
        <p>The report prints these in this order. \(providerName) records an action plan against each once the report is published, and its next \
        inspection judges what became of each one.</p>
        \(lines.isEmpty ? HTML("<p>No recommendations yet.</p>") : HTML("<ol class=\"list list--number recommendations\">\(items)</ol>"))
        \(add)
        """)
}

/// The previous recommendations an inspection follows up, each with its action plan and the
/// lead's judgement or the form to make it.
public func followUpPage(
    _ context: PageContext, inspection: UUID, items: [PreviousRecommendation], values: [String: String], failed: String?, canJudge: Bool
) -> HTML {
    func error(_ field: String) -> String? { context.errors.first { $0.field == field }?.message }
    let statuses = FollowUpStatus.allCases.map { Components.Option($0.rawValue, $0.title) }
    let sections = items.enumerated().map { index, item -> HTML in
        let number = index + 1
        let mine = failed == item.id
        let judgement: HTML
        if canJudge {
            judgement = Components.form(
                action: .followUpJudgement(inspection, UUID(uuidString: item.id)!), csrf: context.csrf,
                """
                \(Components.radios(name: "status", legend: "Progress on recommendation \(number)", options: statuses, selected: mine ? values["status"] : item.judgement?.status.rawValue, error: error("status-\(number)"), inline: true, id: "status-\(number)", legendSize: "s"))
                \(Components.textarea(name: "evidence", label: "Evidence for recommendation \(number)", value: mine ? values["evidence"] : item.judgement?.evidence, hint: "What the inspection found. The report prints it.", error: error("evidence-\(number)"), id: "evidence-\(number)"))
                \(Components.button("Save judgement", secondary: true))
                """)
        } else if let judged = item.judgement {
            judgement = "<p><strong>\(judged.status.title).</strong> \(judged.evidence)</p>"
        } else {
            judgement = "<p class=\"muted\">Not yet judged.</p>"
        }
        return """
            <section class="follow-up" aria-labelledby="follow-up-\(number)"><h2 class="heading-s" id="follow-up-\(number)">\(number). \(item.recommendation.text)</h2>
            <p class="hint">Made to \(item.madeTo) in \(item.madeInYear), for \(item.recommendation.addresseeName(provider: item.madeTo)).</p>
            \(item.actionPlan.map { HTML("<p><strong>Action plan:</strong> \($0)</p>") } ?? HTML("<p class=\"muted\">No action plan was recorded.</p>"))
            \(judgement)</section>
            """
    }
    return layout(
        context,
        """
        \(Components.backLink(.inspection(inspection), "Back to the inspection"))
        <h1 class="heading-l">Previous recommendations</h1>
        <p>The recommendations of earlier published inspections that are still open: this provider's own, and its predecessors' where it was declared to \
        answer for them. Judge each as met, partly met, not met or no longer applicable, with the evidence; the report shows them under \
        "Progress on previous recommendations".</p>
        \(items.isEmpty ? HTML("<p>There are no open recommendations from earlier inspections.</p>") : HTML("\(sections)"))
        """)
}
