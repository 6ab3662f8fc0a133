import Foundation
import Testing

@testable import InspectionKit

@Suite("Completing a case")
struct CaseCompletionTests {
    let framework = try! FrameworkCatalog.standard(environment: [:])["probation-2018-crc"]!

    @Test("'not sufficient' needs a rationale by default; 'sufficient' and n/a do not")
    func defaultRule() throws {
        let standard = try #require(framework.standard("2.1"))
        let ids = standard.questions.map(\.id)
        var answers: [QuestionID: (answer: Answer, rationale: String)] = [:]
        answers[ids[0]] = (.sufficient, "")
        answers[ids[1]] = (.notApplicable, "")
        let partial = CaseCompletion(framework: framework, standards: [standard], answers: answers)
        #expect(partial.unanswered == Array(ids.dropFirst(2)))
        #expect(partial.rationaleMissing.isEmpty)
        for id in ids.dropFirst(2) { answers[id] = (.notSufficient, "  \n") }
        let blank = CaseCompletion(framework: framework, standards: [standard], answers: answers)
        #expect(blank.unanswered.isEmpty)
        #expect(blank.rationaleMissing == Array(ids.dropFirst(2)))
        #expect(!blank.isComplete)
        for id in ids.dropFirst(2) { answers[id] = (.notSufficient, "No plan to address accommodation.") }
        #expect(CaseCompletion(framework: framework, standards: [standard], answers: answers).isComplete)
    }

    @Test("a framework file can say which answers need a rationale, and a wrong answer name is refused")
    func fromTheFile() throws {
        func adding(_ line: String) -> String {
            FrameworkYAML.minimal().replacingOccurrences(of: "title: Test framework\n", with: "title: Test framework\n\(line)\n")
        }
        let yaml = adding("rationale_required_for: [sufficient, not-sufficient]")
        let framework = try FrameworkLoader.parse(yaml: yaml, file: "test.yaml")
        #expect(framework.needsRationale(.sufficient) && framework.needsRationale(.notSufficient) && !framework.needsRationale(.notApplicable))
        let wrong = adding("rationale_required_for: [maybe]")
        let error = #expect(throws: FrameworkLoadError.self) { try FrameworkLoader.parse(yaml: wrong, file: "test.yaml") }
        #expect(error?.description.contains("\"maybe\" is not an answer") == true)
    }
}

@Suite("Case facts form")
struct CaseFactsFormTests {
    let complete: [String: String] = [
        "rosh": "high", "rosh_reviewed": "yes", "mappa_level": "2", "domestic_abuse_needed": "yes", "domestic_abuse_done": "no",
        "safeguarding_needed": "no", "safeguarding_done": "not-needed", "home_visit_needed": "yes", "home_visit_done": "yes", "contact": "video",
    ]

    @Test("a complete, consistent form is read; a check not needed has no 'done'")
    func reads() throws {
        let facts = try CaseFactsForm.read(complete).get()
        #expect(facts.roshAtStart == .high && facts.mappaLevel == 2 && facts.contactType == .video)
        #expect(facts.domesticAbuseCheck == CheckRecord(needed: true, done: false))
        #expect(facts.safeguardingCheck == CheckRecord(needed: false, done: nil))
        #expect(CaseFactsForm.values(facts, recorded: true) == complete)
    }

    @Test(
        "contradictions and gaps are refused, each naming its field",
        arguments: [
            ("safeguarding_done", "yes", "safeguarding_done", "was not needed"),
            ("safeguarding_done", "no", "safeguarding_done", "was not needed"),
            ("domestic_abuse_done", "not-needed", "domestic_abuse_done", "was needed"),
            ("domestic_abuse_done", "", "domestic_abuse_done", "Select whether the domestic abuse police check was done"),
            ("home_visit_needed", "", "home_visit_needed", "Select whether a home visit was needed"),
            ("mappa_level", "4", "mappa_level", "MAPPA"),
            ("contact", "", "contact", "contact type"),
        ])
    func refuses(field: String, value: String, problemField: String, words: String) {
        var form = complete
        form[field] = value
        guard case .failure(let refused) = CaseFactsForm.read(form) else {
            Issue.record("\(field)=\(value) was accepted")
            return
        }
        #expect(refused.problems.map(\.field) == [problemField])
        #expect(refused.problems.first?.message.contains(words) == true, "\(refused.problems)")
    }

