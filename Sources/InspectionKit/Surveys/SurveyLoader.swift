import Foundation
import Yams

/// Reads and checks survey files, as strictly as framework files: a survey's answers are
/// published, so a misspelt field or an answer scale with nothing favourable is refused by name.
public enum SurveyLoader {
    /// The survey files that ship with Inspectorate.
    public static var bundledDirectory: URL? {
        Bundle.module.url(forResource: "surveys", withExtension: nil)
    }

    /// Parses survey YAML. `file` names the source in error messages.
    public static func parse(yaml: String, file: String, expectedID: String? = nil) throws(FrameworkLoadError) -> Survey {
        let reader = NodeReader(file: file)
        let root = try NodeReader.compose(yaml: yaml, file: file)
        let survey = survey(root, reader: reader, expectedID: expectedID)
        if let survey, reader.problems.isEmpty { return survey }
        throw FrameworkLoadError(reader.problems)
    }

    static func survey(_ root: Node, reader: NodeReader, expectedID: String?) -> Survey? {
        guard
            let mapping = reader.mapping(
                root, at: "", required: ["id", "title", "respondents", "provider_types", "scales", "questions"], optional: ["comment"])
        else { return nil }
        let id = reader.string(mapping, "id", at: "")
        if let id, !id.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }) {
            reader.fail("id", mapping[field: "id"], "\"\(id)\" must be lowercase letters, digits and hyphens")
        }
        if let id, let expectedID, id != expectedID {
            reader.fail("id", mapping[field: "id"], "\"\(id)\" must match the file name \"\(expectedID)\"")
        }
        let title = reader.string(mapping, "title", at: "")
        let respondentsText = reader.string(mapping, "respondents", at: "")
        let respondents = respondentsText.flatMap(SurveyRespondents.init(rawValue:))
        if let respondentsText, respondents == nil {
            reader.fail(
                "respondents", mapping[field: "respondents"],
                "\"\(respondentsText)\" is not a kind of respondent; expected \(SurveyRespondents.allCases.map(\.rawValue).joined(separator: " or "))")
        }
        var types: Set<ProviderType> = []
        for node in reader.sequence(mapping, "provider_types", at: "") ?? [] {
            let text = node.scalar?.string ?? ""
            if let type = ProviderType(rawValue: text) {
                types.insert(type)
            } else {
                reader.fail("provider_types", node, "\"\(text)\" is not a type of provider")
            }
        }
        if mapping[field: "provider_types"] != nil, types.isEmpty {
            reader.fail("provider_types", mapping[field: "provider_types"], "names no type of provider")
        }
        let scales = self.scales(mapping[field: "scales"], reader: reader)
        var questions: [SurveyQuestion] = []
        for (index, node) in (reader.sequence(mapping, "questions", at: "") ?? []).enumerated() {
            let path = "questions[\(index)]"
            guard let question = reader.mapping(node, at: path, required: ["id", "text", "figure", "scale"]) else { continue }
            guard let questionID = reader.string(question, "id", at: path), let text = reader.string(question, "text", at: path),
                let figure = reader.string(question, "figure", at: path), let scaleName = reader.string(question, "scale", at: path)
            else { continue }
            if ["respondent", "comment"].contains(questionID) || questions.contains(where: { $0.id == questionID }) {
                reader.fail("\(path).id", question[field: "id"], "\"\(questionID)\" is already used in this survey")
                continue
            }
            guard let options = scales[scaleName] else {
                reader.fail("\(path).scale", question[field: "scale"], "\"\(scaleName)\" is not one of this survey's scales")
                continue
            }
            questions.append(SurveyQuestion(id: questionID, text: text, figure: figure, options: options))
        }
        if mapping[field: "questions"] != nil, questions.isEmpty, reader.problems.isEmpty {
            reader.fail("questions", mapping[field: "questions"], "has no questions")
        }
        let comment = reader.string(mapping, "comment", at: "", required: false).flatMap { $0.isEmpty ? nil : $0 }
        guard let id, let title, let respondents else { return nil }
        return Survey(id: id, title: title, respondents: respondents, providerTypes: types, questions: questions, comment: comment)
    }

    /// Each named answer scale: two or more answers, at least one favourable and one not, so a
    /// published share means something.
    static func scales(_ node: Node?, reader: NodeReader) -> [String: [SurveyOption]] {
        guard let node else { return [:] }
        guard let mapping = node.mapping else {
            reader.fail("scales", node, "expected a mapping of scale names to their answers")
            return [:]
        }
        var scales: [String: [SurveyOption]] = [:]
        for (key, value) in mapping {
            let name = key.scalar?.string ?? "?"
            let path = "scales.\(name)"
            guard let list = value.sequence else {
                reader.fail(path, value, "expected a list of answers")
                continue
            }
            var options: [SurveyOption] = []
            for (index, item) in list.enumerated() {
                let itemPath = "\(path)[\(index)]"
                guard let option = reader.mapping(item, at: itemPath, required: ["id", "label"], optional: ["favourable"]),
                    let id = reader.string(option, "id", at: itemPath), let label = reader.string(option, "label", at: itemPath)
                else { continue }
                let favourableText = reader.string(option, "favourable", at: itemPath) ?? "false"
                guard ["true", "false"].contains(favourableText) else {
                    reader.fail("\(itemPath).favourable", option[field: "favourable"], "expected true or false")
                    continue
                }
                if options.contains(where: { $0.id == id }) {
                    reader.fail("\(itemPath).id", option[field: "id"], "\"\(id)\" is already an answer of this scale")
                    continue
                }
                options.append(SurveyOption(id: id, label: label, favourable: favourableText == "true"))
            }
            if options.count < 2 || !options.contains(where: \.favourable) || options.allSatisfy(\.favourable) {
                reader.fail(path, value, "needs two or more answers, at least one favourable and one not")
                continue
            }
            scales[name] = options
        }
        return scales
    }
}

