import Foundation
import Testing

@testable import InspectionKit

@Suite("Staffing from workforce files")
struct StaffingTests {
    static let header = "team,grade,staff_in_post,vacancies,average_caseload,workload_tool_percent,staff_over_100,staff_over_120,span_of_supervision\n"

    func read(_ body: String, header: String = header) throws(InputProblems) -> [WorkforceRecord] {
        try WorkforceCSV.read(bytes: Array((header + body).utf8), file: "workforce.csv")
    }

    func problems(_ body: String) -> [String] {
        do {
            _ = try read(body)
            return []
        } catch {
            return error.problems.map { "\($0.columnName ?? "-"): \($0.message)" }
        }
    }

    /// Counted by hand (see each expectation's comment).
    @Test("vacancy rates, shares over the workload tool, caseloads and span of supervision match a hand count")
    func handCounted() throws {
        let records = try read(
            """
            North,PO,10,2.5,40,112,6,2,
            North,PSO,8,1,60,95,3,0,
            North,SPO,2,1,0,104,,,9
            South,PO,5.5,4,36,130,4,3,
            South,senior probation officer,1,0,0,99,,,5

            """)
        let figures = StaffingFigures(records)
        #expect(figures.grades.map(\.grade) == [.probationOfficer, .probationServicesOfficer, .seniorProbationOfficer])
        let po = try #require(figures.line(.probationOfficer))
        // 15.5 in post + 6.5 vacant = 22 posts; 6.5 vacancies round to 7.
        #expect(po.staffInPost == 15.5 && po.vacancies == 6.5 && po.vacancyRate.count == 7 && po.vacancyRate.of == 22)
        // 6 of 10 people and 4 of 6 (5.5 FTE rounded up): 10 of 16 over 100%; 2 + 3 = 5 of 16 over 120%.
        #expect(po.overHundred?.count == 10 && po.overHundred?.of == 16)
        #expect(po.overHundredAndTwenty?.count == 5 && po.overHundredAndTwenty?.of == 16)
        // (40 × 10 + 36 × 5.5) ÷ 15.5 = 598 ÷ 15.5.
        #expect(abs(po.averageCaseload! - 598 / 15.5) < 1e-9 && po.spanOfSupervision == nil)
        let pso = try #require(figures.line(.probationServicesOfficer))
        #expect(pso.vacancyRate.count == 1 && pso.vacancyRate.of == 9 && pso.overHundred?.count == 3 && pso.overHundredAndTwenty?.count == 0)
        let spo = try #require(figures.line(.seniorProbationOfficer))
        // 1 of 4 posts vacant; span (9 × 2 + 5 × 1) ÷ 3 SPOs; SPOs hold no cases and their file rows do not say who is over 100%.
        #expect(spo.vacancyRate.count == 1 && spo.vacancyRate.of == 4 && spo.vacancyRate.percent == 25)
        #expect(abs(spo.spanOfSupervision! - 23.0 / 3) < 1e-9 && spo.averageCaseload == nil && spo.overHundred == nil)
        // All grades: 26.5 in post, 8.5 vacant (rounds to 9) of 35; 13 of 24 people over 100%; caseload over the 23.5 case holders.
        #expect(figures.total.vacancyRate.count == 9 && figures.total.vacancyRate.of == 35)
        #expect(figures.total.overHundred?.count == 13 && figures.total.overHundred?.of == 24 && figures.total.overHundredAndTwenty?.count == 5)
        #expect(abs(figures.total.averageCaseload! - 1078 / 23.5) < 1e-9)
        #expect(figures.total.vacancyRate.interval != nil && figures.total.vacancyRate.description.hasSuffix("9 of 35"))
    }

    @Test("the new columns are optional: an older file reads as before, with nothing said about the workload tool")
    func olderFile() throws {
        let records = try read("N,PO,10,2,40,112\n", header: "team,grade,staff_in_post,vacancies,average_caseload,workload_tool_percent\n")
        #expect(records.count == 1 && records[0].staffOver100 == nil && records[0].spanOfSupervision == nil)
        #expect(StaffingFigures(records).total.overHundred == nil)
        #expect(StaffingFigures([]).isEmpty)
    }

