/// How sentences are being delivered across a provider's whole eligible caseload (not the
/// sample), from the caseload file's optional columns. Each figure is nil when the file said
/// nothing it could be counted from.
public struct DeliveryFigures: Sendable, Hashable {
    /// The day the figures are as at: a requirement or order too recent to have reached its
    /// deadline is left out of the "within" figures, not counted as late.
    public let asAt: CalendarDate
    /// The time within which a programme should start, in days from the sentence's start.
    public let programmeWithinDays: Int
    /// Programme requirements whose programme has started.
    public let programmeStarted: Proportion?
    /// Requirements old enough to have reached the deadline, started within it.
    public let programmeStartedWithin: Proportion?
    /// Unpaid work orders made at least 12 months before `asAt`, completed within 12 months.
    public let unpaidWorkWithinYear: Proportion?
    /// Cases whose latest contact was face to face, of those with a latest contact recorded.
    public let faceToFace: Proportion?

    public static let defaultProgrammeWithinDays = 84

    public init(
        _ cases: [EligibleCaseRecord], asAt: CalendarDate, programmeWithinDays: Int = defaultProgrammeWithinDays,
        confidence: ConfidenceLevel = .ninetyFivePercent
    ) {
        self.asAt = asAt
        self.programmeWithinDays = programmeWithinDays
        var programmes = (count: 0, of: 0), programmesDue = (count: 0, of: 0), unpaid = (count: 0, of: 0), contact = (count: 0, of: 0)
        for record in cases {
            let delivery = record.delivery
            if delivery.programmeRequirement == true {
                programmes.of += 1
                if delivery.programmeStarted != nil { programmes.count += 1 }
                if asAt.daysSince(record.startDate) >= programmeWithinDays {
                    programmesDue.of += 1
                    if let started = delivery.programmeStarted, started.daysSince(record.startDate) <= programmeWithinDays { programmesDue.count += 1 }
                }
            }
            if let ordered = delivery.unpaidWorkHoursOrdered, ordered > 0, record.startDate.oneYearLater <= asAt {
                unpaid.of += 1
                if let completed = delivery.unpaidWorkCompleted, completed <= record.startDate.oneYearLater { unpaid.count += 1 }
            }
            if let latest = delivery.latestContact {
                contact.of += 1
                if latest == .faceToFace { contact.count += 1 }
            }
        }
        func proportion(_ counts: (count: Int, of: Int)) -> Proportion? {
            counts.of == 0 ? nil : Proportion(count: counts.count, of: counts.of, confidence: confidence)
        }
        programmeStarted = proportion(programmes)
        programmeStartedWithin = proportion(programmesDue)
        unpaidWorkWithinYear = proportion(unpaid)
        faceToFace = proportion(contact)
    }

    public var isEmpty: Bool { programmeStarted == nil && unpaidWorkWithinYear == nil && faceToFace == nil }
}
