import Foundation

/// Who a recommendation asks to act.
public enum RecommendationAddressee: String, Sendable, Hashable, Codable, CaseIterable {
    case provider
    case hmpps
    case other

    public var title: String {
        switch self {
        case .provider: "The provider"
        case .hmpps: "HM Prison and Probation Service"
        case .other: "Another body"
        }
    }
}

/// The lead's judgement, at the provider's next inspection, of what became of a recommendation.
public enum FollowUpStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case met
    case partlyMet = "partly-met"
    case notMet = "not-met"
    case noLongerApplicable = "no-longer-applicable"

    public var title: String {
        switch self {
        case .met: "Met"
        case .partlyMet: "Partly met"
        case .notMet: "Not met"
        case .noLongerApplicable: "No longer applicable"
        }
    }

    /// Whether the provider made progress on it; nil when the question no longer arises.
    public var showsProgress: Bool? {
        switch self {
        case .met, .partlyMet: true
        case .notMet: false
        case .noLongerApplicable: nil
        }
    }
}

/// One recommendation of a report: what is to be done, and by whom.
public struct Recommendation: Sendable, Hashable {
    public let text: String
    public let addressee: RecommendationAddressee
    /// The body's name when the addressee is another body ("the Parole Board").
    public let otherBody: String?

    public init(text: String, addressee: RecommendationAddressee, otherBody: String? = nil) {
        self.text = text
        self.addressee = addressee
        self.otherBody = addressee == .other ? otherBody : nil
    }

    public static let textLimit = 2_000
    public static let evidenceLimit = 4_000
    public static let actionPlanLimit = 4_000

    /// Who it is addressed to, in words: the provider by name, HMPPS, or the other body.
    public func addresseeName(provider: String) -> String {
        switch addressee {
        case .provider: provider
        case .hmpps: RecommendationAddressee.hmpps.title
        case .other: otherBody ?? RecommendationAddressee.other.title
        }
    }

    /// A recommendation as the lead's form sends it (`text`, `addressee`, `otherBody`), checked.
    public static func read(_ fields: [String: String]) -> Result<Recommendation, FormProblems> {
        var problems: [String: String] = [:]
        let text = (fields["text"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty { problems["text"] = "Enter the recommendation" }
        if text.count > textLimit { problems["text"] = "Keep a recommendation to 2,000 characters; it has \(text.count)" }
        let addressee = RecommendationAddressee(rawValue: fields["addressee"] ?? "")
        if addressee == nil { problems["addressee"] = "Choose who the recommendation is for" }
        let otherBody = (fields["otherBody"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if addressee == .other, otherBody.isEmpty || otherBody.count > 120 {
            problems["otherBody"] = "Name the body the recommendation is for (up to 120 characters)"
        }
        guard problems.isEmpty, let addressee else { return .failure(FormProblems(byField: problems)) }
        return .success(Recommendation(text: text, addressee: addressee, otherBody: otherBody))
    }
}

/// The lead's judgement of one previous recommendation, with the evidence for it.
public struct FollowUpJudgement: Sendable, Hashable {
    public let status: FollowUpStatus
    public let evidence: String

    public init(status: FollowUpStatus, evidence: String) {
        self.status = status
        self.evidence = evidence
    }

    /// As the follow-up form sends it (`status`, `evidence`): both are needed, since a judgement
    /// the report cannot explain is no judgement.
    public static func read(_ fields: [String: String]) -> Result<FollowUpJudgement, FormProblems> {
        var problems: [String: String] = [:]
        let status = FollowUpStatus(rawValue: fields["status"] ?? "")
        if status == nil { problems["status"] = "Choose met, partly met, not met or no longer applicable" }
        let evidence = (fields["evidence"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if evidence.isEmpty { problems["evidence"] = "Give the evidence for this judgement" }
        if evidence.count > Recommendation.evidenceLimit { problems["evidence"] = "Keep the evidence to 4,000 characters; it has \(evidence.count)" }
        guard problems.isEmpty, let status else { return .failure(FormProblems(byField: problems)) }
        return .success(FollowUpJudgement(status: status, evidence: evidence))
    }
}

/// A recommendation of an earlier inspection, as a later one follows it up.
public struct PreviousRecommendation: Sendable, Hashable {
    public let id: String
    public let recommendation: Recommendation
    /// The inspection that made it, and its provider's name and year for the reader.
    public let madeIn: String
    public let madeTo: String
    public let madeInYear: String
    public let actionPlan: String?
    /// Nil until the lead has judged it.
    public let judgement: FollowUpJudgement?

    public init(
        id: String, recommendation: Recommendation, madeIn: String, madeTo: String, madeInYear: String, actionPlan: String?,
        judgement: FollowUpJudgement?
    ) {
        self.id = id
        self.recommendation = recommendation
        self.madeIn = madeIn
        self.madeTo = madeTo
        self.madeInYear = madeInYear
        self.actionPlan = actionPlan
        self.judgement = judgement
    }
}

/// "Progress on previous recommendations": each judged recommendation, and the share of those
/// still applicable on which the provider made progress (met or partly met), with its interval.
public struct RecommendationFollowUp: Sendable {
    public let items: [PreviousRecommendation]
    public let confidence: ConfidenceLevel

    public init(_ items: [PreviousRecommendation], confidence: ConfidenceLevel = .ninetyFivePercent) {
        self.items = items.filter { $0.judgement != nil }
        self.confidence = confidence
    }

    public var isEmpty: Bool { items.isEmpty }

    public func count(_ status: FollowUpStatus) -> Int { items.filter { $0.judgement?.status == status }.count }

    /// Met or partly met, out of those not set aside as no longer applicable.
    public var progress: Proportion { Proportion(items.map { $0.judgement?.status.showsProgress }, confidence: confidence) }

    public var table: DataTable {
        DataTable(
            id: "previous-recommendations", title: "Progress on previous recommendations",
            note:
                "Each recommendation of the provider's previous inspection, as the lead inspector judged it at this one. Progress is met or partly met, out of those still applicable; \(confidence.description) interval.",
            columns: [
                .init("recommendation", "Recommendation"), .init("made_in", "Made in"), .init("addressed_to", "Addressed to"),
                .init("status", "Progress"), .init("evidence", "Evidence"),
            ],
            rows: items.map { item in
                [
                    .text(item.recommendation.text), .text("\(item.madeTo) \(item.madeInYear)"),
                    .text(item.recommendation.addresseeName(provider: item.madeTo)), .text(item.judgement?.status.title ?? ""),
                    .text(item.judgement?.evidence ?? ""),
                ]
            })
    }
}
