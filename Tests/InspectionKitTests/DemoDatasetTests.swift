import Foundation
import Testing

@testable import InspectionKit

@Suite("Demo dataset")
struct DemoDatasetTests {
    static let dataset = DemoDataset.generate(catalog: Fixtures.catalog)

    static func overall(_ inspection: DemoDataset.Inspection) -> InspectionRating {
        let framework = Fixtures.catalog[inspection.frameworkID]!
        return RatingEngine(framework: framework).rate(answers: inspection.answerCounts, organisationalRatings: inspection.organisationalRatings)
    }

    static func inspections(_ type: ProviderType, _ year: String) -> [DemoDataset.Inspection] {
        let codes = Set(dataset.providers.filter { $0.type == type }.map(\.code))
        return dataset.inspections.filter { codes.contains($0.providerCode) && $0.year == year }
    }

    @Test("21 CRCs and 7 NPS divisions, every one inspected in 2018/19")
    func providers() {
        #expect(Self.dataset.providers.filter { $0.type == .crc }.count == 21)
        #expect(Self.dataset.providers.filter { $0.type == .nps }.count == 7)
        #expect(Self.inspections(.crc, "2018/19").count == 21)
        #expect(Self.inspections(.nps, "2018/19").count == 7)
    }

    @Test("about 5,500 judged cases")
    func caseCount() {
        let judged = Self.dataset.inspections.flatMap(\.cases).filter { !$0.answers.isEmpty }.count
        #expect((5_000...6_000).contains(judged), "\(judged) judged cases")
    }

    @Test("2018/19: 20 of 21 CRCs Requires improvement and one Inadequate")
    func yearOne() {
        let ratings = Self.inspections(.crc, "2018/19").map { Self.overall($0).overall.rating }
        #expect(ratings.filter { $0 == .requiresImprovement }.count == 20, "\(ratings)")
        #expect(ratings.filter { $0 == .inadequate }.count == 1)
    }

    // The seeds' deck, "Probation inspections – 2019/2020".

    @Test("seed: \"we inspected 10 Community Rehabilitation Companies (CRCs) and 1 National Probation Service (NPS) domain\"")
    func yearTwoInspected() {
        #expect(Self.inspections(.crc, "2019/20").count == 10)
        #expect(Self.inspections(.nps, "2019/20").map(\.providerCode) == ["nps-north-west"])
        #expect(Self.inspections(.crc, "2019/20").allSatisfy { $0.state == .published })
    }

    @Test("seed: \"An inspection of Hampshire and Isle of Wight could not be completed due to Covid-19, so an overall rating could not be awarded\"")
    func hampshireCutShort() throws {
        let partial = Self.dataset.inspections.filter { $0.partialReason != nil }
        #expect(partial.map(\.providerCode) == ["hampshire-iow"] && partial.map(\.year) == ["2019/20"])
        let hampshire = try #require(partial.first)
        #expect(hampshire.partialReason!.contains("Covid-19"))
        #expect(hampshire.fieldworkStart.year == 2020 && hampshire.fieldworkStart.month == 3)
        let rating = Self.overall(hampshire).withholdingOverall(because: hampshire.partialReason!)
        #expect(rating.overall.rating == nil && rating.overall.reason == hampshire.partialReason)
        // What was done was rated: every case standard, none of the organisational ones.
        #expect(rating.standards.filter { $0.rating != nil }.map(\.id) == ["2.1", "2.2", "2.3", "2.4", "4.1", "4.2"])
        // Every other 2019/20 CRC has an overall rating.
        let others = Self.inspections(.crc, "2019/20").filter { $0.providerCode != "hampshire-iow" }
        #expect(others.allSatisfy { Self.overall($0).overall.rating != nil })
    }

    @Test("seed: \"three now rated 'Good'\" of the CRCs, the rest Requires improvement, and Hampshire with none")
    func yearTwoOverall() {
        let ratings = Self.inspections(.crc, "2019/20").map { Self.overall($0).overall.rating }
        #expect(ratings.filter { $0 == .good }.count == 3, "\(ratings)")
        #expect(ratings.filter { $0 == .requiresImprovement }.count == 6, "\(ratings)")
        #expect(ratings.filter { $0 == nil }.count == 1, "\(ratings)")
    }

