import ArgumentParser
import Foundation
import InspectionKit

struct RateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rate",
        abstract: "Rate an inspection from its case judgements and organisational ratings.",
        discussion: """
            cases.csv has the header case_id,question,answer; answers are yes, no or n/a.
            org.csv has the header standard,rating; ratings are outstanding, good,
            requires improvement or inadequate. For a framework that pools (a region's), give
            each pooled inspection's judgements with --pooled; their counts are added up into the
            pooled standards. Bad input exits with status 2 and one message per problem on
            standard error.
            """)

    @Option(help: "The framework id, e.g. probation-2018-crc.") var framework: String
    @Option(help: "The case judgements CSV.") var cases: String
    @Option(help: "The organisational standards' ratings CSV.") var organisation: String?
    @Option(help: "A pooled inspection's judgements CSV (repeat for each), for a framework that pools.") var pooled: [String] = []
    @Option(help: "The framework the pooled judgements were made under, when the framework pools more than one.")
    var pooledFramework: String?
    @Option(help: "Confidence level for the intervals, between 0 and 1.") var confidence: Double = 0.95
    @Option(help: "table or json.") var format: OutputFormat = .table

    func run() async throws {
        let request = RateRequest(
            frameworkID: framework, casesPath: cases, organisationPath: organisation, pooledPaths: pooled, pooledFrameworkID: pooledFramework,
            confidence: confidence, format: format)
        try RateRequest.run(request, catalog: try loadFrameworks()).finish()
    }
}

/// One `inspectorate rate` run, separate from argument parsing so tests can call it directly.
struct RateRequest {
    var frameworkID: String
    var casesPath: String
    var organisationPath: String?
    var pooledPaths: [String] = []
    var pooledFrameworkID: String?
    var confidence: Double = 0.95
    var format: OutputFormat = .table

    static func run(_ request: RateRequest, catalog: FrameworkCatalog) -> CommandOutcome {
        var problems: [String] = []
        let framework = catalog[FrameworkID(request.frameworkID)]
        if framework == nil { problems.append(unknownFramework(request.frameworkID, in: catalog)) }
        let confidence = ConfidenceLevel(request.confidence)
        if confidence == nil { problems.append("--confidence: must be between 0 and 1, e.g. 0.95 (got \(request.confidence))") }
        let casesBytes = readFile(request.casesPath, into: &problems)
        let organisationBytes = request.organisationPath.flatMap { readFile($0, into: &problems) }
        let pooledBytes = request.pooledPaths.map { readFile($0, into: &problems) }
        let pooledFramework = framework.flatMap { frameworkOfPooled(request, of: $0, in: catalog, problems: &problems) }
        guard let framework, let confidence, let casesBytes, problems.isEmpty else { return .badInput(problems) }

        var answers: [QuestionID: AnswerCounts] = [:]
        var organisational: [StandardID: Rating] = [:]
        do {
            answers = try JudgementsCSV.read(bytes: casesBytes, file: request.casesPath, framework: framework)
        } catch {
            problems += error.problems.map(\.description)
        }
        if let organisationBytes, let path = request.organisationPath {
            do {
                organisational = try OrganisationalRatingsCSV.read(bytes: organisationBytes, file: path, framework: framework)
            } catch {
                problems += error.problems.map(\.description)
            }
        }
        var pooledAnswers: [[QuestionID: AnswerCounts]] = []
        if let pooledFramework {
            for (path, bytes) in zip(request.pooledPaths, pooledBytes) {
                guard let bytes else { continue }
                do {
                    let counts = try JudgementsCSV.read(bytes: bytes, file: path, framework: pooledFramework)
                    pooledAnswers.append(counts)
                } catch {
                    problems += error.problems.map(\.description)
                }
            }
            answers.merge(RegionalPooling.counts(for: framework, pooling: pooledAnswers)) { _, pooled in pooled }
        }
        guard problems.isEmpty else { return .badInput(problems) }

        let rating = RatingEngine(framework: framework, confidence: confidence)
            .rate(answers: answers, organisationalRatings: organisational)
        switch request.format {
        case .json:
            do {
                return .success(try RatingReport(rating).jsonData().utf8Text + "\n")
            } catch {
                return CommandOutcome(exitCode: 1, standardOutput: "", standardError: "error: could not write JSON: \(error)\n")
            }
        case .table:
            return .success(RatingTable.render(rating, framework: framework))
        }
    }

    /// The framework pooled judgements are read under: the one the framework pools, or the one
    /// named; nil (with a problem) when --pooled is given to a framework that pools nothing.
    private static func frameworkOfPooled(_ request: RateRequest, of framework: Framework, in catalog: FrameworkCatalog, problems: inout [String]) -> Framework?
    {
        guard framework.pools else {
            if !request.pooledPaths.isEmpty { problems.append("--pooled: \(framework.id) pools no other inspections' judgements") }
            return nil
        }
        if let named = request.pooledFrameworkID {
            guard framework.poolsFrom.contains(FrameworkID(named)), let pooled = catalog[FrameworkID(named)] else {
                problems.append(
                    "--pooled-framework: \(framework.id) pools \(framework.poolsFrom.map(\.rawValue).joined(separator: " or ")), not \"\(named)\"")
                return nil
            }
            return pooled
        }
        guard framework.poolsFrom.count == 1, let pooled = catalog[framework.poolsFrom[0]] else {
            problems.append(
                "--pooled-framework: \(framework.id) pools \(framework.poolsFrom.map(\.rawValue).joined(separator: " or ")); name the one the judgements were made under"
            )
            return nil
        }
        return pooled
    }

    private static func readFile(_ path: String, into problems: inout [String]) -> [UInt8]? {
        guard let bytes = FileBytes.read(path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot be read" : "no such file"
            problems.append("\(path): \(reason)")
            return nil
        }
        return bytes
    }
}
