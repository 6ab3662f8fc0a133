/// What a survey's responses come to, as published: for each question, how many answered and
/// the share whose answer is favourable, with its interval. Nothing about one respondent, and
/// no free text, is ever in it.
public struct SurveyFigures: Sendable, Hashable {
    /// A question answered by fewer people than this has its share held back: with three
    /// officers in a team, a share is close to naming who said what.
    public static let minimumAnswers = 5

    public struct Question: Sendable, Hashable {
        public let question: SurveyQuestion
        public let answered: Int
        /// Nil when fewer than ``SurveyFigures/minimumAnswers`` answered.
        public let favourable: Proportion?

        public var isSuppressed: Bool { answered > 0 && favourable == nil }
    }

    public let survey: Survey
    public let respondents: Int
    public let questions: [Question]

    public init(survey: Survey, responses: [SurveyResponse], confidence: ConfidenceLevel = .ninetyFivePercent) {
        self.survey = survey
        self.respondents = responses.count
        self.questions = survey.questions.map { question in
            let chosen = responses.compactMap { $0.answers[question.id].flatMap(question.option) }
            let favourable = chosen.count { $0.favourable }
            return Question(
                question: question, answered: chosen.count,
                favourable: chosen.count >= Self.minimumAnswers ? Proportion(count: favourable, of: chosen.count, confidence: confidence) : nil)
        }
    }

    /// The published table.
    public func table(confidence: ConfidenceLevel) -> DataTable {
        DataTable(
            id: "survey-\(survey.id)", title: survey.title,
            note: "\(respondents) \(survey.respondents.words) answered, each once, under a pseudonymous reference; "
                + "each share is of those who answered that question. A question fewer than \(Self.minimumAnswers) answered has no share shown, "
                + "so no one's answer can be picked out. Free-text answers are never published. \(confidence.description) intervals.",
            columns: [.init("question", "Question"), .init("figure", "Figure"), .init("answered", "Answered"), .init("favourable", "Share")],
            rows: questions.map { line in
                [
                    .text(line.question.text), .text(line.isSuppressed ? "Fewer than \(Self.minimumAnswers) answered" : line.question.figure),
                    .count(line.answered), .proportion(line.favourable),
                ]
            })
    }
}
