import Fluent
import Foundation
import InspectionKit
import Testing
import Vapor
import VaporTesting

@testable import InspectorateApp

/// The whole journey through the real application: plan, upload, sample, assess (with a
/// conflict), interview, rate and publish, on each database.
@Suite("Inspection workflow")
struct WorkflowTests {
    static func inspectionID(from location: String?) throws -> UUID {
        let parts = try #require(location).split(separator: "/")
        return try #require(UUID(uuidString: String(parts[1])))
    }

    static func waitForImport(_ browser: Browser, _ location: String?) async throws -> Browser.Page {
        let path = try #require(location)
        for _ in 0..<200 {
            let page = try await browser.get(path)
            if !page.body.contains("This page updates itself") { return page }
            try await Task.sleep(for: .milliseconds(50))
        }
        Issue.record("the import did not finish")
        return try await browser.get(path)
    }

    @Test("a lead withdraws an inspection with a reason: kept, shown, audited, and nothing in it changes after", arguments: TestDatabases.all)
    func withdraw(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let world = try await Fixtures.world(app)
            let lead = Browser(app), provider = Browser(app)
            #expect(try await lead.signIn("lead@test.example").status == .seeOther)
            #expect(try await provider.signIn("provider-a@test.example").status == .seeOther)
            try await lead.get("/inspections/new")
            let planned = try await lead.post(
                "/inspections/new",
                [
                    ("provider", world.providerA.uuidString), ("framework", "probation-2018-crc"), ("year", "2020/21"), ("start", "2020-09-07"),
                    ("end", "2020-09-25"), ("lead", world.users["lead@test.example"]!.uuidString),
                ])
            let id = try Self.inspectionID(from: planned.location)
            #expect(try await lead.post("/inspections/\(id)/transition", [("action", "request-data")]).status == .seeOther)
            let overview = try await lead.get("/inspections/\(id)")
            #expect(overview.body.contains("<a href=\"/inspections/\(id)/withdraw\">Withdraw this inspection</a>"))
            let form = try await lead.get("/inspections/\(id)/withdraw")
            #expect(form.body.contains("Withdrawing is final"))

            let blank = try await lead.post("/inspections/\(id)/withdraw", [("reason", "  ")])
            #expect(blank.status == .unprocessableEntity && blank.body.contains("Enter the reason for withdrawing the inspection."))
            #expect(try await InspectionModel.find(id, on: app.db)?.state == .dataRequested, "a refused withdrawal changed the inspection")

            let reason = "Alpha CRC's contract ends before fieldwork; its cases move to <the new PDU>."
            let done = try await lead.post("/inspections/\(id)/withdraw", [("reason", reason)])
            #expect(done.status == .seeOther && done.location == "/inspections/\(id)")
            let page = try await lead.get("/inspections/\(id)")
            #expect(page.body.contains("The inspection has been withdrawn."))
            #expect(
                page.body.contains("<strong>Withdrawn today at ")
                    && page.body.contains("Reason: Alpha CRC&#39;s contract ends before fieldwork; its cases move to &lt;the new PDU&gt;."))
            #expect(!page.body.contains("Withdraw this inspection</a>") && !page.body.contains("Change the dates, lead or team"))
            let audited = try await AuditEventModel.query(on: app.db).filter(\.$action == .transition).all().map(\.detail)
            #expect(audited.contains("data-requested → withdrawn: \(reason)"))

