import Fluent
import Foundation
import InspectionKit
import Testing
import Vapor

@testable import InspectorateApp

/// Surveys recorded by the team, refused when wrong, and published only as shares.
@Suite("Surveys over HTTP")
struct SurveysHTTPTests {
    @Test(
        "the team records responses once per respondent; bad ones are explained and keep nothing; the report shows shares, never who or what they wrote",
        arguments: TestDatabases.all)
    func surveys(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let world = try await Fixtures.world(app)
            let lead = Browser(app), inspector = Browser(app), provider = Browser(app)
            for (browser, email) in [(lead, "lead"), (inspector, "inspector"), (provider, "provider-a")] {
                #expect(try await browser.signIn("\(email)@test.example").status == .seeOther)
            }
            let id = try await planCRCInspection(lead, world, year: "2019/20")
            let path = "/inspections/\(id)/surveys/staff-2019"
            func record(_ browser: Browser, _ fields: [(String, String)]) async throws -> Browser.Page {
                try await browser.get(path)
                return try await browser.post(path, fields)
            }
            func stored() async throws -> Int { try await SurveyResponseModel.query(on: app.db).count() }

            // The overview lists the surveys for the team; the survey page has the form.
            #expect(try await lead.get("/inspections/\(id)").body.contains("Surveys of staff and people on probation (optional)"))
            let index = try await lead.get("/inspections/\(id)/surveys").body
            #expect(index.contains("Staff survey") && index.contains("Survey of people on probation"))
            #expect(try await lead.get(path).body.contains("Record a response"))

            // Each refusal is explained beside its field, and nothing is kept.
            let refusals: [(fields: [(String, String)], message: String)] = [
                ([("respondent", "Jane Smith"), ("workload", "agree")], "never a name"),
                ([("respondent", "PO-1"), ("workload", "maybe")], "Choose one of the answers listed"),
                ([("respondent", "PO-1")], "Answer at least one question"),
                ([("respondent", "PO-1"), ("workload", "agree"), ("comment", String(repeating: "x", count: 4_001))], "4,000 characters"),
            ]
            for refusal in refusals {
                let page = try await record(lead, refusal.fields)
                #expect(page.status == .unprocessableEntity && page.body.contains(refusal.message), "\(refusal.message): \(page.status)")
                #expect(page.body.contains("There is a problem"))
            }
            #expect(try await stored() == 0)
            // Only staff see responses; only the team records; a survey the provider's type lacks does not exist.
            #expect(try await provider.get(path).status == .forbidden)
            #expect(try await record(inspector, [("respondent", "PO-1"), ("workload", "agree")]).status == .forbidden)
            #expect(try await lead.get("/inspections/\(id)/surveys/youth-staff").status == .notFound)
            #expect(try await stored() == 0)

            // Six officers answer; one skips the workload question. 4 of 5 agree their workload is manageable.
            let workload = ["agree", "strongly-agree", "disagree", "agree", "agree", nil]
            for (index, answer) in workload.enumerated() {
                var fields = [("respondent", "PO-\(index + 1)"), ("training", index < 4 ? "disagree" : "agree"), ("comment", "SECRET-\(index) my manager")]
                if let answer { fields.append(("workload", answer)) }
                let sent = try await record(lead, fields)
                #expect(sent.status == .seeOther && sent.location == path)
            }
            #expect(try await stored() == 6)
            // The same officer again is refused, naming them.
            let again = try await record(lead, [("respondent", "PO-3"), ("workload", "agree")])
            #expect(again.status == .unprocessableEntity && again.body.contains("PO-3 has already answered this survey in this inspection"))
            #expect(try await stored() == 6)

            // Staff see the responses and comments; the figures match the core's count.
            let page = try await lead.get(path).body
            #expect(page.contains("SECRET-0 my manager") && page.contains("PO-6"))
            let responses = try await SurveyResponses.of(inspection: id, survey: "staff-2019", on: app.db).map(\.response)
            let core = SurveyFigures(survey: app.surveys["staff-2019"]!, responses: responses)
            #expect(core.questions.first { $0.question.id == "workload" }?.favourable == Proportion(count: 4, of: 5))

            // The report (the provider reads the draft) and its downloads hold the shares and no one's words or reference.
            let report = try await provider.get("/inspections/\(id)/report")
            #expect(report.status == .ok && report.body.contains("What staff and people on probation told us"))
            #expect(!report.body.contains("SECRET") && !report.body.contains("PO-1"))
            let csv = try await provider.get("/inspections/\(id)/report/tables/survey-staff-2019.csv").body
            #expect(csv.contains("My workload is manageable.,Agree their workload is manageable,5,4,5,80.0,"))
            #expect(!csv.contains("SECRET") && !csv.contains("PO-"))
            let json = try await provider.get("/inspections/\(id)/report/tables/survey-staff-2019.json").body
            #expect(!json.contains("SECRET") && json.contains("Agree their workload is manageable"))
            // Only one question of the people-on-probation survey has answers, so that survey is absent, not empty.
            #expect(try await provider.get("/inspections/\(id)/report/tables/survey-people-on-probation-2019.csv").status == .notFound)

            // The lead removes one recorded in error; both are audited, with no comment in the log.
            let removed = try await SurveyResponseModel.query(on: app.db).filter(\.$respondentReference == "PO-6").first()!
            try await lead.get(path)
            #expect(try await lead.post("\(path)/responses/\(removed.id!)/delete", []).status == .seeOther)
            #expect(try await stored() == 5)
            let audit = try await AuditEventModel.query(on: app.db).filter(\.$entityType == "survey-response").all()
            #expect(audit.filter { $0.action == .create }.count == 6 && audit.filter { $0.action == .delete }.count == 1)
            #expect(!audit.contains { $0.detail.contains("SECRET") })

            // Once published, nothing changes.
            let model = try #require(try await InspectionModel.find(id, on: app.db))
            model.state = .published
            try await model.save(on: app.db)
            #expect(try await record(lead, [("respondent", "PO-9"), ("workload", "agree")]).status == .conflict)
            #expect(try await stored() == 5)
        }
    }

    @Test("two people recording the same respondent at once: one is kept, the other is told, neither fails", arguments: TestDatabases.all)
    func sameRespondentAtOnce(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let world = try await Fixtures.world(app)
            let lead = Browser(app), colleague = Browser(app)
            #expect(try await lead.signIn("lead@test.example").status == .seeOther)
            #expect(try await colleague.signIn("lead@test.example").status == .seeOther)
            let id = try await planCRCInspection(lead, world, year: "2019/20")
            let path = "/inspections/\(id)/surveys/people-on-probation-2019"
            for round in 1...5 {
                try await lead.get(path)
                try await colleague.get(path)
                let fields = [("respondent", "P-\(round)"), ("listened-to", "yes")]
                async let first = lead.post(path, fields)
                async let second = colleague.post(path, fields)
                let statuses = [try await first.status, try await second.status].sorted { $0.code < $1.code }
                #expect(statuses == [.seeOther, .unprocessableEntity], "round \(round): \(statuses)")
            }
            #expect(try await SurveyResponseModel.query(on: app.db).count() == 5)
        }
    }
}
