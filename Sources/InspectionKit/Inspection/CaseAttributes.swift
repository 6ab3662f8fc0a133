import Foundation

/// Risk of serious harm level, as assessed by the probation service.
public enum RoshLevel: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
    case low
    case medium
    case high
    case veryHigh = "very-high"

    public var title: String {
        switch self {
        case .low: "Low"
        case .medium: "Medium"
        case .high: "High"
        case .veryHigh: "Very high"
        }
    }

    public init?(parsing text: some StringProtocol) {
        switch text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: " ") {
        case "low": self = .low
        case "medium": self = .medium
        case "high": self = .high
        case "very high", "veryhigh", "vh": self = .veryHigh
        default: return nil
        }
    }

    private var order: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.order < rhs.order }
}

/// The sentence, licence or disposal a case is supervised under: adults' sentences, and
/// children's court and out-of-court disposals (youth offending teams).
public enum SentenceType: String, Sendable, Codable, CaseIterable, Hashable {
    case communityOrder = "community-order"
    case suspendedSentence = "suspended-sentence"
    case licence
    case postSentenceSupervision = "post-sentence-supervision"
    case referralOrder = "referral-order"
    case youthRehabilitationOrder = "youth-rehabilitation-order"
    case detentionAndTrainingOrder = "detention-and-training-order"
    case communityResolution = "community-resolution"
    case youthCaution = "youth-caution"
    case youthConditionalCaution = "youth-conditional-caution"

    public var title: String {
        switch self {
        case .communityOrder: "Community order"
        case .suspendedSentence: "Suspended sentence order"
        case .licence: "Licence"
        case .postSentenceSupervision: "Post-sentence supervision"
        case .referralOrder: "Referral order"
        case .youthRehabilitationOrder: "Youth rehabilitation order"
        case .detentionAndTrainingOrder: "Detention and training order"
        case .communityResolution: "Community resolution"
        case .youthCaution: "Youth caution"
        case .youthConditionalCaution: "Youth conditional caution"
        }
    }

    /// Children's disposals decided without a court.
    public var isOutOfCourt: Bool { [.communityResolution, .youthCaution, .youthConditionalCaution].contains(self) }

    public init?(parsing text: some StringProtocol) {
        switch text.trimmingCharacters(in: .whitespaces).lowercased().replacingOccurrences(of: "-", with: " ") {
        case "community order", "community", "co": self = .communityOrder
        case "suspended sentence order", "suspended sentence", "suspended", "sso": self = .suspendedSentence
        case "licence", "license", "post release licence": self = .licence
        case "post sentence supervision", "pss": self = .postSentenceSupervision
        case "referral order", "ro": self = .referralOrder
        case "youth rehabilitation order", "yro": self = .youthRehabilitationOrder
        case "detention and training order", "dto": self = .detentionAndTrainingOrder
        case "community resolution": self = .communityResolution
        case "youth caution": self = .youthCaution
        case "youth conditional caution", "ycc": self = .youthConditionalCaution
        default: return nil
        }
    }
}

/// The grade of the responsible officer.
public enum OfficerGrade: String, Sendable, Codable, CaseIterable, Hashable {
    case probationOfficer = "po"
    case probationServicesOfficer = "pso"

    public var title: String { self == .probationOfficer ? "PO" : "PSO" }

    public init?(parsing text: some StringProtocol) {
        switch text.trimmingCharacters(in: .whitespaces).lowercased() {
        case "po", "probation officer": self = .probationOfficer
        case "pso", "probation services officer": self = .probationServicesOfficer
        default: return nil
        }
    }
}

/// A date without a time, as written in provider extracts: `yyyy-mm-dd`.
public struct CalendarDate: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    public init?(year: Int, month: Int, day: Int) {
        guard (1...12).contains(month), day >= 1, day <= CalendarDate.days(inMonth: month, year: year) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `yyyy-mm-dd` (also `dd/mm/yyyy`, as spreadsheets often write it).
    public init?(parsing text: some StringProtocol) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let dashed = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        let slashed = trimmed.split(separator: "/", omittingEmptySubsequences: false)
        let parts: [Substring]
        if dashed.count == 3, dashed[0].count == 4 {
            parts = dashed
        } else if slashed.count == 3, slashed[2].count == 4 {
            parts = [slashed[2], slashed[1], slashed[0]]
        } else {
            return nil
        }
        guard parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCIIDigit) }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    public var description: String {
        // Padded by hand: String(format:) three times per date showed in the import's profile.
        func padded(_ value: Int, to width: Int) -> String {
            let digits = String(value)
            return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
        }
        return "\(padded(year, to: 4))-\(padded(month, to: 2))-\(padded(day, to: 2))"
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }
}

extension CalendarDate {
    static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ]

    /// "14 October 2019", for people.
    public var words: String { "\(day) \(Self.monthNames[month - 1]) \(year)" }

    /// The same day a year later (28 February for 29 February).
    public var oneYearLater: CalendarDate {
        CalendarDate(year: year + 1, month: month, day: min(day, CalendarDate.days(inMonth: month, year: year + 1)))!
    }
}

/// The age band of a person on probation, as a caseload extract gives it. A band, never a date
/// of birth: the equality breakdowns need no more, so no more is kept.
public enum AgeBand: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
    case under18 = "under-18"
    case from18To24 = "18-24"
    case from25To34 = "25-34"
    case from35To49 = "35-49"
    case fiftyAndOver = "50-plus"

    public var title: String {
        switch self {
        case .under18: "Under 18"
        case .from18To24: "18 to 24"
        case .from25To34: "25 to 34"
        case .from35To49: "35 to 49"
        case .fiftyAndOver: "50 and over"
        }
    }

    public static func < (lhs: AgeBand, rhs: AgeBand) -> Bool { allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)! }
}
