import Foundation

/// Where an inspection is in its life. Each step forward is an explicit action that checks its
/// preconditions; a published inspection never changes again.
public enum InspectionState: String, Sendable, Codable, CaseIterable, Hashable {
    case planned
    case dataRequested = "data-requested"
    case sampling
    case fieldwork
    case qualityAssurance = "quality-assurance"
    case rated
    case published
    /// Cancelled before it finished (a provider merged, fieldwork could not go ahead): kept on
    /// record with its reason, never published, and nothing in it changes.
    case withdrawn
    /// Stopped for a reason (Covid-19 stopped fieldwork): nothing changes until the lead resumes
    /// it, or publishes what was rated with no overall rating.
    case suspended

    /// The stages an inspection goes through, in order; a withdrawn one stops where it was.
    public static let stages: [InspectionState] = [.planned, .dataRequested, .sampling, .fieldwork, .qualityAssurance, .rated, .published]

    public var title: String {
        switch self {
        case .planned: "Planned"
        case .dataRequested: "Data requested"
        case .sampling: "Sampling"
        case .fieldwork: "Fieldwork"
        case .qualityAssurance: "Quality assurance"
        case .rated: "Rated"
        case .published: "Published"
        case .withdrawn: "Withdrawn"
        case .suspended: "Suspended"
        }
    }

    /// The one action that moves an inspection on from this state.
    public var nextAction: InspectionAction? {
        switch self {
        case .planned: .requestData
        case .dataRequested: .startSampling
        case .sampling: .startFieldwork
        case .fieldwork: .startQualityAssurance
        case .qualityAssurance: .confirmRatings
        case .rated: .publish
        case .published, .withdrawn, .suspended: nil
        }
    }

    /// Whether judgements, uploads and ratings may still change.
    public var isEditable: Bool { self != .published && self != .withdrawn && self != .suspended }
}

/// An explicit step in an inspection's lifecycle.
public enum InspectionAction: String, Sendable, Codable, CaseIterable, Hashable {
    case requestData = "request-data"
    case startSampling = "start-sampling"
    case startFieldwork = "start-fieldwork"
    case startQualityAssurance = "start-quality-assurance"
    case confirmRatings = "confirm-ratings"
    case publish

    public var title: String {
        switch self {
        case .requestData: "Request data from the provider"
        case .startSampling: "Start sampling"
        case .startFieldwork: "Start fieldwork"
        case .startQualityAssurance: "Start quality assurance"
        case .confirmRatings: "Confirm the ratings"
        case .publish: "Publish"
        }
    }

    /// What has happened, as a sentence for the person who did it.
    public var doneMessage: String {
        switch self {
        case .requestData: "Data has been requested from the provider."
        case .startSampling: "Sampling has started."
        case .startFieldwork: "Fieldwork has started."
        case .startQualityAssurance: "Quality assurance has started."
        case .confirmRatings: "The ratings have been confirmed."
        case .publish: "The inspection has been published."
        }
    }

    public var from: InspectionState {
        InspectionState.stages.first { $0.nextAction == self }!
    }

    public var to: InspectionState {
        let stages = InspectionState.stages
        return stages[stages.firstIndex(of: from)! + 1]
    }
}

/// What is known about an inspection when someone asks to move it on.
public struct InspectionProgress: Sendable, Hashable {
    public var eligibleCases: Int
    public var sampledCases: Int
    public var completedCases: Int
    /// Standards with no rating, as the engine sees them now.
    public var unratedStandards: [StandardID]
    /// Cases in the quality lead's moderation sample, and how many have every answer final.
    public var moderatedCases: Int
    public var resolvedModeratedCases: Int
    /// For a region: its PDUs' inspections of the round that it would pool but whose ratings are
    /// not yet confirmed, named for a person ("Sunderland PDU (fieldwork)").
    public var unsettledPooled: [String]

    public init(
        eligibleCases: Int = 0, sampledCases: Int = 0, completedCases: Int = 0,
        unratedStandards: [StandardID] = [], moderatedCases: Int = 0, resolvedModeratedCases: Int = 0, unsettledPooled: [String] = []
    ) {
        self.unsettledPooled = unsettledPooled
        self.eligibleCases = eligibleCases
        self.sampledCases = sampledCases
        self.completedCases = completedCases
        self.unratedStandards = unratedStandards
        self.moderatedCases = moderatedCases
        self.resolvedModeratedCases = resolvedModeratedCases
    }

    /// A sample has been drawn and every case in it second-marked and resolved.
    public var moderationComplete: Bool { moderatedCases > 0 && resolvedModeratedCases == moderatedCases }
}

