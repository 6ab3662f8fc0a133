import Foundation

/// Every framework version available to this installation, loaded and validated at start-up.
public struct FrameworkCatalog: Sendable {
    /// The frameworks, ordered by id.
    public let frameworks: [Framework]

    public init(_ frameworks: [Framework]) {
        self.frameworks = frameworks.sorted { $0.id < $1.id }
    }

    /// The indicators watched for a type of provider: the standard ones, then those declared by
    /// the frameworks that inspect it, each once.
    public func indicators(for type: ProviderType) -> [Indicator] {
        var indicators = Indicator.standard
        for framework in frameworks where framework.inspects.contains(type.rawValue) {
            for indicator in framework.indicators where !indicators.contains(where: { $0.id == indicator.id }) { indicators.append(indicator) }
        }
        return indicators
    }

    /// Every indicator any framework declares, with the standard ones, each once.
    public var allIndicators: [Indicator] {
        var indicators = Indicator.standard
        for indicator in frameworks.flatMap(\.indicators) where !indicators.contains(where: { $0.id == indicator.id }) { indicators.append(indicator) }
        return indicators
    }

    public subscript(id: FrameworkID) -> Framework? {
        frameworks.first { $0.id == id }
    }

    /// Loads every `*.yaml` file in the given directories, reporting the problems of every bad
    /// file together. Two files declaring the same id are an error, since an id names one version.
    public static func load(directories: [URL]) throws(FrameworkLoadError) -> FrameworkCatalog {
        var frameworks: [Framework] = []
        var problems: [FrameworkError] = []
        var sources: [FrameworkID: String] = [:]
        for directory in directories {
            let files: [URL]
            do {
                files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                    .filter { ["yaml", "yml"].contains($0.pathExtension) }
                    .sorted { $0.lastPathComponent < $1.lastPathComponent }
            } catch {
                problems.append(FrameworkError(file: directory.path, field: "", message: "cannot list framework files: \(error.localizedDescription)"))
                continue
            }
            for file in files {
                do {
                    let framework = try FrameworkLoader.load(contentsOf: file)
                    if let earlier = sources[framework.id] {
                        problems.append(FrameworkError(file: file.path, field: "id", message: "\"\(framework.id)\" is already defined by \(earlier)"))
                        continue
                    }
                    sources[framework.id] = file.path
                    frameworks.append(framework)
                } catch {
                    problems += error.problems
                }
            }
        }
        problems += referenceProblems(frameworks, sources: sources)
        guard problems.isEmpty else { throw FrameworkLoadError(problems) }
        return FrameworkCatalog(frameworks)
    }

    /// What one file says of another: the frameworks it pools and the questions it adds up, and
    /// the standards it corresponds to, must exist among the frameworks loaded.
    static func referenceProblems(_ frameworks: [Framework], sources: [FrameworkID: String]) -> [FrameworkError] {
        let byID = Dictionary(frameworks.map { ($0.id, $0) }) { first, _ in first }
        var problems: [FrameworkError] = []
        for framework in frameworks {
            let file = sources[framework.id] ?? "\(framework.id).yaml"
            for pooledID in framework.poolsFrom {
                guard let pooled = byID[pooledID] else {
                    problems.append(FrameworkError(file: file, field: "pools_from", message: "pools framework \"\(pooledID)\", which is not loaded"))
                    continue
                }
                let questions = Set(pooled.standards.filter { $0.kind == .caseBased }.flatMap(\.questions).map(\.id))
                for standard in framework.standards where standard.kind == .pooled {
                    for question in standard.questions where !questions.contains(question.pools!) {
                        problems.append(
                            FrameworkError(
                                file: file, field: "\(standard.id) \(question.id).pools",
                                message: "adds up question \(question.pools!), which \(pooledID) has no case standard asking"))
                    }
                }
            }
            for standard in framework.standards {
                for reference in standard.correspondsTo where byID[reference.framework]?.standard(reference.standard) == nil {
                    problems.append(
                        FrameworkError(
                            file: file, field: "\(standard.id).corresponds_to",
                            message: "names \(reference), which is not a standard of a loaded framework"))
                }
            }
        }
        return problems
    }

    /// The bundled frameworks, plus any in the directories listed (colon-separated) in the
    /// `INSPECTORATE_FRAMEWORKS` environment variable, so an installation can add a version
    /// without a new build.
    public static func standard(environment: [String: String] = ProcessInfo.processInfo.environment) throws(FrameworkLoadError) -> FrameworkCatalog {
        guard let bundled = FrameworkLoader.bundledDirectory else {
            throw FrameworkLoadError([FrameworkError(file: "frameworks", field: "", message: "the bundled framework files are missing from this build")])
        }
        let extra = (environment["INSPECTORATE_FRAMEWORKS"] ?? "")
            .split(separator: ":").filter { !$0.isEmpty }
            .map { URL(fileURLWithPath: String($0), isDirectory: true) }
        return try load(directories: [bundled] + extra)
    }
}
