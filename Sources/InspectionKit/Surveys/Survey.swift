/// Who answers a survey. Each respondent answers once per inspection, under a pseudonymous
/// reference, never a name.
public enum SurveyRespondents: String, Sendable, Hashable, Codable, CaseIterable {
    case staff
    case peopleOnProbation = "people-on-probation"

    /// "responsible officers", as a sentence says who answered.
    public var words: String {
        switch self {
        case .staff: "members of staff"
        case .peopleOnProbation: "people on probation"
        }
    }

    /// What the reference a response is filed under is, for the form's label.
    public var referenceLabel: String {
        switch self {
        case .staff: "Officer reference"
        case .peopleOnProbation: "Respondent reference"
        }
    }
}

/// One answer a survey question offers.
public struct SurveyOption: Sendable, Hashable, Codable, Identifiable {
    public let id: String
    public let label: String
    /// Whether this answer counts towards the published share, such as "agree" to "I get the
    /// supervision I need".
    public let favourable: Bool

    public init(id: String, label: String, favourable: Bool) {
        self.id = id
        self.label = label
        self.favourable = favourable
    }
}

public struct SurveyQuestion: Sendable, Hashable, Codable, Identifiable {
    public let id: String
    public let text: String
    /// What the published share is of, in words: "Say their workload is manageable".
    public let figure: String
    public let options: [SurveyOption]

    public init(id: String, text: String, figure: String, options: [SurveyOption]) {
        self.id = id
        self.text = text
        self.figure = figure
        self.options = options
    }

    public func option(_ id: String) -> SurveyOption? { options.first { $0.id == id } }
}

/// A survey an inspection may run, read from a file in `Resources/surveys`: a new survey, or a
/// new version of one, is a new file.
public struct Survey: Sendable, Hashable, Codable, Identifiable {
    public let id: String
    public let title: String
    public let respondents: SurveyRespondents
    /// The types of provider whose inspections offer this survey.
    public let providerTypes: Set<ProviderType>
    public let questions: [SurveyQuestion]
    /// The free-text question, if any. Its answers are for the inspection team alone and are
    /// never published; a lead may quote one in the report's findings by hand.
    public let comment: String?

    public init(
        id: String, title: String, respondents: SurveyRespondents, providerTypes: Set<ProviderType>, questions: [SurveyQuestion], comment: String?
    ) {
        self.id = id
        self.title = title
        self.respondents = respondents
        self.providerTypes = providerTypes
        self.questions = questions
        self.comment = comment
    }

    public func question(_ id: String) -> SurveyQuestion? { questions.first { $0.id == id } }
}

/// One respondent's answers. A question left unanswered is absent from `answers`.
public struct SurveyResponse: Sendable, Hashable, Codable {
    public let respondent: String
    /// Question id → option id.
    public let answers: [String: String]
    public let comment: String?

    public init(respondent: String, answers: [String: String], comment: String?) {
        self.respondent = respondent
        self.answers = answers
        self.comment = comment
    }

    /// The longest comment kept: a page of text.
    public static let commentLimit = 4_000

    /// Why a reference cannot be used, or nil. A member of staff is filed under the same
    /// pseudonymous reference as their interviews, so their answers meet nowhere else by name.
    static func referenceProblem(_ reference: String, _ respondents: SurveyRespondents) -> String? {
        switch respondents {
        case .staff: return OfficerInterviewRules.referenceProblem(reference)
        case .peopleOnProbation:
            let valid = (1...32).contains(reference.utf8.count) && reference.utf8.allSatisfy(CaseloadCSV.isReferenceByte)
            return valid ? nil : "Enter the respondent's pseudonymous reference: 1 to 32 letters, digits, hyphens or underscores, never a name"
        }
    }

    /// A response as a form sends it, checked against the survey: every problem, by field
    /// (`respondent`, a question's id, or `comment`), or the response.
    public static func read(_ fields: [String: String], survey: Survey) -> Result<SurveyResponse, FormProblems> {
        var problems: [String: String] = [:]
        let respondent = (fields["respondent"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if let problem = referenceProblem(respondent, survey.respondents) { problems["respondent"] = problem }
        var answers: [String: String] = [:]
        for question in survey.questions {
            guard let chosen = fields[question.id], !chosen.isEmpty else { continue }
            if question.option(chosen) == nil {
                problems[question.id] = "Choose one of the answers listed"
            } else {
                answers[question.id] = chosen
            }
        }
        let comment = (fields["comment"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if survey.comment == nil, !comment.isEmpty { problems["comment"] = "This survey has no free-text question" }
        if comment.count > commentLimit { problems["comment"] = "Keep the comment to 4,000 characters; it has \(comment.count)" }
        if answers.isEmpty && comment.isEmpty && problems.isEmpty {
            problems[survey.questions.first?.id ?? "respondent"] = "Answer at least one question; a response with no answers says nothing"
        }
        guard problems.isEmpty else { return .failure(FormProblems(byField: problems)) }
        return .success(SurveyResponse(respondent: respondent, answers: answers, comment: comment.isEmpty ? nil : comment))
    }
}
