/// How far two markers agree on the same yes/no judgements: observed agreement, Cohen's kappa
/// and Gwet's AC1, from the 2×2 table of their answers.
///
/// Pairs where either marker answered n/a are not judgements of the same thing, so they are
/// left out and counted in `excluded`.
///
/// Kappa corrects for the agreement two markers would reach by chance given how often each
/// says "sufficient". When nearly every answer is the same (high prevalence), that chance term
/// approaches 1 and kappa falls towards zero or below even though the markers almost always
/// agree: the prevalence paradox. AC1 estimates chance agreement differently (it is largest
/// when answers are split evenly), so it stays close to the observed agreement there. Both are
/// reported; the reading says which to trust.
public struct Agreement: Sendable, Hashable {
    /// Both markers said sufficient.
    public private(set) var bothSufficient = 0
    /// The first said sufficient, the second not sufficient.
    public private(set) var onlyFirstSufficient = 0
    /// The first said not sufficient, the second sufficient.
    public private(set) var onlySecondSufficient = 0
    /// Both said not sufficient.
    public private(set) var bothNotSufficient = 0
    /// Pairs left out because either answer was n/a.
    public private(set) var excluded = 0

    public init() {}

    public init<S: Sequence>(pairs: S) where S.Element == (Answer, Answer) {
        for (first, second) in pairs { record(first, second) }
    }

    /// The 2×2 table directly, as worked examples print it.
    public init(bothSufficient: Int, onlyFirstSufficient: Int, onlySecondSufficient: Int, bothNotSufficient: Int, excluded: Int = 0) {
        self.bothSufficient = bothSufficient
        self.onlyFirstSufficient = onlyFirstSufficient
        self.onlySecondSufficient = onlySecondSufficient
        self.bothNotSufficient = bothNotSufficient
        self.excluded = excluded
    }

    public mutating func record(_ first: Answer, _ second: Answer) {
        switch (first, second) {
        case (.notApplicable, _), (_, .notApplicable): excluded += 1
        case (.sufficient, .sufficient): bothSufficient += 1
        case (.sufficient, .notSufficient): onlyFirstSufficient += 1
        case (.notSufficient, .sufficient): onlySecondSufficient += 1
        case (.notSufficient, .notSufficient): bothNotSufficient += 1
        }
    }

    public static func + (lhs: Agreement, rhs: Agreement) -> Agreement {
        Agreement(
            bothSufficient: lhs.bothSufficient + rhs.bothSufficient, onlyFirstSufficient: lhs.onlyFirstSufficient + rhs.onlyFirstSufficient,
            onlySecondSufficient: lhs.onlySecondSufficient + rhs.onlySecondSufficient,
            bothNotSufficient: lhs.bothNotSufficient + rhs.bothNotSufficient, excluded: lhs.excluded + rhs.excluded)
    }

    /// Pairs compared: both markers gave a yes/no judgement.
    public var n: Int { bothSufficient + onlyFirstSufficient + onlySecondSufficient + bothNotSufficient }
    /// Pairs where the two answers were the same.
    public var agreed: Int { bothSufficient + bothNotSufficient }

    /// The share of compared pairs that agreed, with its Wilson interval; nil when none were compared.
    public var observed: Proportion? {
        n == 0 ? nil : Proportion(count: agreed, of: n)
    }

    private var observedShare: Double? { n == 0 ? nil : Double(agreed) / Double(n) }

    /// Cohen's kappa, or nil when nothing was compared or chance agreement is total (both
    /// markers gave one answer throughout, so kappa is 0/0).
    public var cohenKappa: Double? {
        guard let observed = observedShare else { return nil }
        let total = Double(n)
        let firstYes = Double(bothSufficient + onlyFirstSufficient) / total
        let secondYes = Double(bothSufficient + onlySecondSufficient) / total
        let chance = firstYes * secondYes + (1 - firstYes) * (1 - secondYes)
        guard chance < 1 else { return nil }
        return (observed - chance) / (1 - chance)
    }

    /// Gwet's AC1 for two categories: chance agreement is 2π(1−π), π the mean share of
    /// "sufficient" across both markers. Nil only when nothing was compared.
    public var gwetAC1: Double? {
        guard let observed = observedShare else { return nil }
        let total = Double(n)
        let meanYes = Double(2 * bothSufficient + onlyFirstSufficient + onlySecondSufficient) / (2 * total)
        let chance = 2 * meanYes * (1 - meanYes)
        return (observed - chance) / (1 - chance)
    }

    /// What the figures mean, in a sentence for the moderation page.
    public var reading: String {
        guard let observed else { return "No pairs of yes/no judgements to compare yet." }
        var text = "The markers agreed on \(observed.description) judgements."
        let ac1 = gwetAC1.map(AgreementStrength.init(coefficient:))
        if let ac1 { text += " Beyond chance, agreement is \(ac1.title.lowercased()) (AC1)." }
        if let kappa = cohenKappa, let ac1Value = gwetAC1, ac1Value - kappa >= 0.2 {
            text +=
                " Kappa is much lower (\(AgreementStrength(coefficient: kappa).title.lowercased())) because almost every answer is the same"
                + " (the prevalence paradox); AC1 is the better guide here."
        } else if cohenKappa == nil {
            text += " Kappa cannot be calculated: both markers gave the same answer every time."
        }
        if n < 30 { text += " With only \(n) pairs, treat this as indicative." }
        return text
    }
}

/// Landis and Koch's (1977) words for a chance-corrected agreement coefficient.
public enum AgreementStrength: String, Sendable, Hashable, CaseIterable {
    case poor, slight, fair, moderate, substantial
    case almostPerfect = "almost-perfect"

    public init(coefficient: Double) {
        switch coefficient {
        case ..<0: self = .poor
        case ...0.20: self = .slight
        case ...0.40: self = .fair
        case ...0.60: self = .moderate
        case ...0.80: self = .substantial
        default: self = .almostPerfect
        }
    }

    public var title: String {
        switch self {
        case .poor: "Poor"
        case .slight: "Slight"
        case .fair: "Fair"
        case .moderate: "Moderate"
        case .substantial: "Substantial"
        case .almostPerfect: "Almost perfect"
        }
    }
}
