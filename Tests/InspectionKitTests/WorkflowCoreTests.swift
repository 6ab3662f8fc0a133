import Foundation
import Testing

@testable import InspectionKit

@Suite("Inspection lifecycle")
struct InspectionLifecycleTests {
    @Test("each action moves one step, in order")
    func order() throws {
        var state = InspectionState.planned
        let ready = InspectionProgress(eligibleCases: 10, sampledCases: 5, completedCases: 5, moderatedCases: 1, resolvedModeratedCases: 1)
        for action in InspectionAction.allCases {
            state = try InspectionLifecycle.apply(action, to: state, progress: ready)
        }
        #expect(state == .published)
    }

    @Test("preconditions are checked and explained")
    func preconditions() {
        #expect(throws: InspectionLifecycle.Refusal(reasons: ["Upload the provider's eligible caseload first."])) {
            try InspectionLifecycle.apply(.startSampling, to: .dataRequested, progress: InspectionProgress())
        }
        #expect(throws: InspectionLifecycle.Refusal(reasons: ["Draw and confirm the case sample first."])) {
            try InspectionLifecycle.apply(.startFieldwork, to: .sampling, progress: InspectionProgress(eligibleCases: 3))
        }
        #expect(throws: InspectionLifecycle.Refusal(reasons: ["2 sampled cases are not yet marked complete."])) {
            try InspectionLifecycle.apply(
                .startQualityAssurance, to: .fieldwork, progress: InspectionProgress(eligibleCases: 3, sampledCases: 3, completedCases: 1))
        }
        let moderated = InspectionProgress(moderatedCases: 4, resolvedModeratedCases: 4)
        #expect(throws: InspectionLifecycle.Refusal(reasons: ["Standards 1.1, 4.2 are not rated."])) {
            try InspectionLifecycle.apply(
                .confirmRatings, to: .qualityAssurance,
                progress: InspectionProgress(unratedStandards: ["1.1", "4.2"], moderatedCases: 4, resolvedModeratedCases: 4))
        }
        #expect(throws: InspectionLifecycle.Refusal(reasons: ["The quality lead has not yet drawn the moderation sample."])) {
            try InspectionLifecycle.apply(.confirmRatings, to: .qualityAssurance, progress: InspectionProgress())
        }
        #expect(throws: InspectionLifecycle.Refusal(reasons: ["1 of 4 moderation cases is not yet second-marked and resolved."])) {
            try InspectionLifecycle.apply(.confirmRatings, to: .qualityAssurance, progress: InspectionProgress(moderatedCases: 4, resolvedModeratedCases: 3))
        }
        #expect((try? InspectionLifecycle.apply(.confirmRatings, to: .qualityAssurance, progress: moderated)) == .rated)
    }

    @Test("no step can be skipped, and a published inspection never changes")
    func noSkipping() {
        #expect(throws: InspectionLifecycle.Refusal.self) { try InspectionLifecycle.apply(.publish, to: .fieldwork, progress: InspectionProgress()) }
        #expect(throws: InspectionLifecycle.Refusal(reasons: ["A published inspection cannot change."])) {
            try InspectionLifecycle.apply(.requestData, to: .published, progress: InspectionProgress())
        }
    }

    @Test("any unpublished inspection can be withdrawn, only with a reason, and then nothing moves it on")
    func withdrawal() throws {
        for state in InspectionState.stages where state != .published {
            #expect(try InspectionLifecycle.withdraw(state, reason: "  The provider merged with its neighbour.  ") == .withdrawn)
        }
        #expect(throws: InspectionLifecycle.Refusal(reasons: ["Enter the reason for withdrawing the inspection."])) {
            try InspectionLifecycle.withdraw(.fieldwork, reason: " \n ")
        }
        #expect(throws: InspectionLifecycle.Refusal(reasons: ["The reason must be 2000 characters or fewer; it has 2001."])) {
            try InspectionLifecycle.withdraw(.planned, reason: String(repeating: "x", count: 2_001))
        }
        #expect(throws: InspectionLifecycle.Refusal(reasons: ["A published inspection cannot be withdrawn."])) {
            try InspectionLifecycle.withdraw(.published, reason: "Too late.")
        }
        #expect(throws: InspectionLifecycle.Refusal(reasons: ["This inspection has already been withdrawn."])) {
            try InspectionLifecycle.withdraw(.withdrawn, reason: "Twice.")
        }
        let ready = InspectionProgress(eligibleCases: 10, sampledCases: 5, completedCases: 5, moderatedCases: 1, resolvedModeratedCases: 1)
        for action in InspectionAction.allCases {
            #expect(throws: InspectionLifecycle.Refusal(reasons: ["A withdrawn inspection cannot change."])) {
                try InspectionLifecycle.apply(action, to: .withdrawn, progress: ready)
            }
        }
        #expect(!InspectionState.withdrawn.isEditable && InspectionState.withdrawn.nextAction == nil && !InspectionState.stages.contains(.withdrawn))
    }
}

