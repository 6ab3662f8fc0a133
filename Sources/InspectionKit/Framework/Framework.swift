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
    /// The frameworks whose inspections this one adds together for its pooled standards
    /// (`pools_from`): a region pools its PDUs' inspections.
    public let poolsFrom: [FrameworkID]
    /// The needs an inspector records for each case, whether identified and whether met (`needs`).
    public let needs: [Need]
    /// Indicators watched between inspections beyond the standard ones (`indicators`), for the
    /// providers this framework inspects.
    public let indicators: [Indicator]

    public init(
        id: FrameworkID, title: String, summary: String? = nil, inspects: [String] = [],
        domains: [Domain], rules: RatingRules, samples: [CaseSample]? = nil, rationaleRequired: Set<Answer> = [.notSufficient],
        poolsFrom: [FrameworkID] = [], needs: [Need] = [], indicators: [Indicator] = []
    ) {
        self.id = id
        self.indicators = indicators
        self.needs = needs
        self.poolsFrom = poolsFrom
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

    /// Whether some standard is rated from other inspections' judgements added together.
    public var pools: Bool { standards.contains { $0.kind == .pooled } }

    /// The standard of this framework that corresponds to `other`'s standard, so that the two
    /// may be compared year on year (see ``Standard/corresponds(to:framework:otherFramework:)``).
    public func standard(correspondingTo standard: StandardID, of other: Framework) -> Standard? {
        guard let theirs = other.standard(standard) else { return nil }
        return standards.first { $0.corresponds(to: theirs, framework: id, otherFramework: other.id) }
    }

    /// Whether two frameworks' overall ratings may be compared: the same framework, or one
    /// whose every standard corresponds to one of the other's, one for one.
    public static func overallComparable(_ a: (FrameworkID, [Standard]), _ b: (FrameworkID, [Standard])) -> Bool {
        if a.0 == b.0 { return true }
        return a.1.count == b.1.count && a.1.allSatisfy { mine in b.1.contains { mine.corresponds(to: $0, framework: a.0, otherFramework: b.0) } }
    }

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
    /// Rated like a case standard, from the judgements of other inspections added together
    /// (a region's desistance standard from its PDUs' cases); each key question names the
    /// question it adds up.
    case pooled

    /// Whether the standard is rated from case judgements (its own cases or pooled ones).
    public var isRatedFromCases: Bool { self != .organisational }
}

extension Standard {
    /// Whether this standard (of `framework`) measures the same thing as `other` (of
    /// `otherFramework`): the same standard of the same framework, or one that either file
    /// declares with `corresponds_to`. Nothing else is compared year on year.
    public func corresponds(to other: Standard, framework: FrameworkID, otherFramework: FrameworkID) -> Bool {
        if framework == otherFramework { return id == other.id }
        return correspondsTo.contains(StandardReference(framework: otherFramework, standard: other.id))
            || other.correspondsTo.contains(StandardReference(framework: framework, standard: id))
    }
}

/// A standard of a named framework, e.g. probation-2021-pdu 2.1.
public struct StandardReference: Sendable, Hashable, CustomStringConvertible {
    public let framework: FrameworkID
    public let standard: StandardID

    public init(framework: FrameworkID, standard: StandardID) {
        self.framework = framework
        self.standard = standard
    }

    public var description: String { "\(framework) \(standard)" }
}

/// One standard, e.g. "2.1 Assessment".
public struct Standard: Sendable, Hashable, Identifiable {
    public let id: StandardID
    public let title: String
    public let kind: StandardKind
    /// Which case sample it is judged on, for case standards (e.g. `supervision`, `unpaid-work`).
    public let sample: String?
    public let questions: [KeyQuestion]
    /// Standards of other frameworks that measure the same thing, so ratings may be compared
    /// across framework versions (`corresponds_to`). Without one, they are "not comparable".
    public let correspondsTo: [StandardReference]

    public init(
        id: StandardID, title: String, kind: StandardKind, sample: String? = nil, questions: [KeyQuestion], correspondsTo: [StandardReference] = []
    ) {
        self.id = id
        self.title = title
        self.kind = kind
        self.sample = sample
        self.questions = questions
        self.correspondsTo = correspondsTo
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
    /// For a pooled standard: the key question of the pooled inspections' framework whose
    /// counts are added together (`pools`).
    public let pools: QuestionID?
    /// False for a question that is judged and counted but does not limit its standard's rating
    /// (`counts_toward_rating: false`): a PDU's court-work question, rated at the region.
    public let countsTowardRating: Bool

    public init(id: QuestionID, text: String, focus: String? = nil, prompts: [String] = [], pools: QuestionID? = nil, countsTowardRating: Bool = true) {
        self.id = id
        self.text = text
        self.focus = focus
        self.prompts = prompts
        self.pools = pools
        self.countsTowardRating = countsTowardRating
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
