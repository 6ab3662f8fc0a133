import ArgumentParser
import Foundation
import InspectionKit

struct SampleSizeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sample-size",
        abstract: "The number of cases to sample to estimate a proportion within a margin (Cochran, with finite-population correction).")

    @Option(help: "The number of eligible cases.") var population: Int
    @Option(help: "Confidence level, between 0 and 1.") var confidence: Double = 0.8
    @Option(help: "Margin of error as a fraction: 0.05 is ±5 percentage points.") var margin: Double = 0.05
    @Option(help: "Expected proportion; 0.5 gives the largest, safest size.") var proportion: Double = 0.5
    @Option(help: "table (just the number) or json.") var format: OutputFormat = .table

    func run() async throws {
        try Self.calculate(population: population, confidence: confidence, margin: margin, proportion: proportion, format: format).finish()
    }

    static func calculate(population: Int, confidence: Double, margin: Double, proportion: Double, format: OutputFormat) -> CommandOutcome {
        guard let level = ConfidenceLevel(confidence) else {
            return .badInput(["--confidence: must be between 0 and 1, e.g. 0.8 (got \(confidence))"])
        }
        let calculation: SampleSizeCalculation
        do {
            calculation = try SampleSize.cochran(population: population, confidence: level, margin: margin, proportion: proportion)
        } catch {
            let option =
                switch error {
                case .population: "--population"
                case .margin: "--margin"
                case .proportion: "--proportion"
                }
            return .badInput(["\(option): \(error)"])
        }
        switch format {
        case .table:
            return .success("\(calculation.required)\n")
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
            return .success(((try? encoder.encode(calculation))?.utf8Text ?? "{}") + "\n")
        }
    }
}
