/// The annual report for one inspection year, from published inspections only: the seeds'
/// charts and tables, rebuilt from the data, with the year before for comparison.
public struct AnnualReport: Sendable {
    public let year: String
    public let previousYear: String?
    public let current: [InspectionReport]
    public let previous: [InspectionReport]
    /// Every year's published inspections up to and including `year`, oldest first: the time series.
    public let history: [(year: String, reports: [InspectionReport])]
    public let confidence: ConfidenceLevel

    /// `published` may hold every year; only `year` and the year before it are used.
    public init(year: String, published: [InspectionReport], confidence: ConfidenceLevel = .ninetyFivePercent) {
        self.year = year
        self.confidence = confidence
        let years = Set(published.map(\.summary.year)).sorted()
        let previousYear = years.firstIndex(of: year).flatMap { $0 > 0 ? years[$0 - 1] : nil }
        self.previousYear = previousYear
        let order = NationalRatings.providerOrder
        current = published.filter { $0.summary.year == year }.sorted(by: order)
        previous = published.filter { $0.summary.year == previousYear }.sorted(by: order)
        history = years.filter { $0 <= year }.map { past in (past, published.filter { $0.summary.year == past }.sorted(by: order)) }
    }

    public static func years(_ published: [InspectionReport]) -> [String] { Set(published.map(\.summary.year)).sorted() }

    public var types: [ProviderType] { ProviderType.allCases.filter { type in current.contains { $0.summary.providerType == type } } }
    var caseCount: Int { current.map(\.figures.caseCount).reduce(0, +) }
    var source: String {
        "\(current.count) published inspections of \(year) (frameworks \(Set(current.map(\.summary.frameworkID.rawValue)).sorted().joined(separator: ", "))); \(caseCount) sampled cases; \(confidence.description) intervals."
    }

    public var tables: [DataTable] {
        [overallRatingsTable] + frameworks.map { standardMixTable($0.id) } + [keepingPeopleSafeTable, checksTable, workloadTable, riskOfHarmChangeTable]
            + (needsTable.rows.isEmpty ? [] : [needsTable]) + staffingTables + equalityTables + regions.flatMap { regionTables($0.code) }
    }

    /// The year's case judgements by ethnicity, gender and age band, added up over the
    /// inspections of each framework (key questions differ between frameworks), small figures
    /// withheld.
    public var equalityTables: [DataTable] {
        frameworks.flatMap { framework in
            EqualityCharacteristic.allCases.compactMap { characteristic -> DataTable? in
                let parts = current.filter { $0.summary.frameworkID == framework.id }.flatMap(\.equality).filter { $0.characteristic == characteristic }
                guard let pooled = EqualityFigures.pooled(parts) else { return nil }
                return pooled.table(
                    id: "equality-\(characteristic.rawValue)-\(framework.id)", title: "\(framework.title): key questions by \(characteristic.title), \(year)",
                    source: "\(parts.count) published inspections of \(year) under \(framework.id); \(confidence.description) intervals.")
            }
        }
    }

    /// The count of services by overall rating, for each provider type.
    public var overallRatingsTable: DataTable {
        DataTable(
            id: "overall-ratings", title: "Services by overall rating, \(year)",
            note: "Count of inspected services by overall rating; an inspection that could not be completed is published with no overall rating. " + source,
            columns: [.init("type", "Provider type")] + Rating.allCases.map { .init($0.slug, $0.title) } + [
                .init("total", "Total"), .init("no-overall", "No overall rating"),
            ],
            rows: types.map { type in
                let ratings = current.filter { $0.summary.providerType == type }.map(\.rating.overall.rating)
                if ratings.isEmpty { return [.text(type.shortTitle)] + Rating.allCases.map { _ in .notInspected } + [.notInspected, .notInspected] }
                return [.text(type.shortTitle)] + Rating.allCases.map { rating in .count(ratings.filter { $0 == rating }.count) }
                    + [.count(ratings.count), .count(ratings.filter { $0 == nil }.count)]
            })
    }

