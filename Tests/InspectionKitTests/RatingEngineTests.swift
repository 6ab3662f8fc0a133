import Foundation
import Testing

@testable import InspectionKit

/// Shared fixtures: the bundled frameworks, loaded once.
enum Fixtures {
    static let catalog = try! FrameworkCatalog.standard(environment: [:])
    static let crc = catalog["probation-2018-crc"]!
    static let nps = catalog["probation-2018-nps"]!
    static let youth = catalog["youth-2018"]!

    static func counts(_ sufficient: Int, _ notSufficient: Int, _ notApplicable: Int = 0) -> AnswerCounts {
        AnswerCounts(sufficient: sufficient, notSufficient: notSufficient, notApplicable: notApplicable)
    }

    /// Every case question of a framework answered with the same counts.
    static func uniform(_ framework: Framework, _ counts: AnswerCounts) -> [QuestionID: AnswerCounts] {
        Dictionary(
            uniqueKeysWithValues: framework.standards.filter { $0.kind == .caseBased }
                .flatMap(\.questions).map { ($0.id, counts) })
    }

    static func organisational(_ framework: Framework, _ rating: Rating) -> [StandardID: Rating] {
        Dictionary(uniqueKeysWithValues: framework.standards.filter { $0.kind == .organisational }.map { ($0.id, rating) })
    }
}

@Suite("Case-standard bands")
struct CaseBandTests {
    let engine = RatingEngine(framework: Fixtures.crc)

    func rating(_ sufficient: Int, of applicable: Int) -> Rating? {
        engine.rate(answers: ["2.1.1": Fixtures.counts(sufficient, applicable - sufficient)]).standards
            .first { $0.id == "2.1" }?.rating
    }

    @Test(
        "each band edge, exactly and just under",
        arguments: [
            (80, 100, Rating.outstanding), (4, 5, .outstanding), (799, 1000, .good), (79, 100, .good),
            (65, 100, .good), (13, 20, .good), (649, 1000, .requiresImprovement), (64, 100, .requiresImprovement),
            (50, 100, .requiresImprovement), (1, 2, .requiresImprovement), (499, 1000, .inadequate), (49, 100, .inadequate),
            (0, 10, .inadequate), (10, 10, .outstanding),
        ])
    func edges(sufficient: Int, applicable: Int, expected: Rating) {
        #expect(rating(sufficient, of: applicable) == expected)
    }

    /// Shares that floating point gets wrong: 0.65 × 100 is 65.00000000000001 and 0.29 × 100 is
    /// 28.999999999999996. The engine compares fractions, so thresholds like these stay exact.
    @Test("comparison is exact, with no rounding before comparison")
    func exactness() throws {
        // setup: a threshold of 29%, which is not representable in binary
        let yaml = FrameworkYAML.minimal().replacingOccurrences(of: "from_percent: 50", with: "from_percent: 29")
        let framework = try FrameworkLoader.parse(yaml: yaml, file: "t.yaml")
        let engine = RatingEngine(framework: framework)
        // MUT: 29 of 100 is exactly on the edge; 2899 of 10000 is just under
        let onEdge = engine.rate(answers: ["2.1.1": Fixtures.counts(29, 71)]).standards[1].rating
        let under = engine.rate(answers: ["2.1.1": Fixtures.counts(2899, 7101)]).standards[1].rating
        // validation
        #expect(onEdge == .requiresImprovement)
        #expect(under == .inadequate)
        #expect(Fraction(29, 100) >= Fraction(percentText: "29")!)
    }

    @Test(
        "thresholds are parsed from decimal text exactly",
        arguments: [
            ("80", Fraction(4, 5)), ("65", Fraction(13, 20)), ("66.67", Fraction(6667, 10000)), ("0", Fraction.zero), ("100", Fraction.one),
        ])
    func thresholdParsing(text: String, expected: Fraction) {
        #expect(Fraction(percentText: text) == expected)
    }

