/// Who a provider took over from and who took over from it, however many steps back or on:
/// a company's work passing to the National Probation Service, then to PDUs. Siblings (two PDUs
/// that took over from the same company) are not each other's lineage.
public struct ProviderLineage<ID: Hashable & Sendable>: Sendable {
    public enum Relation: String, Sendable, Hashable, Codable {
        case provider = "self"
        case predecessor
        case successor
    }

    /// Every provider in the lineage with its relation to the one asked about, itself included.
    public let members: [ID: Relation]

    /// - Parameter links: each (predecessor, successor) pair; cycles are tolerated.
    public init(of provider: ID, links: [(predecessor: ID, successor: ID)]) {
        var members: [ID: Relation] = [provider: .provider]
        func walk(from start: ID, next: [ID: [ID]], as relation: Relation) {
            var queue = [start]
            while let current = queue.popLast() {
                for other in next[current] ?? [] where members[other] == nil {
                    members[other] = relation
                    queue.append(other)
                }
            }
        }
        walk(from: provider, next: Dictionary(grouping: links, by: \.successor).mapValues { $0.map(\.predecessor) }, as: .predecessor)
        walk(from: provider, next: Dictionary(grouping: links, by: \.predecessor).mapValues { $0.map(\.successor) }, as: .successor)
        self.members = members
    }
}