    /// The frameworks of this year's inspections, in the order of their first inspection.
    public var frameworks: [(id: FrameworkID, title: String, type: ProviderType, standards: [Standard])] {
        var shown: [(FrameworkID, String, ProviderType, [Standard])] = []
        for report in current where !shown.contains(where: { $0.0 == report.summary.frameworkID }) {
            shown.append((report.summary.frameworkID, report.summary.frameworkTitle, report.summary.providerType, report.rating.standards.map(\.standard)))
        }
        return shown
    }

    /// For one framework: how many providers got each rating on each of its standards, this
    /// year against last ("a mixed picture on CRC performance"). Last year's ratings count only
    /// where a standard corresponds (the same framework, or one its file declares); otherwise
    /// the row says "not comparable", and "not inspected" when no provider of the type was.
    public func standardMixTable(_ frameworkID: FrameworkID) -> DataTable {
        let years = [previousYear, year].compactMap { $0 }
        let framework = frameworks.first { $0.id == frameworkID }
        let title = framework?.title ?? frameworkID.rawValue
        let counts: (([Rating?]) -> [DataTable.Cell]) = { ratings in
            Rating.allCases.map { rating in .count(ratings.filter { $0 == rating }.count) } + [.count(ratings.filter { $0 == nil }.count)]
        }
        let rows: [[DataTable.Cell]] = (framework?.standards ?? []).flatMap { standard in
            years.map { year -> [DataTable.Cell] in
                let label: [DataTable.Cell] = [.text(standard.id.rawValue), .text(standard.title), .text(year)]
                let blank = { (cell: DataTable.Cell) in label + Array(repeating: cell, count: Rating.allCases.count + 1) }
                if year == self.year {
                    return label
                        + counts(current.filter { $0.summary.frameworkID == frameworkID }.map { $0.rating.standards.first { $0.id == standard.id }?.rating })
                }
                let sameType = previous.filter { $0.summary.providerType == framework?.type }
                if sameType.isEmpty { return blank(.notInspected) }
                let ratings = sameType.compactMap { report in
                    report.rating.standards.first { standard.corresponds(to: $0.standard, framework: frameworkID, otherFramework: report.summary.frameworkID) }
                }
                return ratings.isEmpty ? blank(.notComparable) : label + counts(ratings.map(\.rating))
            }
        }
        return DataTable(
            id: "standard-mix-\(frameworkID)", title: "\(title): ratings by standard, \(years.joined(separator: " against "))",
            note:
                "How many providers inspected under \(title) were given each rating on each standard; the year before counts only ratings of corresponding standards. "
                + source,
            columns: [.init("standard", "Standard"), .init("title", "Title"), .init("year", "Year")] + Rating.allCases.map { .init($0.slug, $0.title) }
                + [.init("not-rated", "Not rated")],
            rows: rows)
    }

    /// The regions with PDU inspections this year, by the code of the region's provider, with
    /// the region's name.
    public var regions: [(code: String, name: String)] {
        var regions: [String: String] = [:]
        for report in current { if let code = report.summary.parentCode { regions[code] = report.summary.region } }
        return regions.sorted { $0.value < $1.value }.map { ($0.key, $0.value) }
    }

