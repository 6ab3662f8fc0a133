/// What a provider's quarterly data return yields for monitoring: one count out of a count per
/// indicator. The files themselves are not kept; only these figures are.
public enum QuarterlyReturn {
    /// The indicators a return's files can be counted for, as at the quarter's last day. An
    /// indicator the files say nothing about (no workforce file, no delivery columns) is left out,
    /// not recorded as zero.
    public static func points(period: Quarter, caseload: [EligibleCaseRecord], workforce: [WorkforceRecord]?) -> [String: IndicatorPoint] {
        var points: [String: IndicatorPoint] = [:]
        func add(_ indicator: Indicator, _ proportion: Proportion?) {
            guard let proportion, proportion.of > 0 else { return }
            points[indicator.id] = IndicatorPoint(period: period, numerator: proportion.count, denominator: proportion.of)
        }
        if let workforce, !workforce.isEmpty { add(.vacancyRate, StaffingFigures(workforce).total.vacancyRate) }
        let delivery = DeliveryFigures(caseload, asAt: period.lastDay)
        add(.programmeStarts, delivery.programmeStarted)
        add(.unpaidWorkCompletion, delivery.unpaidWorkWithinYear)
        add(.faceToFaceContact, delivery.faceToFace)
        return points
    }
}
