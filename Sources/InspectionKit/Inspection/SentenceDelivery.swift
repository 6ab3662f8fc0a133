extension ContactType {
    /// As a caseload file writes it.
    public init?(parsing text: some StringProtocol) {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "face-to-face", "face to face", "f2f", "in person": self = .faceToFace
        case "phone", "telephone": self = .phone
        case "video", "video call": self = .video
        default: return nil
        }
    }
}

/// What a caseload extract may say about how a sentence is being delivered: the optional
/// columns of the caseload file. nil means the file did not say.
public struct SentenceDelivery: Sendable, Hashable, Codable {
    /// Whether the sentence has an accredited programme requirement.
    public var programmeRequirement: Bool?
    public var programmeStarted: CalendarDate?
    public var unpaidWorkHoursOrdered: Int?
    public var unpaidWorkHoursCompleted: Int?
    /// When the last ordered hour was worked.
    public var unpaidWorkCompleted: CalendarDate?
    public var latestContact: ContactType?

    public init(
        programmeRequirement: Bool? = nil, programmeStarted: CalendarDate? = nil, unpaidWorkHoursOrdered: Int? = nil,
        unpaidWorkHoursCompleted: Int? = nil, unpaidWorkCompleted: CalendarDate? = nil, latestContact: ContactType? = nil
    ) {
        self.programmeRequirement = programmeRequirement
        self.programmeStarted = programmeStarted
        self.unpaidWorkHoursOrdered = unpaidWorkHoursOrdered
        self.unpaidWorkHoursCompleted = unpaidWorkHoursCompleted
        self.unpaidWorkCompleted = unpaidWorkCompleted
        self.latestContact = latestContact
    }

    public var isEmpty: Bool { self == SentenceDelivery() }
}
