/// One key question of one case, marked by its inspector and again, blind, by the quality lead.
public struct SecondMarking: Sendable, Hashable {
    public let question: QuestionID
    /// Who made the first judgement, as the page names them.
    public let firstMarker: String
    public let first: Answer
    public let second: Answer

    public init(question: QuestionID, firstMarker: String, first: Answer, second: Answer) {
        self.question = question
        self.firstMarker = firstMarker
        self.first = first
        self.second = second
    }
}

/// Agreement for an inspection's moderation sample: overall, per key question and per inspector.
public struct AgreementBreakdown: Sendable {
    public let overall: Agreement
    /// In the framework's question order; questions never second-marked are left out.
    public let byQuestion: [(question: QuestionID, agreement: Agreement)]
    /// Sorted by the inspector's name.
    public let byInspector: [(inspector: String, agreement: Agreement)]

    public init(_ markings: [SecondMarking], questionOrder: [QuestionID]) {
        var overall = Agreement()
        var questions: [QuestionID: Agreement] = [:]
        var inspectors: [String: Agreement] = [:]
        for marking in markings {
            overall.record(marking.first, marking.second)
            questions[marking.question, default: Agreement()].record(marking.first, marking.second)
            inspectors[marking.firstMarker, default: Agreement()].record(marking.first, marking.second)
        }
        self.overall = overall
        let known = Set(questionOrder)
        let ordered = questionOrder + questions.keys.filter { !known.contains($0) }.sorted { $0.rawValue < $1.rawValue }
        byQuestion = ordered.compactMap { id in questions[id].map { (id, $0) } }
        byInspector = inspectors.keys.sortedNaturally { $0 }.map { ($0, inspectors[$0]!) }
    }
}
