import Foundation
import Testing

@testable import InspectionKit

@Suite("Bundled frameworks")
struct BundledFrameworkTests {
    let catalog: FrameworkCatalog

    init() throws {
        catalog = try FrameworkCatalog.standard(environment: [:])
    }

    @Test("every bundled file loads and validates")
    func loadsAll() {
        #expect(
            catalog.frameworks.map(\.id.rawValue) == [
                "probation-2018-crc", "probation-2018-nps", "probation-2021-pdu", "probation-2023-pdu", "probation-2023-region",
                "thematic-accommodation-2020", "thematic-edm-2020", "youth-2018", "youth-2021",
            ])
    }

    @Test("youth 2021 has thirteen standards, adding resettlement, with 13-standard overall bands; 2018 keeps twelve")
    func youthVersions() throws {
        let old = try #require(catalog["youth-2018"])
        let new = try #require(catalog["youth-2021"])
        #expect(old.standards.count == 12 && new.standards.count == 13)
        #expect(new.standard("4.1")?.title == "Resettlement policy and provision")
        #expect(new.standard("4.1")?.kind == .organisational && old.standard("4.1") == nil)
        #expect(new.maximumPoints == 39)
        #expect(new.rules.overallBand(for: 19)?.rating == .requiresImprovement && old.rules.overallBand(for: 19)?.rating == .good)
        #expect(new.rules.overallBand(for: 39)?.rating == .outstanding && new.rules.overallBand(for: 6)?.rating == .inadequate)
        for framework in [old, new] {
            #expect(framework.samples.map(\.id) == ["court-disposals", "out-of-court-disposals"])
            #expect(framework.samples[1].isEligible(.youthCaution) && !framework.samples[1].isEligible(.referralOrder))
            #expect(framework.sampledSentenceTypes?.contains(.licence) == false)
        }
    }

    @Test("the two thematic frameworks are case questions only, for thematic inspections")
    func thematic() throws {
        for id in ["thematic-accommodation-2020", "thematic-edm-2020"] {
            let framework = try #require(catalog[FrameworkID(id)])
            #expect(framework.inspects == ["thematic"])
            #expect(framework.standards.allSatisfy { $0.kind == .caseBased } && framework.samples.count == 1)
            #expect(framework.maximumPoints == 9)
        }
    }

    @Test("CRC framework has the ten 2018 standards")
    func crc() throws {
        let framework = try #require(catalog["probation-2018-crc"])
        #expect(framework.standards.map(\.id.rawValue) == ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "4.1", "4.2"])
        #expect(
            framework.standards.map(\.title) == [
                "Leadership", "Staff", "Services", "Information and facilities",
                "Assessment", "Planning", "Implementation and delivery", "Reviewing",
                "Unpaid work", "Through the gate",
            ])
        #expect(framework.standards.filter { $0.kind == .organisational }.map(\.id.rawValue) == ["1.1", "1.2", "1.3", "1.4"])
        #expect(framework.maximumPoints == 30)
    }

    @Test("NPS framework replaces 4.1 and 4.2 with 3.1 and 3.2")
    func nps() throws {
        let framework = try #require(catalog["probation-2018-nps"])
        #expect(framework.standards.map(\.id.rawValue) == ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"])
        #expect(framework.standard("3.1")?.title == "Court reports and case allocation")
        #expect(framework.standard("3.2")?.title == "Statutory victim work")
    }

    @Test("youth framework has twelve standards and its own overall bands")
    func youth() throws {
        let framework = try #require(catalog["youth-2018"])
        #expect(framework.standards.count == 12)
        #expect(framework.maximumPoints == 36)
        #expect(framework.rules.overallBands.map { [$0.points.lowerBound, $0.points.upperBound] } == [[0, 6], [7, 18], [19, 30], [31, 36]])
        #expect(Set(framework.standards.compactMap(\.sample)) == ["court-disposals", "out-of-court-disposals"])
    }

    @Test(
        "case-supervision questions ask about engagement, desistance and safety in that order",
        arguments: ["probation-2018-crc", "probation-2018-nps"])
    func caseSupervisionQuestions(id: String) throws {
        let framework = try #require(catalog[FrameworkID(id)])
        for standardID in ["2.1", "2.2", "2.3", "2.4"] {
            let standard = try #require(framework.standard(StandardID(standardID)))
            #expect(standard.kind == .caseBased)
            #expect(standard.questions.map(\.id.rawValue) == ["\(standardID).1", "\(standardID).2", "\(standardID).3"])
            #expect(standard.questions.map(\.focus) == ["engagement", "desistance", "safety"])
            #expect(standard.questions.allSatisfy { !$0.prompts.isEmpty && $0.text.hasSuffix("?") })
        }
        #expect(framework.standard("2.1")?.questions[2].text == "Does assessment focus sufficiently on keeping other people safe?")
    }

    @Test("rating rules are the published ones", arguments: ["probation-2018-crc", "probation-2018-nps", "youth-2018"])
    func rules(id: String) throws {
        let rules = try #require(catalog[FrameworkID(id)]).rules
        #expect(rules.caseBands.map(\.minimum) == [Fraction(80, 100), Fraction(65, 100), Fraction(50, 100), .zero])
        #expect(rules.points == [.outstanding: 3, .good: 2, .requiresImprovement: 1, .inadequate: 0])
    }

    @Test("ten-standard overall bands are 0–5, 6–15, 16–25, 26–30")
    func tenStandardBands() throws {
        let rules = try #require(catalog["probation-2018-crc"]).rules
        let expected: [(Int, Rating)] = [
            (0, .inadequate), (5, .inadequate), (6, .requiresImprovement), (15, .requiresImprovement),
            (16, .good), (25, .good), (26, .outstanding), (30, .outstanding),
        ]
        for (total, rating) in expected { #expect(rules.overallBand(for: total)?.rating == rating, "total \(total)") }
        #expect(rules.overallBand(for: 31) == nil)
    }

    @Test("twelve-standard overall bands are 0–6, 7–18, 19–30, 31–36")
    func twelveStandardBands() throws {
        let rules = try #require(catalog["youth-2018"]).rules
        let expected: [(Int, Rating)] = [
            (0, .inadequate), (6, .inadequate), (7, .requiresImprovement), (18, .requiresImprovement),
            (19, .good), (30, .good), (31, .outstanding), (36, .outstanding),
        ]
        for (total, rating) in expected { #expect(rules.overallBand(for: total)?.rating == rating, "total \(total)") }
    }

    @Test("a framework added in a directory named by INSPECTORATE_FRAMEWORKS loads beside the bundled ones")
    func extraDirectory() throws {
        // setup
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("frameworks-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try FrameworkYAML.minimal(id: "thematic-test").write(to: directory.appendingPathComponent("thematic-test.yaml"), atomically: true, encoding: .utf8)
        // MUT
        let catalog = try FrameworkCatalog.standard(environment: ["INSPECTORATE_FRAMEWORKS": directory.path])
        // validation
        #expect(catalog.frameworks.count == 10)
        #expect(catalog["thematic-test"]?.standards.count == 2)
    }

    @Test("two files with the same id are rejected")
    func duplicateIDs() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("frameworks-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let copy = try String(contentsOf: FrameworkLoader.bundledDirectory!.appendingPathComponent("youth-2018.yaml"), encoding: .utf8)
        try copy.write(to: directory.appendingPathComponent("youth-2018.yaml"), atomically: true, encoding: .utf8)
        let error = #expect(throws: FrameworkLoadError.self) {
            try FrameworkCatalog.standard(environment: ["INSPECTORATE_FRAMEWORKS": directory.path])
        }
        #expect(error?.description.contains("\"youth-2018\" is already defined") == true)
    }
}

/// A small valid framework to break in each validation test.
enum FrameworkYAML {
    static func minimal(id: String = "test-framework") -> String {
        """
        id: \(id)
        title: Test framework
        case_bands:
          - { rating: outstanding, from_percent: 80 }
          - { rating: good, from_percent: 65 }
          - { rating: requires-improvement, from_percent: 50 }
          - { rating: inadequate, from_percent: 0 }
        points: { outstanding: 3, good: 2, requires-improvement: 1, inadequate: 0 }
        overall_bands:
          - { rating: inadequate, from: 0, to: 1 }
          - { rating: requires-improvement, from: 2, to: 3 }
          - { rating: good, from: 4, to: 5 }
          - { rating: outstanding, from: 6, to: 6 }
        domains:
          - id: "1"
            title: Organisation
            standards:
              - id: "1.1"
                title: Leadership
                kind: organisational
          - id: "2"
            title: Cases
            standards:
              - id: "2.1"
                title: Assessment
                kind: case
                sample: supervision
                questions:
                  - id: "2.1.1"
                    text: Is it good?
                  - id: "2.1.2"
                    text: Is it safe?
                    prompts: [Who is at risk?]

        """
    }
}

@Suite("Framework validation")
struct FrameworkValidationTests {
    func problems(_ yaml: String, file: String = "broken.yaml") -> [FrameworkError] {
        do {
            _ = try FrameworkLoader.parse(yaml: yaml, file: file)
            return []
        } catch {
            return error.problems
        }
    }

    @Test("the minimal framework is valid")
    func minimalIsValid() throws {
        let framework = try FrameworkLoader.parse(yaml: FrameworkYAML.minimal(), file: "test-framework.yaml", expectedID: "test-framework")
        #expect(framework.standards.count == 2)
        #expect(framework.standard("2.1")?.questions[1].prompts == ["Who is at risk?"])
    }

    /// Each case breaks one thing; the error must name the file, the field, and say what is wrong.
    @Test(
        "a malformed file is rejected naming the file and the field",
        arguments: [
            ("title: Test framework", "", "field: missing", "title", "is missing"),
            ("kind: case", "kind: cse", "", "domains[2].standards[1].kind", "expected one of \"case\", \"organisational\", \"pooled\", found \"cse\""),
            ("- id: \"2.1.2\"", "- id: \"2.1.1\"", "", "domains[2].standards[1].questions[2].id", "appears more than once"),
            ("- id: \"2.1.2\"", "- id: \"3.1.2\"", "", "domains[2].standards[1].questions[2].id", "must be \"2.1.<n>\""),
            ("from_percent: 65", "from_percent: 85", "", "case_bands", "outstanding must start above good"),
            ("from_percent: 0 ", "from_percent: 10 ", "", "case_bands", "must start at 0"),
            ("from_percent: 80", "from_percent: eighty", "", "case_bands[1].from_percent", "expected a percentage from 0 to 100"),
            ("from: 2, to: 3", "from: 3, to: 3", "", "overall_bands", "leave totals 2–2 without a band"),
            ("from: 6, to: 6", "from: 6, to: 7", "", "overall_bands", "must end at 6"),
            ("good: 2,", "good: 3,", "", "points", "outstanding must be worth more than good"),
            ("text: Is it good?", "text: Is it good?\n            questons: []", "", "domains[2].standards[1].questions[1].questons", "unknown field"),
            ("sample: supervision", "", "", "domains[2].standards[1].sample", "must name the case sample"),
            ("- { rating: good, from: 4, to: 5 }", "- { rating: great, from: 4, to: 5 }", "", "overall_bands[3].rating", "unknown rating \"great\""),
            ("- id: \"1.1\"", "- id: \"2.9\"", "", "domains[1].standards[1].id", "must be \"1.<n>\""),
        ])
    func malformed(original: String, replacement: String, _: String, field: String, message: String) {
        // setup
        let yaml =
            original.hasPrefix("title") && replacement.isEmpty
            ? FrameworkYAML.minimal().replacingOccurrences(of: "title: Test framework\n", with: "")
            : FrameworkYAML.minimal().replacingOccurrences(of: original, with: replacement)
        #expect(yaml != FrameworkYAML.minimal(), "the test must change the file")
        // MUT
        let problems = problems(yaml)
        // validation
        let match = problems.first { $0.field == field && $0.message.contains(message) }
        #expect(match != nil, "got: \(problems.map(\.description))")
        #expect(match?.description.hasPrefix("broken.yaml:") == true)
        #expect(match?.line != nil)
    }

    @Test("a case standard with no key questions is rejected")
    func caseStandardNeedsQuestions() {
        let yaml = FrameworkYAML.minimal().components(separatedBy: "        questions:")[0]
        let problems = problems(yaml)
        #expect(problems.contains { $0.field == "domains[2].standards[1].questions" && $0.message.contains("at least one key question") })
    }

    @Test("the id must match the file name")
    func idMatchesFileName() {
        #expect(throws: FrameworkLoadError.self) {
            try FrameworkLoader.parse(yaml: FrameworkYAML.minimal(), file: "other.yaml", expectedID: "other")
        }
    }

    @Test("text that is not YAML is rejected naming the file")
    func notYAML() {
        let problems = problems("id: [unclosed", file: "garbage.yaml")
        #expect(problems.count == 1)
        #expect(problems.first?.description.hasPrefix("garbage.yaml") == true)
        #expect(problems.first?.message.contains("not valid YAML") == true)
    }

    @Test("every problem in a file is reported at once")
    func allProblems() {
        let yaml = FrameworkYAML.minimal()
            .replacingOccurrences(of: "kind: case", with: "kind: cse")
            .replacingOccurrences(of: "good: 2,", with: "good: two,")
        #expect(problems(yaml).count >= 2)
    }
}
