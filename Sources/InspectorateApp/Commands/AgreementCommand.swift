import ArgumentParser
import Foundation
import InspectionKit

struct AgreementCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agreement",
        abstract: "Measure how far two markers agree: observed agreement, Cohen's kappa and Gwet's AC1.",
        discussion: """
            pairs.csv has the header item,first,second; answers are yes, no or n/a. Pairs where
            either answer is n/a are left out and counted as excluded. Bad input exits with
            status 2 and one message per problem, naming its line, on standard error.
            """)

    @Option(help: "The second-marking pairs CSV.") var pairs: String
    @Option(help: "table or json.") var format: OutputFormat = .table

    func run() async throws {
        try AgreementCommand.outcome(pairsPath: pairs, format: format).finish()
    }

    /// The JSON shape: the figures the issue names, plus the counts and readings behind them.
    struct Report: Encodable {
        let n: Int
        let excluded: Int
        let agreed: Int
        let observed_agreement: Double?
        let observed_agreement_interval: [Double]?
        let cohen_kappa: Double?
        let cohen_kappa_reading: String?
        let gwet_ac1: Double?
        let gwet_ac1_reading: String?
        let reading: String

        init(_ agreement: Agreement) {
            n = agreement.n
            excluded = agreement.excluded
            agreed = agreement.agreed
            observed_agreement = agreement.observed.map { Double($0.count) / Double($0.of) }
            observed_agreement_interval = agreement.observed?.interval.map { [$0.lower, $0.upper] }
            cohen_kappa = agreement.cohenKappa
            cohen_kappa_reading = agreement.cohenKappa.map { AgreementStrength(coefficient: $0).rawValue }
            gwet_ac1 = agreement.gwetAC1
            gwet_ac1_reading = agreement.gwetAC1.map { AgreementStrength(coefficient: $0).rawValue }
            reading = agreement.reading
        }
    }

    static func outcome(pairsPath: String, format: OutputFormat) -> CommandOutcome {
        guard let data = FileManager.default.contents(atPath: pairsPath) else {
            return .badInput(["\(pairsPath): \(FileManager.default.fileExists(atPath: pairsPath) ? "cannot be read" : "no such file")"])
        }
        let agreement: Agreement
        do {
            agreement = try AgreementPairsCSV.read(bytes: [UInt8](data), file: pairsPath)
        } catch {
            return .badInput(error.problems.map(\.description))
        }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            guard let json = try? encoder.encode(Report(agreement)) else {
                return CommandOutcome(exitCode: 1, standardOutput: "", standardError: "error: could not write JSON\n")
            }
            return .success(String(decoding: json, as: UTF8.self) + "\n")
        case .table:
            func coefficient(_ value: Double?) -> String {
                value.map { String(format: "%.3f (%@)", $0, AgreementStrength(coefficient: $0).title.lowercased()) } ?? "cannot be calculated"
            }
            let lines = [
                "Pairs compared      \(agreement.n)",
                "Excluded (n/a)      \(agreement.excluded)",
                "Observed agreement  \(agreement.observed?.description ?? "no pairs")",
                "Cohen's kappa       \(coefficient(agreement.cohenKappa))",
                "Gwet's AC1          \(coefficient(agreement.gwetAC1))",
                "",
                agreement.reading,
            ]
            return .success(lines.joined(separator: "\n") + "\n")
        }
    }
}