@Suite("Caseload and workforce files")
struct CaseloadCSVTests {
    static let today = CalendarDate(year: 2020, month: 3, day: 1)!
    static let header = "case_ref,sentence_type,start_date,rosh,mappa_category,mappa_level,officer_grade,team,gender,ethnicity\n"

    func problems(_ text: String) -> [String] {
        do {
            _ = try CaseloadCSV.read(bytes: Array(text.utf8), file: "caseload.csv", today: Self.today)
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    @Test("the age band is optional: a file may leave the column out, a row may leave it blank, a wrong band is named")
    func ageBand() throws {
        let withAges = Self.header.replacingOccurrences(of: "ethnicity\n", with: "ethnicity,age_band\n")
        let records = try CaseloadCSV.read(
            bytes: Array(
                (withAges + "X1,licence,2019-05-01,low,none,none,PO,North,male,White,25-34\nX2,licence,2019-05-01,low,none,none,PO,North,male,White,\n"
                    + "X3,licence,2019-05-01,low,none,none,PO,North,male,White,not recorded\nX4,licence,2019-05-01,low,none,none,PO,North,male,White,50-plus\n")
                    .utf8),
            file: "caseload.csv", today: Self.today)
        #expect(records.map(\.ageBand) == [.from25To34, nil, nil, .fiftyAndOver])
        let without = try CaseloadCSV.read(
            bytes: Array((Self.header + "X1,licence,2019-05-01,low,none,none,PO,North,male,White\n").utf8), file: "caseload.csv", today: Self.today)
        #expect(without.map(\.ageBand) == [nil])
        #expect(
            problems(withAges + "X1,licence,2019-05-01,low,none,none,PO,North,male,White,42\n")
                == [
                    "caseload.csv:2:11: column \"age_band\", value \"42\": unknown age band; expected under-18, 18-24, 25-34, 35-49, 50-plus, or blank when not recorded"
                ])
    }

    @Test("trims every kind of space around a value, and parses a repeated value the same each time")
    func trimmingAndRepeats() throws {
        let records = try CaseloadCSV.read(
            bytes: Array(
                (Self.header + "\u{00A0}X1\u{00A0}, licence ,2019-05-01,\tlow,none,none,PO,North ,male,White\n"
                    + "X2,licence,2019-05-01,low,none,none,PO,North,male,White\nX3,Licence,2019-05-01,LOW,none,none,po,North,m,White\n").utf8),
            file: "caseload.csv", today: Self.today)
        #expect(records.map(\.caseReference) == ["X1", "X2", "X3"])
        #expect(Set(records.map(\.sentenceType)) == [.licence] && Set(records.map(\.rosh)) == [.low] && Set(records.map(\.team)) == ["North"])
        #expect(Set(records.map(\.gender)) == ["male"] && records.allSatisfy { $0.officerGrade == .probationOfficer })
        #expect(
            problems(Self.header + "X1,licence,2019-05-01,low,none,none,PO,North,male,White\nX1,licence,2019-05-01,low,none,none,PO,North,male,White\n")
                == ["caseload.csv:3:1: column \"case_ref\", value \"X1\": duplicate: case X1 is already on line 2"])
        #expect(problems(Self.header + "X\u{00E9},licence,2019-05-01,low,none,none,PO,North,male,White\n").count == 1, "a reference is ASCII only")
    }

    @Test("reads valid rows, accepting common spellings")
    func valid() throws {
        let records = try CaseloadCSV.read(
            bytes: Array(
                (Self.header + "X1,Community Order,2019-05-01,Very High,1,2,po,North,M,White\nX2,SSO,01/06/2019,low,none,,PSO,South,female,Asian\n").utf8),
            file: "caseload.csv", today: Self.today)
        #expect(records.count == 2)
        #expect(records[0].rosh == .veryHigh)
        #expect(records[0].mappaCategory == 1 && records[0].mappaLevel == 2)
        #expect(records[1].sentenceType == .suspendedSentence)
        #expect(records[1].startDate == CalendarDate(year: 2019, month: 6, day: 1))
        #expect(records[1].gender == "female")
    }

