import Testing

@testable import InspectionKit

@Suite("The inspection programme")
struct InspectionProgrammeTests {
    static let y1920 = InspectionYear(parsing: "2019/20")!
    static func day(_ text: String) -> CalendarDate { CalendarDate(parsing: text)! }

    @Test("a year is read as 2019/20 or 2019-20, and nothing else; a day belongs to the year that began on the April before")
    func years() {
        #expect(InspectionYear(parsing: "2019-20") == Self.y1920)
        #expect(Self.y1920.description == "2019/20" && Self.y1920.slug == "2019-20")
        for bad in ["2019/21", "2019", "19/20", "2019/2020", "abcd/ef", "1999/00x", ""] { #expect(InspectionYear(parsing: bad) == nil, "\(bad)") }
        #expect(InspectionYear(parsing: "2099/00") != nil)
        #expect(InspectionYear(containing: Self.day("2020-03-31")) == Self.y1920)
        #expect(InspectionYear(containing: Self.day("2020-04-01")).description == "2020/21")
    }

    @Test("companies and divisions are due to 2020/21, PDUs and regions from 2021/22, youth teams not every year")
    func due() {
        let y2021 = InspectionYear(parsing: "2020/21")!, y2122 = InspectionYear(parsing: "2021/22")!
        #expect(ProviderType.crc.isDueAnnually(in: y2021) && !ProviderType.crc.isDueAnnually(in: y2122))
        #expect(!ProviderType.pdu.isDueAnnually(in: y2021) && ProviderType.region.isDueAnnually(in: y2122))
        #expect(!ProviderType.yot.isDueAnnually(in: Self.y1920))
    }

    static let services = [
        InspectionProgramme.Service(code: "a", name: "Alpha CRC", type: .crc, region: "London"),
        InspectionProgramme.Service(code: "b", name: "Beta CRC", type: .crc, region: "London"),
        InspectionProgramme.Service(code: "c", name: "Gamma CRC", type: .crc, region: "Wales"),
        InspectionProgramme.Service(code: "d", name: "Delta CRC", type: .crc, region: "Wales"),
        InspectionProgramme.Service(code: "e", name: "Epsilon CRC", type: .crc, region: "Wales"),
        InspectionProgramme.Service(code: "y", name: "Youth team", type: .yot, region: "Wales"),
        InspectionProgramme.Service(code: "p", name: "A PDU", type: .pdu, region: "Wales"),
    ]

    static func inspection(
        _ id: String, _ code: String, _ year: String, _ state: InspectionState, end: String? = "2019-09-20", published: String? = nil
    ) -> InspectionProgramme.Inspection {
        .init(
            id: id, providerCode: code, year: InspectionYear(parsing: year)!, state: state, fieldworkEnd: end.map(day), published: published.map(day))
    }

    static let inspections = [
        // Alpha: published in 2018/19 and 2019/20, 41 and 80 days after fieldwork.
        inspection("a1", "a", "2018/19", .published, end: "2018-10-01", published: "2018-11-11"),
        inspection("a2", "a", "2019/20", .published, end: "2019-09-20", published: "2019-12-09"),
        // Beta: 2019/20 published after 60 days; a withdrawn inspection of the same year is ignored.
        inspection("b0", "b", "2019/20", .withdrawn),
        inspection("b1", "b", "2019/20", .published, end: "2019-10-01", published: "2019-11-30"),
        // Gamma: in fieldwork; Delta: suspended; Epsilon: nothing this year, published in 2018/19 after 50 days.
        inspection("c1", "c", "2019/20", .fieldwork),
        inspection("d1", "d", "2019/20", .suspended),
        inspection("e1", "e", "2018/19", .published, end: "2018-06-01", published: "2018-07-21"),
    ]

    @Test("each service due stands as its inspection says, and is overdue once the year ends without publication")
    func statuses() throws {
        func statuses(today: String) -> [String: InspectionProgramme.Status] {
            let programme = InspectionProgramme(year: Self.y1920, services: Self.services, inspections: Self.inspections, today: Self.day(today))
            return Dictionary(uniqueKeysWithValues: programme.lines.map { ($0.service.code, $0.status) })
        }
        // The youth team and the PDU are not due in 2019/20, and had no inspection then, so are not listed.
        #expect(statuses(today: "2020-01-15") == ["a": .published, "b": .published, "c": .inProgress, "d": .suspended, "e": .notYetPlanned])
        #expect(statuses(today: "2020-04-01") == ["a": .published, "b": .published, "c": .overdue, "d": .suspended, "e": .overdue])
        let programme = InspectionProgramme(year: Self.y1920, services: Self.services, inspections: Self.inspections, today: Self.day("2020-01-15"))
        let epsilon = try #require(programme.lines.first { $0.service.code == "e" })
        #expect(epsilon.lastPublished?.id == "e1" && epsilon.inspection == nil)
        #expect(programme.lines.first { $0.service.code == "b" }?.inspection?.id == "b1")
        #expect(programme.counts.map(\.status) == [.notYetPlanned, .inProgress, .suspended, .published])
    }

    @Test("days from fieldwork to publication, counted by hand: 2019/20 took 60 and 80 days (median 70), 2018/19 41 and 50 (median 45.5)")
    func timeliness() {
        let programme = InspectionProgramme(year: Self.y1920, services: Self.services, inspections: Self.inspections, today: Self.day("2020-06-01"))
        #expect(programme.published.map(\.days) == [60, 80])
        #expect(programme.published.map(\.service.name) == ["Beta CRC", "Alpha CRC"])
        #expect(programme.timeliness.map(\.year.description) == ["2018/19", "2019/20"])
        #expect(programme.timeliness[0].median == 45.5 && programme.timeliness[0].shortest == 41 && programme.timeliness[0].longest == 50)
        #expect(programme.timeliness[1].median == 70 && programme.timeliness[1].shortest == 60 && programme.timeliness[1].longest == 80)
        let odd = InspectionProgramme.Timeliness(year: Self.y1920, days: [90, 10, 30])
        #expect(odd.median == 30)
        #expect(InspectionProgramme.Timeliness(year: Self.y1920, days: []).median == nil)
    }
}

@Suite("Provider lineage")
struct ProviderLineageTests {
    @Test("predecessors and successors however many steps away, not siblings, and a cycle ends")
    func lineage() {
        // A company and a division pass to PDU 1; the company also to PDU 2; PDU 1 later merges into PDU 3.
        let links = [("crc", "pdu-1"), ("nps", "pdu-1"), ("crc", "pdu-2"), ("pdu-1", "pdu-3")].map { (predecessor: $0.0, successor: $0.1) }
        let pdu1 = ProviderLineage(of: "pdu-1", links: links)
        #expect(pdu1.members == ["pdu-1": .provider, "crc": .predecessor, "nps": .predecessor, "pdu-3": .successor])
        let crc = ProviderLineage(of: "crc", links: links)
        #expect(crc.members == ["crc": .provider, "pdu-1": .successor, "pdu-2": .successor, "pdu-3": .successor])
        #expect(ProviderLineage(of: "alone", links: links).members == ["alone": .provider])
        let cycle = ProviderLineage(of: "a", links: [(predecessor: "a", successor: "b"), (predecessor: "b", successor: "a")])
        #expect(cycle.members.count == 2)
    }
}

@Suite("List queries: filters and pages")
struct ListQueryTests {
    func read(_ parameters: [String: String]) -> Result<ListQuery, ListQueryProblem> { ListQuery.read(parameters) }

