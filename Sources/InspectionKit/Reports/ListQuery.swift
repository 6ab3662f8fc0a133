import Foundation

/// What a list in the API was asked for: which items (by provider type, region, year, framework
/// and rating) and which page of them.
public struct ListQuery: Sendable, Hashable {
    public static let defaultPerPage = 50
    public static let maximumPerPage = 200

    public var page = 1
    public var perPage = defaultPerPage
    public var type: ProviderType?
    public var region: String?
    public var year: InspectionYear?
    public var framework: String?
    public var rating: Rating?

    public init() {}

    /// The filter and paging parameters of a query; any others are left for the endpoint.
    public static let parameters = ["page", "per_page", "type", "region", "year", "framework", "rating"]

    /// Reads the parameters, refusing each bad one in words.
    public static func read(_ parameters: [String: String]) -> Result<ListQuery, ListQueryProblem> {
        var query = ListQuery()
        func value(_ name: String) -> String? { parameters[name].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 } }
        if let text = value("page") {
            guard let page = Int(text), page >= 1, page <= 1_000_000 else { return .failure(.init("page must be a whole number from 1")) }
            query.page = page
        }
        if let text = value("per_page") {
            guard let perPage = Int(text), (1...maximumPerPage).contains(perPage) else {
                return .failure(.init("per_page must be a whole number from 1 to \(maximumPerPage)"))
            }
            query.perPage = perPage
        }
        if let text = value("type") {
            guard let type = ProviderType(rawValue: text.lowercased()) else {
                return .failure(.init("type must be one of \(ProviderType.allCases.map(\.rawValue).joined(separator: ", "))"))
            }
            query.type = type
        }
        if let text = value("year") {
            guard let year = InspectionYear(parsing: text) else { return .failure(.init("year must be an inspection year such as 2019-20")) }
            query.year = year
        }
        if let text = value("rating") {
            guard let rating = Rating(rawValue: text.lowercased()) else {
                return .failure(.init("rating must be one of \(Rating.allCases.map(\.slug).joined(separator: ", "))"))
            }
            query.rating = rating
        }
        query.region = value("region")
        query.framework = value("framework")
        return .success(query)
    }

    /// What a listed item is, for filtering: its provider's type and region, and the published
    /// inspections it stands for (an inspection: itself; a provider: each of its own).
    public struct Facets: Sendable {
        /// nil for an item about no one provider (a national SFO summary), which a type or
        /// region filter leaves out.
        public let type: ProviderType?
        public let region: String?
        public let inspections: [(year: InspectionYear?, framework: String, rating: Rating?)]

        public init(type: ProviderType?, region: String?, inspections: [(year: InspectionYear?, framework: String, rating: Rating?)]) {
            self.type = type
            self.region = region
            self.inspections = inspections
        }
    }

    /// Whether an item is asked for: its type and region match, and, when a year, framework or
    /// rating is asked for, one of its inspections has all of them.
    public func matches(_ facets: Facets) -> Bool {
        if let type, facets.type != type { return false }
        if let region, facets.region?.caseInsensitiveCompare(region) != .orderedSame { return false }
        guard year != nil || framework != nil || rating != nil else { return true }
        return facets.inspections.contains { inspection in
            (year.map { inspection.year == $0 } ?? true) && (framework.map { inspection.framework == $0 } ?? true)
                && (rating.map { inspection.rating == $0 } ?? true)
        }
    }

    /// The page asked for of the items that match.
    public func page<Item>(_ items: [Item], facets: (Item) -> Facets) -> ListPage<Item> {
        let matching = items.filter { matches(facets($0)) }
        let start = min(matching.count, (page - 1) * perPage)
        return ListPage(items: Array(matching[start..<min(matching.count, start + perPage)]), page: page, perPage: perPage, total: matching.count)
    }

    /// This query's parameters for another page, in a fixed order, percent-encoded: `page=2&per_page=50&type=crc`.
    /// - Parameter keeping: an endpoint's own parameters, added after these (nil values left out).
    public func queryString(page: Int, keeping: [(String, String?)] = []) -> String {
        var parts = [("page", String(page)), ("per_page", String(perPage))]
        if let type { parts.append(("type", type.rawValue)) }
        if let region { parts.append(("region", region)) }
        if let year { parts.append(("year", year.slug)) }
        if let framework { parts.append(("framework", framework)) }
        if let rating { parts.append(("rating", rating.slug)) }
        parts += keeping.compactMap { name, value in value.map { (name, $0) } }
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "&=+?#")
        return parts.map { "\($0.0)=\($0.1.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
    }
}

/// One page of a list, with where it sits among the rest.
public struct ListPage<Item> {
    public let items: [Item]
    public let page: Int
    public let perPage: Int
    public let total: Int

    public var pages: Int { max(1, (total + perPage - 1) / perPage) }
    public var next: Int? { page < pages ? page + 1 : nil }
    /// The page before; past the end, the last page.
    public var previous: Int? { page > 1 ? min(page - 1, pages) : nil }
}

/// A list query parameter that cannot be used, in words.
public struct ListQueryProblem: Error, Sendable, Hashable {
    public let message: String
    public init(_ message: String) { self.message = message }
}
