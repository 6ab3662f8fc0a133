import Foundation
import Testing

@testable import InspectionKit

/// The unified probation service's frameworks: PDUs rated on their own cases, regions partly
/// from their PDUs' cases added together.
@Suite("PDU and regional frameworks")
struct UnifiedServiceFrameworkTests {
    let pdu2021 = Fixtures.catalog["probation-2021-pdu"]!
    let pdu2023 = Fixtures.catalog["probation-2023-pdu"]!
    let region = Fixtures.catalog["probation-2023-region"]!

    @Test("the PDU frameworks have leadership, staffing and services, and four case-supervision standards; they inspect PDUs")
    func pduShape() {
        for framework in [pdu2021, pdu2023] {
            #expect(framework.inspects == ["pdu"])
            #expect(
                framework.standards.map(\.title) == [
                    "Leadership", "Staffing", "Services", "Assessment", "Planning", "Implementation and delivery", "Reviewing",
                ])
            #expect(
                framework.standards.filter { $0.kind == .caseBased }.allSatisfy { standard in
                    Set(standard.questions.filter(\.countsTowardRating).compactMap(\.focus)) == ["engagement", "desistance", "safety"]
                })
            #expect(framework.maximumPoints == 21 && !framework.pools)
        }
    }

    @Test("the regional framework says in data which standards are pooled and which are rated on its own samples")
    func regionShape() {
        #expect(region.inspects == ["region"] && region.poolsFrom == ["probation-2023-pdu"])
        #expect(region.standards.filter { $0.kind == .pooled }.map(\.title) == ["Desistance", "Public protection", "Resettlement", "Court work"])
        #expect(region.standards.filter { $0.kind == .caseBased }.map(\.title) == ["Unpaid work", "Statutory victim work"])
        #expect(region.standards.filter { $0.kind == .organisational }.map(\.title) == ["Leadership", "Staffing"])
        #expect(region.samples.map(\.id) == ["unpaid-work", "victim-work"])
        #expect(region.standard("2.2")?.questions.compactMap(\.pools) == ["2.1.3", "2.2.3", "2.3.3", "2.4.3"])
        #expect(region.maximumPoints == 24)
    }

    @Test(
        "seven-standard overall cut-offs: 3/4, 10/11 and 17/18 points",
        arguments: [
            (0, Rating.inadequate), (3, .inadequate), (4, .requiresImprovement), (10, .requiresImprovement), (11, .good), (17, .good),
            (18, .outstanding), (21, .outstanding),
        ])
    func sevenStandardEdges(total: Int, expected: Rating) {
        for framework in [pdu2021, pdu2023] {
            let answers = RatingEngineTests.answers(giving: RatingEngineTests.ratings(summingTo: total, count: 7), framework: framework)
            let rating = RatingEngine(framework: framework).rate(answers: answers.cases, organisationalRatings: answers.organisational)
            #expect(rating.overall.totalPoints == total && rating.overall.rating == expected, "\(framework.id) at \(total)")
        }
    }

    @Test(
        "eight-standard regional cut-offs: 4/5, 12/13 and 20/21 points",
        arguments: [
            (0, Rating.inadequate), (4, .inadequate), (5, .requiresImprovement), (12, .requiresImprovement), (13, .good), (20, .good),
            (21, .outstanding), (24, .outstanding),
        ])
    func eightStandardEdges(total: Int, expected: Rating) {
        let answers = RatingEngineTests.answers(giving: RatingEngineTests.ratings(summingTo: total, count: 8), framework: region)
        let rating = RatingEngine(framework: region).rate(answers: answers.cases, organisationalRatings: answers.organisational)
        #expect(rating.overall.totalPoints == total && rating.overall.rating == expected)
    }

    @Test(
        "case-band edges are the published 50/65/80%, compared exactly, in every new framework",
        arguments: [(49, Rating.inadequate), (50, .requiresImprovement), (64, .requiresImprovement), (65, .good), (79, .good), (80, .outstanding)])
    func bandEdges(sufficient: Int, expected: Rating) {
        for framework in [pdu2021, pdu2023, region] {
            let standard = framework.standards.first { $0.kind.isRatedFromCases }!
            let answers = Dictionary(uniqueKeysWithValues: standard.questions.map { ($0.id, Fixtures.counts(sufficient, 100 - sufficient)) })
            #expect(RatingEngine(framework: framework).rate(answers: answers).standards.first { $0.id == standard.id }?.rating == expected)
        }
    }

    @Test("a question recorded for the region does not limit the PDU's rating, and is still reported")
    func recordedOnly() throws {
        let answers: [QuestionID: AnswerCounts] = [
            "2.1.1": Fixtures.counts(9, 1), "2.1.2": Fixtures.counts(9, 1), "2.1.3": Fixtures.counts(8, 2), "2.1.4": Fixtures.counts(1, 9),
        ]
        let assessment = try #require(RatingEngine(framework: pdu2023).rate(answers: answers).standards.first { $0.id == "2.1" })
        #expect(assessment.rating == .outstanding && assessment.limitingQuestion == "2.1.3")
        #expect(assessment.questions.first { $0.id == "2.1.4" }?.counts == Fixtures.counts(1, 9))
    }

    @Test("a region's pooled figures are its PDUs' counts added up key question by key question, with the Wilson interval of the sum")
    func pooling() throws {
        let pdus: [[QuestionID: AnswerCounts]] = [
            ["2.1.3": Fixtures.counts(20, 10, 2), "2.2.3": Fixtures.counts(15, 15), "2.1.4": Fixtures.counts(3, 1, 26)],
            ["2.1.3": Fixtures.counts(12, 18), "2.2.3": Fixtures.counts(25, 5), "2.3.4": Fixtures.counts(4, 4, 22)],
            ["2.1.3": Fixtures.counts(30, 5, 1)],
        ]
        let pooled = RegionalPooling.counts(for: region, pooling: pdus)
        #expect(pooled["2.2.1"] == Fixtures.counts(62, 33, 3))
        #expect(pooled["2.2.2"] == Fixtures.counts(40, 20))
        #expect(pooled["2.2.3"] == AnswerCounts())
        #expect(pooled["2.5.1"] == Fixtures.counts(3, 1, 26) && pooled["2.3.1"] == Fixtures.counts(4, 4, 22))
        #expect(pooled["2.4.1"] == nil, "unpaid work is rated on the region's own sample")
        let rating = RatingEngine(framework: region).rate(answers: pooled)
        let protection = try #require(rating.standards.first { $0.id == "2.2" })
        // 62 of 95 is 65.3%: Good; the limiting question is the lower of 65.3% and 66.7%.
        #expect(protection.limitingQuestion == "2.2.1" && protection.rating == .good)
        let interval = try #require(protection.questions.first { $0.id == "2.2.1" }?.interval)
        let expected = WilsonInterval(successes: 62, trials: 95, confidence: .ninetyFivePercent)
        #expect(interval == expected)
        // Its interval (55.3% to 74.1%) crosses the 65% edge: it could be Requires improvement.
        #expect(interval.lower < 0.65 && interval.upper < 0.80)
        #expect(protection.certainty?.possibleRatings == [.good, .requiresImprovement])
    }

    @Test("only the region's own PDUs of the same year, under a pooled framework, published or confirmed, are pooled")
    func eligibility() {
        func candidate(
            _ id: String, parent: String? = "north-east", year: String = "2023/24", framework: FrameworkID = "probation-2023-pdu", settled: Bool = true
        )
            -> RegionalPooling.Candidate
        {
            .init(inspectionID: id, parentCode: parent, year: year, frameworkID: framework, isSettled: settled)
        }
        let candidates = [
            candidate("a"), candidate("b", parent: "wales"), candidate("c", year: "2022/23"), candidate("d", framework: "probation-2021-pdu"),
            candidate("e", settled: false), candidate("f"), candidate("g", parent: nil),
        ]
        #expect(RegionalPooling.eligible(candidates, for: region, providerCode: "north-east", year: "2023/24").map(\.inspectionID) == ["a", "f"])
    }

    @Test("a region's ratings cannot be confirmed while a PDU inspection of its round has unconfirmed ratings")
    func confirmWaitsForPDUs() throws {
        var progress = InspectionProgress(eligibleCases: 40, sampledCases: 12, completedCases: 12, moderatedCases: 2, resolvedModeratedCases: 2)
        #expect(try InspectionLifecycle.apply(.confirmRatings, to: .qualityAssurance, progress: progress) == .rated)
        progress.unsettledPooled = ["Sunderland PDU (fieldwork)"]
        #expect(
            throws: InspectionLifecycle.Refusal(reasons: ["The region's ratings add up its PDU inspections; confirm these first: Sunderland PDU (fieldwork)."])
        ) {
            try InspectionLifecycle.apply(.confirmRatings, to: .qualityAssurance, progress: progress)
        }
    }

    @Test("a reason to suspend or withdraw is readable text: blank, a NUL byte or another control character is refused")
    func reasons() throws {
        for reason in ["", " \n\t", "\u{0}", "Covid\u{7}-19"] {
            #expect(throws: InspectionLifecycle.Refusal.self) { try InspectionLifecycle.suspend(.fieldwork, reason: reason) }
            #expect(throws: InspectionLifecycle.Refusal.self) { try InspectionLifecycle.withdraw(.fieldwork, reason: reason) }
        }
        #expect(try InspectionLifecycle.suspend(.fieldwork, reason: "Fieldwork stopped:\n\tCovid-19.") == .suspended)
    }

    @Test("standards are compared across versions only where a file declares they correspond")
    func correspondence() throws {
        #expect(pdu2023.standard(correspondingTo: "2.1", of: pdu2021)?.id == "2.1")
        #expect(pdu2021.standard(correspondingTo: "2.3", of: pdu2023)?.id == "2.3", "declared in one file, it holds both ways")
        #expect(pdu2021.standard(correspondingTo: "2.1", of: pdu2021)?.id == "2.1")
        #expect(region.standard(correspondingTo: "2.1", of: pdu2023) == nil)
        let youth2018 = try #require(Fixtures.catalog["youth-2018"]), youth2021 = try #require(Fixtures.catalog["youth-2021"])
        #expect(youth2021.standard(correspondingTo: "3.4", of: youth2018) == nil, "youth-2018 3.4 is not youth-2021 3.4")
    }
}