    /// One region's PDUs side by side, one table per framework they were inspected under: each
    /// PDU's overall rating with the bands it could be in, and for each case standard the figure
    /// of its lowest key question with its interval.
    public func regionTables(_ code: String) -> [DataTable] {
        let pdus = current.filter { $0.summary.parentCode == code }.sorted { $0.summary.providerName < $1.summary.providerName }
        let frameworks = pdus.reduce(into: [FrameworkID]()) { if !$0.contains($1.summary.frameworkID) { $0.append($1.summary.frameworkID) } }
        return frameworks.map { frameworkID in
            let reports = pdus.filter { $0.summary.frameworkID == frameworkID }
            let standards = reports[0].rating.standards.filter { $0.standard.kind.isRatedFromCases }.map(\.standard)
            return DataTable(
                id: "region-\(code)-\(frameworkID)", title: "\(reports[0].summary.region): PDUs inspected under \(reports[0].summary.frameworkTitle), \(year)",
                note:
                    "Each PDU's overall rating, and for each case standard the share of cases sufficient on its lowest key question, which sets its rating. "
                    + source,
                columns: [.init("provider", "PDU"), .init("overall", "Overall")]
                    + standards.map { .init($0.id.rawValue, "\($0.id) \($0.title): lowest key question") }
                    + [.init("risk_of_harm", "Keeping other people safe, every judgement")],
                rows: reports.map { report in
                    let results = Dictionary(uniqueKeysWithValues: report.rating.standards.map { ($0.id, $0) })
                    return [.text(report.summary.providerName), .ratingWithCertainty(report.rating.overall.rating, report.rating.overall.certainty)]
                        + standards.map { standard in
                            .proportion(results[standard.id]?.limitingResult.map { InspectionReport.proportion($0, confidence: report.rating.confidence) })
                        } + [.proportion(report.figures.riskOfHarm)]
                }, rowInspections: reports.map(\.summary.id))
        }
    }

    /// The share of cases sufficient on each case standard's "keeping other people safe" key
    /// question, by provider type and RoSH level, pooled over every published inspection of the year.
    public var keepingPeopleSafeTable: DataTable {
        var standards: [(StandardID, String)] = []
        var groups: [(ProviderType, RoshLevel)] = []
        var pooled: [StandardID: [String: Proportion]] = [:]
        for report in current {
            let type = report.summary.providerType
            for question in report.figures.safetyQuestions {
                guard let standard = report.rating.standards.first(where: { $0.questions.contains { $0.id == question.id } }) else { continue }
                if !standards.contains(where: { $0.0 == standard.id }) { standards.append((standard.id, standard.standard.title)) }
                for (level, proportion) in report.figures.safetyByRosh[question.id] ?? [:] where proportion.of > 0 {
                    if !groups.contains(where: { $0 == (type, level) }) { groups.append((type, level)) }
                    let key = "\(type.rawValue)-\(level.rawValue)"
                    pooled[standard.id, default: [:]][key] = (pooled[standard.id]?[key] ?? Proportion(count: 0, of: 0, confidence: confidence)) + proportion
                }
            }
        }
        standards.sort { $0.0 < $1.0 }
        // NPS before CRC and highest risk first within each type, as the seeds present it.
        groups.sort { $0.0 == $1.0 ? $0.1 > $1.1 : $0.0.rawValue > $1.0.rawValue }
        return DataTable(
            id: "keeping-people-safe", title: "Keeping other people safe, by provider type and RoSH level, \(year)",
            note: "Share of cases judged sufficient on each standard's key question about keeping other people safe. " + source,
            columns: [.init("standard", "Standard"), .init("title", "Title")]
                + groups.map { .init("\($0.0.rawValue)-\($0.1.rawValue)", "\($0.0.shortTitle) \($0.1.title.lowercased()) RoSH") },
            rows: standards.map { id, title in
                [.text(id.rawValue), .text(title)] + groups.map { .proportion(pooled[id]?["\($0.0.rawValue)-\($0.1.rawValue)"]) }
            })
    }

    /// Domestic abuse checks and home visits done where needed, by provider.
    public var checksTable: DataTable {
        DataTable(
            id: "checks-by-provider", title: "Domestic abuse checks and home visits done where needed, \(year)",
            note: "Of sampled cases where the check or visit was needed, the share where it was done. " + source,
            columns: [
                .init("provider", "Provider"), .init("type", "Type"), .init("domestic_abuse", "Domestic abuse check"), .init("home_visit", "Home visit"),
            ],
            rows: current.map { report in
                [
                    .text(report.summary.providerName), .text(report.summary.providerType.shortTitle), .proportion(report.figures.checks[.domesticAbuse]),
                    .proportion(report.figures.checks[.homeVisit]),
                ]
            })
    }