    @Test("nonsense thresholds are refused", arguments: ["", "-5", "80%", "1e2", "8.", ".5", "abc"])
    func thresholdRefusals(text: String) {
        #expect(Fraction(percentText: text) == nil)
    }
}

@Suite("Ratings engine")
struct RatingEngineTests {
    @Test("the lowest key question sets the standard's rating and explains it")
    func lowestQuestionLimits() throws {
        // setup
        let answers: [QuestionID: AnswerCounts] = [
            "2.1.1": Fixtures.counts(18, 2),  // 90%
            "2.1.2": Fixtures.counts(15, 5),  // 75%
            "2.1.3": Fixtures.counts(13, 7),  // 65%, the lowest
        ]
        // MUT
        let result = try #require(RatingEngine(framework: Fixtures.crc).rate(answers: answers).standards.first { $0.id == "2.1" })
        // validation
        #expect(result.rating == .good)
        #expect(result.points == 2)
        #expect(result.limitingQuestion == "2.1.3")
        #expect(result.limitingResult?.percent == 65)
        // To reach Outstanding 2.1.2 needs 1 more (16/20) and 2.1.3 needs 3 more (16/20).
        #expect(result.marginUp?.rating == .outstanding)
        #expect(result.marginUp?.cases == 4)
        #expect(abs(result.marginUp!.percentagePoints - 15) < 1e-9)
        // One fewer sufficient in 2.1.3 (12/20 = 60%) drops it to Requires improvement.
        #expect(result.marginDown?.rating == .requiresImprovement)
        #expect(result.marginDown?.cases == 1)
        #expect(abs(result.marginDown!.percentagePoints) < 1e-9)
        #expect(result.explanation.contains("2.1.3"))
        #expect(result.explanation.contains("65.0%"))
    }

    @Test("n/a answers are left out of the percentage")
    func notApplicableExcluded() throws {
        let rating = RatingEngine(framework: Fixtures.crc).rate(answers: ["2.2.1": Fixtures.counts(8, 2, 90)])
        let question = try #require(rating.standards.first { $0.id == "2.2" }?.questions.first)
        #expect(question.counts.applicable == 10)
        #expect(question.percent == 80)
        #expect(question.counts.notApplicable == 90)
    }

    @Test("a key question with no applicable cases does not count")
    func questionWithNoApplicableCases() throws {
        let answers: [QuestionID: AnswerCounts] = [
            "2.3.1": Fixtures.counts(9, 1), "2.3.2": Fixtures.counts(0, 0, 12), "2.3.3": Fixtures.counts(17, 3),
        ]
        let result = try #require(RatingEngine(framework: Fixtures.crc).rate(answers: answers).standards.first { $0.id == "2.3" })
        #expect(result.rating == .outstanding)
        #expect(result.limitingQuestion == "2.3.3")
        #expect(result.questions[1].percent == nil)
        #expect(result.questions[1].interval == nil)
        #expect(result.questions[1].band == nil)
    }

    @Test("a case standard with no applicable cases is not rated, and so is the inspection")
    func notRated() throws {
        // setup: everything rated except 4.2, whose cases are all n/a
        var answers = Fixtures.uniform(Fixtures.crc, Fixtures.counts(15, 5))
        answers["4.2.1"] = Fixtures.counts(0, 0, 5)
        answers["4.2.2"] = nil
        // MUT
        let rating = RatingEngine(framework: Fixtures.crc).rate(answers: answers, organisationalRatings: Fixtures.organisational(Fixtures.crc, .good))
        // validation
        let standard = try #require(rating.standards.first { $0.id == "4.2" })
        #expect(standard.rating == nil)
        #expect(standard.points == nil)
        #expect(standard.notRatedReason == "no applicable cases")
        #expect(rating.overall.rating == nil)
        #expect(rating.overall.totalPoints == nil)
        #expect(rating.overall.unratedStandards == ["4.2"])
        #expect(rating.overall.reason?.contains("4.2 Through the gate") == true)
    }

