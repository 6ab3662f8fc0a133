import Foundation

/// One page of a long list, and the links to the others that keep the person's filters.
public struct Paging: Sendable {
    public let page: Int
    public let pageSize: Int
    public let total: Int
    /// The list's address with its filters, without `page`.
    public let base: String
    public let filters: [(String, String)]

    /// - Parameter requested: the page asked for, from 1; out of range is brought back in.
    public init(requested: Int?, pageSize: Int, total: Int, base: String, filters: [(String, String)] = []) {
        self.pageSize = pageSize
        self.total = total
        self.base = base
        self.filters = filters.filter { !$0.1.isEmpty }
        page = min(max(1, requested ?? 1), max(1, InspectorateViews.pages(total: total, size: pageSize)))
    }

    public var pages: Int { max(1, InspectorateViews.pages(total: total, size: pageSize)) }

    /// The items on this page.
    public func slice<T>(_ items: [T]) -> ArraySlice<T> {
        let start = min(items.count, (page - 1) * pageSize)
        return items[start..<min(items.count, start + pageSize)]
    }

    func url(_ page: Int) -> String {
        var components = URLComponents()
        components.path = base
        components.queryItems = filters.map { URLQueryItem(name: $0.0, value: $0.1) } + (page > 1 ? [URLQueryItem(name: "page", value: String(page))] : [])
        if components.queryItems?.isEmpty == true { components.queryItems = nil }
        return components.string ?? base
    }

    /// "Showing 51–100 of 240", then Previous and Next links when there is more than one page.
    public var navigation: HTML {
        guard total > 0 else { return "" }
        let first = (page - 1) * pageSize + 1, last = min(total, page * pageSize)
        var links: [HTML] = []
        if page > 1 { links.append("<li><a href=\"\(url(page - 1))\" rel=\"prev\">Previous<span class=\"visually-hidden\"> page</span></a></li>") }
        if pages > 1 { links.append("<li>Page \(page) of \(pages)</li>") }
        if page < pages { links.append("<li><a href=\"\(url(page + 1))\" rel=\"next\">Next<span class=\"visually-hidden\"> page</span></a></li>") }
        return """
            <nav class="paging" aria-label="Pages"><p>Showing \(first)–\(last) of \(total)</p>\(links.isEmpty ? "" : HTML("<ul>\(links)</ul>"))</nav>
            """
    }
}

func pages(total: Int, size: Int) -> Int { size <= 0 ? 1 : (total + size - 1) / size }
