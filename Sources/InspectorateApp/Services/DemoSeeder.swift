import Fluent
import Foundation
import InspectionKit
import SQLKit
import Vapor

/// Puts the demo dataset into the configured database: idempotent, and never into a database
/// that holds real data.
enum DemoSeeder {
    static let password = "demo-password"
    static let accounts: [(email: String, role: Role)] = [
        ("admin@demo.test", .admin), ("lead@demo.test", .lead), ("inspector@demo.test", .inspector), ("quality@demo.test", .quality),
        ("analyst@demo.test", .analyst), ("provider@demo.test", .provider),
        // Colleagues on the demo inspection teams, so cases are spread across inspectors.
        ("inspector-2@demo.test", .inspector), ("inspector-3@demo.test", .inspector), ("inspector-4@demo.test", .inspector),
    ]

    enum Outcome: Equatable {
        case seeded(inspections: Int, cases: Int)
        case alreadySeeded
    }

    struct RealDataPresent: Error, CustomStringConvertible {
        let description = "This database holds data that is not demo data; the demo will not touch it. Point SQLITE_PATH or DATABASE_URL at a new database."
    }

    static func seed(_ app: Application, log: @escaping @Sendable (String) -> Void = { _ in }) async throws -> Outcome {
        let database = app.db
        if try await SettingModel.find("demo", on: database)?.value == "true" { return .alreadySeeded }
        let real =
            try await UserModel.query(on: database).filter(\.$isDemo == false).count()
            + ProviderModel.query(on: database).filter(\.$isDemo == false).filter(\.$code !~ ProbationRegions.unified.map(ProbationRegions.providerCode))
            .count()
            + InspectionModel.query(on: database).filter(\.$isDemo == false).count()
        guard real == 0 else { throw RealDataPresent() }

        log("Generating the demo dataset")
        let dataset = DemoDataset.generate(catalog: app.frameworks)
        let hash = try app.hashPassword(password)
        let judged = dataset.inspections.flatMap(\.cases).filter { !$0.answers.isEmpty }.count
        try await database.transaction { database in
            let sql = database as! any SQLDatabase
            var providerIDs: [String: UUID] = [:]
            for provider in dataset.providers {
                // The twelve regions are in every installation already; a PDU belongs to its region.
                if provider.type == .region, let region = try await ProviderModel.find(code: provider.code, on: database) {
                    providerIDs[provider.code] = region.id
                    continue
                }
                let model = ProviderModel(
                    code: provider.code, name: provider.name, type: provider.type, region: provider.region,
                    parentID: provider.type.parentType == .region ? providerIDs[ProbationRegions.providerCode(provider.region)] : nil, isDemo: true)
                try await model.create(on: database)
                providerIDs[provider.code] = model.id
            }
            for link in dataset.predecessors {
                guard let successor = providerIDs[link.successor], let predecessor = providerIDs[link.predecessor] else { continue }
                try await ProviderLinkModel(predecessorID: predecessor, successorID: successor).create(on: database)
            }
            var users: [String: UUID] = [:]
            for account in accounts {
                let model = UserModel(
                    email: account.email, passwordHash: hash, role: account.role,
                    providerID: account.role == .provider ? providerIDs[DemoDataset.providerAccountProvider] : nil, isDemo: true)
                try await model.create(on: database)
                users[account.email] = model.id
            }
            let lead = users["lead@demo.test"]!
            let inspectors = ["inspector@demo.test", "inspector-2@demo.test", "inspector-3@demo.test", "inspector-4@demo.test"].map { users[$0]! }

            // Each inspection by provider and year, so a region can name the PDU inspections it pooled.
            var inspectionIDs: [String: UUID] = [:]
            // Each provider's latest published inspection, for its next one to follow up.
            var lastPublished: [String: UUID] = [:]
            for (number, inspection) in dataset.inspections.enumerated() {
                log("Inspection \(number + 1) of \(dataset.inspections.count)")
                let framework = app.frameworks[inspection.frameworkID]!
                let model = InspectionModel()
                var recommendations: (items: [Recommendation], actionPlans: [String?]) = ([], [])
                model.providerID = providerIDs[inspection.providerCode]!
                model.frameworkID = inspection.frameworkID.rawValue
                model.yearLabel = inspection.year
                model.state = inspection.state
                model.fieldworkStart = inspection.fieldworkStart.description
                model.fieldworkEnd = inspection.fieldworkEnd.description
                model.leadID = lead
                model.isDemo = true
                if !inspection.cases.isEmpty {
                    model.sampleSeed = Int64(bitPattern: inspection.sampleSeed)
                    model.sampleSize = inspection.cases.filter { $0.sample == framework.mainSample?.id }.count
                    model.sampleExtraSize = 12
                    model.sampleStratum = InspectionSample.ExtraStratum.none
                    model.sampleConfidence = inspection.confidence
                    model.sampleMargin = inspection.margin
                    model.sampleConfirmedAt = date(inspection.fieldworkStart)
                }
                if inspection.state == .published {
                    let frozen = FrozenRatings(
                        frameworkID: framework.id.rawValue, confidence: 0.95, answers: inspection.answerCounts,
                        organisational: inspection.organisationalRatings,
                        frozenAt: date(inspection.fieldworkEnd).addingTimeInterval(Double(inspection.publicationDays.rated) * 86_400),
                        pooledFrom: framework.pools ? inspection.pooledProviderCodes.compactMap { inspectionIDs["\($0) \(inspection.year)"] } : nil,
                        partialReason: inspection.partialReason)
                    model.ratingsSnapshot = try frozen.snapshot()
                    if let reason = inspection.partialReason {
                        // Suspended at the end of its fieldwork, then published as it stood.
                        model.suspendedAt = date(inspection.fieldworkEnd)
                        model.suspendedReason = reason
                        model.suspendedFrom = .fieldwork
                        model.partialReason = reason
                    }
                    if let rating = frozen.rating(using: framework) {
                        let name = dataset.providers.first { $0.code == inspection.providerCode }?.name ?? inspection.providerCode
                        let text = DemoDataset.reportText(providerName: name, year: inspection.year, rating: rating)
                        model.keyFindings = text.keyFindings
                        recommendations = (text.recommendations, text.actionPlans)
                    }
                    model.ratedAt = frozen.frozenAt
                    model.publishedAt = frozen.frozenAt.addingTimeInterval(Double(inspection.publicationDays.published) * 86_400)
                }
                try await model.create(on: database)
                let inspectionID = model.id!
                inspectionIDs["\(inspection.providerCode) \(inspection.year)"] = inspectionID
                try await InspectionTeam.replace(inspection: inspectionID, lead: model.leadID, with: inspectors, on: database)
                if inspection.state == .published {
                    if let previous = lastPublished[inspection.providerCode] {
                        let open = try await Recommendations.of(inspection: previous, on: database)
                        try await Recommendations.loadFollowUp(
                            Dictionary(
                                uniqueKeysWithValues: open.map {
                                    ($0.id!.uuidString, DemoDataset.followUp(providerCode: inspection.providerCode, number: $0.position))
                                }),
                            in: inspectionID, on: database)
                    }
                    try await Recommendations.load(recommendations.items, inspection: inspectionID, actionPlans: recommendations.actionPlans, on: database)
                    lastPublished[inspection.providerCode] = inspectionID
                }

                try await ProviderData.replaceCaseload(inspection: inspectionID, with: inspection.eligible, on: database)
                if !inspection.workforce.isEmpty { try await ProviderData.replaceWorkforce(inspection: inspectionID, with: inspection.workforce, on: database) }

                var caseRows: [[any Encodable & Sendable]] = []
                var answerRows: [CaseAnswers.Loaded] = []
                var interviewRows: [Interviews.Loaded] = []
                let at = date(inspection.fieldworkStart).addingTimeInterval(7 * 86_400)
                for judgedCase in inspection.cases {
                    let caseID = UUID()
                    let assessor = inspectors[judgedCase.inspectorIndex % inspectors.count]
                    let status: CaseStatus = judgedCase.complete ? .complete : judgedCase.answers.isEmpty ? .notStarted : .inProgress
                    caseRows.append([
                        caseID, inspectionID, judgedCase.record.caseReference, judgedCase.sample,
                        judgedCase.sample == framework.mainSample?.id ? judgedCase.record.standardStratum : judgedCase.sample,
                        judgedCase.record.rosh?.rawValue, judgedCase.record.sentenceType.rawValue, judgedCase.record.officerGrade.rawValue,
                        judgedCase.record.team,
                        assessor, status.rawValue, SampledCaseModel.encode(judgedCase.facts), judgedCase.answers.isEmpty ? 0 : 1,
                        judgedCase.complete ? at : nil as Date?, at,
                    ])
                    for (question, answer) in judgedCase.answers.sorted(by: { $0.key < $1.key }) {
                        answerRows.append(
                            .init(caseID: caseID, question: question, answer: answer, rationale: judgedCase.rationales[question] ?? "", by: assessor, at: at))
                    }
                    if let interview = judgedCase.interview { interviewRows.append(.init(caseID: caseID, interview: interview, by: assessor, at: at)) }
                }
                try await BulkInsert.rows(
                    sql, into: SampledCaseModel.schema,
                    columns: [
                        "id", "inspection_id", "case_ref", "sample", "stratum", "rosh", "sentence_type", "officer_grade", "team", "assessor_id", "status",
                        "facts", "facts_version", "completed_at", "updated_at",
                    ],
                    caseRows)
                try await CaseAnswers.load(answerRows, on: database)
                try await Interviews.load(interviewRows, on: database)
                let type = dataset.providers.first { $0.code == inspection.providerCode }!.type
                let surveyed = DemoSurveys.responses(for: inspection, type: type, surveys: app.surveys.surveys(for: type))
                try await SurveyResponses.load(
                    surveyed.sorted { $0.key < $1.key }.flatMap { survey, responses in
                        responses.map { SurveyResponses.Loaded(inspection: inspectionID, survey: survey, response: $0, by: lead, at: at) }
                    }, on: database)
                for (standard, rating) in inspection.organisationalRatings {
                    let row = OrganisationalRatingModel()
                    row.inspectionID = inspectionID
                    row.standardID = standard.rawValue
                    row.rating = rating
                    row.evidence = inspection.evidence[standard] ?? ""
                    row.updatedBy = lead
                    row.updatedAt = at
                    try await row.create(on: database)
                }
            }
            log("Quarterly data returns")
            try await DataReturns.load(
                dataset.returns.map { quarterly in
                    .init(
                        provider: providerIDs[quarterly.providerCode]!, period: quarterly.period, caseloadRows: quarterly.caseloadRows,
                        workforceRows: quarterly.workforceRows, submittedAt: date(quarterly.period.lastDay).addingTimeInterval(20 * 86_400),
                        points: quarterly.points)
                }, on: database)
            log("Serious further offence reviews")
            let quality = try await UserModel.find(users["quality@demo.test"]!, on: database)!
            let sfoReviews = DemoSFOReviews.generate()
            try await SFOReviews.load(
                sfoReviews, providers: providerIDs, sampleSeed: 2019, ratedBy: quality.id!, at: date(CalendarDate(year: 2021, month: 5, day: 4)!),
                rationale: DemoSFOReviews.rationale, on: database)
            try await SFOPublications.publish(
                DemoSFOReviews.publishedYear, at: date(CalendarDate(year: 2020, month: 9, day: 15)!),
                auditor: Auditor(user: quality, ip: nil, userAgent: nil), on: database)
            try await SettingModel(key: "demo", value: "true").create(on: database)
        }
        return .seeded(inspections: dataset.inspections.count, cases: judged)
    }

    static func date(_ day: CalendarDate) -> Date {
        var components = DateComponents()
        components.year = day.year
        components.month = day.month
        components.day = day.day
        components.hour = 9
        components.timeZone = TimeZone(identifier: "UTC")
        return Calendar(identifier: .gregorian).date(from: components) ?? Date()
    }
}
