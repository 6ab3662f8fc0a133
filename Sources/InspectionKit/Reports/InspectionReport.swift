import Foundation

/// What identifies a published (or publishable) inspection in reports and open data.
public struct ReportSummary: Sendable, Hashable {
    public let id: String
    public let providerCode: String
    public let providerName: String
    public let providerType: ProviderType
    public let region: String
    /// The inspection year, e.g. "2019/20".
    public let year: String
    public let frameworkID: FrameworkID
    public let frameworkTitle: String
    public let publishedAt: Date?
    /// The code of the region a PDU belongs to; nil for every other provider.
    public let parentCode: String?
    /// For a framework that pools (a region's): the inspections whose judgements were added up.
    public let pooledFrom: [PooledSource]

    public init(
        id: String, providerCode: String, providerName: String, providerType: ProviderType, region: String, year: String, frameworkID: FrameworkID,
        frameworkTitle: String, publishedAt: Date?, parentCode: String? = nil, pooledFrom: [PooledSource] = []
    ) {
        self.parentCode = parentCode
        self.pooledFrom = pooledFrom
        self.id = id
        self.providerCode = providerCode
        self.providerName = providerName
        self.providerType = providerType
        self.region = region
        self.year = year
        self.frameworkID = frameworkID
        self.frameworkTitle = frameworkTitle
        self.publishedAt = publishedAt
    }
}

/// One inspection pooled into another's ratings, named for the report's links.
public struct PooledSource: Sendable, Hashable {
    public let id: String
    public let providerName: String
    public let year: String

    public init(id: String, providerName: String, year: String) {
        self.id = id
        self.providerName = providerName
        self.year = year
    }
}

/// One inspection's report: its ratings and figures as the tables the page shows and the
/// downloads hold.
public struct InspectionReport: Sendable {
    public let summary: ReportSummary
    public let rating: InspectionRating
    public let figures: InspectionFigures
    /// From the provider's workforce figures for this inspection; empty when it sent none.
    public let staffing: StaffingFigures
    /// From the delivery columns of the provider's caseload file; nil when it had none.
    public let delivery: DeliveryFigures?
    /// The surveys anyone answered, in the order the inspection offers them.
    public let surveys: [SurveyFigures]
    /// The report's own recommendations, in order.
    public let recommendations: [Recommendation]
    /// What this inspection found of the previous inspection's recommendations.
    public let followUp: RecommendationFollowUp
    /// The case judgements by ethnicity, gender and age band; empty with no sampled cases.
    public let equality: [EqualityFigures]

    public init(
        summary: ReportSummary, rating: InspectionRating, figures: InspectionFigures, staffing: StaffingFigures = StaffingFigures([]),
        delivery: DeliveryFigures? = nil, surveys: [SurveyFigures] = [], recommendations: [Recommendation] = [],
        followUp: RecommendationFollowUp = RecommendationFollowUp([]), equality: [EqualityFigures] = []
    ) {
        self.equality = figures.caseCount == 0 ? [] : equality
        self.recommendations = recommendations
        self.followUp = followUp
        self.surveys = surveys.filter { $0.respondents > 0 }
        self.summary = summary
        self.rating = rating
        self.figures = figures
        self.staffing = staffing
        self.delivery = delivery.flatMap { $0.isEmpty ? nil : $0 }
    }

    var source: String { "Framework \(summary.frameworkID); \(figures.caseCount) sampled cases; \(rating.confidence.description) intervals." }

    public var tables: [DataTable] {
        [ratingsTable, keyQuestionsTable, riskOfHarmTable, checksTable, workloadTable] + (figures.needs.isEmpty ? [] : [needsTable])
            + (staffing.isEmpty ? [] : [staffingTable])
            + (delivery.map { [Self.deliveryTable($0)] } ?? []) + surveyTables + (followUp.isEmpty ? [] : [followUp.table]) + equalityTables
    }