@Suite("Pooling and correspondence validation")
struct PoolingValidationTests {
    static let pooledStandard = """
          - id: "3"
            title: Pooled
            standards:
              - id: "3.1"
                title: Pooled assessment
                kind: pooled
                questions:
                  - id: "3.1.1"
                    text: Is it good, across the units?
                    pools: "2.1.1"

        """

    func catalogProblems(_ files: [String: String]) throws -> [String] {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("frameworks-\(UUID())")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        for (name, text) in files { try text.write(to: directory.appendingPathComponent("\(name).yaml"), atomically: true, encoding: .utf8) }
        do {
            _ = try FrameworkCatalog.load(directories: [directory])
            return []
        } catch {
            return error.problems.map(\.description)
        }
    }

    /// The minimal framework with a third domain of one pooled standard, so 9 points at most.
    static func pooling(_ extra: String = "pools_from: [unit]\n", pooledStandard: String = pooledStandard) -> String {
        FrameworkYAML.minimal(id: "area").replacingOccurrences(of: "domains:\n", with: extra + "domains:\n")
            .replacingOccurrences(of: "from: 6, to: 6", with: "from: 6, to: 9") + pooledStandard
    }

    @Test("a pooling framework that names a unit framework and its questions loads")
    func valid() throws {
        #expect(try catalogProblems(["unit": FrameworkYAML.minimal(id: "unit"), "area": Self.pooling()]) == [])
    }