    @Test("each need the framework asks about must be answered with one of its four outcomes; the others are ignored")
    func needs() throws {
        let asked: [Need] = [.accommodation, .mentalHealth]
        var form = complete
        form["need_accommodation"] = "identified-not-met"
        form["need_mental-health"] = "not-a-need"
        form["need_finance"] = "identified-and-met"
        let facts = try CaseFactsForm.read(form, needs: asked).get()
        #expect(facts.needs == [.accommodation: .identifiedNotMet, .mentalHealth: .notANeed])
        #expect(CaseFactsForm.values(facts, recorded: true)["need_accommodation"] == "identified-not-met")
        for (value, field) in [("", "need_mental-health"), ("met", "need_mental-health")] {
            var bad = form
            bad["need_mental-health"] = value
            guard case .failure(let refused) = CaseFactsForm.read(bad, needs: asked) else {
                Issue.record("need_mental-health=\(value) was accepted")
                continue
            }
            #expect(refused.problems.map(\.field) == [field] && refused.problems[0].message == "Select what was found for mental health")
        }
    }

    @Test("facts saved before needs were asked about read back with none recorded")
    func factsWithoutNeeds() throws {
        let old = #"{"roshAtStart":"high","domesticAbuseCheck":{"needed":true,"done":false},"safeguardingCheck":{},"homeVisit":{},"contactType":"video"}"#
        let facts = try JSONDecoder().decode(CaseFacts.self, from: Data(old.utf8))
        #expect(facts.needs.isEmpty && facts.roshAtStart == .high && facts.domesticAbuseCheck.done == false)
        var recorded = facts
        recorded.needs = [.finance: .met]
        let again = try JSONDecoder().decode(CaseFacts.self, from: JSONEncoder().encode(recorded))
        #expect(again == recorded)
        #expect(String(decoding: try JSONEncoder().encode(recorded), as: UTF8.self).contains(#""needs":{"finance":"identified-and-met"}"#))
    }
}

@Suite("Needs identified and met")
struct NeedsFiguresTests {
    /// Four cases, counted by hand below.
    @Test("of the cases with each need, the share identified and the share met, hand-counted; a framework's file names its needs")
    func handCounted() throws {
        let base = try FrameworkLoader.parse(yaml: FrameworkYAML.minimal(), file: "t.yaml")
        let yaml = FrameworkYAML.minimal().replacingOccurrences(of: "title: Test framework\n", with: "title: Test framework\nneeds: [accommodation, finance]\n")
        let framework = try FrameworkLoader.parse(yaml: yaml, file: "t.yaml")
        #expect(base.needs.isEmpty && framework.needs == [.accommodation, .finance])
        func evidence(_ needs: [Need: NeedOutcome]) -> CaseEvidence {
            CaseEvidence(reference: "C", sample: "main", rosh: .low, answers: [:], facts: CaseFacts(needs: needs), interview: nil)
        }
        let cases = [
            evidence([.accommodation: .met, .finance: .notANeed]),
            evidence([.accommodation: .identifiedNotMet, .finance: .notIdentified]),
            evidence([.accommodation: .notIdentified, .finance: .notANeed]),
            evidence([:]),
        ]
        let figures = InspectionFigures(framework: framework, cases: cases)
        #expect(figures.needs.map(\.need) == [.accommodation, .finance])
        // Accommodation: three cases had it; two identified; one met.
        #expect((figures.needs[0].identified.count, figures.needs[0].identified.of) == (2, 3))
        #expect((figures.needs[0].met.count, figures.needs[0].met.of) == (1, 3))
        // Finance: one case had it, not identified.
        #expect((figures.needs[1].identified.count, figures.needs[1].identified.of) == (0, 1) && figures.needs[1].met.count == 0)
        for line in figures.needs {
            for share in [line.identified, line.met] {
                let filter = try #require(share.cases)
                let parts = cases.map(filter.contribution)
                let total: (count: Int, of: Int) = (parts.map(\.count).reduce(0, +), parts.map(\.of).reduce(0, +))
                #expect(total.count == share.count && total.of == share.of)
            }
        }
    }

