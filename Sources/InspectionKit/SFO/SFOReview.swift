/// The offence that led to a serious further offence review.
public enum OffenceCategory: String, Sendable, Codable, CaseIterable, Hashable {
    case murder
    case manslaughter
    case rape
    case otherSeriousViolentOrSexual = "other-serious-violent-or-sexual"

    public var title: String {
        switch self {
        case .murder: "Murder"
        case .manslaughter: "Manslaughter"
        case .rape: "Rape"
        case .otherSeriousViolentOrSexual: "Other serious violent or sexual offence"
        }
    }

    /// Murder and manslaughter: the homicide figures of the annual summary.
    public var isHomicide: Bool { self == .murder || self == .manslaughter }
}

/// What the inspectorate rates each quality-assured review on.
public enum SFOStandard: String, Sendable, Codable, CaseIterable, Hashable {
    case analysisOfPractice = "analysis-of-practice"
    case overallJudgements = "overall-judgements"
    case learning
    case victimsAndFamilies = "victims-and-families"

    public var title: String {
        switch self {
        case .analysisOfPractice: "Analysis of practice"
        case .overallJudgements: "Overall judgements"
        case .learning: "Learning"
        case .victimsAndFamilies: "Victims and families"
        }
    }
}

/// A serious further offence review as notified by a probation service, with the
/// inspectorate's quality-assurance rating once it is sampled and rated.
public struct SFOReview: Sendable, Hashable, Codable {
    public let reference: String
    public let provider: String
    /// The kind of service that supervised the person; nil where it is not known.
    public let providerType: ProviderType?
    public let category: OffenceCategory
    /// Risk of serious harm level assessed before the offence.
    public let roshBefore: RoshLevel
    /// MAPPA level before the offence; nil when the case was not managed under MAPPA.
    public let mappaLevelBefore: Int?
    public let notified: CalendarDate
    /// When the provider submitted its review; nil while still awaited.
    public let submitted: CalendarDate?
    /// When HMPPS's central team finished quality-assuring the submitted review; nil while it
    /// waits. The seeds' "long delays with the central quality assurance process" are measured
    /// from `submitted` to here.
    public let centralQACompleted: CalendarDate?
    public let otherAgenciesInvolved: Bool
    /// Whether the victim or their family asked to see the review.
    public let victimOrFamilyAsked: Bool
    public var sampled: Bool
    /// The overall quality-assurance rating, once rated.
    public var overall: Rating?

    public init(
        reference: String, provider: String, providerType: ProviderType? = nil, category: OffenceCategory, roshBefore: RoshLevel,
        mappaLevelBefore: Int?, notified: CalendarDate, submitted: CalendarDate?, centralQACompleted: CalendarDate? = nil,
        otherAgenciesInvolved: Bool, victimOrFamilyAsked: Bool = false, sampled: Bool = false, overall: Rating? = nil
    ) {
        self.reference = reference
        self.provider = provider
        self.providerType = providerType
        self.centralQACompleted = centralQACompleted
        self.victimOrFamilyAsked = victimOrFamilyAsked
        self.category = category
        self.roshBefore = roshBefore
        self.mappaLevelBefore = mappaLevelBefore
        self.notified = notified
        self.submitted = submitted
        self.otherAgenciesInvolved = otherAgenciesInvolved
        self.sampled = sampled
        self.overall = overall
    }

    /// Days from notification to submission; nil while the review is awaited.
    public var daysToSubmission: Int? { submitted.map { $0.daysSince(notified) } }

    /// Days the central team took from submission to finishing its quality assurance.
    public var daysInCentralQA: Int? { submitted.flatMap { submitted in centralQACompleted.map { $0.daysSince(submitted) } } }

    /// The business year (April to March) the review was notified in, e.g. "2019/20".
    public var year: String { SFOReview.year(of: notified) }

    public static func year(of date: CalendarDate) -> String {
        let start = date.month >= 4 ? date.year : date.year - 1
        return "\(start)/\(String(format: "%02d", (start + 1) % 100))"
    }
}

/// Draws the inspectorate's quality-assurance sample of a year's reviews: about a fifth,
/// stratified by offence category so each category is represented in proportion.
public enum SFOSample {
    public static func draw(_ reviews: [SFOReview], percent: Double = 20, seed: UInt64) -> [SFOReview] {
        let size = Int((Double(reviews.count) * percent / 100).rounded())
        return StratifiedSample(drawingFrom: reviews, size: size, seed: seed, reference: \.reference, stratum: \.category.rawValue).items
    }
}

extension CalendarDate {
    /// Days from `other` to this date (negative if earlier), by the proleptic Gregorian calendar.
    public func daysSince(_ other: CalendarDate) -> Int { dayNumber - other.dayNumber }

    /// The date `days` later (earlier when negative): `dayNumber` worked backwards, by the
    /// 400-year cycles of 146,097 days.
    public func adding(days: Int) -> CalendarDate {
        let number = dayNumber + days
        let era = (number >= 0 ? number : number - 146_096) / 146_097
        let dayOfEra = number - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return CalendarDate(year: year, month: month, day: dayOfYear - (153 * shiftedMonth + 2) / 5 + 1)!
    }

    /// Days since 0000-03-01, so leap days fall at the end of each counted year.
    var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let m = month <= 2 ? month + 9 : month - 3
        return 365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + day - 1
    }
}
