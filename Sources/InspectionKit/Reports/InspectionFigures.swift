/// The figures of one inspection's report beyond its ratings: how well risk of harm was handled
/// at each RoSH level, whether checks were done where needed, and what officers said about their
/// workload. Every figure is a ``Proportion`` naming the cases behind it.
public struct InspectionFigures: Sendable, Hashable {
    public let frameworkID: FrameworkID
    public let confidence: ConfidenceLevel
    /// The key questions about keeping other people safe, in the framework's order.
    public let safetyQuestions: [KeyQuestion]
    /// Each safety question's share sufficient at each RoSH level.
    public let safetyByRosh: [QuestionID: [RoshLevel: Proportion]]
    /// Every safety judgement pooled: the inspection's "risk of harm score".
    public let riskOfHarm: Proportion
    public let checks: [CheckKind: Proportion]
    /// The share of officers of each grade who said their workload was not manageable.
    public let unmanageableWorkload: [OfficerGrade: Proportion]
    /// How each grade answered, for the table: yes, no, not sure.
    public let workloadAnswers: [OfficerGrade: [WorkloadAnswer: Int]]
    /// For each need the framework asks about, in its order: of the cases with the need, the
    /// share the provider identified and the share met.
    public let needs: [NeedFigures]
    public let caseCount: Int

    public init(framework: Framework, cases: [CaseEvidence], confidence: ConfidenceLevel = .ninetyFivePercent) {
        frameworkID = framework.id
        self.confidence = confidence
        caseCount = cases.count
        let safety = framework.standards.filter { $0.kind == .caseBased }.flatMap(\.questions).filter { $0.focus == "safety" }
        safetyQuestions = safety
        func sufficient(_ evidence: CaseEvidence, _ question: QuestionID) -> Bool? {
            switch evidence.answers[question] {
            case .sufficient: true
            case .notSufficient: false
            default: nil
            }
        }
        var byRosh: [QuestionID: [RoshLevel: Proportion]] = [:]
        for question in safety {
            for level in RoshLevel.allCases {
                let filter = CaseFilter(question: question.id, rosh: level)
                byRosh[question.id, default: [:]][level] = Proportion(
                    cases.filter { $0.rosh == level }.map { sufficient($0, question.id) }, confidence: confidence, cases: filter)
            }
        }
        safetyByRosh = byRosh
        riskOfHarm = Proportion(
            cases.flatMap { evidence in safety.map { sufficient(evidence, $0.id) } }, confidence: confidence,
            cases: CaseFilter(anyQuestion: safety.map(\.id)))
        checks = Dictionary(
            uniqueKeysWithValues: CheckKind.allCases.map { kind in
                (kind, Proportion(cases.map { $0.facts[kind].doneWhereNeeded }, confidence: confidence, cases: CaseFilter(check: kind)))
            })
        var answers: [OfficerGrade: [WorkloadAnswer: Int]] = [:]
        var unmanageable: [OfficerGrade: Proportion] = [:]
        for grade in OfficerGrade.allCases {
            let said = cases.compactMap { $0.interview?.grade == grade ? $0.interview?.workloadManageable : nil }
            answers[grade] = Dictionary(grouping: said, by: { $0 }).mapValues(\.count)
            unmanageable[grade] = Proportion(said.map { $0 == .no }, confidence: confidence, cases: CaseFilter(workloadGrade: grade))
        }
        workloadAnswers = answers
        unmanageableWorkload = unmanageable
        needs = framework.needs.map { need in
            let outcomes = cases.compactMap { $0.facts.needs[need] }.filter(\.isNeed)
            return NeedFigures(
                need: need,
                identified: Proportion(outcomes.map(\.isIdentified), confidence: confidence, cases: CaseFilter(need: need, needStage: .identified)),
                met: Proportion(outcomes.map(\.isMet), confidence: confidence, cases: CaseFilter(need: need, needStage: .met)))
        }
    }

    /// The RoSH levels with at least one judged case, so empty columns are left out.
    public var roshLevelsPresent: [RoshLevel] {
        RoshLevel.allCases.filter { level in safetyByRosh.values.contains { ($0[level]?.of ?? 0) > 0 } }
    }
}

/// One need's figures: of the cases that had it, the share identified and the share met.
public struct NeedFigures: Sendable, Hashable {
    public let need: Need
    public let identified: Proportion
    public let met: Proportion

    public init(need: Need, identified: Proportion, met: Proportion) {
        self.need = need
        self.identified = identified
        self.met = met
    }
}

extension Proportion {
    /// Adds two figures of the same kind (counts add; the interval is recomputed).
    public static func + (lhs: Proportion, rhs: Proportion) -> Proportion {
        Proportion(count: lhs.count + rhs.count, of: lhs.of + rhs.of, confidence: lhs.confidence, cases: nil)
    }

    public static func sum(_ parts: [Proportion], confidence: ConfidenceLevel = .ninetyFivePercent) -> Proportion {
        parts.reduce(Proportion(count: 0, of: 0, confidence: confidence)) { $0 + $1 }
    }
}
