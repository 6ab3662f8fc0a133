/// The ratings as a table for people reading a terminal: bands in words, percentages with
/// their intervals, and a caution wherever a rating could be in a neighbouring band.
public enum RatingTable {
    public static func render(_ rating: InspectionRating, framework: Framework) -> String {
        var lines = [
            "\(framework.title) (\(framework.id))",
            "Percentages are of applicable cases judged sufficient, with \(rating.confidence) Wilson intervals.",
            "",
        ]
        var standards = TextTable(header: ["Standard", "Rating", "Points", "Limiting question", "Sufficient", "Interval", "Certainty"])
        for result in rating.standards {
            let limiting = result.limitingResult
            standards.append([
                "\(result.id) \(result.standard.title)",
                result.rating?.title ?? "Not rated (\(result.notRatedReason ?? ""))",
                result.points.map(String.init) ?? "–",
                limiting.map { "\($0.id)" } ?? (result.standard.kind == .organisational ? "(organisational)" : "–"),
                limiting.map { "\($0.counts.sufficient)/\($0.counts.applicable) \(PercentFormat.oneDecimal($0.percent!))" } ?? "",
                limiting?.interval.map(PercentFormat.interval) ?? "",
                result.certainty?.caution ?? (result.certainty == nil ? "" : "secure"),
            ])
        }
        let overall = rating.overall
        standards.append([
            "Overall",
            overall.rating?.title ?? "Not rated",
            overall.totalPoints.map { "\($0)/\(overall.maximumPoints)" } ?? "–",
            "", "", "",
            overall.certainty?.caution ?? (overall.certainty == nil ? "" : "secure"),
        ])
        lines.append(standards.render())
        lines.append("")
        lines.append(overall.explanation)

        let questions = rating.standards.flatMap(\.questions)
        if !questions.isEmpty {
            var table = TextTable(header: ["Key question", "Sufficient", "Not sufficient", "N/A", "%", "Interval", "Band"])
            for question in questions {
                table.append([
                    question.id.rawValue,
                    String(question.counts.sufficient),
                    String(question.counts.notSufficient),
                    String(question.counts.notApplicable),
                    question.percent.map(PercentFormat.oneDecimal) ?? "–",
                    question.interval.map(PercentFormat.interval) ?? "–",
                    question.band?.title ?? "no applicable cases",
                ])
            }
            lines += ["", table.render()]
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
