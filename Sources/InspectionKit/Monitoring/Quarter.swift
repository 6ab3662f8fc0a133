/// A calendar quarter, written `2021-Q1`: the period of a provider's quarterly data return.
public struct Quarter: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    /// 1 to 4.
    public let number: Int

    public init?(year: Int, number: Int) {
        guard (2000...2100).contains(year), (1...4).contains(number) else { return nil }
        self.year = year
        self.number = number
    }

    /// Reads `YYYY-Qn` (the `Q` in either case); nil for anything else.
    public init?(parsing text: some StringProtocol) {
        let parts = text.trimmingCharacters(in: .whitespaces).uppercased().split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[0].allSatisfy(\.isASCIIDigit), parts[1].count == 2, parts[1].first == "Q",
            let year = Int(parts[0]), let number = Int(parts[1].dropFirst())
        else { return nil }
        self.init(year: year, number: number)
    }

    public var description: String { "\(year)-Q\(number)" }

    /// "January to March 2021", for people.
    public var title: String {
        "\(CalendarDate.monthNames[number * 3 - 3]) to \(CalendarDate.monthNames[number * 3 - 1]) \(year)"
    }

    /// "January–March 2021": the same, where two quarters share a sentence.
    public var shortTitle: String {
        "\(CalendarDate.monthNames[number * 3 - 3])–\(CalendarDate.monthNames[number * 3 - 1]) \(year)"
    }

    /// The quarter before this one.
    public var previous: Quarter { number == 1 ? Quarter(year: year - 1, number: 4)! : Quarter(year: year, number: number - 1)! }

    /// The first and last days of the quarter.
    public var firstDay: CalendarDate { CalendarDate(year: year, month: number * 3 - 2, day: 1)! }
    public var lastDay: CalendarDate {
        let month = number * 3
        return CalendarDate(year: year, month: month, day: CalendarDate.days(inMonth: month, year: year))!
    }

    /// Every quarter from `first` to `last`, both included.
    public static func from(_ first: Quarter, through last: Quarter) -> [Quarter] {
        var quarters: [Quarter] = []
        var next = first
        while next <= last {
            quarters.append(next)
            next = next.number == 4 ? Quarter(year: next.year + 1, number: 1)! : Quarter(year: next.year, number: next.number + 1)!
        }
        return quarters
    }

    public static func < (lhs: Quarter, rhs: Quarter) -> Bool { (lhs.year, lhs.number) < (rhs.year, rhs.number) }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let quarter = Quarter(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "a quarter is written YYYY-Qn, not \(text)"))
        }
        self = quarter
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