    /// One table per characteristic, small figures withheld.
    public var equalityTables: [DataTable] {
        equality.map { figures in
            figures.table(
                id: "equality-\(figures.characteristic.rawValue)", title: "Key questions by \(figures.characteristic.title)", source: source)
        }
    }

    public var surveyTables: [DataTable] { surveys.map { $0.table(confidence: rating.confidence) } }

    public var ratingsTable: DataTable {
        var rows: [[DataTable.Cell]] = rating.standards.map { standard in
            [
                .text(standard.id.rawValue), .text(standard.standard.title), .rating(standard.rating),
                .text(standard.standard.kind == .organisational ? "rated by inspectors" : standard.limitingQuestion?.rawValue ?? ""),
                .proportion(standard.limitingResult.map { Self.proportion($0, confidence: rating.confidence) }),
                .text(standard.certainty?.caution ?? ""),
            ]
        }
        rows.append([
            .text("overall"), .text("Overall rating"), .rating(rating.overall.rating),
            .text(rating.overall.totalPoints.map { "\($0) of \(rating.overall.maximumPoints) points" } ?? rating.overall.reason ?? ""), .proportion(nil),
            .text(rating.overall.certainty?.caution ?? ""),
        ])
        return DataTable(
            id: "ratings", title: "Ratings", note: "Case standards are rated on their lowest-scoring key question. " + source,
            columns: [
                .init("standard", "Standard"), .init("title", "Title"), .init("rating", "Rating"), .init("basis", "Rated on"),
                .init("sufficient", "Sufficient"), .init("certainty", "Could it be another band?"),
            ],
            rows: rows)
    }

    public var keyQuestionsTable: DataTable {
        DataTable(
            id: "key-questions", title: "Key questions", note: "Share of applicable cases judged sufficient. " + source,
            columns: [.init("question", "Key question"), .init("text", "Question"), .init("sufficient", "Sufficient")],
            rows: rating.standards.flatMap(\.questions).map { question in
                [.text(question.id.rawValue), .text(question.question.text), .proportion(Self.proportion(question, confidence: rating.confidence))]
            })
    }

    public var riskOfHarmTable: DataTable {
        let levels = figures.roshLevelsPresent
        return DataTable(
            id: "risk-of-harm", title: "Keeping other people safe, by risk of serious harm level",
            note: "Share of cases judged sufficient on each key question about keeping other people safe, by the case's RoSH level. " + source,
            columns: [.init("question", "Key question"), .init("text", "Question")] + levels.map { .init($0.rawValue, "\($0.title) RoSH") },
            rows: figures.safetyQuestions.map { question in
                [.text(question.id.rawValue), .text(question.text)] + levels.map { .proportion(figures.safetyByRosh[question.id]?[$0]) }
            })
    }

    public var checksTable: DataTable {
        DataTable(
            id: "checks", title: "Checks done where they were needed",
            note: "Of the cases where the inspector judged the check was needed, the share where it was done. " + source,
            columns: [.init("check", "Check"), .init("done_where_needed", "Done where needed")],
            rows: CheckKind.allCases.map { [.text($0.title), .proportion(figures.checks[$0])] })
    }

    public var needsTable: DataTable {
        DataTable(
            id: "needs", title: "Needs identified and met",
            note: "For each need the framework asks about, of the sampled cases the inspector found had it: the share the provider identified, "
                + "and the share met. A case counts once for each need it had. " + source,
            columns: [.init("need", "Need"), .init("identified", "Identified"), .init("met", "Met")],
            rows: figures.needs.map { [.text($0.need.title), .proportion($0.identified), .proportion($0.met)] })
    }