/// Every survey available to this installation, loaded and checked at start-up.
public struct SurveyCatalog: Sendable {
    public let surveys: [Survey]

    public init(_ surveys: [Survey]) { self.surveys = surveys.sorted { $0.id < $1.id } }

    public subscript(id: String) -> Survey? { surveys.first { $0.id == id } }

    /// The surveys an inspection of this type of provider offers: staff first.
    public func surveys(for type: ProviderType) -> [Survey] {
        surveys.filter { $0.providerTypes.contains(type) }.sorted {
            ($0.respondents == .staff ? 0 : 1, $0.id) < ($1.respondents == .staff ? 0 : 1, $1.id)
        }
    }

    /// Loads every `*.yaml` in the directory, reporting every bad file's problems together.
    public static func load(directory: URL) throws(FrameworkLoadError) -> SurveyCatalog {
        var surveys: [Survey] = []
        var problems: [FrameworkError] = []
        let files: [URL]
        do {
            files = try FileManager.default.contentsOfDirectory(at: directory, includingPropertiesForKeys: nil)
                .filter { ["yaml", "yml"].contains($0.pathExtension) }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        } catch {
            throw FrameworkLoadError([FrameworkError(file: directory.path, field: "", message: "cannot list survey files: \(error.localizedDescription)")])
        }
        for file in files {
            do {
                let text = try String(contentsOf: file, encoding: .utf8)
                surveys.append(try SurveyLoader.parse(yaml: text, file: file.lastPathComponent, expectedID: file.deletingPathExtension().lastPathComponent))
            } catch let error as FrameworkLoadError {
                problems += error.problems
            } catch {
                problems.append(FrameworkError(file: file.lastPathComponent, field: "", message: "cannot be read as UTF-8 text: \(error.localizedDescription)"))
            }
        }
        guard problems.isEmpty else { throw FrameworkLoadError(problems) }
        return SurveyCatalog(surveys)
    }

    /// The surveys that ship with Inspectorate.
    public static func bundled() throws(FrameworkLoadError) -> SurveyCatalog {
        guard let directory = SurveyLoader.bundledDirectory else {
            throw FrameworkLoadError([FrameworkError(file: "surveys", field: "", message: "the bundled survey files are missing from this build")])
        }
        return try load(directory: directory)
    }
}