    @Test(
        "every bad value is named with its line and column",
        arguments: [
            ("X 1,licence,2019-01-01,low,none,none,PO,N,male,White", "caseload.csv:2:1: column \"case_ref\", value \"X 1\""),
            ("X1,life,2019-01-01,low,none,none,PO,N,male,White", "caseload.csv:2:2: column \"sentence_type\", value \"life\": unknown sentence type"),
            // The exact values the file may hold, not only their labels.
            ("X1,life,2019-01-01,low,none,none,PO,N,male,White", "expected community-order, suspended-sentence, licence, post-sentence-supervision"),
            ("X1,licence,2019-01-01,severe,none,none,PO,N,male,White", "expected low, medium, high or very-high"),
            ("X1,licence,2019-02-30,low,none,none,PO,N,male,White", "caseload.csv:2:3: column \"start_date\", value \"2019-02-30\": not a date"),
            ("X1,licence,1899-01-01,low,none,none,PO,N,male,White", "caseload.csv:2:3: column \"start_date\", value \"1899-01-01\": out of range"),
            ("X1,licence,2021-01-01,low,none,none,PO,N,male,White", "out of range; a start date must fall between 1990-01-01 and 2020-03-01"),
            ("X1,licence,2019-01-01,extreme,none,none,PO,N,male,White", "column \"rosh\", value \"extreme\": unknown RoSH level"),
            ("X1,licence,2019-01-01,low,7,1,PO,N,male,White", "column \"mappa_category\", value \"7\""),
            ("X1,licence,2019-01-01,low,2,none,PO,N,male,White", "a MAPPA case needs a level 1 to 3"),
            ("X1,licence,2019-01-01,low,none,none,SPO,N,male,White", "unknown officer grade"),
            ("X1,licence,2019-01-01,low,none,none,PO,,male,White", "column \"team\", value \"\""),
            ("X1,licence,2019-01-01,low,none,none,PO,N,robot,White", "unknown gender"),
            ("X1,licence,2019-01-01,low,none,none,PO,N,male,", "column \"ethnicity\""),
            ("X1,licence", "caseload.csv:2:3: expected 10 fields as in the header, found 2"),
            ("X1,licence,2019-01-01,low,none,none,PO,N,male,White,Leeds", "caseload.csv:2:11: found 11 fields but the header has 10"),
        ])
    func badValues(row: String, expected: String) {
        let found = problems(Self.header + row + "\n")
        #expect(found.contains { $0.contains(expected) }, "\(found)")
    }

    @Test("duplicates, a missing header and an empty file are each refused")
    func wholeFile() {
        #expect(
            problems(Self.header + "X1,licence,2019-01-01,low,none,none,PO,N,male,White\nX1,licence,2019-01-01,low,none,none,PO,N,male,White\n")
                == ["caseload.csv:3:1: column \"case_ref\", value \"X1\": duplicate: case X1 is already on line 2"])
        #expect(problems("ref,rosh\nX1,low\n").first?.contains("missing header") == true)
        #expect(problems(Self.header) == ["caseload.csv:2: the file has a header but no cases"])
    }

    @Test("a wholly wrong file lists the first thousand problems and counts the rest")
    func problemLimit() {
        let rows = (0..<1500).map { "X\($0),life,2019-01-01,low,none,none,PO,N,male,White" }.joined(separator: "\n")
        let found = problems(Self.header + rows)
        #expect(found.count == 1001)
        #expect(found.last == "caseload.csv: 500 more problems not listed; fix these first")
    }

    @Test("workforce figures are checked too")
    func workforce() throws {
        let good = try WorkforceCSV.read(
            bytes: Array("team,grade,staff_in_post,vacancies,average_caseload,workload_tool_percent\nN,PO,10,2.5,40,112\n".utf8), file: "w.csv")
        #expect(good.first?.vacancyRate == 2.5 / 12.5)
        do {
            _ = try WorkforceCSV.read(
                bytes: Array("team,grade,staff_in_post,vacancies,average_caseload,workload_tool_percent\nN,ACO,-1,x,40,900\n".utf8), file: "w.csv")
            Issue.record("a bad workforce file was accepted")
        } catch {
            #expect(error.problems.map(\.columnName) == ["grade", "staff_in_post", "vacancies", "workload_tool_percent"])
        }
    }
}