    @Test("each new column is checked, with the line and the reason")
    func checks() {
        #expect(problems("N,PO,10,2,40,112,,,8\n") == ["span_of_supervision: only SPO rows have a span of supervision; leave it empty for PO"])
        #expect(problems("N,SPO,2,0,0,100,,,0\n") == ["span_of_supervision: expected the number of staff each SPO manages, more than 0 and up to 100"])
        #expect(problems("N,SPO,2,0,0,100,,,lots\n").count == 1)
        #expect(problems("N,PO,10,2,40,112,11,0,\n") == ["staff_over_100: more people than the 10 staff in post"])
        #expect(problems("N,PO,9.5,2,40,112,10,0,\n").isEmpty, "9.5 full-time equivalents can be 10 people")
        #expect(problems("N,PO,10,2,40,112,4,5,\n") == ["staff_over_120: more people than the 4 over 100%; everyone over 120% is also over 100%"])
        #expect(
            problems("N,PO,10,2,40,112,-1,x,\n") == [
                "staff_over_100: expected a number of people from 0 to 100,000, or nothing when not known",
                "staff_over_120: expected a number of people from 0 to 100,000, or nothing when not known",
            ])
        #expect(problems("N,ACO,10,2,40,112,,,\n") == ["grade: unknown grade; expected PO, PSO or SPO"])
        #expect(problems("N,SPO,1,0,0,100,,,5\nn,spo,1,0,0,100,,,5\n") == ["team: duplicate: n SPO is already on line 2"])
    }

    /// Three NPS divisions over two years and a CRC, counted by hand.
    @Test("the annual report adds staffing up by provider type, region and provider, and by year for the time series")
    func annual() throws {
        func report(_ code: String, _ type: ProviderType, _ region: String, _ year: String, _ body: String) throws -> InspectionReport {
            let base = DemoReports.published[0]
            let summary = ReportSummary(
                id: code + year, providerCode: code, providerName: code.uppercased(), providerType: type, region: region, year: year,
                frameworkID: base.summary.frameworkID, frameworkTitle: base.summary.frameworkTitle, publishedAt: nil)
            return InspectionReport(summary: summary, rating: base.rating, figures: base.figures, staffing: StaffingFigures(try read(body)))
        }
        let published = [
            try report("nps-a", .nps, "London", "2018/19", "T,PO,100,20,40,110,60,10,\nT,PSO,50,5,60,90,10,0,\n"),
            try report("nps-b", .nps, "Wales", "2018/19", "T,PO,80,10.5,40,110,50,10,\n"),
            try report("crc-a", .crc, "Wales", "2018/19", "T,PSO,30,3,60,90,,,\n"),
            try report("nps-a", .nps, "London", "2019/20", "T,PO,110,12,40,110,,,\n"),
        ]
        let annual = AnnualReport(year: "2018/19", published: published)
        func row(_ table: DataTable, _ prefix: [String]) -> [DataTable.Cell]? {
            table.rows.first { row in prefix.enumerated().allSatisfy { row[$0.offset] == .text($0.element) } }
        }
        // NPS POs: 180 in post and 30.5 vacant; 210.5 posts and 30.5 vacancies round (half away from zero) to 211 and 31.
        let npsPO = try #require(row(annual.staffingByTypeTable, ["NPS", "Probation officers"]))
        #expect(npsPO[2] == .number(180) && npsPO[3] == .number(30.5))
        #expect(DemoReports.proportion(npsPO[4]).map { ($0.count, $0.of) }! == (31, 211))
        // Over 100%: 60 of 100 and 50 of 80 people → 110 of 180.
        #expect(DemoReports.proportion(npsPO[5]).map { ($0.count, $0.of) }! == (110, 180))
        // Wales: NPS B's 80 + 10.5 and the CRC's 30 + 3 → 110 in post, 13.5 vacant, 124 posts (123.5 rounds up), 14 vacant.
        let wales = try #require(row(annual.staffingByRegionTable, ["Wales"]))
        #expect(wales[1] == .number(110) && wales[2] == .number(13.5))
        #expect(DemoReports.proportion(wales[3]).map { ($0.count, $0.of) }! == (14, 124))
        let crc = try #require(row(annual.staffingByProviderTable, ["CRC-A"]))
        #expect(crc[1] == .text("CRC") && crc[2] == .text("Wales") && crc.last == .proportion(nil))
        // The series runs to this year only: 2019/20 waits for its own report.
        let series = annual.staffInPostSeriesTable
        #expect(Set(series.rows.map { $0[0] }) == [.text("2018/19")])
        #expect(
            row(series, ["2018/19", "NPS", "Probation officers"])?[3] == .number(180)
                && row(series, ["2018/19", "NPS", "Probation services officers"])?[3] == .number(50))
        let later = AnnualReport(year: "2019/20", published: published).staffInPostSeriesTable
        #expect(
            row(later, ["2019/20", "NPS", "Probation officers"])?[3] == .number(110)
                && row(later, ["2018/19", "CRC", "Probation services officers"])?[3] == .number(30))
        #expect(annual.tables.contains { $0.id == "staff-in-post-by-year" })
    }
}
