import Fluent
import Foundation
import InspectionKit
import Testing
import Vapor

@testable import InspectorateApp

/// The caseload file's delivery columns, uploaded, stored and reported, on each database.
@Suite("Delivery of sentences over HTTP")
struct DeliveryHTTPTests {
    /// Ten cases counted by hand against the fieldwork start, 7 September 2019 (see the expectations).
    static let caseload = """
        case_ref,sentence_type,start_date,rosh,mappa_category,mappa_level,officer_grade,team,gender,ethnicity,programme_requirement,programme_start_date,unpaid_work_hours_ordered,unpaid_work_hours_completed,unpaid_work_completed_date,latest_contact_type
        C1,community order,2018-01-10,low,none,none,PO,N,male,White,yes,2018-02-20,,,,face-to-face
        C2,community order,2018-03-01,low,none,none,PO,N,male,White,yes,2018-08-01,,,,phone
        C3,community order,2019-08-01,low,none,none,PO,N,male,White,yes,,,,,video
        C4,community order,2018-01-10,low,none,none,PO,N,male,White,yes,,,,,
        C5,community order,2017-06-01,low,none,none,PO,N,male,White,no,,100,100,2018-03-01,F2F
        C6,community order,2017-06-01,low,none,none,PO,N,male,White,,,150,150,2018-07-01,face to face
        C7,suspended sentence order,2018-01-15,low,none,none,PO,N,male,White,,,80,40,,telephone
        C8,community order,2019-01-10,low,none,none,PO,N,male,White,,,60,10,,face-to-face
        C9,licence,2016-02-29,low,none,none,PO,N,male,White,,,40,40,2017-02-28,
        C10,licence,2016-01-01,low,none,none,PO,N,male,White,,,,,,

        """

    @Test("a caseload with delivery columns is stored as sent and reported as the whole caseload's figures", arguments: TestDatabases.all)
    func delivery(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let world = try await Fixtures.world(app)
            let lead = Browser(app), provider = Browser(app)
            #expect(try await lead.signIn("lead@test.example").status == .seeOther)
            #expect(try await provider.signIn("provider-a@test.example").status == .seeOther)
            let id = try await planCRCInspection(lead, world, year: "2019/20")
            #expect(try await lead.post("/inspections/\(id)/transition", [("action", "request-data")]).status == .seeOther)
            try await provider.get("/inspections/\(id)/uploads")
            let imported = try await WorkflowTests.waitForImport(
                provider, try await provider.upload("/inspections/\(id)/uploads/caseload", filename: "caseload.csv", content: Self.caseload).location)
            #expect(imported.body.contains("Imported 10 eligible cases"))
            // Read back exactly as the file said, through each database's JSON unpacking.
            let stored = try await ProviderData.eligible(inspection: id, on: app.db).sorted { NaturalOrder.precedes($0.caseReference, $1.caseReference) }
            #expect(stored.map(\.caseReference) == (1...10).map { "C\($0)" })
            #expect(
                stored[0].delivery
                    == SentenceDelivery(programmeRequirement: true, programmeStarted: CalendarDate(parsing: "2018-02-20"), latestContact: .faceToFace))
            #expect(stored[4].delivery.programmeRequirement == false && stored[4].delivery.unpaidWorkCompleted?.description == "2018-03-01")
            #expect(
                stored[6].delivery.unpaidWorkHoursOrdered == 80 && stored[6].delivery.unpaidWorkHoursCompleted == 40
                    && stored[6].delivery.latestContact == .phone)
            #expect(stored[9].delivery.isEmpty)

            let report = try await lead.get("/inspections/\(id)/report")
            #expect(report.body.contains("<h2 class=\"heading-m\" id=\"delivery\">Delivery of sentences</h2>"))
            #expect(
                report.body.contains(
                    "These figures describe the whole eligible caseload the provider sent, not only the sampled cases, as at 7 September 2019."))
            let table = try await lead.get("/inspections/\(id)/report/tables/delivery.csv").body.components(separatedBy: "\r\n")
            // Requirements C1–C4, started C1, C2; due by the 12-week deadline C1, C2, C4, in time C1 (41 days);
            // orders a year old C5, C6, C7, C9, done within the year C5, C9; contact recorded for 7, face to face C1, C5, C6, C8.
            #expect(table.contains { $0.hasPrefix("Accredited programme requirements started,2,4,50.0,") })
            #expect(table.contains { $0.hasPrefix("Programmes started within 12 weeks of the sentence,1,3,33.3,") })
            #expect(table.contains { $0.hasPrefix("Unpaid work orders completed within 12 months,2,4,50.0,") })
            #expect(table.contains { $0.hasPrefix("Latest contact face to face,4,7,57.1,") })
            // A caseload without the columns has no delivery section.
            let plain = try await WorkflowTests.waitForImport(
                provider, try await provider.upload("/inspections/\(id)/uploads/caseload", filename: "plain.csv", content: Fixtures.caseload(rows: 20)).location
            )
            #expect(plain.body.contains("Imported 20 eligible cases"))
            #expect(!(try await lead.get("/inspections/\(id)/report")).body.contains("id=\"delivery\""))
            #expect(try await lead.get("/inspections/\(id)/report/tables/delivery.csv").status == .notFound)
        }
    }
}