    @Test("seed: \"five rated 'Inadequate' across all our case supervision standards\"")
    func fiveInadequateOnCaseSupervision() {
        let inadequateOnAll = Self.inspections(.crc, "2019/20").filter { inspection in
            let standards = Self.overall(inspection).standards.filter { ["2.1", "2.2", "2.3", "2.4"].contains($0.id) }
            return standards.count == 4 && standards.allSatisfy { $0.rating == .inadequate }
        }
        #expect(inadequateOnAll.count == 5, "\(inadequateOnAll.map(\.providerCode))")
    }

    @Test("seed: through the gate \"8 out of ten services rated 'Outstanding'\", unpaid work \"8 out of ten rated 'Good'\"")
    func throughTheGateAndUnpaidWork() {
        func count(_ standard: StandardID, _ rating: Rating) -> Int {
            Self.inspections(.crc, "2019/20").filter { inspection in Self.overall(inspection).standards.first { $0.id == standard }?.rating == rating }.count
        }
        #expect(count("4.2", .outstanding) == 8)
        #expect(count("4.1", .good) == 8)
        // "Significant improvement in through the gate": from none Outstanding the year before.
        let yearOne = Self.inspections(.crc, "2018/19").filter { Self.overall($0).standards.first { $0.id == "4.2" }?.rating == .outstanding }
        #expect(yearOne.count <= 2, "\(yearOne.map(\.providerCode))")
    }

    @Test("every NPS division Requires improvement on staff in 2018/19")
    func npsStaffing() {
        #expect(Self.inspections(.nps, "2018/19").allSatisfy { $0.organisationalRatings["1.2"] == .requiresImprovement })
    }

    /// The seeds' 2019/20 table, "Higher risk cases are getting better supervision": the share of
    /// cases whose assessment, planning, delivery and reviewing focused on keeping people safe.
    @Test("seed: keeping people safe falls from NPS high RoSH to CRC low RoSH, near the published figures")
    func keepingPeopleSafe() {
        func share(_ type: ProviderType, _ levels: Set<RoshLevel>, _ question: QuestionID) -> Double {
            var counts = AnswerCounts()
            for inspection in Self.inspections(type, "2019/20") {
                for judged in inspection.cases where judged.record.rosh.map(levels.contains) ?? false {
                    if let answer = judged.answers[question] { counts.record(answer) }
                }
            }
            return counts.shareSufficient!.percent
        }
        let published: [QuestionID: [Double]] = [
            "2.1.3": [78, 73, 57, 55], "2.2.3": [73, 68, 51, 12], "2.3.3": [68, 63, 44, 22], "2.4.3": [64, 60, 47, 38],
        ]
        for (question, figures) in published {
            let found = [
                share(.nps, [.high, .veryHigh], question), share(.nps, [.medium], question), share(.crc, [.medium], question),
                share(.crc, [.low], question),
            ]
            // North West's sample is the NPS figure itself, to within half a case; the CRCs' is ten
            // samples together.
            #expect(abs(found[0] - figures[0]) <= 2 && abs(found[1] - figures[1]) <= 2, "\(question): \(found)")
            #expect(abs(found[2] - figures[2]) < 8 && abs(found[3] - figures[3]) < 8, "\(question): \(found)")
        }
        let planning = [
            share(.nps, [.high, .veryHigh], "2.2.3"), share(.nps, [.medium], "2.2.3"), share(.crc, [.medium], "2.2.3"), share(.crc, [.low], "2.2.3"),
        ]
        #expect(planning == planning.sorted(by: >), "\(planning)")
    }

    @Test("the same seed gives the same dataset")
    func reproducible() {
        let again = DemoDataset.generate(catalog: Fixtures.catalog)
        #expect(again.inspections.map(\.cases) == Self.dataset.inspections.map(\.cases))
        #expect(again.inspections.map(\.organisationalRatings) == Self.dataset.inspections.map(\.organisationalRatings))
    }

