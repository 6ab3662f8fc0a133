/// The main way the responsible officer kept in touch with the person on probation.
public enum ContactType: String, Sendable, Codable, CaseIterable, Hashable {
    case faceToFace = "face-to-face"
    case phone
    case video

    public var title: String {
        switch self {
        case .faceToFace: "Face to face"
        case .phone: "Phone"
        case .video: "Video"
        }
    }
}

/// A check that may have been needed and, if so, may have been done.
public struct CheckRecord: Sendable, Hashable, Codable {
    public var needed: Bool?
    public var done: Bool?

    public init(needed: Bool? = nil, done: Bool? = nil) {
        self.needed = needed
        self.done = done
    }

    /// Whether it was needed and done; nil when it was not needed or not recorded.
    public var doneWhereNeeded: Bool? { needed == true ? done : nil }
}

/// Facts an inspector records about a sampled case, beside the judgements.
public struct CaseFacts: Sendable, Hashable, Codable {
    public var roshAtStart: RoshLevel?
    public var roshReviewed: Bool?
    public var mappaLevel: Int?
    public var domesticAbuseCheck: CheckRecord
    public var safeguardingCheck: CheckRecord
    public var homeVisit: CheckRecord
    public var contactType: ContactType?
    /// What was found for each need the framework asks about; empty when none was recorded.
    public var needs: [Need: NeedOutcome]

    public init(
        roshAtStart: RoshLevel? = nil, roshReviewed: Bool? = nil, mappaLevel: Int? = nil,
        domesticAbuseCheck: CheckRecord = CheckRecord(), safeguardingCheck: CheckRecord = CheckRecord(),
        homeVisit: CheckRecord = CheckRecord(), contactType: ContactType? = nil, needs: [Need: NeedOutcome] = [:]
    ) {
        self.needs = needs
        self.roshAtStart = roshAtStart
        self.roshReviewed = roshReviewed
        self.mappaLevel = mappaLevel
        self.domesticAbuseCheck = domesticAbuseCheck
        self.safeguardingCheck = safeguardingCheck
        self.homeVisit = homeVisit
        self.contactType = contactType
    }

    enum CodingKeys: String, CodingKey {
        case roshAtStart, roshReviewed, mappaLevel, domesticAbuseCheck, safeguardingCheck, homeVisit, contactType, needs
    }

    /// Facts recorded before needs were asked about have none: decoded as no needs recorded.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        roshAtStart = try container.decodeIfPresent(RoshLevel.self, forKey: .roshAtStart)
        roshReviewed = try container.decodeIfPresent(Bool.self, forKey: .roshReviewed)
        mappaLevel = try container.decodeIfPresent(Int.self, forKey: .mappaLevel)
        domesticAbuseCheck = try container.decode(CheckRecord.self, forKey: .domesticAbuseCheck)
        safeguardingCheck = try container.decode(CheckRecord.self, forKey: .safeguardingCheck)
        homeVisit = try container.decode(CheckRecord.self, forKey: .homeVisit)
        contactType = try container.decodeIfPresent(ContactType.self, forKey: .contactType)
        needs = try container.decodeIfPresent([Need: NeedOutcome].self, forKey: .needs) ?? [:]
    }
}

/// "Is your workload manageable?"
public enum WorkloadAnswer: String, Sendable, Codable, CaseIterable, Hashable {
    case yes, no
    case unsure = "not-sure"

    public var title: String {
        switch self {
        case .yes: "Yes"
        case .no: "No"
        case .unsure: "Not sure"
        }
    }
}

/// An interview with the case's responsible officer.
public struct OfficerInterview: Sendable, Hashable, Codable {
    public var grade: OfficerGrade
    public var caseloadSize: Int?
    /// The officer's answer to "Is your workload manageable?", recorded at their first interview
    /// of the inspection only, so each officer counts once however many of their cases are sampled.
    public var workloadManageable: WorkloadAnswer?
    public var notes: String
    /// Pseudonymous, as the provider's caseload file names officers: never a name. nil for
    /// interviews recorded before references were asked for, each of which counts as its own officer.
    public var officerReference: String?

    public init(grade: OfficerGrade, caseloadSize: Int?, workloadManageable: WorkloadAnswer?, notes: String = "", officerReference: String? = nil) {
        self.officerReference = officerReference
        self.grade = grade
        self.caseloadSize = caseloadSize
        self.workloadManageable = workloadManageable
        self.notes = notes
    }
}

/// The rules for recording an officer interview's reference and workload answer.
public enum OfficerInterviewRules {
    /// Why a reference cannot be used, or nil: 1 to 32 letters, digits, hyphens or underscores.
    public static func referenceProblem(_ reference: String) -> String? {
        let valid = (1...32).contains(reference.utf8.count) && reference.utf8.allSatisfy(CaseloadCSV.isReferenceByte)
        return valid ? nil : "Enter the officer's pseudonymous reference: 1 to 32 letters, digits, hyphens or underscores, never a name"
    }

    /// Why the workload answer cannot be recorded as given, or nil. Each officer answers once
    /// per inspection: at the first interview with them, and not again on their other cases.
    /// - Parameter answeredOn: the case whose interview with the same officer already holds their answer.
    public static func workloadProblem(_ answer: WorkloadAnswer?, reference: String, answeredOn: String?) -> String? {
        switch (answer, answeredOn) {
        case (nil, nil): "Select whether the officer said their workload is manageable: this is the first interview with \(reference)"
        case (.some, .some(let other)):
            "\(reference)'s answer about workload is already recorded on case \(other), and each officer counts once; leave it blank here"
        default: nil
        }
    }
}
