/// Key findings and recommendations for a demo inspection, written from its ratings so that the
/// words agree with the figures beside them.
enum DemoReportText {
    static func keyFindings(providerName: String, rating: InspectionRating) -> String {
        let rated = rating.standards.filter { $0.rating != nil }
        let best = rated.max { ($0.rating!, $1.id) < ($1.rating!, $0.id) }
        let worst = rated.min { ($0.rating!, $1.id) < ($1.rating!, $0.id) }
        var lines: [String] = []
        if let overall = rating.overall.rating {
            lines.append(
                "\(providerName) is rated \(overall.title) overall, from \(rating.overall.totalPoints ?? 0) of \(rating.overall.maximumPoints) points.")
        } else if let reason = rating.overall.reason {
            lines.append("\(providerName) has no overall rating. \(reason)")
        }
        if let best, let bestRating = best.rating {
            lines.append("Its strongest area is \(best.standard.title.lowercased()) (\(best.id)), rated \(bestRating.title).")
        }
        if let worst, let worstRating = worst.rating, let limiting = worst.limitingResult, let percent = limiting.percent {
            lines.append(
                "The weakest is \(worst.standard.title.lowercased()) (\(worst.id)), rated \(worstRating.title): only \(PercentFormat.oneDecimal(percent)) of cases were sufficient on key question \(limiting.id)."
            )
        }
        let uncertain = rating.standards.filter { $0.certainty?.crossesBand ?? false }
        if !uncertain.isEmpty {
            lines.append(
                "Allowing for sampling error, \(uncertain.count) of \(rating.standards.count) standards could sit in a neighbouring band: \(uncertain.map(\.id.rawValue).joined(separator: ", "))."
            )
        }
        return lines.joined(separator: "\n")
    }

    static func recommendations(rating: InspectionRating) -> String {
        var lines: [String] = []
        for standard in rating.standards where standard.rating.map({ $0 <= .requiresImprovement }) ?? false {
            switch standard.limitingResult?.question.focus {
            case "safety": lines.append("Improve the quality of \(standard.standard.title.lowercased()) so that it keeps other people safe (\(standard.id)).")
            case "engagement": lines.append("Involve people on probation more in \(standard.standard.title.lowercased()) (\(standard.id)).")
            case .some: lines.append("Address the factors linked to offending in \(standard.standard.title.lowercased()) (\(standard.id)).")
            case nil: lines.append("Strengthen \(standard.standard.title.lowercased()) (\(standard.id)).")
            }
        }
        return lines.prefix(5).joined(separator: "\n")
    }
}

extension DemoDataset {
    /// The lead inspector's words for a published demo inspection.
    public static func reportText(providerName: String, rating: InspectionRating) -> (keyFindings: String, recommendations: String) {
        (DemoReportText.keyFindings(providerName: providerName, rating: rating), DemoReportText.recommendations(rating: rating))
    }
}
