import Foundation

/// When something happened, written as a person says it: "today at 10:42", "yesterday at
/// 16:05", "on 3 March 2026 at 09:10". Never an ISO timestamp where a person reads.
public struct TimeInWords: Sendable {
    public let timeZone: TimeZone

    /// The inspectorate works on UK time; `TIME_ZONE` changes it.
    public static let defaultTimeZone = TimeZone(identifier: "Europe/London")!

    public init(timeZone: TimeZone = TimeInWords.defaultTimeZone) {
        self.timeZone = timeZone
    }

    var calendar: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        calendar.locale = Locale(identifier: "en_GB")
        return calendar
    }

    /// "today at 10:42", "yesterday at 10:42", or "on 3 March 2026 at 10:42".
    public func moment(_ date: Date, now: Date = Date()) -> String {
        "\(day(date, now: now)) at \(clock(date))"
    }

    /// "today", "yesterday", or "on 3 March 2026".
    public func day(_ date: Date, now: Date = Date()) -> String {
        let calendar = calendar
        if calendar.isDate(date, inSameDayAs: now) { return "today" }
        if let yesterday = calendar.date(byAdding: .day, value: -1, to: now), calendar.isDate(date, inSameDayAs: yesterday) { return "yesterday" }
        return "on \(self.date(date))"
    }

    /// The day a moment falls on, in this time zone.
    public func calendarDate(_ date: Date) -> CalendarDate {
        let parts = calendar.dateComponents([.day, .month, .year], from: date)
        return CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!)!
    }

    /// "3 March 2026".
    public func date(_ date: Date) -> String {
        let parts = calendar.dateComponents([.day, .month, .year], from: date)
        return "\(parts.day!) \(calendar.monthSymbols[parts.month! - 1]) \(parts.year!)"
    }

    /// "09:10" on the 24-hour clock.
    public func clock(_ date: Date) -> String {
        let parts = calendar.dateComponents([.hour, .minute], from: date)
        return String(format: "%02d:%02d", parts.hour!, parts.minute!)
    }
}
