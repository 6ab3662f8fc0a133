import Foundation
import InspectionKit

/// One survey as the inspection's surveys page lists it.
public struct SurveySummary: Sendable {
    public let survey: Survey
    public let responses: Int

    public init(survey: Survey, responses: Int) {
        self.survey = survey
        self.responses = responses
    }
}

/// An inspection's surveys: which it offers and how many have answered each.
public func surveysPage(_ context: PageContext, inspection: UUID, surveys: [SurveySummary]) -> HTML {
    let rows: [[HTML]] = surveys.map { line in
        [
            "<a href=\"\(SiteURL.survey(inspection, line.survey.id))\">\(line.survey.title)</a>", "\(line.survey.respondents.words.capitalisedFirst)",
            "\(line.responses)",
        ]
    }
    return layout(
        context,
        """
        <h1 class="heading-l">Surveys</h1>
        <p>Each survey is optional. Every respondent answers once in this inspection, under a pseudonymous reference. The report publishes only \
        each question's share with its interval and the number who answered, and holds back any question fewer than \(SurveyFigures.minimumAnswers) answered. \
        Free-text answers are for the inspection team and are never published.</p>
        \(surveys.isEmpty ? HTML("<p>This type of provider has no surveys.</p>") : Components.table(caption: "Surveys in this inspection", head: ["Survey", "Who answers", "Responses"], rows: rows, numeric: [2]))
        """)
}

/// A recorded response as the team sees it: its reference, what it answered, and its comment.
public struct RecordedResponse: Sendable {
    public let id: UUID
    public let respondent: String
    public let answered: Int
    public let recorded: String
    public let comment: String?

    public init(id: UUID, respondent: String, answered: Int, recorded: String, comment: String?) {
        self.id = id
        self.respondent = respondent
        self.answered = answered
        self.recorded = recorded
        self.comment = comment
    }
}

/// One survey: the figures so far, the form to record a response, and the responses recorded.
public func surveyPage(
    _ context: PageContext, inspection: UUID, figures: SurveyFigures, confidence: ConfidenceLevel, responses: [RecordedResponse], values: [String: String],
    canRecord: Bool, canDelete: Bool
) -> HTML {
    let survey = figures.survey
    func error(_ field: String) -> String? { context.errors.first { $0.field == field }?.message }
    let questions = survey.questions.map { question in
        Components.radios(
            name: question.id, legend: question.text, options: question.options.map { Components.Option($0.id, $0.label) }, selected: values[question.id],
            error: error(question.id), inline: true, legendSize: "s")
    }
    let comment: HTML =
        survey.comment.map {
            Components.textarea(
                name: "comment", label: $0, value: values["comment"],
                hint: "For the inspection team only: never published. A lead may quote it in the findings by hand.",
                error: error("comment"))
        } ?? ""
    let form: HTML =
        canRecord
        ? """
        <h2 class="heading-m" id="record">Record a response</h2>
        \(Components.form(action: .survey(inspection, survey.id), csrf: context.csrf, """
            \(Components.textInput(name: "respondent", label: survey.respondents.referenceLabel, value: values["respondent"], hint: survey.respondents == .staff ? "The officer's pseudonymous reference, the same as on their interviews; never a name. Each officer answers once." : "A pseudonymous reference for the person, never a name. Each person answers once.", error: error("respondent"), width: "10", extra: " spellcheck=\"false\" autocomplete=\"off\""))
            <p class="hint">Leave a question unanswered if the respondent did not answer it.</p>
            \(questions)\(comment)\(Components.button("Record response"))
            """))
        """
        : "<p>Only the inspection team records responses, and only while the inspection is open.</p>"
    let recorded: HTML =
        responses.isEmpty
        ? "<p>No responses yet.</p>"
        : Components.table(
            caption: "Responses recorded (\(responses.count))",
            head: ["Reference", "Questions answered", "Recorded", "Comment (never published)"] + (canDelete ? ["Action"] : []),
            rows: responses.map { line in
                let remove: [HTML] =
                    canDelete
                    ? [
                        Components.form(
                            action: .surveyResponseDelete(inspection, survey.id, line.id), csrf: context.csrf,
                            "<button type=\"submit\" class=\"button button--secondary\">Remove<span class=\"visually-hidden\"> the response of \(line.respondent)</span></button>"
                        )
                    ] : []
                return ["\(line.respondent)", "\(line.answered) of \(survey.questions.count)", "\(line.recorded)", "\(line.comment ?? "–")"] + remove
            }, numeric: [1])
    return layout(
        context,
        """
        \(Components.backLink(.surveys(inspection), "Back to surveys"))
        <span class="caption">\(survey.respondents.words.capitalisedFirst)</span><h1 class="heading-l">\(survey.title)</h1>
        <h2 class="heading-m">As the report will show it</h2>
        \(Components.dataTable(figures.table(confidence: confidence)))
        \(form)
        <h2 class="heading-m">Responses</h2>
        \(recorded)
        """)
}

extension String {
    /// "People on probation" from "people on probation".
    var capitalisedFirst: String { prefix(1).uppercased() + dropFirst() }
}
