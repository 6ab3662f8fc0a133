import Foundation
import Testing

@testable import InspectionKit

@Suite("Times in words")
struct TimeInWordsTests {
    let words = TimeInWords()
    /// 1 December 2026 at 10:42 in London (GMT in winter).
    let now = ISO8601DateFormatter().date(from: "2026-12-01T10:42:00Z")!

    @Test("the same day is 'today' on UK time, the day before 'yesterday'")
    func todayAndYesterday() {
        #expect(words.moment(now.addingTimeInterval(-60), now: now) == "today at 10:41")
        #expect(words.moment(now.addingTimeInterval(-11 * 3600), now: now) == "yesterday at 23:42")
    }

    @Test("older dates are written out, on British Summer Time in summer")
    func olderDates() {
        let summer = ISO8601DateFormatter().date(from: "2026-07-03T08:10:00Z")!
        #expect(words.moment(summer, now: now) == "on 3 July 2026 at 09:10")
        #expect(words.date(summer) == "3 July 2026")
    }

    @Test("another time zone moves the clock and the day")
    func otherZone() {
        let tokyo = TimeInWords(timeZone: TimeZone(identifier: "Asia/Tokyo")!)
        #expect(tokyo.moment(now.addingTimeInterval(-3600), now: now) == "today at 18:42")
        #expect(tokyo.moment(now.addingTimeInterval(-10 * 3600), now: now) == "today at 09:42")
    }
}
