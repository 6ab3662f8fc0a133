import Testing

@testable import InspectionKit

@Suite("Surveys of staff and of people on probation")
struct SurveyTests {
    static let catalog = try! SurveyCatalog.bundled()

    static let small = """
        id: small
        title: Small survey
        respondents: staff
        provider_types: [pdu]
        scales:
          agreement:
            - { id: agree, label: Agree, favourable: true }
            - { id: neither, label: Neither }
            - { id: disagree, label: Disagree }
        questions:
          - id: workload
            text: My workload is manageable.
            figure: Agree their workload is manageable
            scale: agreement
          - id: training
            text: I have had the training I need.
            figure: Agree they have had the training they need
            scale: agreement
        comment: Anything else?
        """

    @Test("the bundled surveys load: staff and people on probation for probation services, none for youth teams")
    func bundled() throws {
        #expect(Self.catalog.surveys(for: .pdu).map(\.id) == ["staff-2019", "people-on-probation-2019"])
        #expect(Self.catalog.surveys(for: .crc).map(\.respondents) == [.staff, .peopleOnProbation])
        #expect(Self.catalog.surveys(for: .yot).isEmpty)
        let staff = try #require(Self.catalog["staff-2019"])
        #expect(staff.question("workload")?.option("agree")?.favourable == true && staff.question("workload")?.option("neither")?.favourable == false)
    }

    @Test(
        "a survey file with a misspelt field, an unknown scale, a scale with nothing favourable, an unknown respondent or a repeated question is refused by name",
        arguments: [
            ("comment: Anything else?", "coment: Anything else?", "unknown field \"coment\""),
            ("    scale: agreement\n  - id: training", "    scale: agrement\n  - id: training", "\"agrement\" is not one of this survey's scales"),
            ("{ id: agree, label: Agree, favourable: true }", "{ id: agree, label: Agree }", "at least one favourable and one not"),
            ("respondents: staff", "respondents: managers", "\"managers\" is not a kind of respondent"),
            ("  - id: training", "  - id: workload", "\"workload\" is already used in this survey"),
            ("provider_types: [pdu]", "provider_types: [probation]", "\"probation\" is not a type of provider"),
        ])
    func refused(original: String, replacement: String, words: String) {
        let yaml = Self.small.replacingOccurrences(of: original, with: replacement)
        #expect(yaml != Self.small)
        do {
            _ = try SurveyLoader.parse(yaml: yaml, file: "small.yaml")
            Issue.record("accepted: \(replacement)")
        } catch {
            #expect(error.problems.contains { $0.message.contains(words) }, "\(error.problems)")
        }
    }

    @Test("a response is checked whole: a name for a reference, an answer not offered, nothing answered and an overlong comment are each refused")
    func response() throws {
        let survey = try SurveyLoader.parse(yaml: Self.small, file: "small.yaml")
        func problems(_ fields: [String: String]) -> [String: String] {
            if case .failure(let problems) = SurveyResponse.read(fields, survey: survey) { return problems.byField }
            return [:]
        }
        #expect(problems(["respondent": "Jane Smith", "workload": "agree"])["respondent"]?.contains("never a name") == true)
        #expect(problems(["respondent": "PO-17", "workload": "maybe"])["workload"] == "Choose one of the answers listed")
        #expect(problems(["respondent": "PO-17"])["workload"]?.hasPrefix("Answer at least one question") == true)
        #expect(problems(["respondent": "PO-17", "comment": String(repeating: "x", count: 4_001)])["comment"]?.contains("4,000") == true)
        let read = SurveyResponse.read(["respondent": " PO-17 ", "training": "disagree", "comment": " Too many cases. "], survey: survey)
        #expect(read == .success(SurveyResponse(respondent: "PO-17", answers: ["training": "disagree"], comment: "Too many cases.")))
    }

    @Test("figures are counted by hand: 3 of 5 agree, the one who skipped left out; a question four answered shows no share")
    func figures() throws {
        let survey = try SurveyLoader.parse(yaml: Self.small, file: "small.yaml")
        let workload = ["agree", "agree", "disagree", "neither", "agree", nil]
        let training = ["agree", nil, nil, "disagree", "agree", "agree"]
        let responses = (0..<6).map { index in
            SurveyResponse(
                respondent: "PO-\(index)",
                answers: [("workload", workload[index]), ("training", training[index])].reduce(into: [:]) { $0[$1.0] = $1.1 }, comment: "secret \(index)")
        }
        let figures = SurveyFigures(survey: survey, responses: responses)
        #expect(figures.respondents == 6)
        #expect(figures.questions[0].answered == 5 && figures.questions[0].favourable == Proportion(count: 3, of: 5))
        #expect(figures.questions[1].answered == 4 && figures.questions[1].favourable == nil && figures.questions[1].isSuppressed)
        let table = figures.table(confidence: .ninetyFivePercent)
        #expect(table.rows[1][1] == .text("Fewer than 5 answered") && table.rows[1][3] == .proportion(nil))
        // The published table holds no respondent and no comment.
        let csv = table.csv()
        #expect(!csv.contains("secret") && !csv.contains("PO-"))
        #expect(csv.contains("3,5,60.0"))
    }
}
