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

    static func recommendations(providerName: String, rating: InspectionRating) -> [Recommendation] {
        var items: [Recommendation] = []
        for standard in rating.standards where standard.rating.map({ $0 <= .requiresImprovement }) ?? false {
            let text: String
            switch standard.limitingResult?.question.focus {
            case "safety": text = "Improve the quality of \(standard.standard.title.lowercased()) so that it keeps other people safe (\(standard.id))."
            case "engagement": text = "Involve people on probation more in \(standard.standard.title.lowercased()) (\(standard.id))."
            case .some: text = "Address the factors linked to offending in \(standard.standard.title.lowercased()) (\(standard.id))."
            case nil: text = "Strengthen \(standard.standard.title.lowercased()) (\(standard.id))."
            }
            items.append(Recommendation(text: text, addressee: .provider))
        }
        guard !items.isEmpty else { return [] }
        return items.prefix(4)
            + [Recommendation(text: "Make sure that the contract and its funding let \(providerName) keep officers' workloads manageable.", addressee: .hmpps)]
    }

    /// The provider's plan, as a provider writes one: what, by when, who.
    static func actionPlan(for recommendation: Recommendation, year: String) -> String? {
        guard recommendation.addressee == .provider, let start = Int(year.prefix(4)) else { return nil }
        return
            "The head of operations will lead this. Team managers will check it in monthly case audits from April \(start + 1), and we will report progress to the board each quarter."
    }

    /// What the next inspection found: about half of the recommendations show progress, as
    /// the seeds report of reinspected companies. Fixed by the provider and the item's place.
    static func followUp(providerCode: String, number: Int) -> FollowUpJudgement {
        let turn = (providerCode.unicodeScalars.reduce(0) { $0 + Int($1.value) } + number) % 4
        return switch turn {
        case 0: FollowUpJudgement(status: .met, evidence: "Case audits and our own sample show the change in place across the teams we visited.")
        case 1:
            FollowUpJudgement(
                status: .partlyMet, evidence: "Some teams had made the change; others had not started, and managers' audits had not yet reached them.")
        default: FollowUpJudgement(status: .notMet, evidence: "We found no change in the cases we inspected, and the action plan's dates had passed.")
        }
    }
}

extension DemoDataset {
    /// The lead inspector's words for a published demo inspection: key findings, and the
    /// recommendations with the provider's action plan for each.
    public static func reportText(
        providerName: String, year: String, rating: InspectionRating
    ) -> (
        keyFindings: String, recommendations: [Recommendation], actionPlans: [String?]
    ) {
        let recommendations = DemoReportText.recommendations(providerName: providerName, rating: rating)
        return (
            DemoReportText.keyFindings(providerName: providerName, rating: rating), recommendations,
            recommendations.map { DemoReportText.actionPlan(for: $0, year: year) }
        )
    }

    /// The lead's judgement, at a provider's next inspection, of its recommendation `number`.
    public static func followUp(providerCode: String, number: Int) -> FollowUpJudgement {
        DemoReportText.followUp(providerCode: providerCode, number: number)
    }
}
