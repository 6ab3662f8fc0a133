/// Survey responses for the demo's inspections from 2019/20, when the chief inspector began
/// "increasingly asking service users for their views", seeded per inspection.
///
/// Staff answer under the same references as their interviews, so each interviewed officer
/// answers once. The favourable shares follow the seeds: under half of officers call their
/// workload manageable ("60% of NPS POs were working in excess of 100% on workload tool"), a
/// majority welcome home working but hear less from the people they supervise, and people on
/// probation feel listened to more often than they feel helped with what led to their
/// offending ("Many needs still not being met").
public enum DemoSurveys {
    /// The share of respondents answering favourably, by question id, for each type of provider.
    static func favourable(_ question: String, type: ProviderType) -> Double {
        let nps = type == .nps || type == .pdu || type == .region
        switch question {
        case "workload": return nps ? 0.46 : 0.40
        case "supervision": return 0.58
        case "training": return nps ? 0.68 : 0.60
        case "time-with-people": return 0.44
        case "home-working": return 0.70
        case "feedback": return 0.34
        case "listened-to": return 0.80
        case "involved-in-plan": return 0.64
        case "help-with-needs": return 0.52
        case "enough-contact": return 0.58
        case "staying-out-of-trouble": return 0.70
        default: return 0.6
        }
    }

    static let staffComments = [
        "My caseload has been over 100% on the workload tool for most of the year.",
        "Good support from my SPO, but supervision sessions are often cancelled.",
        "Working from home helps, but I miss seeing people face to face.",
    ]
    static let personComments = [
        "My officer changed three times this year.",
        "They helped me find somewhere to live.",
    ]

    /// Each survey's responses for one inspection; empty for inspections before 2019/20 and for
    /// those not yet in fieldwork.
    public static func responses(for inspection: DemoDataset.Inspection, type: ProviderType, surveys: [Survey]) -> [String: [SurveyResponse]] {
        guard inspection.year >= "2019/20", ![.planned, .dataRequested, .sampling].contains(inspection.state) else { return [:] }
        var random = SeededGenerator(seed: inspection.sampleSeed ^ 0x5075_7e75)
        let officers = Array(Set(inspection.cases.compactMap { $0.interview?.officerReference })).sorted()
        var result: [String: [SurveyResponse]] = [:]
        // Some services do a little better or worse than their type, on every question.
        let offset = Double(random.uniform(below: 11) - 5) / 100
        for survey in surveys {
            let respondents: [String]
            switch survey.respondents {
            case .staff:
                // Most interviewed officers answer; a few do not.
                respondents = officers.filter { _ in random.uniform(below: 100) < 85 }
            case .peopleOnProbation:
                respondents = (1...(25 + random.uniform(below: 30))).map { "P-\(String($0).leftPadded(to: 3))" }
            }
            result[survey.id] = respondents.map { respondent in
                var answers: [String: String] = [:]
                for question in survey.questions where random.uniform(below: 100) < 92 {
                    let share = favourable(question.id, type: type) + offset
                    let favourableAnswer = random.unitInterval() < share
                    let pool = question.options.filter { $0.favourable == favourableAnswer }
                    answers[question.id] = pool[random.uniform(below: pool.count)].id
                }
                let comments = survey.respondents == .staff ? staffComments : personComments
                let comment = survey.comment != nil && random.uniform(below: 100) < 15 ? comments[random.uniform(below: comments.count)] : nil
                return SurveyResponse(respondent: respondent, answers: answers, comment: comment)
            }
        }
        return result
    }
}