    public var workloadTable: DataTable {
        DataTable(
            id: "workload", title: "Responsible officers' workload",
            note: "Answers of the responsible officers interviewed to \"Is your workload manageable?\", each officer counted once: "
                + "an officer answers at their first interview of the inspection, not again on their other sampled cases. " + source,
            columns: [
                .init("grade", "Grade"), .init("yes", "Manageable"), .init("no", "Not manageable"), .init("not_sure", "Not sure"),
                .init("unmanageable", "Said not manageable"),
            ],
            rows: OfficerGrade.allCases.map { grade in
                let answers = figures.workloadAnswers[grade] ?? [:]
                return [
                    .text(grade.title), .count(answers[.yes] ?? 0), .count(answers[.no] ?? 0), .count(answers[.unsure] ?? 0),
                    .proportion(figures.unmanageableWorkload[grade]),
                ]
            })
    }

    public var staffingTable: DataTable {
        DataTable(
            id: "staffing", title: "Staffing",
            note: "From the provider's workforce figures for this inspection: every member of staff, not a sample. "
                + "Staff in post and vacancies are full-time equivalents. Vacancy rate = vacancies ÷ (staff in post + vacancies), in whole posts. "
                + "Over 100% and over 120% count the people in post above that share of their hours on the workload tool, where the provider said. "
                + "Span of supervision is staff managed per senior probation officer. "
                + "The intervals (\(rating.confidence.description)) treat these posts as one period's draw of the provider's staffing, for comparing periods and providers.",
            columns: [
                .init("grade", "Grade"), .init("staff_in_post", "Staff in post (FTE)"), .init("vacancies", "Vacancies (FTE)"),
                .init("vacancy_rate", "Vacancy rate"), .init("over_100", "Over 100% on workload tool"), .init("over_120", "Over 120% on workload tool"),
                .init("average_caseload", "Average caseload"), .init("span_of_supervision", "Span of supervision"),
            ],
            rows: (staffing.grades + [staffing.total]).map { line in
                [
                    .text(line.grade?.name ?? "All grades"), .number(line.staffInPost), .number(line.vacancies), .proportion(line.vacancyRate),
                    .proportion(line.overHundred), .proportion(line.overHundredAndTwenty), .number(line.averageCaseload), .number(line.spanOfSupervision),
                ]
            })
    }

    /// The delivery figures as the report words them: what each is, and what it is counted over.
    public static func deliveryLines(_ delivery: DeliveryFigures) -> [(figure: String, share: Proportion?, countedOver: String)] {
        let weeks = delivery.programmeWithinDays % 7 == 0 ? "\(delivery.programmeWithinDays / 7) weeks" : "\(delivery.programmeWithinDays) days"
        return [
            ("Accredited programme requirements started", delivery.programmeStarted, "cases with an accredited programme requirement"),
            (
                "Programmes started within \(weeks) of the sentence", delivery.programmeStartedWithin,
                "programme requirements whose sentence began at least \(weeks) before \(delivery.asAt.words)"
            ),
            (
                "Unpaid work orders completed within 12 months", delivery.unpaidWorkWithinYear,
                "unpaid work orders made at least 12 months before \(delivery.asAt.words)"
            ),
            ("Latest contact face to face", delivery.faceToFace, "cases with their latest contact type recorded"),
        ]
    }

    public static func deliveryTable(_ delivery: DeliveryFigures) -> DataTable {
        DataTable(
            id: "delivery", title: "Delivery of sentences",
            note:
                "From the provider's caseload file: every eligible case, not the sampled cases. Figures as at \(delivery.asAt.words), the start of fieldwork. "
                + "A blank means the file did not say. Intervals at \(delivery.programmeStarted?.confidence.description ?? "95%").",
            columns: [.init("figure", "Figure"), .init("share", "Share"), .init("counted", "Counted over")],
            rows: deliveryLines(delivery).map { [.text($0.figure), .proportion($0.share), .text($0.countedOver)] })
    }

    static func proportion(_ question: QuestionResult, confidence: ConfidenceLevel) -> Proportion {
        Proportion(count: question.counts.sufficient, of: question.counts.applicable, confidence: confidence, cases: CaseFilter(question: question.id))
    }
}
