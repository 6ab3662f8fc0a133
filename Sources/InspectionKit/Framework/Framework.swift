/// A versioned standards framework: what is inspected, which key questions are asked of each
/// case, and the rules that turn answers into ratings. Always loaded from a data file
/// (see ``FrameworkLoader``); a new version is a new file, not new code.
public struct Framework: Sendable, Hashable, Identifiable {
    public let id: FrameworkID
    public let title: String
    public let summary: String?
    /// What kind of inspection uses it, e.g. `crc`, `nps`, `yot`, `thematic`.
    public let inspects: [String]
    public let domains: [Domain]
    public let rules: RatingRules
    /// The case samples an inspection draws, one per `sample` named by a case standard.
    public let samples: [CaseSample]
    /// Answers an inspector must explain in writing before the case is complete
    /// (`rationale_required_for`; "not sufficient" by default).
    public let rationaleRequired: Set<Answer>

    public init(
        id: FrameworkID, title: String, summary: String? = nil, inspects: [String] = [],
        domains: [Domain], rules: RatingRules, samples: [CaseSample]? = nil, rationaleRequired: Set<Answer> = [.notSufficient]
    ) {
        self.id = id
        self.rationaleRequired = rationaleRequired
        self.title = title
        self.summary = summary
        self.inspects = inspects
        self.domains = domains
        self.rules = rules
        var derived: [CaseSample] = []
        for name in domains.flatMap(\.standards).compactMap(\.sample) where !derived.contains(where: { $0.id == name }) {
            derived.append(CaseSample(id: name, title: name.replacingOccurrences(of: "-", with: " ").capitalized, sentenceTypes: nil))
        }
        self.samples = samples ?? derived
    }

    /// The standards judged on a sample's cases, in framework order.
    public func standards(judgedOn sample: String) -> [Standard] {
        standards.filter { $0.kind == .caseBased && $0.sample == sample }
    }

    /// The sentence types some sample draws from; nil when a sample takes every type.
    public var sampledSentenceTypes: Set<SentenceType>? {
        var types = Set<SentenceType>()
        for sample in samples {
            guard let own = sample.sentenceTypes else { return nil }
            types.formUnion(own)
        }
        return types
    }

    /// The first sample is the main one, sized by the sample-size planner; the rest are extras.
    public var mainSample: CaseSample? { samples.first }

    /// Whether this answer needs a written rationale before the case can be completed.
    public func needsRationale(_ answer: Answer) -> Bool { rationaleRequired.contains(answer) }

    /// Every standard, in the framework's order.
    public var standards: [Standard] { domains.flatMap(\.standards) }

    public func standard(_ id: StandardID) -> Standard? {
        standards.first { $0.id == id }
    }

    /// The most points the framework can award: the top rating's points for every standard.
    public var maximumPoints: Int { rules.points(for: .outstanding) * standards.count }
}

/// A separate sample of cases, e.g. the main case-supervision sample or the unpaid-work sample.
public struct CaseSample: Sendable, Hashable, Identifiable {
    public let id: String
    public let title: String
    /// The sentence types eligible for this sample; nil means every case is eligible.
    public let sentenceTypes: Set<SentenceType>?

    public init(id: String, title: String, sentenceTypes: Set<SentenceType>?) {
        self.id = id
        self.title = title
        self.sentenceTypes = sentenceTypes
    }

    public func isEligible(_ sentenceType: SentenceType) -> Bool {
        sentenceTypes?.contains(sentenceType) ?? true
    }
}

/// A group of standards, e.g. "1 Organisational delivery".
public struct Domain: Sendable, Hashable, Identifiable {
    public let id: String
    public let title: String
    public let standards: [Standard]

    public init(id: String, title: String, standards: [Standard]) {
        self.id = id
        self.title = title
        self.standards = standards
    }
}

/// How a standard is rated.
public enum StandardKind: String, Sendable, Codable, Hashable, CaseIterable {
    /// Rated from case judgements: the band of its lowest-scoring key question.
    case caseBased = "case"
    /// Rated directly by inspectors from evidence, meetings and focus groups.
    case organisational
}

/// One standard, e.g. "2.1 Assessment".
public struct Standard: Sendable, Hashable, Identifiable {
    public let id: StandardID
    public let title: String
    public let kind: StandardKind
    /// Which case sample it is judged on, for case standards (e.g. `supervision`, `unpaid-work`).
    public let sample: String?
    public let questions: [KeyQuestion]

    public init(id: StandardID, title: String, kind: StandardKind, sample: String? = nil, questions: [KeyQuestion]) {
        self.id = id
        self.title = title
        self.kind = kind
        self.sample = sample
        self.questions = questions
    }
}

/// A key question, answered sufficient / not sufficient / not applicable for each case.
public struct KeyQuestion: Sendable, Hashable, Identifiable {
    public let id: QuestionID
    public let text: String
    /// What the question is about, e.g. `engagement`, `desistance`, `safety`; used to group
    /// figures across standards (the "keeping people safe" table).
    public let focus: String?
    /// The prompts inspectors consider before answering.
    public let prompts: [String]

    public init(id: QuestionID, text: String, focus: String? = nil, prompts: [String] = []) {
        self.id = id
        self.text = text
        self.focus = focus
        self.prompts = prompts
    }
}

/// The rules that turn percentages into ratings and ratings into an overall rating.
public struct RatingRules: Sendable, Hashable {
    /// The lowest share of applicable cases that earns each rating, best rating first.
    public let caseBands: [CaseBand]
    /// Points per rating.
    public let points: [Rating: Int]
    /// Ranges of total points and the overall rating each earns, lowest first.
    public let overallBands: [OverallBand]

    public init(caseBands: [CaseBand], points: [Rating: Int], overallBands: [OverallBand]) {
        self.caseBands = caseBands.sorted { $0.minimum > $1.minimum }
        self.points = points
        self.overallBands = overallBands.sorted { $0.points.lowerBound < $1.points.lowerBound }
    }

    /// The band a share falls in: the best band whose minimum it reaches, compared exactly.
    public func band(for share: Fraction) -> Rating {
        caseBands.first { share >= $0.minimum }?.rating ?? .inadequate
    }

    /// The band a double (an interval bound) falls in.
    public func band(forValue value: Double) -> Rating {
        caseBands.first { value >= $0.minimum.doubleValue }?.rating ?? .inadequate
    }

    /// The minimum share for a rating, if the rating has a band.
    public func minimum(for rating: Rating) -> Fraction? {
        caseBands.first { $0.rating == rating }?.minimum
    }

    /// The next band up from `rating`, with its minimum share.
    public func bandAbove(_ rating: Rating) -> CaseBand? {
        caseBands.last { $0.rating > rating }
    }

    public func points(for rating: Rating) -> Int { points[rating] ?? 0 }

    /// The overall band a points total falls in.
    public func overallBand(for total: Int) -> OverallBand? {
        overallBands.first { $0.points.contains(total) }
    }
}

/// A case-standard band: shares at or above `minimum` earn `rating` (unless a better band applies).
public struct CaseBand: Sendable, Hashable {
    public let rating: Rating
    public let minimum: Fraction

    public init(rating: Rating, minimum: Fraction) {
        self.rating = rating
        self.minimum = minimum
    }
}

/// An overall band: a total of points within `points` earns `rating`.
public struct OverallBand: Sendable, Hashable {
    public let rating: Rating
    public let points: ClosedRange<Int>

    public init(rating: Rating, points: ClosedRange<Int>) {
        self.rating = rating
        self.points = points
    }
}