    @Test("youth offending teams: court and out-of-court samples, 2018 framework published, 2021 in fieldwork")
    func youth() {
        let youth = Self.dataset.inspections.filter { $0.providerCode.hasPrefix("yot-") }
        #expect(youth.map(\.frameworkID.rawValue) == ["youth-2018", "youth-2018", "youth-2018", "youth-2021"])
        #expect(youth.map(\.state) == [.published, .published, .published, .fieldwork])
        for inspection in youth {
            let samples = Dictionary(grouping: inspection.cases, by: \.sample)
            #expect((samples["court-disposals"]?.count ?? 0) >= 20)
            #expect(samples["out-of-court-disposals"]?.count == 20)
            #expect(samples["court-disposals"]!.allSatisfy { !$0.record.sentenceType.isOutOfCourt })
            #expect(samples["out-of-court-disposals"]!.allSatisfy { $0.record.sentenceType.isOutOfCourt })
        }
        // Every one of the 2018 framework's twelve standards is rated for a published YOT.
        let framework = Fixtures.catalog["youth-2018"]!
        let rating = RatingEngine(framework: framework).rate(answers: youth[0].answerCounts, organisationalRatings: youth[0].organisationalRatings)
        #expect(rating.standards.count == 12 && rating.standards.allSatisfy { $0.rating != nil })
        #expect(rating.overall.rating != nil)
    }

    @Test("two inspections in fieldwork (Essex CRC, a 2021/22 YOT) and one awaiting data")
    func inProgress() {
        #expect(Self.dataset.inspections.filter { $0.state == .fieldwork }.map(\.providerCode) == ["essex", "yot-cardiff"])
        let waiting = Self.dataset.inspections.filter { $0.state == .dataRequested }
        #expect(waiting.map(\.providerCode) == [DemoDataset.providerAccountProvider])
    }

    // MARK: - The unified service, as the seeds and published reports describe it

    @Test("seed: \"Four out of the six of our recent local probation inspections have been rated inadequate\" (2021/22 and 2022/23)")
    func fourOfSixPDUsInadequate() {
        let local = Self.dataset.inspections.filter { $0.frameworkID == "probation-2021-pdu" }
        #expect(local.count == 6 && Set(local.map(\.year)) == ["2021/22", "2022/23"])
        #expect(local.allSatisfy { $0.state == .published })
        let ratings = local.map { Self.overall($0).overall.rating }
        #expect(ratings.filter { $0 == .inadequate }.count == 4, "\(ratings)")
        #expect(!ratings.contains(nil))
    }

    @Test("2023/24: every PDU of two regions inspected under probation-2023-pdu, then each region, pooling all of them")
    func completeRegions() throws {
        let region = try #require(Fixtures.catalog["probation-2023-region"])
        let regional = Self.dataset.inspections.filter { $0.frameworkID == region.id }
        #expect(regional.map(\.providerCode) == ["region-north-east", "region-wales"])
        for inspection in regional {
            let name = try #require(Self.dataset.providers.first { $0.code == inspection.providerCode }?.region)
            let pdus = Self.dataset.providers.filter { $0.type == .pdu && $0.region == name }.map(\.code)
            #expect(pdus.count >= 3 && Set(inspection.pooledProviderCodes) == Set(pdus), "\(name) pools all its PDUs")
            let pooled = Self.dataset.inspections.filter { pdus.contains($0.providerCode) && $0.year == "2023/24" }
            #expect(pooled.count == pdus.count && pooled.allSatisfy { $0.frameworkID == "probation-2023-pdu" && $0.state == .published })
            // The pooled counts are the PDUs' counts added up, question by question.
            for standard in region.standards where standard.kind == .pooled {
                for question in standard.questions {
                    let sum = pooled.map { $0.answerCounts[question.pools!] ?? AnswerCounts() }.reduce(AnswerCounts(), +)
                    #expect(inspection.answerCounts[question.id] == sum && sum.applicable > 0)
                }
            }
            let rating = Self.overall(inspection)
            #expect(rating.standards.allSatisfy { $0.rating != nil } && rating.overall.rating == .requiresImprovement, "\(name): \(rating.overall.explanation)")
        }
        // Their own unpaid-work and victim samples were judged at the regional fieldwork.
        #expect(regional.allSatisfy { inspection in Set(inspection.cases.map(\.sample)) == ["unpaid-work", "victim-work"] })
    }

    @Test("every demo PDU names the CRC whose area it now covers")
    func predecessors() {
        let types = Dictionary(uniqueKeysWithValues: Self.dataset.providers.map { ($0.code, $0.type) })
        #expect(Self.dataset.predecessors.allSatisfy { types[$0.successor] == .pdu && types[$0.predecessor] == .crc })
        #expect(Set(Self.dataset.predecessors.map(\.successor)) == Set(Self.dataset.providers.filter { $0.type == .pdu }.map(\.code)))
    }

