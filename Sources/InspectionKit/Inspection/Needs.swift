/// A need linked to offending that an inspector looks for in a case: the list the seeds and the
/// frameworks' prompts use. A framework file names which of them it asks about (`needs:`).
public enum Need: String, Sendable, Codable, CaseIterable, Hashable, CodingKeyRepresentable {
    case accommodation
    case employmentTrainingEducation = "employment-training-education"
    case finance
    case physicalHealth = "physical-health"
    case mentalHealth = "mental-health"
    case substanceMisuse = "substance-misuse"
    case relationships
    case domesticAbuse = "domestic-abuse"
    case thinkingAndBehaviour = "thinking-and-behaviour"

    public var title: String {
        switch self {
        case .accommodation: "Accommodation"
        case .employmentTrainingEducation: "Employment, training and education"
        case .finance: "Finance"
        case .physicalHealth: "Physical health"
        case .mentalHealth: "Mental health"
        case .substanceMisuse: "Substance misuse"
        case .relationships: "Relationships"
        case .domesticAbuse: "Domestic abuse"
        case .thinkingAndBehaviour: "Thinking and behaviour"
        }
    }
}

/// What the inspector found for one need in one case: one choice, so "met" can never be
/// recorded for a need that was not there.
public enum NeedOutcome: String, Sendable, Codable, CaseIterable, Hashable {
    case notANeed = "not-a-need"
    case notIdentified = "not-identified"
    case identifiedNotMet = "identified-not-met"
    case met = "identified-and-met"

    public var title: String {
        switch self {
        case .notANeed: "Not a need in this case"
        case .notIdentified: "A need the provider did not identify"
        case .identifiedNotMet: "Identified, not met"
        case .met: "Identified and met"
        }
    }

    /// Whether the case had this need, whoever saw it.
    public var isNeed: Bool { self != .notANeed }
    public var isIdentified: Bool { self == .identifiedNotMet || self == .met }
    public var isMet: Bool { self == .met }
}

/// Which share of a need's cases a figure counts.
public enum NeedStage: String, Sendable, Codable, CaseIterable, Hashable {
    /// Identified by the provider, out of the cases with the need.
    case identified
    /// Met, out of the cases with the need.
    case met
}
