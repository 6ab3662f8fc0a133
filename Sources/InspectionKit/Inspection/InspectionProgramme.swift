/// An inspection year, 1 April to 31 March: "2019/20".
public struct InspectionYear: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let startYear: Int

    public init?(startYear: Int) {
        guard (2000...2099).contains(startYear) else { return nil }
        self.startYear = startYear
    }

    /// Reads "2019/20" or "2019-20"; the second part must be the year after the first.
    public init?(parsing text: some StringProtocol) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(whereSeparator: { $0 == "/" || $0 == "-" })
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, let start = Int(parts[0]), let end = Int(parts[1]),
            end == (start + 1) % 100
        else { return nil }
        self.init(startYear: start)
    }

    /// The year a day falls in.
    public init(containing day: CalendarDate) {
        startYear = day.month >= 4 ? day.year : day.year - 1
    }

    /// "2019/20", as inspections are labelled.
    public var description: String { "\(startYear)/\(String((startYear + 1) % 100).leftPadded(to: 2))" }
    /// "2019-20", as addresses write it.
    public var slug: String { description.replacingOccurrences(of: "/", with: "-") }
    public var firstDay: CalendarDate { CalendarDate(year: startYear, month: 4, day: 1)! }
    public var lastDay: CalendarDate { CalendarDate(year: startYear + 1, month: 3, day: 31)! }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.startYear < rhs.startYear }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let year = InspectionYear(parsing: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\"\(text)\" is not a year such as 2019/20"))
        }
        self = year
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension ProviderType {
    /// Whether every service of this type is due an inspection in the year. The companies and
    /// divisions ran until the service was unified in June 2021; PDUs and regions from then.
    /// Youth offending teams are inspected on a cycle of their own, not every year.
    public func isDueAnnually(in year: InspectionYear) -> Bool {
        switch self {
        case .crc, .nps: (2014...2020).contains(year.startYear)
        case .pdu, .region: year.startYear >= 2021
        case .yot: false
        }
    }
}

/// Every probation service due an inspection in a year, where each stands, and how long
/// publication took after fieldwork: the answer to "too slow", in days.
public struct InspectionProgramme: Sendable {
    public struct Service: Sendable, Hashable {
        public let code: String
        public let name: String
        public let type: ProviderType
        public let region: String

        public init(code: String, name: String, type: ProviderType, region: String) {
            self.code = code
            self.name = name
            self.type = type
            self.region = region
        }
    }

    public struct Inspection: Sendable, Hashable {
        public let id: String
        public let providerCode: String
        public let year: InspectionYear
        public let state: InspectionState
        public let fieldworkEnd: CalendarDate?
        public let published: CalendarDate?

        public init(id: String, providerCode: String, year: InspectionYear, state: InspectionState, fieldworkEnd: CalendarDate?, published: CalendarDate?) {
            self.id = id
            self.providerCode = providerCode
            self.year = year
            self.state = state
            self.fieldworkEnd = fieldworkEnd
            self.published = published
        }

        /// Days from the last day of fieldwork to publication; nil until published.
        public var daysToPublication: Int? {
            guard state == .published, let fieldworkEnd, let published else { return nil }
            return published.daysSince(fieldworkEnd)
        }
    }

    public enum Status: String, Sendable, Hashable, Codable, CaseIterable {
        case notYetPlanned = "not-yet-planned"
        case planned
        case inProgress = "in-progress"
        case suspended
        case published
        case overdue

        public var title: String {
            switch self {
            case .notYetPlanned: "Not yet planned"
            case .planned: "Planned"
            case .inProgress: "In progress"
            case .suspended: "Suspended"
            case .published: "Published"
            case .overdue: "Overdue"
            }
        }
    }

    public struct Line: Sendable, Hashable {
        public let service: Service
        public let status: Status
        /// This year's inspection, if there is one that was not withdrawn.
        public let inspection: Inspection?
        /// The service's latest published inspection up to this year.
        public let lastPublished: Inspection?
    }

    /// One year's days from fieldwork to publication.
    public struct Timeliness: Sendable, Hashable {
        public let year: InspectionYear
        public let days: [Int]

        public var median: Double? {
            guard !days.isEmpty else { return nil }
            let sorted = days.sorted(), middle = sorted.count / 2
            return sorted.count % 2 == 1 ? Double(sorted[middle]) : Double(sorted[middle - 1] + sorted[middle]) / 2
        }
        public var shortest: Int? { days.min() }
        public var longest: Int? { days.max() }
    }

    public let year: InspectionYear
    public let lines: [Line]
    /// This year's published inspections with their days to publication, quickest first.
    public let published: [(service: Service, inspection: Inspection, days: Int)]
    /// Every year with a published inspection, oldest first.
    public let timeliness: [Timeliness]

    /// - Parameter today: a year that has ended without a service's publication makes it overdue.
    public init(year: InspectionYear, services: [Service], inspections: [Inspection], today: CalendarDate) {
        self.year = year
        let byCode = Dictionary(grouping: inspections.filter { $0.state != .withdrawn }, by: \.providerCode)
        let ended = today > year.lastDay
        lines = services.filter { $0.type.isDueAnnually(in: year) || byCode[$0.code]?.contains { $0.year == year } == true }
            .sorted { ($0.type.rawValue, $0.region, $0.name) < ($1.type.rawValue, $1.region, $1.name) }
            .map { service in
                let own = byCode[service.code] ?? []
                // A published inspection of the year settles it; otherwise the furthest along.
                let current = own.filter { $0.year == year }.max { Self.progress($0.state) < Self.progress($1.state) }
                let lastPublished = own.filter { $0.state == .published && $0.year <= year }.max { $0.year < $1.year }
                let status: Status =
                    switch current?.state {
                    case .published: .published
                    case .suspended: .suspended
                    case nil: ended ? .overdue : .notYetPlanned
                    case .planned, .dataRequested: ended ? .overdue : .planned
                    default: ended ? .overdue : .inProgress
                    }
                return Line(service: service, status: status, inspection: current, lastPublished: lastPublished)
            }
        let names = Dictionary(services.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        published = inspections.filter { $0.year == year }.compactMap { inspection in
            guard let days = inspection.daysToPublication, let service = names[inspection.providerCode] else { return nil }
            return (service, inspection, days)
        }.sorted { ($0.days, $0.service.name) < ($1.days, $1.service.name) }
        timeliness = Dictionary(grouping: inspections.filter { $0.daysToPublication != nil }, by: \.year)
            .map { Timeliness(year: $0.key, days: $0.value.compactMap(\.daysToPublication)) }.sorted { $0.year < $1.year }
    }

    static func progress(_ state: InspectionState) -> Int {
        state == .published ? 100 : InspectionState.stages.firstIndex(of: state) ?? (state == .suspended ? 50 : -1)
    }

    /// How many services stand at each status, in the statuses' order.
    public var counts: [(status: Status, count: Int)] {
        Status.allCases.map { status in (status, lines.count { $0.status == status }) }.filter { $0.count > 0 }
    }
}