    /// The share of POs and PSOs interviewed who said their workload was not manageable.
    public var workloadTable: DataTable {
        DataTable(
            id: "workload", title: "Officers saying their workload is unmanageable, \(year)",
            note: "Responsible officers interviewed about sampled cases, by grade and provider type, each officer counted once: "
                + "officers answer at their first interview of an inspection (interviews recorded before officers had references count one each). " + source,
            columns: [.init("type", "Provider type"), .init("grade", "Grade"), .init("unmanageable", "Said unmanageable")],
            rows: types.flatMap { type in
                OfficerGrade.allCases.map { grade -> [DataTable.Cell] in
                    let parts = current.filter { $0.summary.providerType == type }.compactMap { $0.figures.unmanageableWorkload[grade] }
                    return [.text(type.shortTitle), .text(grade.title), .proportion(Proportion.sum(parts, confidence: confidence))]
                }
            })
    }

    /// For each provider type and need, the year's cases with the need added up: the share
    /// identified and the share met (the seeds' "Many needs still not being met").
    public var needsTable: DataTable {
        DataTable(
            id: "needs", title: "Needs identified and met, \(year)",
            note: "Of the sampled cases the inspectors found had each need, the share the provider identified and the share met, "
                + "added up over the year's inspections whose framework asks about needs. " + source,
            columns: [.init("type", "Provider type"), .init("need", "Need"), .init("identified", "Identified"), .init("met", "Met")],
            rows: types.flatMap { type -> [[DataTable.Cell]] in
                let figures = current.filter { $0.summary.providerType == type }.flatMap(\.figures.needs)
                return Need.allCases.compactMap { need -> [DataTable.Cell]? in
                    let parts = figures.filter { $0.need == need }
                    guard !parts.isEmpty else { return nil }
                    return [
                        .text(type.shortTitle), .text(need.title), .proportion(Proportion.sum(parts.map(\.identified), confidence: confidence)),
                        .proportion(Proportion.sum(parts.map(\.met), confidence: confidence)),
                    ]
                }
            })
    }

    /// Each CRC's risk of harm score (every "keeping other people safe" judgement pooled) last
    /// year and this, and the change in percentage points.
    public var riskOfHarmChangeTable: DataTable {
        let before = Dictionary(previous.map { ($0.summary.providerCode, $0) }) { first, _ in first }
        return DataTable(
            id: "risk-of-harm-change", title: "Change in CRCs' risk of harm scores, \(previousYear ?? "previous year") to \(year)",
            note: "A CRC's risk of harm score is the share of all its \"keeping other people safe\" judgements that were sufficient. " + source,
            columns: [
                .init("provider", "CRC"), .init("previous", previousYear ?? "Previous year"), .init("current", year), .init("change_points", "Change (points)"),
            ],
            rows: current.filter { $0.summary.providerType == .crc }.map { report in
                let earlier = before[report.summary.providerCode]?.figures.riskOfHarm
                let change = earlier?.percent.flatMap { old in report.figures.riskOfHarm.percent.map { $0 - old } }
                return [
                    .text(report.summary.providerName), earlier.map { .proportion($0) } ?? .notInspected, .proportion(report.figures.riskOfHarm),
                    .points(change),
                ]
            })
    }

    // MARK: - Staffing

    public var staffingTables: [DataTable] {
        let tables = [staffingByTypeTable, staffingByRegionTable, staffingByProviderTable, staffInPostSeriesTable]
        return tables.allSatisfy(\.rows.isEmpty) ? [] : tables
    }

    private static let staffingNote =
        "From each inspected provider's workforce figures: every member of staff, not a sample. Staff in post and vacancies are full-time equivalents; "
        + "vacancy rate = vacancies ÷ (staff in post + vacancies), in whole posts. Over 100% counts the people in post above that share of their hours on "
        + "the workload tool, where the provider said. The intervals treat the posts as one period's draw of the staffing, for comparing providers and years. "

