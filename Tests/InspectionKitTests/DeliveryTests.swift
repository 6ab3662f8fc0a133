import Foundation
import Testing

@testable import InspectionKit

@Suite("Delivery of sentences from the caseload file")
struct DeliveryTests {
    static let header =
        "case_ref,sentence_type,start_date,rosh,mappa_category,mappa_level,officer_grade,team,gender,ethnicity,"
        + "programme_requirement,programme_start_date,unpaid_work_hours_ordered,unpaid_work_hours_completed,unpaid_work_completed_date,latest_contact_type\n"
    static let today = CalendarDate(year: 2024, month: 6, day: 30)!

    func read(_ body: String, header: String = header) throws(InputProblems) -> [EligibleCaseRecord] {
        try CaseloadCSV.read(bytes: Array((header + body).utf8), file: "caseload.csv", today: Self.today)
    }

    func problems(_ body: String) -> [String] {
        do {
            _ = try read(body)
            return []
        } catch {
            return error.problems.map { "\($0.line ?? 0) \($0.columnName ?? "-"): \($0.message)" }
        }
    }

    /// Ten cases, counted by hand against an as-at date of 2024-06-30 and a 12-week (84-day) programme deadline.
    static let tenCases = """
        C1,community order,2023-01-10,low,none,none,PO,N,male,White,yes,2023-02-20,,,,face-to-face
        C2,community order,2023-03-01,low,none,none,PO,N,male,White,yes,2023-08-01,,,,phone
        C3,community order,2024-05-01,low,none,none,PO,N,male,White,yes,,,,,video
        C4,community order,2023-01-10,low,none,none,PO,N,male,White,yes,,,,,
        C5,community order,2022-06-01,low,none,none,PO,N,male,White,no,,100,100,2023-03-01,F2F
        C6,community order,2022-06-01,low,none,none,PO,N,male,White,,,150,150,2023-07-01,face to face
        C7,suspended sentence order,2023-01-15,low,none,none,PO,N,male,White,,,80,40,,telephone
        C8,community order,2024-01-10,low,none,none,PO,N,male,White,,,60,10,,face-to-face
        C9,licence,2020-02-29,low,none,none,PO,N,male,White,,,40,40,2021-02-28,
        C10,licence,2020-01-01,low,none,none,PO,N,male,White,,,,,,

        """

    @Test("programme starts, unpaid work within 12 months and face-to-face contact match a hand count")
    func handCounted() throws {
        let records = try read(Self.tenCases)
        #expect(records.count == 10)
        #expect(records[0].delivery.programmeRequirement == true && records[0].delivery.programmeStarted?.description == "2023-02-20")
        #expect(records[4].delivery.latestContact == .faceToFace && records[6].delivery.latestContact == .phone)
        #expect(records[9].delivery.isEmpty)
        let figures = DeliveryFigures(records, asAt: Self.today)
        // Requirements: C1–C4; started: C1 and C2.
        #expect(figures.programmeStarted?.count == 2 && figures.programmeStarted?.of == 4)
        // Due (sentence began 84+ days before 30 June 2024): C1, C2, C4 (C3 began 1 May 2024).
        // Within 84 days: C1 (41 days); C2 took 153 days; C4 has not started.
        #expect(figures.programmeStartedWithin?.count == 1 && figures.programmeStartedWithin?.of == 3)
        // Orders made by 30 June 2023: C5, C6, C7, C9 (C8 began January 2024). Completed within a year:
        // C5 (9 months) and C9 (29 February 2020 to 28 February 2021, the day a year on); C6 took 13 months; C7 is unfinished.
        #expect(figures.unpaidWorkWithinYear?.count == 2 && figures.unpaidWorkWithinYear?.of == 4)
        // Latest contact recorded for C1, C2, C3, C5, C6, C7, C8; face to face: C1, C5, C6, C8.
        #expect(figures.faceToFace?.count == 4 && figures.faceToFace?.of == 7)
        #expect(!figures.isEmpty)
    }

    @Test("a file without the delivery columns reads as before and has no delivery figures")
    func olderFile() throws {
        let records = try read(
            "C1,community order,2023-01-10,low,none,none,PO,N,male,White\n",
            header: "case_ref,sentence_type,start_date,rosh,mappa_category,mappa_level,officer_grade,team,gender,ethnicity\n")
        #expect(records[0].delivery.isEmpty)
        #expect(DeliveryFigures(records, asAt: Self.today).isEmpty)
        // Only some of the columns is fine too.
        let some = try read(
            "C1,community order,2023-01-10,low,none,none,PO,N,male,White,video\n",
            header: "case_ref,sentence_type,start_date,rosh,mappa_category,mappa_level,officer_grade,team,gender,ethnicity,latest_contact_type\n")
        #expect(some[0].delivery == SentenceDelivery(latestContact: .video))
    }

    @Test("each delivery value is checked against the others, with its line and column")
    func checks() {
        let base = "C1,community order,2023-01-10,low,none,none,PO,N,male,White,"
        #expect(problems(base + "maybe,,,,,\n") == ["2 programme_requirement: expected yes or no, or nothing when not known"])
        #expect(problems(base + "no,2023-02-01,,,,\n") == ["2 programme_start_date: a programme start date needs programme_requirement to be yes"])
        #expect(problems(base + "yes,2022-12-01,,,,\n") == ["2 programme_start_date: the programme's start is before the sentence started on 2023-01-10"])
        #expect(problems(base + "yes,2025-01-01,,,,\n") == ["2 programme_start_date: the programme's start is after today, 2024-06-30"])
        #expect(problems(base + "yes,01/13/2023,,,,\n") == ["2 programme_start_date: not a date; write it as yyyy-mm-dd"])
        #expect(problems(base + ",,0,,,\n") == ["2 unpaid_work_hours_ordered: an unpaid work order is at least one hour; leave it empty when there is none"])
        #expect(problems(base + ",,ten,,,\n") == ["2 unpaid_work_hours_ordered: expected a whole number of hours from 0 to 1,000"])
        #expect(problems(base + ",,40,50,,\n") == ["2 unpaid_work_hours_completed: more hours completed than the 40 ordered"])
        #expect(problems(base + ",,,50,,\n") == ["2 unpaid_work_hours_completed: hours completed need the hours ordered in unpaid_work_hours_ordered"])
        #expect(
            problems(base + ",,40,40,,\n") == [
                "2 unpaid_work_hours_completed: all 40 hours are completed: give the date of the last in unpaid_work_completed_date"
            ])
        #expect(problems(base + ",,40,30,2023-05-01,\n") == ["2 unpaid_work_completed_date: a completion date needs every ordered hour completed"])
        #expect(problems(base + ",,,,,carrier pigeon\n") == ["2 latest_contact_type: unknown contact type; expected face-to-face, phone or video"])
        // A bad delivery value rejects the file like any other bad value.
        #expect(problems(base + ",,,,,carrier pigeon\nC2,community order,2023-01-10,low,none,none,PO,N,male,White,,,,,,\n").count == 1)
    }

    @Test("a year on from 29 February is 28 February; dates in words")
    func dates() {
        #expect(CalendarDate(year: 2020, month: 2, day: 29)!.oneYearLater.description == "2021-02-28")
        #expect(CalendarDate(year: 2023, month: 12, day: 31)!.oneYearLater.description == "2024-12-31")
        #expect(CalendarDate(year: 2019, month: 10, day: 14)!.words == "14 October 2019")
    }
}
