/// One quarterly data return in the demo: what a provider's files would have yielded.
public struct DemoReturn: Sendable, Hashable {
    public let providerCode: String
    public let period: Quarter
    public let caseloadRows: Int
    public let workforceRows: Int
    public let points: [String: IndicatorPoint]
}

/// Quarterly returns from 2021-Q1 to 2024-Q4 for every PDU, seeded.
///
/// Each indicator follows a slow trend (face-to-face contact recovering after Covid-19,
/// programme starts catching up on the backlog the seeds describe, unpaid work completion and
/// vacancies steady, RoSH levels recorded for 96–99% of cases) with a little noise, kept small enough that no ordinary quarter moves
/// five points for the worse. Four PDUs then differ in the last quarter, so the monitoring page
/// has something to find and something to leave alone:
/// - Wolverhampton: face-to-face contact falls 13 points on a caseload of over a thousand;
/// - Brighton and East Sussex: the vacancy rate rises 16 points;
/// - Sunderland: unpaid work completed within 12 months falls 15 points;
/// - Swansea: programme starts dip 16 points, but on about twenty requirements a quarter, which
///   chance alone explains, so no alert is raised.
enum DemoReturns {
    static let first = Quarter(year: 2021, number: 1)!
    static let last = Quarter(year: 2024, number: 4)!

    /// The PDUs whose last quarter the alerts catch, with the indicator that declined.
    static let declines: [String: String] = [
        "pdu-wolverhampton": Indicator.faceToFaceContact.id, "pdu-brighton": Indicator.vacancyRate.id,
        "pdu-sunderland": Indicator.unpaidWorkCompletion.id,
    ]
    /// The PDU whose last-quarter dip is only noise.
    static let noisyDip = (provider: "pdu-swansea", indicator: Indicator.programmeStarts.id)

    /// The indicator the PDU frameworks declare (`probation-2021-pdu.yaml`): only its id and
    /// direction matter here; the files say how it is counted.
    static let highRoshHeldByPO = Indicator(
        id: "high-rosh-held-by-po", title: "High and very high RoSH cases held by a probation officer", better: .higher, definition: "")

    static func generate(pdus: [String], seed: UInt64) -> [DemoReturn] {
        let quarters = Quarter.from(first, through: last)
        return pdus.enumerated().flatMap { index, code in
            var random = SeededGenerator(seed: seed &+ UInt64(index) &* 7919)
            let shift = Double(index % 5) / 100
            let caseload = 950 + 45 * index
            let posts = 70 + 3 * index
            let programmes = code == noisyDip.provider ? 22 : 40 + 3 * index
            let unpaidWork = 140 + 5 * index
            var points: [[String: IndicatorPoint]] = []
            for (step, period) in quarters.enumerated() {
                let progress = Double(step) / Double(quarters.count - 1)
                let rates: [(Indicator, rate: Double, of: Int)] = [
                    (.vacancyRate, 0.12 + shift, posts + random.uniform(below: 3)),
                    (.programmeStarts, 0.25 + 0.25 * progress + shift, programmes + random.uniform(below: 3)),
                    (.unpaidWorkCompletion, 0.62 + shift, unpaidWork + random.uniform(below: 9)),
                    (.faceToFaceContact, min(0.72, 0.38 + 0.34 * Double(step) / 7) + shift, caseload + random.uniform(below: 40)),
                    (highRoshHeldByPO, 0.86 + shift, caseload / 4 + random.uniform(below: 20)),
                ]
                var quarter: [String: IndicatorPoint] = [:]
                for (indicator, rate, denominator) in rates {
                    let noise = Double(random.uniform(below: 25) - 12) / 1000
                    let lastQuarter = period == last ? lastQuarterMove(provider: code, indicator: indicator.id) : 0
                    let share = min(1, max(0, rate + noise + lastQuarter))
                    quarter[indicator.id] = IndicatorPoint(
                        period: period, numerator: Int((share * Double(denominator)).rounded()), denominator: denominator)
                }
                points.append(quarter)
            }
            // RoSH recording has its own generator, so adding it left every other figure as it was.
            var recording = SeededGenerator(seed: seed &+ UInt64(index) &* 7919 &+ 1)
            return zip(quarters, points).map { period, points in
                let caseloadRows = points[Indicator.faceToFaceContact.id]!.denominator + 40
                let recorded = Double(960 + recording.uniform(below: 30)) / 1000
                var points = points
                points[Indicator.roshRecorded.id] = IndicatorPoint(
                    period: period, numerator: Int((recorded * Double(caseloadRows)).rounded()), denominator: caseloadRows)
                return DemoReturn(providerCode: code, period: period, caseloadRows: caseloadRows, workforceRows: 6, points: points)
            }
        }
    }

    /// How far an indicator moves in the last quarter, beyond its trend.
    static func lastQuarterMove(provider: String, indicator: String) -> Double {
        if declines[provider] == indicator { return indicator == Indicator.vacancyRate.id ? 0.16 : indicator == Indicator.faceToFaceContact.id ? -0.13 : -0.15 }
        if noisyDip == (provider, indicator) { return -0.16 }
        return 0
    }
}
