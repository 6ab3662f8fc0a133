import Foundation
import InspectionKit

/// The ratings as the engine gives them: each standard, its limiting question with interval,
/// a warning where the interval crosses a band, and the overall rating.
public func ratingsPage(
    _ context: PageContext, inspection: UUID, title: String, frameworkTitle: String, rating: InspectionRating, frozen: Bool,
    nextAction: InspectionAction?, canLead: Bool, refusal: [String]
) -> HTML {
    let rows = rating.standards.map { standard -> [HTML] in
        let limiting = standard.limitingResult
        let caution: HTML = standard.certainty?.explanation(of: "this standard").map { Components.warning($0) } ?? ""
        return [
            "\(standard.id) \(standard.standard.title)",
            Components.ratingTag(standard.rating, notRated: "Not rated (\(standard.notRatedReason ?? ""))"),
            standard.standard.kind == .organisational ? "Rated by inspectors" : limiting.map { HTML("\($0.id)") } ?? "–",
            limiting.map { HTML("\($0.counts.sufficient) of \($0.counts.applicable)") } ?? "",
            limiting.map { Components.percentWithInterval($0.percent, interval: $0.interval) } ?? "",
            caution,
        ]
    }
    let questions = rating.standards.flatMap(\.questions).map { question -> [HTML] in
        [
            "\(question.id)", "\(question.question.text)", "\(question.counts.sufficient)", "\(question.counts.applicable)",
            Components.percentWithInterval(question.percent, interval: question.interval),
        ]
    }
    let overall = rating.overall
    let overallCaution: HTML = overall.certainty?.explanation(of: "the overall rating").map { Components.warning($0 + " ") + Components.howWeRateLink } ?? ""
    var actions: HTML = ""
    if canLead, let nextAction, [.confirmRatings, .publish].contains(nextAction) {
        let refusalHTML: HTML = refusal.isEmpty ? "" : Components.inset("<ul>\(refusal.map { HTML("<li>\($0)</li>") })</ul>")
        actions = """
            \(refusalHTML)\(Components.form(action: .transition(inspection), csrf: context.csrf, "<input type=\"hidden\" name=\"action\" value=\"\(nextAction.rawValue)\">\(Components.button(nextAction.title))"))
            """
    }
    return layout(
        context,
        """
        <span class="caption">\(title)</span><h1 class="heading-l">Ratings</h1>
        <p>\(frozen ? "Confirmed ratings, frozen" : "Live ratings, updated as judgements come in") under \(frameworkTitle). Percentages are of applicable cases judged sufficient, with \(rating.confidence.description) intervals.</p>
        <h2 class="heading-m">Overall: \(Components.ratingTag(overall.rating))</h2>
        <p>\(overall.explanation)</p>\(overallCaution)
        \(Components.table(caption: "Standards", head: ["Standard", "Rating", "Limiting question", "Sufficient", "% (interval)", "Certainty"], rows: rows))
        \(questions.isEmpty ? "" : Components.table(caption: "Key questions", head: ["Question", "Text", "Sufficient", "Applicable", "% (interval)"], rows: questions, numeric: [2, 3]))
        \(actions)
        """)
}
