import InspectionKit
import Testing

@Suite("Serious further offence reviews")
struct SFOTests {
    static func date(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

    /// Six reviews in 2019/20 and two in 2018/19, worked by hand below.
    static let reviews: [SFOReview] = [
        SFOReview(
            reference: "S1", provider: "a", providerType: .nps, category: .murder, roshBefore: .low, mappaLevelBefore: nil, notified: date("2019-04-01"),
            submitted: date("2019-06-30"), centralQACompleted: date("2019-07-30"), otherAgenciesInvolved: false, victimOrFamilyAsked: true, sampled: true,
            overall: .good),
        SFOReview(
            reference: "S2", provider: "a", providerType: .nps, category: .manslaughter, roshBefore: .high, mappaLevelBefore: 2,
            notified: date("2019-05-10"), submitted: date("2019-08-08"), centralQACompleted: date("2019-10-07"), otherAgenciesInvolved: true, sampled: true,
            overall: .requiresImprovement),
        SFOReview(
            reference: "S3", provider: "b", providerType: .crc, category: .murder, roshBefore: .medium, mappaLevelBefore: 1, notified: date("2019-10-01"),
            submitted: date("2019-11-30"), otherAgenciesInvolved: false, sampled: true, overall: .outstanding),
        SFOReview(
            reference: "S4", provider: "b", providerType: .crc, category: .rape, roshBefore: .medium, mappaLevelBefore: nil, notified: date("2020-01-15"),
            submitted: date("2020-03-15"), centralQACompleted: date("2020-03-25"), otherAgenciesInvolved: false),
        SFOReview(
            reference: "S5", provider: "b", providerType: .crc, category: .otherSeriousViolentOrSexual, roshBefore: .low, mappaLevelBefore: nil,
            notified: date("2020-02-01"), submitted: date("2020-05-01"), otherAgenciesInvolved: false),
        SFOReview(
            reference: "S6", provider: "a", providerType: .nps, category: .rape, roshBefore: .high, mappaLevelBefore: nil, notified: date("2020-03-31"),
            submitted: nil,
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
        // Other agencies: S2 only, of the three in the quality-assured sample (not of all six).
        #expect(now.otherAgencies.count == 1 && now.otherAgencies.of == 3)
        // Previously high risk: S2 and S6 of six. Victim or family asked: S1 of six.
        #expect(now.previouslyHighRisk.count == 2 && now.previouslyHighRisk.of == 6)
        #expect(now.victimOrFamilyAsked.count == 1 && now.victimOrFamilyAsked.of == 6)
        // Days: S1 90, S2 90, S3 60, S4 60, S5 90; S6 awaited. Sorted 60 60 90 90 90: median 90,
        // quartiles by nearest rank 60 (rank 2) and 90 (rank 4).
        #expect(now.submission.map { [$0.lower, $0.median, $0.upper] } == [60, 90, 90] && now.awaited == 1)
        // Central QA: S1 30 days, S2 60, S4 10; S3 and S5 submitted but awaiting. Sorted 10 30 60:
        // ranks 1, 2 and 3.
        #expect(now.centralQA.map { [$0.lower, $0.median, $0.upper] } == [10, 30, 60] && now.awaitingCentralQA == 2)
        let before = summary.figures(summary.previous)
        #expect(before.goodOrBetter.count == 0 && before.goodOrBetter.of == 1)
        #expect(before.homicideLowOrMedium.of == 1 && before.homicideLowOrMedium.count == 0)
        #expect(before.submission?.median == 30 && before.centralQA == nil)
        let table = summary.table(suppressing: false)
        #expect(table.columns.map(\.title) == ["Figure", "2019/20", "2018/19"])
        #expect(table.rows[0] == [.text("Reviews notified"), .count(6), .count(2)])
        #expect(table.csv().contains("Rated Good or better overall,2,3,66.7,"))
        // Published, a proportion of fewer than five reviews is withheld; counts of reviews are not.
        let published = summary.table(suppressing: true)
        #expect(published.rows[0] == table.rows[0])
        #expect(published.rows[3] == [.text("Rated Good or better overall"), .suppressed, .suppressed])
        #expect(published.rows[4][1] == .proportion(now.previouslyHighRisk))
        // 2018/19 has no proportion left to publish, so its column is one field wide.
        #expect(published.csv().contains("Rated Good or better overall,suppressed,,,,,suppressed\r\n"))
    }

    @Test("the splits by offence, kind of service and risk, counted by hand")
    func splits() {
        let summary = SFOAnnualSummary(year: "2019/20", reviews: Self.reviews)
        let offence = summary.offenceTable(suppressing: false)
        #expect(offence.rows.map { $0[0] } == OffenceCategory.allCases.map { .text($0.title) })
        // Murder S1 (low, Good) and S3 (medium, Outstanding): 2 notified, 2 of 2 low or medium,
        // 2 sampled, 2 of 2 Good or better.
        #expect(offence.rows[0][1] == .count(2))
        #expect(offence.rows[0][2] == .proportion(Proportion(count: 2, of: 2)) && offence.rows[0][4] == .proportion(Proportion(count: 2, of: 2)))
        // Manslaughter S2 (high, Requires improvement). Rape S4 (medium) and S6 (high), none rated.
        #expect(offence.rows[1][2] == .proportion(Proportion(count: 0, of: 1)) && offence.rows[1][4] == .proportion(Proportion(count: 0, of: 1)))
        #expect(offence.rows[2][1] == .count(2) && offence.rows[2][2] == .proportion(Proportion(count: 1, of: 2)) && offence.rows[2][3] == .count(0))
        let kinds = summary.providerTypeTable(suppressing: false)
        // NPS: S1, S2, S6 (3 of 6; S2 and S6 high risk). CRC: S3, S4, S5 (none high risk).
        #expect(kinds.rows.map { $0[0] } == [.text(ProviderType.crc.title), .text(ProviderType.nps.title)])
        #expect(kinds.rows[1][1] == .proportion(Proportion(count: 3, of: 6)) && kinds.rows[1][2] == .proportion(Proportion(count: 2, of: 3)))
        #expect(kinds.rows[0][2] == .proportion(Proportion(count: 0, of: 3)) && kinds.rows[0][3] == .proportion(Proportion(count: 1, of: 1)))
        let risk = summary.riskTable(suppressing: false)
        // All: low S1 S5, medium S3 S4, high S2 S6. Homicides: low S1, medium S3, high S2.
        #expect(risk.rows.map { $0[1] } == [2, 2, 2, 0].map { .proportion(Proportion(count: $0, of: 6)) })
        #expect(risk.rows.map { $0[2] } == [1, 1, 1, 0].map { .proportion(Proportion(count: $0, of: 3)) })
        // Published, every part here rests on fewer than five reviews, except the empty very-high
        // row, which describes no one.
        let publishedRisk = summary.riskTable(suppressing: true)
        #expect(publishedRisk.rows.map { $0[1] } == [.suppressed, .suppressed, .suppressed, .proportion(Proportion(count: 0, of: 6))])
        #expect(summary.tables(suppressing: true).map(\.id) == ["sfo-summary", "sfo-by-offence", "sfo-by-provider-type", "sfo-by-risk"])
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

@Suite("Disclosure control")
struct DisclosureControlTests {
    @Test("a small part is withheld with the next smallest, so the whole cannot give it away")
    func secondary() {
        // 3 is under five; alone it could be worked out from the total, so 12 goes too.
        #expect(DisclosureControl.withheld(sizes: [40, 3, 25, 12], wholes: [[0, 1, 2, 3]]) == [1, 3])
        // 2 and 1 are both withheld, but together they are 3, under five: 30 goes too.
        #expect(DisclosureControl.withheld(sizes: [40, 2, 1, 30], wholes: [[0, 1, 2, 3]]) == [1, 2, 3])
        // A part of none describes no one and is never withheld, nor chosen to hide another.
        #expect(DisclosureControl.withheld(sizes: [40, 0, 7], wholes: [[0, 1, 2]]).isEmpty)
        #expect(DisclosureControl.withheld(sizes: [40, 0, 3, 9], wholes: [[0, 1, 2, 3]]) == [2, 3])
        // Separate figures, not parts of a whole: only the small one.
        #expect(DisclosureControl.withheld(sizes: [3, 10], wholes: []) == [0])
        #expect(DisclosureControl.withheld(sizes: [4, 5], wholes: []) == [0])
    }

    @Test("a part in two wholes is protected in both")
    func nested() {
        // Murder 3, manslaughter 10 (the homicides), rape 4, other 50. Murder exposes the
        // homicides, so manslaughter goes; rape is already withheld, and all four hold 17.
        #expect(DisclosureControl.withheld(sizes: [3, 10, 4, 50], wholes: [[0, 1, 2, 3], [0, 1]]) == [0, 1, 2])
        // Manslaughter 3 alone: withheld with murder (30), the smallest other part of both wholes.
        #expect(DisclosureControl.withheld(sizes: [30, 3, 60, 100], wholes: [[0, 1, 2, 3], [0, 1]]) == [0, 1])
    }

    @Test("a table's columns are each protected on their own case counts")
    func table() {
        let table = DataTable(
            id: "t", title: "T", note: "",
            columns: [.init("group", "Group"), .init("cases", "Cases"), .init("sufficient", "Sufficient"), .init("share", "Share")],
            rows: [
                [.text("A"), .count(40), .proportion(Proportion(count: 30, of: 40)), .proportion(Proportion(count: 40, of: 52))],
                [.text("B"), .count(9), .proportion(Proportion(count: 2, of: 3)), .proportion(Proportion(count: 9, of: 52))],
                [.text("C"), .count(3), .proportion(Proportion(count: 1, of: 3)), .proportion(Proportion(count: 3, of: 52))],
            ])
        let suppressed = DisclosureControl.suppressed(table, wholes: [[0, 1, 2]], shareColumns: ["share"])
        #expect(suppressed.rows.map { $0[0] } == table.rows.map { $0[0] })
        #expect(suppressed.rows.map { $0[1] } == [.count(40), .suppressed, .suppressed])
        // B's "sufficient" is of 3 cases (some answered n/a), so it is withheld on its own count.
        #expect(suppressed.rows.map { $0[2] } == [.proportion(Proportion(count: 30, of: 40)), .suppressed, .suppressed])
        // A share's cases are the ones it counts: 3 of 52 is C's three.
        #expect(suppressed.rows.map { $0[3] } == [table.rows[0][3], .suppressed, .suppressed])
        #expect(suppressed.csv().contains("C,suppressed,suppressed,,,,,suppressed,,,,"))
        #expect(String(decoding: DataTable.json(suppressed.jsonObject), as: UTF8.self).contains("\"cases\" : \"suppressed\""))
    }
}

extension WilsonInterval {
    func contains(_ value: Double) -> Bool { lower <= value && value <= upper }
}

@Suite("Demo SFO reviews")
struct DemoSFOReviewsTests {
    @Test("adding days walks back through dayNumber, across months, leap days and centuries")
    func addingDays() {
        let start = CalendarDate(year: 2019, month: 4, day: 1)!
        #expect(start.adding(days: 0) == start)
        #expect(start.adding(days: 30) == CalendarDate(year: 2019, month: 5, day: 1)!)
        #expect(CalendarDate(year: 2020, month: 2, day: 28)!.adding(days: 1) == CalendarDate(year: 2020, month: 2, day: 29)!)
        #expect(CalendarDate(year: 2019, month: 12, day: 31)!.adding(days: 1) == CalendarDate(year: 2020, month: 1, day: 1)!)
        #expect(CalendarDate(year: 2000, month: 3, day: 1)!.adding(days: -1) == CalendarDate(year: 2000, month: 2, day: 29)!)
        for days in stride(from: -800, through: 40_000, by: 37) { #expect(start.adding(days: days).daysSince(start) == days) }
    }

    @Test("the demo reproduces the seeds' shares, each within its interval")
    func seedsShares() {
        let reviews = DemoSFOReviews.generate()
        for year in DemoSFOReviews.years {
            let summary = SFOAnnualSummary(year: year, reviews: reviews)
            let figures = summary.figures(summary.current)
            // About 500 a year, a fifth sampled and every sampled one rated.
            #expect((480...520).contains(figures.notified))
            #expect(figures.sampled == Int((Double(figures.notified) / 5).rounded()) && figures.rated == figures.sampled)
            // About a quarter homicides (124 of about 500).
            let homicides = summary.current.filter(\.category.isHomicide).count
            #expect((100...150).contains(homicides))
            // Two thirds of homicides and half of all previously low or medium / high: each
            // target inside the 95% interval of the demo's figure.
            #expect(figures.homicideLowOrMedium.interval!.contains(2.0 / 3))
            #expect(figures.previouslyHighRisk.interval!.contains(0.5))
            // 57% NPS; few involving other agencies (the seeds' 3 of 46 is 6.5%); about half
            // Good or better.
            let nps = Proportion(count: summary.current.filter { $0.providerType == .nps }.count, of: figures.notified)
            #expect(nps.interval!.contains(0.57))
            #expect(figures.otherAgencies.interval!.contains(3.0 / 46))
            #expect(figures.goodOrBetter.interval!.contains(0.5))
            #expect(figures.victimOrFamilyAsked.percent! < 10)
        }
    }
}