    @Test("each bad parameter is refused in words; good ones are read, blank ones ignored")
    func reading() throws {
        for (name, value, words) in [
            ("page", "0", "page must be a whole number from 1"), ("page", "two", "page must be"), ("per_page", "201", "from 1 to 200"),
            ("type", "prison", "type must be one of crc, nps, pdu, region, yot"), ("year", "2019-21", "such as 2019-20"),
            ("rating", "excellent", "rating must be one of outstanding, good, requires-improvement, inadequate"),
        ] {
            guard case .failure(let problem) = read([name: value]) else {
                Issue.record("\(name)=\(value) accepted")
                continue
            }
            #expect(problem.message.contains(words), "\(problem.message)")
        }
        let query = try read(["page": "2", "per_page": "10", "type": "PDU", "year": "2021/22", "rating": "good", "region": " North West ", "page_size": "9"])
            .get()
        #expect(query.page == 2 && query.perPage == 10 && query.type == .pdu && query.year?.slug == "2021-22" && query.rating == .good)
        #expect(query.region == "North West")
        #expect(try read(["type": "", "page": " "]).get() == ListQuery())
        #expect(query.queryString(page: 3) == "page=3&per_page=10&type=pdu&region=North%20West&year=2021-22&rating=good")
    }

    @Test("filters: a provider matches a year, framework and rating when one of its inspections has all three")
    func filtering() throws {
        let y1920 = InspectionYear(parsing: "2019/20")!, y2122 = InspectionYear(parsing: "2021/22")!
        let provider = ListQuery.Facets(
            type: .crc, region: "London",
            inspections: [(y1920, "probation-2018-crc", .good), (y2122, "probation-2021-pdu", .inadequate)])
        var query = ListQuery()
        #expect(query.matches(provider))
        query.region = "london"
        query.year = y1920
        query.rating = .good
        #expect(query.matches(provider))
        query.rating = .inadequate  // inadequate, but not in 2019/20
        #expect(!query.matches(provider))
        query.year = nil
        #expect(query.matches(provider))
        query.type = .pdu
        #expect(!query.matches(provider))
    }

    @Test("pages: 7 items at 3 a page are 3, 3 and 1; past the end is empty and points back to the last")
    func paging() {
        var query = ListQuery()
        query.perPage = 3
        let items = Array(1...7)
        func page(_ number: Int) -> ListPage<Int> {
            query.page = number
            return query.page(items) { _ in ListQuery.Facets(type: .crc, region: "", inspections: []) }
        }
        #expect(page(1).items == [1, 2, 3] && page(1).next == 2 && page(1).previous == nil && page(1).pages == 3 && page(1).total == 7)
        #expect(page(3).items == [7] && page(3).next == nil && page(3).previous == 2)
        #expect(page(9).items.isEmpty && page(9).next == nil && page(9).previous == 3)
        query.perPage = 50
        #expect(page(1).pages == 1 && page(1).next == nil)
    }
}