    @Test("a framework file naming an unknown need, or one need twice, is refused with the need named")
    func loaderRefuses() {
        for (needs, words) in [("[housing]", "\"housing\" is not a need; use one of accommodation"), ("[finance, finance]", "\"finance\" is named twice")] {
            let yaml = FrameworkYAML.minimal().replacingOccurrences(of: "title: Test framework\n", with: "title: Test framework\nneeds: \(needs)\n")
            let error = #expect(throws: FrameworkLoadError.self) { try FrameworkLoader.parse(yaml: yaml, file: "t.yaml") }
            #expect(error?.description.contains(words) == true, "\(error?.description ?? "")")
        }
    }

    @Test("seed: \"Many needs still not being met\": in the demo's 2018/19 CRC inspections, fewer than half the needs found were met")
    func demo() {
        let crcs = DemoReports.published.filter { $0.summary.providerType == .crc && $0.summary.year == "2018/19" }
        let met = Proportion.sum(crcs.flatMap(\.figures.needs).map(\.met))
        let identified = Proportion.sum(crcs.flatMap(\.figures.needs).map(\.identified))
        #expect(met.of > 1_000 && met.percent! < 50 && met.interval!.upperPercent < 50, "\(met.description)")
        #expect(identified.percent! > 70, "\(identified.description)")
    }
}

@Suite("Workload per officer")
struct WorkloadPerOfficerTests {
    @Test("a reference is pseudonymous; the workload answer is given at an officer's first interview and refused at the others")
    func rules() {
        #expect(OfficerInterviewRules.referenceProblem("PO-17") == nil && OfficerInterviewRules.referenceProblem("po_17") == nil)
        for bad in ["", "Jane Smith", "<script>", String(repeating: "A", count: 33), "Zoë"] {
            #expect(OfficerInterviewRules.referenceProblem(bad) != nil, "\(bad)")
        }
        #expect(OfficerInterviewRules.workloadProblem(.no, reference: "PO-1", answeredOn: nil) == nil)
        #expect(OfficerInterviewRules.workloadProblem(nil, reference: "PO-1", answeredOn: "C7") == nil)
        #expect(OfficerInterviewRules.workloadProblem(nil, reference: "PO-1", answeredOn: nil)?.contains("first interview with PO-1") == true)
        #expect(OfficerInterviewRules.workloadProblem(.yes, reference: "PO-1", answeredOn: "C7")?.contains("already recorded on case C7") == true)
    }

    /// Five interviews with three officers, counted by hand.
    @Test("each officer counts once in the workload figures, by grade, with the interval of the officers' count")
    func handCounted() throws {
        let framework = try FrameworkLoader.parse(yaml: FrameworkYAML.minimal(), file: "t.yaml")
        func interview(_ reference: String, _ grade: OfficerGrade, _ answer: WorkloadAnswer?) -> CaseEvidence {
            CaseEvidence(
                reference: "C-\(reference)-\(answer?.rawValue ?? "none")", sample: "main", rosh: .low, answers: [:], facts: CaseFacts(),
                interview: OfficerInterview(grade: grade, caseloadSize: 40, workloadManageable: answer, officerReference: reference))
        }
        // PO-1 said no at the first of three interviews; PO-2 said yes; PSO-1 was not sure.
        let cases = [
            interview("PO-1", .probationOfficer, .no), interview("PO-1", .probationOfficer, nil), interview("PO-1", .probationOfficer, nil),
            interview("PO-2", .probationOfficer, .yes), interview("PSO-1", .probationServicesOfficer, .unsure),
        ]
        let figures = InspectionFigures(framework: framework, cases: cases)
        let po = try #require(figures.unmanageableWorkload[.probationOfficer])
        #expect(po.count == 1 && po.of == 2)
        #expect(figures.unmanageableWorkload[.probationServicesOfficer]?.count == 0 && figures.unmanageableWorkload[.probationServicesOfficer]?.of == 1)
        #expect(figures.workloadAnswers[.probationOfficer] == [.no: 1, .yes: 1])
        // The interval is Wilson's for 1 of 2 officers, not for 1 of 4 interviews.
        #expect(po.interval == WilsonInterval(successes: 1, trials: 2, confidence: .ninetyFivePercent))
    }
}
