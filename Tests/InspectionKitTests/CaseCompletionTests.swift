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
}