    @Test(
        "what a pooling file says of another is checked against the frameworks loaded",
        arguments: [
            ("pools_from: [unit]\n", "\"2.1.9\"", "3.1 3.1.1.pools: adds up question 2.1.9, which unit has no case standard asking"),
            ("pools_from: [nowhere]\n", "\"2.1.1\"", "pools_from: pools framework \"nowhere\", which is not loaded"),
            ("", "\"2.1.1\"", "pools_from: standard 3.1 is pooled, so the file must name the frameworks whose inspections it pools"),
        ])
    func references(poolsFrom: String, question: String, message: String) throws {
        let area = Self.pooling(poolsFrom, pooledStandard: Self.pooledStandard.replacingOccurrences(of: "\"2.1.1\"", with: question))
        let problems = try catalogProblems(["unit": FrameworkYAML.minimal(id: "unit"), "area": area])
        #expect(problems.contains { $0.contains(message) }, "got: \(problems)")
    }

    @Test("a pooled question must name what it adds up; a case question must not")
    func poolsOnlyOnPooled() throws {
        let missing = try catalogProblems([
            "unit": FrameworkYAML.minimal(id: "unit"), "area": Self.pooling().replacingOccurrences(of: "        pools: \"2.1.1\"\n", with: ""),
        ])
        #expect(missing.contains { $0.contains("must name the question it adds up") }, "got: \(missing)")
        let misplaced = try catalogProblems([
            "unit": FrameworkYAML.minimal(id: "unit").replacingOccurrences(of: "text: Is it good?", with: "text: Is it good?\n            pools: \"2.1.1\"")
        ])
        #expect(misplaced.contains { $0.contains("only a pooled standard's key questions add up") }, "got: \(misplaced)")
    }

    @Test("corresponds_to must name a standard of a loaded framework")
    func correspondsToUnknown() throws {
        let unit = FrameworkYAML.minimal(id: "unit").replacingOccurrences(
            of: "        sample: supervision\n", with: "        sample: supervision\n        corresponds_to: [{ framework: older, standard: \"2.1\" }]\n")
        let problems = try catalogProblems(["unit": unit])
        #expect(problems.contains { $0.contains("2.1.corresponds_to: names older 2.1, which is not a standard of a loaded framework") }, "got: \(problems)")
    }

    @Test("counts_toward_rating is true or false, and a standard keeps at least one question that counts")
    func countsTowardRating() throws {
        let bad = FrameworkYAML.minimal(id: "unit").replacingOccurrences(
            of: "text: Is it good?", with: "text: Is it good?\n            counts_toward_rating: maybe")
        #expect(try catalogProblems(["unit": bad]).contains { $0.contains("expected true or false, found \"maybe\"") })
        let none = FrameworkYAML.minimal(id: "unit").replacingOccurrences(
            of: "text: Is it good?", with: "text: Is it good?\n            counts_toward_rating: false"
        )
        .replacingOccurrences(of: "prompts: [Who is at risk?]", with: "counts_toward_rating: false")
        #expect(try catalogProblems(["unit": none]).contains { $0.contains("at least one key question must count toward the standard's rating") })
    }
}