    @Test("organisational standards take the rating given; a missing one blocks the overall rating")
    func organisational() throws {
        let answers = Fixtures.uniform(Fixtures.crc, Fixtures.counts(15, 5))
        var given = Fixtures.organisational(Fixtures.crc, .outstanding)
        given["1.3"] = nil
        let rating = RatingEngine(framework: Fixtures.crc).rate(answers: answers, organisationalRatings: given)
        #expect(rating.standards.first { $0.id == "1.1" }?.rating == .outstanding)
        #expect(rating.standards.first { $0.id == "1.1" }?.points == 3)
        #expect(rating.standards.first { $0.id == "1.3" }?.rating == nil)
        #expect(rating.overall.reason?.contains("1.3 Services") == true)
    }

    /// Six case standards at 75% (Good, 2 points) plus four organisational ratings give the totals.
    @Test(
        "overall ratings follow the ten-standard cut-offs",
        arguments: [
            (Rating.inadequate, 12, Rating.requiresImprovement),  // 6 × 2 + 4 × 0 = 12
            (.requiresImprovement, 16, .good),  // 12 + 4 = 16, the bottom of Good
            (.outstanding, 24, .good),  // 12 + 12 = 24
        ])
    func overallTen(organisational: Rating, total: Int, expected: Rating) {
        let rating = RatingEngine(framework: Fixtures.crc).rate(
            answers: Fixtures.uniform(Fixtures.crc, Fixtures.counts(75, 25)),
            organisationalRatings: Fixtures.organisational(Fixtures.crc, organisational))
        #expect(rating.overall.totalPoints == total)
        #expect(rating.overall.rating == expected)
    }

    @Test(
        "overall edges for ten standards: 5/6, 15/16 and 25/26 points",
        arguments: [
            (5, Rating.inadequate), (6, .requiresImprovement), (15, .requiresImprovement), (16, .good), (25, .good), (26, .outstanding), (30, .outstanding),
            (0, .inadequate),
        ])
    func overallTenEdges(total: Int, expected: Rating) {
        // setup: build a set of ratings that adds up to `total`
        let ratings = RatingEngineTests.ratings(summingTo: total, count: 10)
        let answers = RatingEngineTests.answers(giving: ratings, framework: Fixtures.crc)
        // MUT
        let rating = RatingEngine(framework: Fixtures.crc).rate(answers: answers.cases, organisationalRatings: answers.organisational)
        // validation
        #expect(rating.overall.totalPoints == total)
        #expect(rating.overall.rating == expected)
    }

    @Test(
        "overall edges for twelve standards: 6/7, 18/19 and 30/31 points",
        arguments: [
            (6, Rating.inadequate), (7, .requiresImprovement), (18, .requiresImprovement), (19, .good), (30, .good), (31, .outstanding), (36, .outstanding),
        ])
    func overallTwelveEdges(total: Int, expected: Rating) {
        let ratings = RatingEngineTests.ratings(summingTo: total, count: 12)
        let answers = RatingEngineTests.answers(giving: ratings, framework: Fixtures.youth)
        let rating = RatingEngine(framework: Fixtures.youth).rate(answers: answers.cases, organisationalRatings: answers.organisational)
        #expect(rating.overall.totalPoints == total)
        #expect(rating.overall.rating == expected)
    }

    @Test("the overall result says how far it is from the bands either side")
    func overallMargins() {
        let ratings = RatingEngineTests.ratings(summingTo: 14, count: 10)
        let answers = RatingEngineTests.answers(giving: ratings, framework: Fixtures.crc)
        let overall = RatingEngine(framework: Fixtures.crc).rate(answers: answers.cases, organisationalRatings: answers.organisational).overall
        #expect(overall.rating == .requiresImprovement)
        #expect(overall.pointsToBandAbove == 2)
        #expect(overall.pointsToBandBelow == 9)
        #expect(overall.explanation.hasPrefix("Requires improvement: 14 of 30 points"))
    }