    private static let staffingColumns: [DataTable.Column] = [
        .init("staff_in_post", "Staff in post (FTE)"), .init("vacancies", "Vacancies (FTE)"), .init("vacancy_rate", "Vacancy rate"),
        .init("over_100", "Over 100% on workload tool"),
    ]

    private static func staffingCells(_ line: StaffingFigures.Line) -> [DataTable.Cell] {
        [.number(line.staffInPost), .number(line.vacancies), .proportion(line.vacancyRate), .proportion(line.overHundred)]
    }

    private func staffing(_ reports: [InspectionReport]) -> StaffingFigures {
        StaffingFigures(reports.flatMap(\.staffing.records), confidence: confidence)
    }

    /// Staffing by provider type and grade, every inspected provider of the type added up.
    public var staffingByTypeTable: DataTable {
        DataTable(
            id: "staffing-by-type", title: "Staffing by provider type and grade, \(year)", note: Self.staffingNote + source,
            columns: [.init("type", "Provider type"), .init("grade", "Grade")] + Self.staffingColumns,
            rows: types.flatMap { type -> [[DataTable.Cell]] in
                let figures = staffing(current.filter { $0.summary.providerType == type })
                guard !figures.isEmpty else { return [] }
                return (figures.grades + [figures.total]).map { line in
                    [.text(type.shortTitle), .text(line.grade?.name ?? "All grades")] + Self.staffingCells(line)
                }
            })
    }

    /// Staffing by region, all grades.
    public var staffingByRegionTable: DataTable {
        let regions = Set(current.filter { !$0.staffing.isEmpty }.map(\.summary.region)).sorted()
        return DataTable(
            id: "staffing-by-region", title: "Staffing by region, \(year)", note: Self.staffingNote + source,
            columns: [.init("region", "Region")] + Self.staffingColumns,
            rows: regions.map { region in
                [.text(region)] + Self.staffingCells(staffing(current.filter { $0.summary.region == region }).total)
            })
    }

    /// Each inspected provider's staffing, all grades, and its probation officers' vacancy rate.
    public var staffingByProviderTable: DataTable {
        DataTable(
            id: "staffing-by-provider", title: "Staffing by provider, \(year)", note: Self.staffingNote + source,
            columns: [.init("provider", "Provider"), .init("type", "Provider type"), .init("region", "Region")] + Self.staffingColumns + [
                .init("po_vacancy_rate", "PO vacancy rate")
            ],
            rows: current.filter { !$0.staffing.isEmpty }.map { report in
                [.text(report.summary.providerName), .text(report.summary.providerType.shortTitle), .text(report.summary.region)]
                    + Self.staffingCells(report.staffing.total) + [.proportion(report.staffing.line(.probationOfficer)?.vacancyRate)]
            })
    }

    /// Staff in post and vacancies by year, provider type and grade, up to this year: the seeds'
    /// "NPS Staff in post" chart, for every provider type.
    public var staffInPostSeriesTable: DataTable {
        DataTable(
            id: "staff-in-post-by-year", title: "Staff in post by year, provider type and grade, to \(year)",
            note: Self.staffingNote
                + "Each year's figures add up the providers inspected that year, so a change can be a change in which providers were inspected.",
            columns: [.init("year", "Year"), .init("type", "Provider type"), .init("grade", "Grade")] + Self.staffingColumns,
            rows: history.flatMap { past in
                ProviderType.allCases.flatMap { type -> [[DataTable.Cell]] in
                    let figures = staffing(past.reports.filter { $0.summary.providerType == type })
                    return figures.isEmpty
                        ? [] : figures.grades.map { line in [.text(past.year), .text(type.shortTitle), .text(line.grade!.name)] + Self.staffingCells(line) }
                }
            })
    }
}
