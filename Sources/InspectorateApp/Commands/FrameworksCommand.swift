import ArgumentParser
import Foundation
import InspectionKit

struct FrameworksCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "frameworks",
        abstract: "List and show the standards frameworks.",
        subcommands: [List.self, Show.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every framework version.")

        @Option(help: "table or json.") var format: OutputFormat = .table

        func run() async throws {
            try FrameworksCommand.list(try loadFrameworks(), format: format).finish()
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one framework: its standards, key questions and rating rules.")

        @Argument(help: "The framework id, e.g. probation-2018-crc.") var id: String
        @Option(help: "table or json.") var format: OutputFormat = .table

        func run() async throws {
            try FrameworksCommand.show(id, in: try loadFrameworks(), format: format).finish()
        }
    }

    static func list(_ catalog: FrameworkCatalog, format: OutputFormat) throws -> CommandOutcome {
        switch format {
        case .json:
            struct Entry: Encodable {
                let id: String, title: String, inspects: [String], standards: Int
            }
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            let entries = catalog.frameworks.map {
                Entry(id: $0.id.rawValue, title: $0.title, inspects: $0.inspects, standards: $0.standards.count)
            }
            return .success(try encoder.encode(entries).utf8Text + "\n")
        case .table:
            var table = TextTable(header: ["Id", "Standards", "Title"])
            for framework in catalog.frameworks {
                table.append([framework.id.rawValue, String(framework.standards.count), framework.title])
            }
            return .success(table.render() + "\n")
        }
    }

    static func show(_ id: String, in catalog: FrameworkCatalog, format: OutputFormat) throws -> CommandOutcome {
        guard let framework = catalog[FrameworkID(id)] else {
            return .badInput([unknownFramework(id, in: catalog)])
        }
        switch format {
        case .json:
            return .success(try FrameworkDocument(framework).jsonData().utf8Text + "\n")
        case .table:
            var lines = ["\(framework.title) (\(framework.id))"]
            if let summary = framework.summary { lines.append(summary) }
            for domain in framework.domains {
                lines += ["", "Domain \(domain.id): \(domain.title)"]
                for standard in domain.standards {
                    let kind =
                        switch standard.kind {
                        case .caseBased: "case-based, \(standard.sample ?? "") sample"
                        case .organisational: "organisational"
                        case .pooled: "pooled from \(framework.poolsFrom.map(\.rawValue).joined(separator: " or ")) inspections"
                        }
                    lines.append("  \(standard.id) \(standard.title) (\(kind))")
                    for question in standard.questions {
                        let note = question.pools.map { " (adds up \($0))" } ?? (question.countsTowardRating ? "" : " (recorded; does not limit the rating)")
                        lines.append("    \(question.id) \(question.text)\(note)")
                    }
                }
            }
            lines += ["", "Case-standard bands (share of applicable cases sufficient on the lowest key question):"]
            for band in framework.rules.caseBands {
                lines.append(
                    "  \(band.rating.title): from \(PercentFormat.trimmed(band.minimum.percent))% (\(framework.rules.points(for: band.rating)) points)")
            }
            lines += ["", "Overall bands (total points of \(framework.standards.count) standards):"]
            for band in framework.rules.overallBands {
                lines.append("  \(band.rating.title): \(band.points.lowerBound)–\(band.points.upperBound)")
            }
            return .success(lines.joined(separator: "\n") + "\n")
        }
    }
}
