import Foundation

/// The published JSON shape of a framework, as `inspectorate frameworks show <id> --format json`
/// prints it. Other tools read this, so its field names are fixed.
public struct FrameworkDocument: Encodable, Sendable {
    struct Question: Encodable, Sendable {
        let id: String
        let text: String
        let focus: String?
        let prompts: [String]
        /// For a pooled standard: the pooled framework's question whose counts it adds up.
        let pools: String?
        let countsTowardRating: Bool
        enum CodingKeys: String, CodingKey { case id, text, focus, prompts, pools, countsTowardRating = "counts_toward_rating" }
    }

    struct Reference: Encodable, Sendable {
        let framework: String
        let standard: String
    }

    struct Standard: Encodable, Sendable {
        let id: String
        let title: String
        let kind: String
        let domain: String
        let sample: String?
        let questions: [Question]
        let correspondsTo: [Reference]
        enum CodingKeys: String, CodingKey { case id, title, kind, domain, sample, questions, correspondsTo = "corresponds_to" }
    }

    struct CaseBand: Encodable, Sendable {
        let rating: String
        let fromPercent: Double
        enum CodingKeys: String, CodingKey { case rating, fromPercent = "from_percent" }
    }

    struct OverallBand: Encodable, Sendable {
        let rating: String
        let from: Int
        let to: Int
    }

    let id: String
    let title: String
    let summary: String?
    let inspects: [String]
    let poolsFrom: [String]
    let standards: [Standard]
    let caseBands: [CaseBand]
    let points: [String: Int]
    let overallBands: [OverallBand]

    enum CodingKeys: String, CodingKey {
        case id, title, summary, inspects, standards, points
        case caseBands = "case_bands", overallBands = "overall_bands", poolsFrom = "pools_from"
    }

    public init(_ framework: Framework) {
        id = framework.id.rawValue
        title = framework.title
        summary = framework.summary
        inspects = framework.inspects
        poolsFrom = framework.poolsFrom.map(\.rawValue)
        standards = framework.domains.flatMap { domain in
            domain.standards.map { standard in
                Standard(
                    id: standard.id.rawValue, title: standard.title, kind: standard.kind.rawValue,
                    domain: "\(domain.id) \(domain.title)", sample: standard.sample,
                    questions: standard.questions.map {
                        Question(
                            id: $0.id.rawValue, text: $0.text, focus: $0.focus, prompts: $0.prompts, pools: $0.pools?.rawValue,
                            countsTowardRating: $0.countsTowardRating)
                    },
                    correspondsTo: standard.correspondsTo.map { Reference(framework: $0.framework.rawValue, standard: $0.standard.rawValue) })
            }
        }
        caseBands = framework.rules.caseBands.map { CaseBand(rating: $0.rating.slug, fromPercent: $0.minimum.percent) }
        points = Dictionary(uniqueKeysWithValues: framework.rules.points.map { ($0.key.slug, $0.value) })
        overallBands = framework.rules.overallBands.map {
            OverallBand(rating: $0.rating.slug, from: $0.points.lowerBound, to: $0.points.upperBound)
        }
    }

    public func jsonData() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(self)
    }
}
