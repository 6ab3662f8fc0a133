/// A count out of a count, with its interval: the form of every percentage Inspectorate
/// publishes, so no figure appears without the number of cases behind it.
public struct Proportion: Sendable, Hashable {
    public let count: Int
    public let of: Int
    public let confidence: ConfidenceLevel
    /// Which cases are behind the figure, so staff can drill down to them.
    public let cases: CaseFilter?

    public init(count: Int, of total: Int, confidence: ConfidenceLevel = .ninetyFivePercent, cases: CaseFilter? = nil) {
        precondition(count >= 0 && count <= total)
        self.count = count
        self.of = total
        self.confidence = confidence
        self.cases = cases
    }

    /// From per-case outcomes; nil outcomes (not applicable) are left out.
    public init(_ outcomes: some Sequence<Bool?>, confidence: ConfidenceLevel = .ninetyFivePercent, cases: CaseFilter? = nil) {
        var count = 0
        var total = 0
        for outcome in outcomes {
            guard let outcome else { continue }
            total += 1
            if outcome { count += 1 }
        }
        self.init(count: count, of: total, confidence: confidence, cases: cases)
    }

    /// 0–100; nil when there were no cases.
    public var percent: Double? { of == 0 ? nil : Double(count) * 100 / Double(of) }
    public var interval: WilsonInterval? { of == 0 ? nil : WilsonInterval(successes: count, trials: of, confidence: confidence) }

    /// "51.0% (45.2–56.7%), 102 of 200", or "no cases".
    public var description: String {
        guard let percent, let interval else { return "no cases" }
        return "\(PercentFormat.oneDecimal(percent)) (\(PercentFormat.interval(interval))), \(count) of \(of)"
    }
}

/// The cases behind a figure: every condition given must hold.
public struct CaseFilter: Sendable, Hashable, Codable {
    /// Cases where this key question was answered sufficient or not sufficient.
    public var question: QuestionID?
    /// Cases where any of these key questions applied (pooled figures).
    public var anyQuestion: [QuestionID]?
    public var rosh: RoshLevel?
    /// Cases where this check was needed.
    public var check: CheckKind?
    /// Cases whose officer, of this grade, answered the workload question.
    public var workloadGrade: OfficerGrade?
    /// Cases that had this need; the figure counts those where it was identified, or met.
    public var need: Need?
    public var needStage: NeedStage?

    public init(
        question: QuestionID? = nil, anyQuestion: [QuestionID]? = nil, rosh: RoshLevel? = nil, check: CheckKind? = nil, workloadGrade: OfficerGrade? = nil,
        need: Need? = nil, needStage: NeedStage? = nil
    ) {
        self.need = need
        self.needStage = needStage
        self.question = question
        self.anyQuestion = anyQuestion
        self.rosh = rosh
        self.check = check
        self.workloadGrade = workloadGrade
    }

    public func matches(_ evidence: CaseEvidence) -> Bool {
        if let rosh, evidence.rosh != rosh { return false }
        if let question, evidence.answers[question].map({ $0 == .notApplicable }) ?? true { return false }
        if let anyQuestion, !anyQuestion.contains(where: { evidence.answers[$0].map { $0 != .notApplicable } ?? false }) { return false }
        if let check, evidence.facts[check].needed != true || evidence.facts[check].done == nil { return false }
        if let workloadGrade, evidence.interview?.grade != workloadGrade || evidence.interview?.workloadManageable == nil { return false }
        if let need, evidence.facts.needs[need]?.isNeed != true { return false }
        return true
    }

    /// What one case adds to the figure: judgements counted, and how many of them count as the
    /// figure's "yes". Summed over every case it equals the figure, which the tests check.
    public func contribution(_ evidence: CaseEvidence) -> (count: Int, of: Int) {
        guard matches(evidence) else { return (0, 0) }
        if let question { return (evidence.answers[question] == .sufficient ? 1 : 0, 1) }
        if let anyQuestion {
            let applicable = anyQuestion.compactMap { evidence.answers[$0] }.filter { $0 != .notApplicable }
            return (applicable.filter { $0 == .sufficient }.count, applicable.count)
        }
        if let check { return (evidence.facts[check].done == true ? 1 : 0, 1) }
        if workloadGrade != nil { return (evidence.interview?.workloadManageable == .no ? 1 : 0, 1) }
        if let need, let outcome = evidence.facts.needs[need] {
            return ((needStage == .met ? outcome.isMet : outcome.isIdentified) ? 1 : 0, 1)
        }
        return (0, 0)
    }

    /// Says in words which cases these are, e.g. "key question 2.2.3, low RoSH".
    public var description: String {
        var parts: [String] = []
        if let question { parts.append("cases where key question \(question.rawValue) applied") }
        if let anyQuestion { parts.append("cases where any of \(anyQuestion.map(\.rawValue).joined(separator: ", ")) applied") }
        if let rosh { parts.append("\(rosh.title.lowercased()) RoSH") }
        if let check { parts.append("cases where a \(check.title.lowercased()) was needed") }
        if let workloadGrade { parts.append("\(workloadGrade.title)s who answered the workload question") }
        if let need { parts.append("cases with a need for \(need.title.lowercased())") }
        return parts.joined(separator: ", ")
    }
}

/// The checks an inspector records as needed and done.
public enum CheckKind: String, Sendable, Codable, CaseIterable, Hashable {
    case domesticAbuse = "domestic-abuse"
    case safeguarding
    case homeVisit = "home-visit"

    public var title: String {
        switch self {
        case .domesticAbuse: "Domestic abuse police check"
        case .safeguarding: "Child safeguarding check"
        case .homeVisit: "Home visit"
        }
    }
}

extension CaseFacts {
    public subscript(check: CheckKind) -> CheckRecord {
        switch check {
        case .domesticAbuse: domesticAbuseCheck
        case .safeguarding: safeguardingCheck
        case .homeVisit: homeVisit
        }
    }
}

/// What the reports need to know about one sampled case.
public struct CaseEvidence: Sendable, Hashable {
    public let reference: String
    public let sample: String
    public let rosh: RoshLevel
    public let answers: [QuestionID: Answer]
    public let facts: CaseFacts
    public let interview: OfficerInterview?
    /// Who the person is, as the caseload says: for the equality breakdowns, never shown alone.
    public let profile: CaseProfile

    public init(
        reference: String, sample: String, rosh: RoshLevel, answers: [QuestionID: Answer], facts: CaseFacts, interview: OfficerInterview?,
        profile: CaseProfile = CaseProfile()
    ) {
        self.profile = profile
        self.reference = reference
        self.sample = sample
        self.rosh = rosh
        self.answers = answers
        self.facts = facts
        self.interview = interview
    }
}
