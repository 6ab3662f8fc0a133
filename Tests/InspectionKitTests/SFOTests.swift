import InspectionKit
import Testing

@Suite("Serious further offence reviews")
struct SFOTests {
    static func date(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

    /// Six reviews in 2019/20 and two in 2018/19, worked by hand below.
    static let reviews: [SFOReview] = [
        SFOReview(
            reference: "S1", provider: "a", category: .murder, roshBefore: .low, mappaLevelBefore: nil, notified: date("2019-04-01"),
            submitted: date("2019-06-30"), otherAgenciesInvolved: false, sampled: true, overall: .good),
        SFOReview(
            reference: "S2", provider: "a", category: .manslaughter, roshBefore: .high, mappaLevelBefore: 2, notified: date("2019-05-10"),
            submitted: date("2019-08-08"), otherAgenciesInvolved: true, sampled: true, overall: .requiresImprovement),
        SFOReview(
            reference: "S3", provider: "b", category: .murder, roshBefore: .medium, mappaLevelBefore: 1, notified: date("2019-10-01"),
            submitted: date("2019-11-30"), otherAgenciesInvolved: false, sampled: true, overall: .outstanding),
        SFOReview(
            reference: "S4", provider: "b", category: .rape, roshBefore: .medium, mappaLevelBefore: nil, notified: date("2020-01-15"),
            submitted: date("2020-03-15"), otherAgenciesInvolved: false),
        SFOReview(
            reference: "S5", provider: "b", category: .otherSeriousViolentOrSexual, roshBefore: .low, mappaLevelBefore: nil,
            notified: date("2020-02-01"), submitted: date("2020-05-01"), otherAgenciesInvolved: false),
        SFOReview(
            reference: "S6", provider: "a", category: .rape, roshBefore: .high, mappaLevelBefore: nil, notified: date("2020-03-31"), submitted: nil,
            otherAgenciesInvolved: false),
        SFOReview(
            reference: "P1", provider: "a", category: .murder, roshBefore: .high, mappaLevelBefore: nil, notified: date("2018-06-01"),
            submitted: date("2018-07-01"), otherAgenciesInvolved: true, sampled: true, overall: .inadequate),
        SFOReview(
            reference: "P2", provider: "b", category: .rape, roshBefore: .low, mappaLevelBefore: nil, notified: date("2019-03-31"),
            submitted: date("2019-04-30"), otherAgenciesInvolved: true),
    ]

    @Test("years run April to March; days count across months and leap years")
    func calendar() {
        #expect(SFOReview.year(of: Self.date("2019-04-01")) == "2019/20" && SFOReview.year(of: Self.date("2020-03-31")) == "2019/20")
        #expect(SFOReview.year(of: Self.date("2019-03-31")) == "2018/19" && SFOReview.year(of: Self.date("2000-01-01")) == "1999/00")
        #expect(Self.date("2020-03-01").daysSince(Self.date("2020-02-01")) == 29)
        #expect(Self.date("2019-03-01").daysSince(Self.date("2019-02-01")) == 28)
        #expect(Self.date("2020-01-01").daysSince(Self.date("2019-01-01")) == 365)
        #expect(Self.date("2021-01-01").daysSince(Self.date("2020-01-01")) == 366)
    }

    @Test("the annual summary's figures on a known dataset, with last year beside them")
    func summary() {
        let summary = SFOAnnualSummary(year: "2019/20", reviews: Self.reviews)
        #expect(summary.previousYear == "2018/19" && summary.current.count == 6 && summary.previous.count == 2)
        let now = summary.figures(summary.current)
        #expect(now.notified == 6 && now.sampled == 3 && now.rated == 3)
        // Good or better: S1 Good, S3 Outstanding of three rated.
        #expect(now.goodOrBetter.count == 2 && now.goodOrBetter.of == 3)
        // Homicides S1 (low), S2 (high), S3 (medium): two of three low or medium.
        #expect(now.homicideLowOrMedium.count == 2 && now.homicideLowOrMedium.of == 3)
        // Other agencies: S2 only, of six.
        #expect(now.otherAgencies.count == 1 && now.otherAgencies.of == 6)
        // Days: S1 90, S2 90, S3 60, S4 60, S5 90; S6 awaited. Sorted 60 60 90 90 90: median 90,
        // quartiles by nearest rank 60 (rank 2) and 90 (rank 4).
        #expect(now.medianDays == 90 && now.quartileDays?.lower == 60 && now.quartileDays?.upper == 90 && now.awaited == 1)
        let before = summary.figures(summary.previous)
        #expect(before.goodOrBetter.count == 0 && before.goodOrBetter.of == 1)
        #expect(before.homicideLowOrMedium.of == 1 && before.homicideLowOrMedium.count == 0)
        #expect(before.medianDays == 30)
        let table = summary.table
        #expect(table.columns.map(\.title) == ["Figure", "2019/20", "2018/19"])
        #expect(table.rows[0] == [.text("Reviews notified"), .count(6), .count(2)])
        #expect(table.csv().contains("Rated Good or better overall,2,3,66.7,"))
    }

    @Test("the QA sample is about a fifth, stratified by offence category, and reproducible")
    func sample() {
        let many = (0..<100).map { index in
            SFOReview(
                reference: "R\(index)", provider: "a",
                category: index < 50 ? .otherSeriousViolentOrSexual : index < 80 ? .rape : index < 95 ? .murder : .manslaughter,
                roshBefore: .medium, mappaLevelBefore: nil, notified: Self.date("2019-06-01"), submitted: nil, otherAgenciesInvolved: false)
        }
        let drawn = SFOSample.draw(many, seed: 11)
        #expect(drawn.count == 20)
        let byCategory = Dictionary(grouping: drawn, by: \.category).mapValues(\.count)
        #expect(byCategory[.otherSeriousViolentOrSexual] == 10 && byCategory[.rape] == 6 && byCategory[.murder] == 3 && byCategory[.manslaughter] == 1)
        #expect(SFOSample.draw(many.reversed(), seed: 11).map(\.reference).sorted() == drawn.map(\.reference).sorted())
    }
}