            // Nothing moves it on or changes it now, for the lead or the provider.
            #expect(try await lead.post("/inspections/\(id)/transition", [("action", "start-sampling")]).status == .conflict)
            #expect(try await lead.post("/inspections/\(id)/withdraw", [("reason", "Again.")]).status == .conflict)
            #expect(try await lead.get("/inspections/\(id)/edit").status == .conflict)
            try await provider.get("/inspections/\(id)/uploads")
            let upload = try await provider.upload("/inspections/\(id)/uploads/caseload", filename: "late.csv", content: Fixtures.caseload(rows: 3))
            #expect(upload.status == .conflict)
            // It leaves the staff's work in progress, and stays in the list of inspections.
            #expect(!(try await lead.get("/")).body.contains("/inspections/\(id)\""))
            #expect((try await lead.get("/inspections")).body.contains("Withdrawn"))
        }
    }

    @Test("plan → upload → sample → assess → interview → rate → publish", arguments: TestDatabases.all)
    func journey(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            // setup
            let world = try await Fixtures.world(app)
            let lead = Browser(app), inspector = Browser(app), provider = Browser(app), public_ = Browser(app)
            #expect(try await lead.signIn("lead@test.example").status == .seeOther)
            #expect(try await inspector.signIn("inspector@test.example").status == .seeOther)
            #expect(try await provider.signIn("provider-a@test.example").status == .seeOther)

            // 1. Plan
            try await lead.get("/inspections/new")
            let bad = try await lead.post(
                "/inspections/new",
                [
                    ("provider", ""), ("framework", "probation-2018-crc"), ("year", "2019"), ("start", "2019-13-01"), ("end", "2019-09-20"),
                    ("lead", world.users["lead@test.example"]!.uuidString),
                ])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.body.contains("There is a problem"))
            #expect(bad.body.contains("href=\"#provider\""))
            #expect(bad.body.contains("href=\"#start\""))
            let planned = try await lead.post(
                "/inspections/new",
                [
                    ("provider", world.providerA.uuidString), ("framework", "probation-2018-crc"), ("year", "2019/20"), ("start", "2019-09-02"),
                    ("end", "2019-09-20"), ("lead", world.users["lead@test.example"]!.uuidString),
                    ("team[]", world.users["inspector@test.example"]!.uuidString),
                ])
            #expect(planned.status == .seeOther)
            let id = try Self.inspectionID(from: planned.location)
            #expect(try await lead.post("/inspections/\(id)/transition", [("action", "request-data")]).status == .seeOther)
            // Sampling is refused before data arrives.
            let early = try await lead.post("/inspections/\(id)/transition", [("action", "start-sampling")])
            #expect(early.status == .conflict)
            #expect(early.body.contains("Upload the provider&#39;s eligible caseload first."))

            // 2. Upload: a bad file is rejected whole, with its problems listed; a good one replaces it.
            try await provider.get("/inspections/\(id)/uploads")
            let badFile =
                Fixtures.caseload(rows: 5)
                + "A99999,life,2019-02-30,extreme,none,none,PO,Team 1,male,White\nA00001,licence,2019-01-10,low,none,none,PO,Team 1,male,White\n"
            let failed = try await Self.waitForImport(
                provider, try await provider.upload("/inspections/\(id)/uploads/caseload", filename: "bad.csv", content: badFile).location)
            #expect(failed.body.contains("The file was not imported: 4 problems were found"))
            #expect(failed.body.contains("<h2 class=\"error-summary__title\" id=\"error-summary-title\">There is a problem</h2>"))
            #expect(failed.body.contains("unknown sentence type"))
            let errorsLink = try #require(failed.body.range(of: "/errors.csv\"")).lowerBound
            let errorsPath = String(failed.body[failed.body[..<errorsLink].range(of: "href=\"", options: .backwards)!.upperBound..<errorsLink]) + "/errors.csv"
            let errorsCSV = try await provider.get(errorsPath)
            #expect(errorsCSV.headers.contentType?.subType == "csv")
            #expect(errorsCSV.body.hasPrefix("line,column,value,reason\n7,sentence_type,life,"))
            #expect(errorsCSV.body.contains("8,case_ref,A00001,duplicate: case A00001 is already on line 3"))
            #expect(try await app.db.query(EligibleCaseModel.self).count() == 0)
            let imported = try await Self.waitForImport(
                provider,
                try await provider.upload("/inspections/\(id)/uploads/caseload", filename: "caseload.csv", content: Fixtures.caseload(rows: 400)).location)
            #expect(imported.body.contains("Imported 400 eligible cases"))
            let workforce = try await Self.waitForImport(
                provider, try await provider.upload("/inspections/\(id)/uploads/workforce", filename: "workforce.csv", content: Fixtures.workforce).location)
            #expect(workforce.body.contains("Imported 3 workforce rows"))
            // The draft report has a staffing section, counted by hand from the fixture: 2 of 12 PO posts vacant,
            // 1 of 15 PSO, 1 of 3 SPO, 4 of 30 in all; 6 of 10 POs and 9 of 24 staff over 100% on the workload tool.
            let draft = try await lead.get("/inspections/\(id)/report")
            #expect(draft.body.contains("<h2 class=\"heading-m\" id=\"staffing\">Staffing</h2>") && draft.body.contains("href=\"#staffing\""))
            let staffing = try await lead.get("/inspections/\(id)/report/tables/staffing.csv")
            let lines = staffing.body.components(separatedBy: "\r\n")
            #expect(lines.contains { $0.hasPrefix("Probation officers,10.0,2.0,2,12,16.7,") && $0.contains(",6,10,60.0,") })
            #expect(lines.contains { $0.hasPrefix("Senior probation officers,2.0,1.0,1,3,33.3,") && $0.hasSuffix(",,12.0") })
            #expect(lines.contains { $0.hasPrefix("All grades,26.0,4.0,4,30,13.3,") && $0.contains(",9,24,37.5,") })
            // A re-upload replaces the previous one atomically.
            _ = try await Self.waitForImport(
                provider,
                try await provider.upload("/inspections/\(id)/uploads/caseload", filename: "caseload2.csv", content: Fixtures.caseload(rows: 300)).location)
            #expect(try await app.db.query(EligibleCaseModel.self).count() == 300)

            // 3. Sample
            #expect(try await lead.post("/inspections/\(id)/transition", [("action", "start-sampling")]).status == .seeOther)
            let planner = try await lead.get("/inspections/\(id)/sample?confidence=0.8&margin=0.1")
            #expect(planner.body.contains("Sample <strong>37</strong> of 300 eligible cases"))
            // A stratum the framework does not offer is refused in words, and nothing is drawn.
            let oddStratum = try await lead.post(
                "/inspections/\(id)/sample/draw", [("size", "12"), ("extra_size", "2"), ("stratum", "shoe-size"), ("seed", "42")])
            #expect(oddStratum.status == .unprocessableEntity && oddStratum.body.contains("Choose an extra stratum from the list"))
            #expect(try await InspectionModel.find(id, on: app.db)?.sampleSeed == nil)
            #expect(
                try await lead.post("/inspections/\(id)/sample/draw", [("size", "12"), ("extra_size", "2"), ("stratum", "none"), ("seed", "42")]).status
                    == .seeOther)
            let preview = try await lead.get("/inspections/\(id)/sample")
            #expect(preview.body.contains("The draw (seed 42)"))
            #expect(preview.body.contains("Mix of the main sample against the eligible population"))
            #expect(try await lead.post("/inspections/\(id)/sample/confirm", [("seed", "41")]).status == .conflict)
            #expect(try await lead.post("/inspections/\(id)/sample/confirm", [("seed", "42")]).status == .seeOther)
            let sampled = try await app.db.query(SampledCaseModel.self).filter(\.$inspectionID == id).all()
            #expect(sampled.count == 16)  // 12 supervision + 2 unpaid work + 2 through the gate
            #expect(try await lead.post("/inspections/\(id)/transition", [("action", "start-fieldwork")]).status == .seeOther)

            // 4. Assess, including a conflict between two inspectors on the same question.
            let framework = app.frameworks["probation-2018-crc"]!
            let first = try #require(sampled.first { $0.sample == "supervision" })
            let standardPath = "/inspections/\(id)/cases/\(first.id!)/standards/2.1"
            let leadForm = try await lead.get(standardPath)
            let inspectorForm = try await inspector.get(standardPath)
            #expect(leadForm.inputValue("version-2.1.1") == "0")
            #expect(inspectorForm.body.contains("Prompts for 2.1.1"))
            func answers(_ standard: Standard, _ answer: String, version: (String) -> String = { _ in "0" }) -> [(String, String)] {
                standard.questions.flatMap { question in
                    [
                        ("answer-\(question.id)", answer), ("rationale-\(question.id)", "Evidence for \(question.id)."),
                        ("version-\(question.id)", version(question.id.rawValue)),
                    ]
                }
            }
            let assessment = framework.standard("2.1")!
            #expect(try await inspector.post(standardPath, answers(assessment, "sufficient")).status == .seeOther)
            let conflict = try await lead.post(standardPath, answers(assessment, "not-sufficient"))
            #expect(conflict.status == .conflict)
            #expect(conflict.body.contains("inspector@test.example changed this answer"))
            #expect(conflict.body.contains("<strong>Their answer:</strong> Sufficient"))
            #expect(conflict.body.contains("<strong>Your answer:</strong> Not sufficient"))
            #expect(conflict.inputValue("version-2.1.1") == "1")
            // The stored answer is still the inspector's: nothing was silently overwritten.
            let stored = try await app.db.query(CaseAnswerModel.self).filter(\.$sampledCaseID == first.id!).filter(\.$questionID == "2.1.1").first()
            #expect(stored?.answer == .sufficient)
            // Submitting again from the conflict page, with its versions, is a deliberate overwrite.
            #expect(try await lead.post(standardPath, answers(assessment, "not-sufficient") { _ in "1" }).status == .seeOther)
            // Autosave answers JSON with the new versions, and 409 on a stale version.
            let autosaved = try await inspector.post(
                standardPath, answers(assessment, "sufficient") { _ in "2" } + [("autosave", "1")], accept: "application/json")
            #expect(autosaved.status == .ok)
            #expect(autosaved.body.contains("\"2.1.1\":3"))
            let stale = try await lead.post(standardPath, answers(assessment, "n/a") { _ in "2" } + [("autosave", "1")], accept: "application/json")
            #expect(stale.status == .conflict)
            // It names who changed it and when, in words, and gives no version for the conflicting
            // answer, so the page's next save cannot replace the colleague's unseen.
            #expect(stale.body.contains("\"by\":\"inspector@test.example\""))
            #expect(stale.body.contains("\"at\":\"today at "))
            #expect(stale.body.contains("\"versions\":{}"))
            // Missing answers are listed in the error summary, each linked to its field.
            let incomplete = try await inspector.post("/inspections/\(id)/cases/\(first.id!)/standards/2.2", [("csrf", inspector.csrf ?? "")])
            #expect(incomplete.status == .unprocessableEntity)
            #expect(incomplete.body.contains("href=\"#answer-2.2.1\""))
            // A question left blank that a colleague answered while the page was open is not
            // "missing": the page shows their answer, says who gave it, and asks for a check.
            let planning = framework.standard("2.2")!
            let colleague = try await lead.post(
                "/inspections/\(id)/cases/\(first.id!)/standards/2.2",
                [("answer-2.2.1", "not-sufficient"), ("rationale-2.2.1", "The lead's note."), ("version-2.2.1", "0"), ("autosave", "1")],
                accept: "application/json")
            #expect(colleague.status == .ok)
            let unseen = try await inspector.post(
                "/inspections/\(id)/cases/\(first.id!)/standards/2.2", answers(planning, "sufficient").filter { !$0.0.hasSuffix("-2.2.1") })
            #expect(unseen.status == .unprocessableEntity)
            #expect(!unseen.body.contains("Select an answer for 2.2.1"), "the page asks for an answer it shows as given")
            #expect(unseen.body.contains("lead@test.example answered 2.2.1 today at "))
            #expect(unseen.body.contains("while this page was open; check their answer"))
            #expect(unseen.inputValue("version-2.2.1") == "1")
            #expect(unseen.body.contains("The lead&#39;s note."))
            // Saving from that page, having checked, goes through.
            #expect(
                try await inspector.post("/inspections/\(id)/cases/\(first.id!)/standards/2.2", answers(planning, "sufficient") { _ in "1" }).status
                    == .seeOther)

            // Every case judged: supervision cases mostly sufficient, so 2.x standards are Good or better.
            for (index, item) in sampled.enumerated() {
                for standard in framework.standards(judgedOn: item.sample) where !(item.id == first.id && ["2.1", "2.2"].contains(standard.id)) {
                    let answer = index % 5 == 0 ? "not-sufficient" : "sufficient"
                    let saved = try await inspector.post("/inspections/\(id)/cases/\(item.id!)/standards/\(standard.id)", answers(standard, answer))
                    #expect(saved.status == .seeOther, "\(item.caseRef) \(standard.id): \(saved.body.prefix(300))")
                }
                #expect(try await inspector.post("/inspections/\(id)/cases/\(item.id!)/complete", []).status == .seeOther)
            }

            // 5. Interview and case facts.
            let interviewPath = "/inspections/\(id)/cases/\(first.id!)/interview"
            #expect(
                try await inspector.post(interviewPath, [("officer_ref", "PO-1"), ("grade", "po"), ("caseload", "lots"), ("manageable", "no"), ("notes", "")])
                    .status == .unprocessableEntity)
            let named = try await inspector.post(interviewPath, [("officer_ref", "Jane <Smith>"), ("grade", "po"), ("manageable", "no"), ("notes", "")])
            #expect(named.status == .unprocessableEntity && named.body.contains("never a name"))
            // The first interview with an officer records their answer about workload; it is not left out.
            let unanswered = try await inspector.post(interviewPath, [("officer_ref", "PO-1"), ("grade", "po"), ("manageable", ""), ("notes", "")])
            #expect(unanswered.status == .unprocessableEntity && unanswered.body.contains("this is the first interview with PO-1"))
            #expect(
                try await inspector.post(
                    interviewPath,
                    [
                        ("officer_ref", "PO-1"), ("grade", "po"), ("caseload", "48"), ("manageable", "no"),
                        ("notes", "Caseload too high <script>alert(1)</script>"),
                    ]
                ).status == .seeOther)
            // The same officer on another case: their answer counts once, so it is not asked again.
            let second = sampled.first { $0.id != first.id }!
            let secondPath = "/inspections/\(id)/cases/\(second.id!)/interview"
            let twice = try await inspector.post(secondPath, [("officer_ref", "PO-1"), ("grade", "po"), ("manageable", "yes"), ("notes", "")])
            #expect(
                twice.status == .unprocessableEntity && twice.body.contains("PO-1&#39;s answer about workload is already recorded on case \(first.caseRef)"))
            #expect(try await inspector.post(secondPath, [("officer_ref", "PO-1"), ("grade", "po"), ("manageable", ""), ("notes", "")]).status == .seeOther)
            // Saving the first case again keeps its own answer: it is not "another case".
            #expect(
                try await inspector.post(
                    interviewPath, [("officer_ref", "PO-1"), ("grade", "po"), ("caseload", "48"), ("manageable", "no"), ("notes", "Again.")]
                )
                .status == .seeOther)
            let workloadReport = try await lead.get("/inspections/\(id)/report").body
            #expect(workloadReport.contains("each officer counted once"))
            #expect(
                try await inspector.post(
                    interviewPath,
                    [
                        ("officer_ref", "PO-1"), ("grade", "po"), ("caseload", "48"), ("manageable", "no"),
                        ("notes", "Caseload too high <script>alert(1)</script>"),
                    ]
                ).status == .seeOther)
            let interviewPage = try await inspector.get(interviewPath)
            #expect(interviewPage.body.contains("Caseload too high &lt;script&gt;alert(1)&lt;/script&gt;"))
            #expect(!interviewPage.body.contains("<script>alert(1)"))
            let factsPath = "/inspections/\(id)/cases/\(first.id!)/facts"
            let factsForm = try await inspector.get(factsPath)
            let factsVersion = try #require(factsForm.inputValue("version"))
            let facts: [(String, String)] =
                [
                    ("rosh", "high"), ("rosh_reviewed", "yes"), ("mappa_level", "none"), ("domestic_abuse_needed", "yes"), ("domestic_abuse_done", "no"),
                    ("safeguarding_needed", "no"), ("safeguarding_done", "not-needed"), ("home_visit_needed", "yes"), ("home_visit_done", "yes"),
                    ("contact", "face-to-face"), ("version", factsVersion),
                ] + Need.allCases.map { ("need_\($0.rawValue)", $0 == .accommodation ? "identified-not-met" : "not-a-need") }
            #expect(factsForm.body.contains("name=\"need_thinking-and-behaviour\"") && factsForm.body.contains("Identified and met"))
            // Half-filled, or a check "not needed" yet "done": refused, naming the field, nothing saved.
            let halfFilled = try await inspector.post(factsPath, [("rosh", "high"), ("version", factsVersion)])
            #expect(halfFilled.status == .unprocessableEntity)
            #expect(halfFilled.body.contains("Select the main contact type"))
            let contradicting = facts.map { $0.0 == "safeguarding_done" ? ($0.0, "yes") : $0 }
            let refusedFacts = try await inspector.post(factsPath, contradicting)
            #expect(refusedFacts.status == .unprocessableEntity)
            #expect(refusedFacts.body.contains("The child safeguarding check was not needed"))
            #expect(try await app.db.query(SampledCaseModel.self).filter(\.$id == first.id!).first()?.factsVersion == Int(factsVersion))
            #expect(try await inspector.post(factsPath, facts).status == .seeOther)
            #expect(try await lead.post(factsPath, facts).status == .conflict)  // stale version
            let savedCase = try await app.db.query(SampledCaseModel.self).filter(\.$id == first.id!).first()
            #expect(savedCase?.caseFacts.domesticAbuseCheck == CheckRecord(needed: true, done: false))
            #expect(savedCase?.caseFacts.needs[.accommodation] == .identifiedNotMet && savedCase?.caseFacts.needs.count == Need.allCases.count)
            // A need left unanswered is refused by name.
            let noNeed = try await inspector.post(factsPath, facts.filter { $0.0 != "need_finance" })
            #expect(noNeed.status == .unprocessableEntity && noNeed.body.contains("Select what was found for finance"))
            // The report counts it: one case with an accommodation need, identified, not met.
            let needsReport = try await lead.get("/inspections/\(id)/report").body
            #expect(needsReport.contains("Needs identified and met") && needsReport.contains("0 of 1"))

            // 6. Rate: organisational standards, then the ratings page from the engine.
            #expect(try await lead.post("/inspections/\(id)/transition", [("action", "start-quality-assurance")]).status == .seeOther)
            let refused = try await lead.post("/inspections/\(id)/transition", [("action", "confirm-ratings")])
            #expect(refused.status == .conflict)
            #expect(refused.body.contains("Standards 1.1, 1.2, 1.3, 1.4 are not rated."))
            #expect(try await lead.post("/inspections/\(id)/organisational/1.1", [("rating", "good"), ("evidence", "")]).status == .unprocessableEntity)
            for standard in ["1.1", "1.2", "1.3", "1.4"] {
                #expect(
                    try await lead.post("/inspections/\(id)/organisational/\(standard)", [("rating", "good"), ("evidence", "Strong leadership.")]).status
                        == .seeOther)
            }
            let live = try await lead.get("/inspections/\(id)/ratings")
            let counts = try await CaseAnswers.counts(inspection: id, on: app.db)
            let expected = RatingEngine(framework: framework).rate(
                answers: counts, organisationalRatings: ["1.1": .good, "1.2": .good, "1.3": .good, "1.4": .good])
            let overall = try #require(expected.overall.rating)
            #expect(live.body.contains("Overall: <strong class=\"rating rating--\(overall.slug)\">\(overall.title)</strong>"))
            let limiting = try #require(expected.standards.first { $0.id == "2.1" }?.limitingResult)
            #expect(live.body.contains("\(limiting.counts.sufficient) of \(limiting.counts.applicable)"))
            #expect(live.body.contains(PercentFormat.interval(limiting.interval!).replacingOccurrences(of: "–", with: "–")))

            // 6b. Moderation: the ratings wait for it; draw, blind second marking, resolution.
            #expect(refused.body.contains("The quality lead has not yet drawn the moderation sample."))
            let quality = Browser(app)
            #expect(try await quality.signIn("quality@test.example").status == .seeOther)
            let emptyModeration = try await quality.get("/inspections/\(id)/moderation")
            #expect(emptyModeration.body.contains("Draw the moderation sample"))
            #expect(try await lead.post("/inspections/\(id)/moderation/draw", [("percent", "20")]).status == .forbidden)
            let badDraw = try await quality.post("/inspections/\(id)/moderation/draw", [("percent", "20"), ("count", "3"), ("seed", "")])
            #expect(badDraw.status == .unprocessableEntity)
            #expect(badDraw.body.contains("not both"))
            #expect(try await app.db.query(ModerationCaseModel.self).count() == 0)
            #expect(try await quality.post("/inspections/\(id)/moderation/draw", [("percent", ""), ("count", "3"), ("seed", "5")]).status == .seeOther)
            #expect(try await quality.post("/inspections/\(id)/moderation/draw", [("count", "3")]).status == .conflict)  // one draw only
            let drawn = try await app.db.query(ModerationCaseModel.self).filter(\.$inspectionID == id).all()
            let assessors = Set(sampled.compactMap(\.assessorID))
            #expect(drawn.count == max(3, assessors.count))
            #expect(Set(drawn.map(\.firstMarkerID)) == assessors)  // every inspector's work is moderated
            let stillOpen = try await lead.post("/inspections/\(id)/transition", [("action", "confirm-ratings")])
            #expect(stillOpen.status == .conflict)
            #expect(stillOpen.body.contains("of \(drawn.count) moderation cases are not yet second-marked and resolved."))

            let moderatedCase = try #require(sampled.first { $0.id == drawn[0].sampledCaseID })
            let moderatedStandards = framework.standards(judgedOn: moderatedCase.sample)
            // The first marker can no longer change a drawn case; the quality lead cannot peek at it.
            let drawnStandard = "/inspections/\(id)/cases/\(moderatedCase.id!)/standards/\(moderatedStandards[0].id)"
            #expect(try await inspector.post(drawnStandard, answers(moderatedStandards[0], "n/a") { _ in "1" }).status == .conflict)
            #expect(try await quality.get(drawnStandard).status == .forbidden)
            // Nor through the API or a figure's list of cases: the same rule on every route that shows answers.
            try await APITokenModel(
                name: "quality", tokenHash: APITokens.hash("quality-token"), userID: world.users["quality@test.example"]!,
                createdBy: world.users["admin@test.example"]!, expiresAt: Date().addingTimeInterval(86_400)
            ).create(on: app.db)
            let api = try await Browser(app).request(.GET, "/api/v1/inspections/\(id)/judgements", headers: ["Authorization": "Bearer quality-token"])
            #expect(api.status == .ok)
            let drawnReferences = Set(sampled.filter { item in drawn.contains { $0.sampledCaseID == item.id } }.map(\.caseRef))
            let judged = try #require(try jsonObject(api.body) as? [String: Any])
            let references = Set((judged["judgements"] as? [[String: Any]] ?? []).compactMap { $0["case_reference"] as? String })
            #expect(!references.isEmpty && references.isDisjoint(with: drawnReferences), "the API shows a blind case's first marking")
            #expect(judged["withheld_cases"] as? Int == drawn.count)
            let question = moderatedStandards[0].questions[0].id
            let figureCases = try await quality.get("/inspections/\(id)/cases?question=\(question)")
            #expect(!figureCases.body.contains(moderatedCase.id!.uuidString), "a figure's cases list a blind case")
            #expect(figureCases.body.contains("await your second marking and are left out"))
            let leadsView = try await lead.get("/inspections/\(id)/cases?question=\(question)")
            #expect(leadsView.body.contains(moderatedCase.id!.uuidString), "the lead, who is not blind, lost the case")
            // Blind: the second-marking page shows the questions but no answer is checked.
            let casePath = "/inspections/\(id)/moderation/cases/\(moderatedCase.id!)"
            let blind = try await quality.get(casePath)
            #expect(blind.status == .ok)
            #expect(blind.body.contains("Submit second marking"))
            #expect(!blind.body.contains("checked"))
            #expect(!blind.body.contains("Evidence for"))
            #expect(try await inspector.post(casePath + "/mark", []).status == .forbidden)
            // Second marking: missing answers are listed; then disagree on the first question only.
            let firstAnswers = try await app.db.query(CaseAnswerModel.self).filter(\.$sampledCaseID == moderatedCase.id!).all()
            let firstByQuestion = Dictionary(uniqueKeysWithValues: firstAnswers.map { ($0.questionID, $0.answer.rawValue) })
            let questionIDs = moderatedStandards.flatMap(\.questions).map(\.id.rawValue)
            let incompleteMark = try await quality.post(casePath + "/mark", [("answer-\(questionIDs[0])", "sufficient")])
            #expect(incompleteMark.status == .unprocessableEntity)
            #expect(incompleteMark.body.contains("href=\"#answer-\(questionIDs[1])\""))
            let flipped = firstByQuestion[questionIDs[0]] == "sufficient" ? "not-sufficient" : "sufficient"
            let marks = questionIDs.map { ("answer-\($0)", $0 == questionIDs[0] ? flipped : firstByQuestion[$0]!) }
            #expect(try await quality.post(casePath + "/mark", marks).status == .seeOther)
            let comparison = try await lead.get(casePath)
            #expect(comparison.body.contains("Answers side by side"))
            #expect(comparison.body.contains("Disagree"))
            #expect(!comparison.body.contains("Record the final answers"))  // only the quality lead resolves
            // Resolution: a reason is required; the second marker's answer is chosen and feeds the ratings.
            let noReason = try await quality.post(casePath + "/resolve", [("final-\(questionIDs[0])", flipped)])
            #expect(noReason.status == .unprocessableEntity)
            #expect(noReason.body.contains("Give the reason for the final answer"))
            let before = try await CaseAnswers.counts(inspection: id, on: app.db)[QuestionID(questionIDs[0])]!
            #expect(
                try await quality.post(
                    casePath + "/resolve", [("final-\(questionIDs[0])", flipped), ("reason-\(questionIDs[0])", "Plan lacks a contingency.")]
                )
                .status == .seeOther)
            let after = try await CaseAnswers.counts(inspection: id, on: app.db)[QuestionID(questionIDs[0])]!
            #expect(after.sufficient - before.sufficient == (flipped == "sufficient" ? 1 : -1))
            let history = try #require(
                try await app.db.query(ModerationAnswerModel.self).filter(\.$moderationCaseID == drawn[0].id!).filter(\.$questionID == questionIDs[0]).first())
            #expect(history.firstAnswer == firstByQuestion[questionIDs[0]] && history.secondAnswer == flipped && history.finalAnswer == flipped)
            #expect(history.reason == "Plan lacks a contingency.")
            // The other cases: the second marker agrees throughout, so they resolve at once.
            for other in drawn.dropFirst() {
                let otherCase = try #require(sampled.first { $0.id == other.sampledCaseID })
                let stored = try await app.db.query(CaseAnswerModel.self).filter(\.$sampledCaseID == otherCase.id!).all()
                #expect(
                    try await quality.post(
                        "/inspections/\(id)/moderation/cases/\(otherCase.id!)/mark", stored.map { ("answer-\($0.questionID)", $0.answer.rawValue) }
                    )
                    .status == .seeOther)
            }
            let moderationPage = try await lead.get("/inspections/\(id)/moderation")
            let pairs = try await app.db.query(ModerationAnswerModel.self).count()
            #expect(moderationPage.body.contains("Agreement by inspector (first marker)"))
            #expect(moderationPage.body.contains("Agreement by key question"))
            let inspectionModel = try #require(try await InspectionModel.find(id, on: app.db))
            let inspectionContext = try await InspectionContext.load(inspectionModel, on: app.db, frameworks: app.frameworks)
            let breakdown = try await ModerationData.breakdown(inspectionContext, on: app.db)
            #expect(breakdown.overall.n + breakdown.overall.excluded == pairs)
            #expect(breakdown.overall.n - breakdown.overall.agreed == (flipped == "sufficient" || firstByQuestion[questionIDs[0]] != "n/a" ? 1 : 0))
            #expect(moderationPage.body.contains(breakdown.overall.reading.replacingOccurrences(of: "'", with: "&#39;")))

            // 7. Publish: nothing is public before; everything frozen after.
            #expect(try await public_.get("/inspections/\(id)/ratings").status == .seeOther)
            #expect(try await lead.post("/inspections/\(id)/transition", [("action", "confirm-ratings")]).status == .seeOther)
            #expect(try await inspector.post(standardPath, answers(assessment, "n/a") { _ in "4" }).status == .conflict)
            #expect(try await lead.post("/inspections/\(id)/transition", [("action", "publish")]).status == .seeOther)
            let published = try await public_.get("/inspections/\(id)/ratings")
            #expect(published.status == .ok)
            #expect(published.body.contains("Confirmed ratings, frozen"))
            #expect(published.body.contains("\(overall.title)</strong>"))
            #expect(try await lead.post("/inspections/\(id)/organisational/1.1", [("rating", "outstanding"), ("evidence", "x")]).status == .conflict)
            #expect(try await public_.get("/inspections/\(id)/cases").status == .seeOther)
            let home = try await public_.get("/")
            #expect(home.body.contains("Alpha CRC"))

            // Every change was audited, and audit rows cannot be rewritten.
            let audited = try await app.db.query(AuditEventModel.self).filter(\.$inspectionID == id).count()
            #expect(audited > 50)
            let row = try #require(try await app.db.query(AuditEventModel.self).first())
            row.detail = "tampered"
            await #expect(throws: (any Error).self) { try await row.save(on: app.db) }
        }
    }
}