/// The rules for moving an inspection on.
public enum InspectionLifecycle {
    /// Why an action cannot be taken, in words for the person who tried.
    public struct Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        public let reasons: [String]
        public var description: String { reasons.joined(separator: " ") }
    }

    /// The state after `action`, or every reason it cannot be taken now.
    public static func apply(_ action: InspectionAction, to state: InspectionState, progress: InspectionProgress) throws(Refusal) -> InspectionState {
        guard state == action.from else {
            if state == .published { throw Refusal(reasons: ["A published inspection cannot change."]) }
            if state == .withdrawn { throw Refusal(reasons: ["A withdrawn inspection cannot change."]) }
            if state == .suspended { throw Refusal(reasons: ["The inspection is suspended: resume it first, or publish what was rated."]) }
            throw Refusal(reasons: [
                "\(action.title) is only possible when the inspection is \(action.from.title.lowercased()); it is \(state.title.lowercased())."
            ])
        }
        var reasons: [String] = []
        switch action {
        case .requestData:
            break
        case .startSampling:
            if progress.eligibleCases == 0 { reasons.append("Upload the provider's eligible caseload first.") }
        case .startFieldwork:
            if progress.sampledCases == 0 { reasons.append("Draw and confirm the case sample first.") }
        case .startQualityAssurance:
            let open = progress.sampledCases - progress.completedCases
            if open > 0 { reasons.append("\(open) sampled \(open == 1 ? "case is" : "cases are") not yet marked complete.") }
        case .confirmRatings:
            if progress.moderatedCases == 0 {
                reasons.append("The quality lead has not yet drawn the moderation sample.")
            } else if !progress.moderationComplete {
                let open = progress.moderatedCases - progress.resolvedModeratedCases
                reasons.append("\(open) of \(progress.moderatedCases) moderation cases \(open == 1 ? "is" : "are") not yet second-marked and resolved.")
            }
            if !progress.unratedStandards.isEmpty {
                reasons.append("Standards \(progress.unratedStandards.map(\.rawValue).joined(separator: ", ")) are not rated.")
            }
            // Confirming freezes what the region pools: every PDU inspection of the round first.
            if !progress.unsettledPooled.isEmpty {
                reasons.append(
                    "The region's ratings add up its PDU inspections; confirm these first: \(progress.unsettledPooled.joined(separator: ", ")).")
            }
        case .publish:
            if !progress.unratedStandards.isEmpty {
                reasons.append("Standards \(progress.unratedStandards.map(\.rawValue).joined(separator: ", ")) are not rated.")
            }
        }
        guard reasons.isEmpty else { throw Refusal(reasons: reasons) }
        return action.to
    }

    /// The longest reason for withdrawing that is kept.
    public static let reasonLimit = 2_000

    /// Withdraws an inspection that has not been published, for a reason that is kept with it.
    public static func withdraw(_ state: InspectionState, reason: String) throws(Refusal) -> InspectionState {
        switch state {
        case .published: throw Refusal(reasons: ["A published inspection cannot be withdrawn."])
        case .withdrawn: throw Refusal(reasons: ["This inspection has already been withdrawn."])
        default: break
        }
        try checkReason(reason, doing: "withdrawing the inspection")
        return .withdrawn
    }

    /// Suspends an inspection that is under way, for a reason that is kept with it.
    public static func suspend(_ state: InspectionState, reason: String) throws(Refusal) -> InspectionState {
        switch state {
        case .published: throw Refusal(reasons: ["A published inspection cannot be suspended."])
        case .withdrawn: throw Refusal(reasons: ["A withdrawn inspection cannot be suspended."])
        case .suspended: throw Refusal(reasons: ["This inspection is already suspended."])
        default: break
        }
        try checkReason(reason, doing: "suspending the inspection")
        return .suspended
    }

    /// Resumes a suspended inspection at the stage it was suspended in.
    public static func resume(_ state: InspectionState, suspendedFrom: InspectionState?) throws(Refusal) -> InspectionState {
        guard state == .suspended else { throw Refusal(reasons: ["Only a suspended inspection can be resumed."]) }
        guard let suspendedFrom, InspectionState.stages.contains(suspendedFrom), suspendedFrom != .published else {
            throw Refusal(reasons: ["The stage this inspection was suspended in is not known."])
        }
        return suspendedFrom
    }

    /// Publishes a suspended inspection as it stands: the standards that were rated, and no
    /// overall rating, with the reason shown wherever the overall rating would be.
    public static func publishPartially(_ state: InspectionState, reason: String, ratedStandards: Int) throws(Refusal) -> InspectionState {
        guard state == .suspended else {
            throw Refusal(reasons: ["Only a suspended inspection is published without an overall rating; suspend it first, with the reason."])
        }
        try checkReason(reason, doing: "publishing without an overall rating")
        if ratedStandards == 0 { throw Refusal(reasons: ["No standard is rated, so there is nothing to publish."]) }
        return .published
    }

    /// A reason a person can read: not blank, no control characters but line breaks and tabs,
    /// and not too long.
    private static func checkReason(_ reason: String, doing what: String) throws(Refusal) {
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty { throw Refusal(reasons: ["Enter the reason for \(what)."]) }
        let allowed = CharacterSet(charactersIn: "\n\r\t")
        if reason.unicodeScalars.contains(where: { CharacterSet.controlCharacters.contains($0) && !allowed.contains($0) }) {
            throw Refusal(reasons: ["The reason contains a control character; type it as plain text."])
        }
        if reason.count > reasonLimit { throw Refusal(reasons: ["The reason must be \(reasonLimit) characters or fewer; it has \(reason.count)."]) }
    }
}