    @Test("an interval crossing a band edge is flagged with the bands it could be in")
    func bandCertainty() throws {
        // 18 of 30 = 60%, interval 42.3–75.4%: Requires improvement, could be Inadequate or Good
        let uncertain = try #require(RatingEngine(framework: Fixtures.crc).rate(answers: ["2.4.1": Fixtures.counts(18, 12)]).standards.first { $0.id == "2.4" })
        #expect(uncertain.rating == .requiresImprovement)
        #expect(uncertain.certainty?.crossesBand == true)
        #expect(uncertain.certainty?.possibleRatings == [.good, .requiresImprovement, .inadequate])
        #expect(uncertain.certainty?.caution == "could be Good, Requires improvement or Inadequate")
        // 1440 of 2000 = 72%, interval about 70.0–73.9%: securely Good
        let secure = try #require(RatingEngine(framework: Fixtures.crc).rate(answers: ["2.4.1": Fixtures.counts(1440, 560)]).standards.first { $0.id == "2.4" })
        #expect(secure.rating == .good)
        #expect(secure.certainty?.crossesBand == false)
        #expect(secure.certainty?.caution == nil)
    }

    @Test("a lower confidence level narrows the interval and can make a rating secure")
    func confidenceMatters() throws {
        // 70 of 100: at 95% the interval is 60.4–78.2% (could be Requires improvement); at 80% it is 63.8–75.5%.
        let answers: [QuestionID: AnswerCounts] = ["2.4.1": Fixtures.counts(70, 30)]
        let at95 = try #require(RatingEngine(framework: Fixtures.crc).rate(answers: answers).standards.first { $0.id == "2.4" })
        let at80 = try #require(RatingEngine(framework: Fixtures.crc, confidence: .eightyPercent).rate(answers: answers).standards.first { $0.id == "2.4" })
        #expect(at95.certainty?.possibleRatings == [.good, .requiresImprovement])
        #expect(at80.certainty?.possibleRatings == [.good, .requiresImprovement])
        let narrow = try #require(
            RatingEngine(framework: Fixtures.crc, confidence: ConfidenceLevel(0.5)!).rate(answers: answers).standards.first { $0.id == "2.4" })
        #expect(narrow.certainty?.possibleRatings == [.good])
    }

    @Test("the overall rating shows which bands it could fall in")
    func overallCertainty() {
        // Every case standard at 18/30 (could be Inadequate to Good), organisational all Good.
        let rating = RatingEngine(framework: Fixtures.crc).rate(
            answers: Fixtures.uniform(Fixtures.crc, Fixtures.counts(18, 12)),
            organisationalRatings: Fixtures.organisational(Fixtures.crc, .good))
        // 6 × 1 + 4 × 2 = 14 → Requires improvement; range 8 (all Inadequate) to 20 (all Good).
        #expect(rating.overall.totalPoints == 14)
        #expect(rating.overall.certainty?.possibleRatings == [.good, .requiresImprovement])
    }

    // MARK: - Helpers

    /// Ratings for `count` standards whose points add up to `total` (3/2/1/0 points).
    static func ratings(summingTo total: Int, count: Int) -> [Rating] {
        var remaining = total
        return (0..<count).map { _ in
            let points = min(3, remaining)
            remaining -= points
            return [Rating.inadequate, .requiresImprovement, .good, .outstanding][points]
        }
    }

    /// Case counts and organisational ratings that make each standard, in framework order, get `ratings[i]`.
    static func answers(giving ratings: [Rating], framework: Framework) -> (cases: [QuestionID: AnswerCounts], organisational: [StandardID: Rating]) {
        var cases: [QuestionID: AnswerCounts] = [:]
        var organisational: [StandardID: Rating] = [:]
        let sufficientOutOfTen: [Rating: Int] = [.outstanding: 9, .good: 7, .requiresImprovement: 5, .inadequate: 2]
        for (standard, rating) in zip(framework.standards, ratings) {
            switch standard.kind {
            case .organisational: organisational[standard.id] = rating
            case .caseBased, .pooled:
                for question in standard.questions {
                    cases[question.id] = Fixtures.counts(sufficientOutOfTen[rating]!, 10 - sufficientOutOfTen[rating]!)
                }
            }
        }
        return (cases, organisational)
    }
}