    @Test("seed: \"over 650 NPS PO vacancies\" in 2018/19, and about 60% of NPS POs over 100% on the workload tool")
    func npsVacancies() {
        let lines = Self.inspections(.nps, "2018/19").compactMap { StaffingFigures($0.workforce).line(.probationOfficer) }
        #expect(lines.count == 7)
        let vacancies = lines.reduce(0) { $0 + $1.vacancies }
        #expect((650...700).contains(vacancies), "\(vacancies) NPS PO vacancies")
        let over = lines.compactMap(\.overHundred).reduce(into: (count: 0, of: 0)) {
            $0.count += $1.count; $0.of += $1.of
        }
        let share = Double(over.count) / Double(over.of)
        #expect((0.55...0.65).contains(share), "\(over.count) of \(over.of) NPS POs over 100%")
    }

    @Test("quarterly returns 2021-Q1 to 2024-Q4 for every PDU; the alerts catch three declines and leave Swansea's dip, which is noise")
    func returns() throws {
        let pdus = Set(Self.dataset.providers.filter { $0.type == .pdu }.map(\.code))
        let quarters = Quarter.from(Quarter(year: 2021, number: 1)!, through: Quarter(year: 2024, number: 4)!)
        #expect(quarters.count == 16)
        for pdu in pdus {
            #expect(Self.dataset.returns.filter { $0.providerCode == pdu }.map(\.period) == quarters, "\(pdu)")
        }
        var alerts: [String: [String]] = [:]
        var swansea: IndicatorChange?
        for pdu in pdus {
            let returns = Self.dataset.returns.filter { $0.providerCode == pdu }
            for indicator in Indicator.standard + [Fixtures.catalog.indicators(for: .pdu).last!] {
                let series = IndicatorSeries(indicator: indicator, points: returns.compactMap { $0.points[indicator.id] })
                #expect(series.points.count == 16)
                if series.alert(rule: .standard) != nil { alerts[pdu, default: []].append(indicator.id) }
                // No earlier quarter is flagged either: only the last quarter's moves are planted.
                #expect(series.changes(rule: .standard).dropLast().allSatisfy { $0?.isDeterioration != true }, "\(pdu) \(indicator.id)")
                if pdu == "pdu-swansea" && indicator == .programmeStarts { swansea = series.latestChange(rule: .standard) }
            }
        }
        #expect(
            alerts == [
                "pdu-wolverhampton": ["face-to-face-contact"], "pdu-brighton": ["vacancy-rate"], "pdu-sunderland": ["unpaid-work-completion"],
            ])
        // A fall of more than the 5-point threshold, whose interval still includes no change.
        let dip = try #require(swansea)
        #expect(dip.difference.estimate < -0.05 && !dip.difference.excludesZero && !dip.isChange, "\(dip.description)")
    }

    @Test("surveys from 2019/20: staff answer under their interview references, once each; CRC officers mostly find their workload unmanageable")
    func surveys() throws {
        let catalog = try SurveyCatalog.bundled()
        func responses(_ inspection: DemoDataset.Inspection) -> [String: [SurveyResponse]] {
            let type = Self.dataset.providers.first { $0.code == inspection.providerCode }!.type
            return DemoSurveys.responses(for: inspection, type: type, surveys: catalog.surveys(for: type))
        }
        #expect(Self.inspections(.crc, "2018/19").allSatisfy { responses($0).isEmpty })
        var workload: [SurveyResponse] = []
        for inspection in Self.inspections(.crc, "2019/20") {
            let surveyed = responses(inspection)
            let staff = try #require(surveyed["staff-2019"])
            let officers = Set(inspection.cases.compactMap { $0.interview?.officerReference })
            #expect(!staff.isEmpty && staff.allSatisfy { officers.contains($0.respondent) })
            #expect(Set(staff.map(\.respondent)).count == staff.count)
            #expect((25...54).contains(surveyed["people-on-probation-2019"]?.count ?? 0))
            workload += staff
            #expect(responses(inspection) == surveyed, "seeded: the same every time")
        }
        let share = try #require(SurveyFigures(survey: catalog["staff-2019"]!, responses: workload).questions.first?.favourable)
        #expect(share.of > 150 && (share.interval?.upper ?? 1) < 0.5, "\(share.count) of \(share.of)")
    }
}
