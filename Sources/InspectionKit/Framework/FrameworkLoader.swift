import Foundation
import Yams

/// Reads and validates framework files.
///
/// Validation is strict because a framework decides published ratings: unknown fields are
/// rejected (a misspelt `questons:` must not silently drop questions), identifiers must be
/// unique and well formed, case bands must cover 0–100% in order, and overall bands must
/// cover every total from 0 to the maximum points with no gap or overlap.
public enum FrameworkLoader {
    /// Loads one framework file. The file's name (without `.yaml`) must equal its `id`.
    public static func load(contentsOf url: URL) throws(FrameworkLoadError) -> Framework {
        let file = url.lastPathComponent
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw FrameworkLoadError([FrameworkError(file: file, field: "", message: "cannot be read as UTF-8 text: \(error.localizedDescription)")])
        }
        let expectedID = url.deletingPathExtension().lastPathComponent
        return try parse(yaml: text, file: file, expectedID: expectedID)
    }

    /// Parses framework YAML. `file` names the source in error messages.
    public static func parse(yaml: String, file: String, expectedID: String? = nil) throws(FrameworkLoadError) -> Framework {
        let reader = NodeReader(file: file)
        let root = try NodeReader.compose(yaml: yaml, file: file)
        let framework = FrameworkDecoder(reader: reader, expectedID: expectedID).framework(from: root)
        if let framework, reader.problems.isEmpty { return framework }
        throw FrameworkLoadError(reader.problems)
    }

    /// The framework files that ship with Inspectorate.
    public static var bundledDirectory: URL? {
        Bundle.module.url(forResource: "frameworks", withExtension: nil)
    }
}

/// Reads typed values out of YAML nodes, recording a ``FrameworkError`` for each problem.
final class NodeReader {
    let file: String
    private(set) var problems: [FrameworkError] = []

    init(file: String) { self.file = file }

    /// A data file's YAML as nodes, refused whole when it is not YAML or is empty.
    static func compose(yaml: String, file: String) throws(FrameworkLoadError) -> Node {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml, .basic)
        } catch {
            throw FrameworkLoadError([FrameworkError(file: file, field: "", message: "is not valid YAML: \(error)")])
        }
        guard let root else { throw FrameworkLoadError([FrameworkError(file: file, field: "", message: "is empty")]) }
        return root
    }

    func fail(_ path: String, _ node: Node?, _ message: String) {
        problems.append(FrameworkError(file: file, field: path, line: node?.mark?.line, column: node?.mark?.column, message: message))
    }

    /// A mapping with exactly the allowed keys; reports missing required and unknown keys.
    func mapping(_ node: Node, at path: String, required: [String], optional: [String] = []) -> Node.Mapping? {
        guard let mapping = node.mapping else {
            fail(path, node, "expected a mapping of \(required.joined(separator: ", "))")
            return nil
        }
        let allowed = Set(required + optional)
        for key in mapping.keys {
            let name = key.scalar?.string ?? "?"
            if !allowed.contains(name) {
                fail(join(path, name), key, "unknown field \"\(name)\"; expected one of \(allowed.sorted().joined(separator: ", "))")
            }
        }
        for name in required where mapping[field: name] == nil {
            fail(join(path, name), node, "is missing")
        }
        return mapping
    }

    func string(_ mapping: Node.Mapping, _ key: String, at path: String, required: Bool = true) -> String? {
        guard let node = mapping[field: key] else { return nil }
        guard let scalar = node.scalar else {
            fail(join(path, key), node, "expected text")
            return nil
        }
        let text = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        if text.isEmpty, required {
            fail(join(path, key), node, "must not be empty")
            return nil
        }
        return text
    }

    func integer(_ mapping: Node.Mapping, _ key: String, at path: String) -> Int? {
        guard let node = mapping[field: key] else { return nil }
        guard let text = node.scalar?.string, let value = Int(text) else {
            fail(join(path, key), node, "expected a whole number, found \"\(node.scalar?.string ?? "a structure")\"")
            return nil
        }
        return value
    }

    func sequence(_ mapping: Node.Mapping, _ key: String, at path: String) -> [Node]? {
        guard let node = mapping[field: key] else { return nil }
        guard let sequence = node.sequence else {
            fail(join(path, key), node, "expected a list")
            return nil
        }
        return Array(sequence)
    }

    func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}

/// Turns a YAML document into a ``Framework``, or records why it cannot.
struct FrameworkDecoder {
    let reader: NodeReader
    let expectedID: String?

    func framework(from root: Node) -> Framework? {
        guard
            let top = reader.mapping(
                root, at: "",
                required: ["id", "title", "case_bands", "points", "overall_bands", "domains"],
                optional: ["summary", "inspects", "samples", "rationale_required_for", "pools_from", "needs", "indicators"])
        else { return nil }

        let id = reader.string(top, "id", at: "")
        if let id {
            if id.range(of: #"^[a-z0-9]+(-[a-z0-9]+)*$"#, options: .regularExpression) == nil {
                reader.fail("id", top[field: "id"], "\"\(id)\" must be lowercase letters, digits and single hyphens")
            } else if let expectedID, id != expectedID {
                reader.fail("id", top[field: "id"], "\"\(id)\" must match the file name \"\(expectedID).yaml\"")
            }
        }
        let title = reader.string(top, "title", at: "")
        let summary = reader.string(top, "summary", at: "", required: false)
        let inspects = stringList(top, "inspects", at: "") ?? []
        let caseBands = caseBands(top)
        let points = points(top)
        let domains = domains(top)
        let standardCount = domains?.reduce(0) { $0 + $1.standards.count }
        let overallBands = overallBands(top, points: points, standardCount: standardCount)

        let samples = samples(top, domains: domains)
        let rationaleRequired = rationaleRequired(top)
        let needs = needs(top)
        let indicators = indicators(top)
        let poolsFrom = (stringList(top, "pools_from", at: "") ?? []).map { FrameworkID($0) }
        let pooled = domains?.flatMap(\.standards).filter { $0.kind == .pooled } ?? []
        if !pooled.isEmpty, poolsFrom.isEmpty {
            reader.fail(
                "pools_from", top[field: "pools_from"] ?? root,
                "standard \(pooled[0].id) is pooled, so the file must name the frameworks whose inspections it pools")
        }
        if pooled.isEmpty, !poolsFrom.isEmpty {
            reader.fail("pools_from", top[field: "pools_from"], "names frameworks to pool, but no standard is of kind \"pooled\"")
        }

        guard let id, let title, let caseBands, let points, let domains, let overallBands, let rationaleRequired else { return nil }
        return Framework(
            id: FrameworkID(id), title: title, summary: summary, inspects: inspects, domains: domains,
            rules: RatingRules(caseBands: caseBands, points: points, overallBands: overallBands),
            samples: samples, rationaleRequired: rationaleRequired, poolsFrom: poolsFrom, needs: needs, indicators: indicators)
    }

    /// The indicators it declares for monitoring between inspections (`indicators`): each a
    /// share of the caseload file's cases, `counts` out of `of` (every case when absent).
    private func indicators(_ top: Node.Mapping) -> [Indicator] {
        guard let items = reader.sequence(top, "indicators", at: "") else { return [] }
        var indicators: [Indicator] = []
        for (index, item) in items.enumerated() {
            let path = "indicators[\(index + 1)]"
            guard let mapping = reader.mapping(item, at: path, required: ["id", "title", "better", "counts"], optional: ["of"]) else { continue }
            let id = reader.string(mapping, "id", at: path)
            let title = reader.string(mapping, "title", at: path)
            let betterText = reader.string(mapping, "better", at: path)
            if let id {
                if id.range(of: #"^[a-z0-9]+(-[a-z0-9]+)*$"#, options: .regularExpression) == nil {
                    reader.fail("\(path).id", mapping[field: "id"], "\"\(id)\" must be lowercase letters, digits and single hyphens")
                } else if Indicator.standard.contains(where: { $0.id == id }) || indicators.contains(where: { $0.id == id }) {
                    reader.fail("\(path).id", mapping[field: "id"], "\"\(id)\" is already an indicator; choose another id")
                }
            }
            let better = betterText.flatMap(Indicator.Direction.init(rawValue:))
            if betterText != nil, better == nil {
                reader.fail("\(path).better", mapping[field: "better"], "\"\(betterText!)\" is not a direction; use higher or lower")
            }
            let counts = condition(mapping, "counts", at: path)
            let of = mapping[field: "of"] == nil ? CaseCondition() : condition(mapping, "of", at: path)
            if let counts, counts.values.isEmpty { reader.fail("\(path).counts", mapping[field: "counts"], "names no field, so it would count every case") }
            guard let id, let title, let better, let counts, let of else { continue }
            indicators.append(Indicator(id: id, title: title, better: better, counting: CaseCounting(counts: counts, of: of)))
        }
        return indicators
    }

    /// A mapping of caseload fields to the values they may take, e.g. `{ rosh: [high, very-high] }`.
    private func condition(_ parent: Node.Mapping, _ key: String, at path: String) -> CaseCondition? {
        guard let node = parent[field: key] else { return nil }
        guard let mapping = node.mapping else {
            reader.fail("\(path).\(key)", node, "expected a mapping of caseload fields to lists of values")
            return nil
        }
        var values: [CaseField: Set<String>] = [:]
        var valid = true
        for (nameNode, valueNode) in mapping {
            let name = nameNode.scalar?.string ?? ""
            let fieldPath = "\(path).\(key).\(name)"
            guard let field = CaseField(rawValue: name) else {
                reader.fail(fieldPath, nameNode, "unknown caseload field \"\(name)\"; use one of \(CaseField.allCases.map(\.rawValue).joined(separator: ", "))")
                valid = false
                continue
            }
            let named = (valueNode.sequence.map(Array.init) ?? [valueNode]).compactMap { $0.scalar?.string }
            for value in named where !field.values.contains(value) {
                reader.fail(fieldPath, valueNode, "\"\(value)\" is not a value of \(name); use one of \(field.values.joined(separator: ", "))")
                valid = false
            }
            if named.isEmpty {
                reader.fail(fieldPath, valueNode, "expected a list of values")
                valid = false
            }
            values[field] = Set(named)
        }
        return valid ? CaseCondition(values) : nil
    }

    /// The needs its cases are asked about (`needs`), each named once from ``Need``'s list.
    private func needs(_ top: Node.Mapping) -> [Need] {
        var needs: [Need] = []
        for (index, name) in (stringList(top, "needs", at: "") ?? []).enumerated() {
            guard let need = Need(rawValue: name) else {
                let known = Need.allCases.map(\.rawValue).joined(separator: ", ")
                reader.fail("needs[\(index + 1)]", top[field: "needs"], "\"\(name)\" is not a need; use one of \(known)")
                continue
            }
            if needs.contains(need) {
                reader.fail("needs[\(index + 1)]", top[field: "needs"], "\"\(name)\" is named twice")
            } else {
                needs.append(need)
            }
        }
        return needs
    }

    /// The answers that need a written rationale before a case is complete; "not sufficient"
    /// when the file does not say.
    private func rationaleRequired(_ top: Node.Mapping) -> Set<Answer>? {
        guard top[field: "rationale_required_for"] != nil else { return [.notSufficient] }
        guard let names = stringList(top, "rationale_required_for", at: "") else { return nil }
        var answers = Set<Answer>()
        for (index, name) in names.enumerated() {
            if let answer = Answer(rawValue: name) {
                answers.insert(answer)
            } else {
                reader.fail(
                    "rationale_required_for[\(index + 1)]", top[field: "rationale_required_for"],
                    "\"\(name)\" is not an answer; use sufficient, not-sufficient or n/a")
            }
        }
        return answers
    }

    private func stringList(_ mapping: Node.Mapping, _ key: String, at path: String) -> [String]? {
        guard let items = reader.sequence(mapping, key, at: path) else { return nil }
        var result: [String] = []
        for (index, item) in items.enumerated() {
            guard let text = item.scalar?.string.trimmingCharacters(in: .whitespacesAndNewlines), !text.isEmpty else {
                reader.fail("\(reader.join(path, key))[\(index + 1)]", item, "expected non-empty text")
                continue
            }
            result.append(text)
        }
        return result
    }

    /// The optional `samples` list; every case standard's `sample` must be one of them.
    private func samples(_ top: Node.Mapping, domains: [Domain]?) -> [CaseSample]? {
        guard let items = reader.sequence(top, "samples", at: "") else { return nil }
        var samples: [CaseSample] = []
        for (index, item) in items.enumerated() {
            let path = "samples[\(index + 1)]"
            guard let mapping = reader.mapping(item, at: path, required: ["id", "title"], optional: ["sentence_types"]),
                let id = reader.string(mapping, "id", at: path),
                let title = reader.string(mapping, "title", at: path)
            else { continue }
            var types: Set<SentenceType>?
            if let names = stringList(mapping, "sentence_types", at: path) {
                types = []
                for name in names {
                    guard let type = SentenceType(rawValue: name) else {
                        reader.fail(
                            "\(path).sentence_types", mapping[field: "sentence_types"],
                            "unknown sentence type \"\(name)\"; expected one of \(SentenceType.allCases.map(\.rawValue).joined(separator: ", "))")
                        continue
                    }
                    types?.insert(type)
                }
            }
            if samples.contains(where: { $0.id == id }) {
                reader.fail("\(path).id", mapping[field: "id"], "sample \"\(id)\" appears more than once")
            }
            samples.append(CaseSample(id: id, title: title, sentenceTypes: types))
        }
        for standard in domains?.flatMap(\.standards) ?? [] {
            if let sample = standard.sample, !samples.contains(where: { $0.id == sample }) {
                reader.fail("samples", top[field: "samples"], "standard \(standard.id) is judged on sample \"\(sample)\", which is not listed")
            }
        }
        return samples
    }

    private func rating(_ mapping: Node.Mapping, at path: String) -> Rating? {
        guard let text = reader.string(mapping, "rating", at: path) else { return nil }
        guard let rating = Rating(rawValue: text) else {
            reader.fail(
                reader.join(path, "rating"), mapping[field: "rating"],
                "unknown rating \"\(text)\"; expected one of \(Rating.allCases.map(\.slug).joined(separator: ", "))")
            return nil
        }
        return rating
    }

    private func caseBands(_ top: Node.Mapping) -> [CaseBand]? {
        guard let items = reader.sequence(top, "case_bands", at: "") else { return nil }
        var bands: [CaseBand] = []
        var failed = false
        for (index, item) in items.enumerated() {
            let path = "case_bands[\(index + 1)]"
            guard let band = reader.mapping(item, at: path, required: ["rating", "from_percent"]),
                let rating = rating(band, at: path),
                let text = reader.string(band, "from_percent", at: path)
            else { failed = true; continue }
            guard let minimum = Fraction(percentText: text), minimum <= .one else {
                reader.fail("\(path).from_percent", band[field: "from_percent"], "expected a percentage from 0 to 100, found \"\(text)\"")
                failed = true
                continue
            }
            bands.append(CaseBand(rating: rating, minimum: minimum))
        }
        guard !failed else { return nil }
        let node = top[field: "case_bands"]
        let ratings = bands.map(\.rating)
        guard Set(ratings).count == ratings.count, Set(ratings) == Set(Rating.allCases) else {
            reader.fail(
                "case_bands", node,
                "must give each rating exactly once (\(Rating.allCases.map(\.slug).joined(separator: ", "))); found \(ratings.map(\.slug).joined(separator: ", "))"
            )
            return nil
        }
        let byRating = bands.sorted { $0.rating > $1.rating }
        for (better, worse) in zip(byRating, byRating.dropFirst()) where !(better.minimum > worse.minimum) {
            reader.fail(
                "case_bands", node,
                "\(better.rating.slug) must start above \(worse.rating.slug) (\(better.minimum.percent)% is not above \(worse.minimum.percent)%)")
            return nil
        }
        guard byRating.last?.minimum == .zero else {
            reader.fail("case_bands", node, "the lowest band (\(Rating.inadequate.slug)) must start at 0 so that every percentage has a band")
            return nil
        }
        return bands
    }

    private func points(_ top: Node.Mapping) -> [Rating: Int]? {
        guard let node = top[field: "points"] else { return nil }
        guard let mapping = reader.mapping(node, at: "points", required: Rating.allCases.map(\.slug)) else { return nil }
        var points: [Rating: Int] = [:]
        for rating in Rating.allCases {
            guard let value = reader.integer(mapping, rating.slug, at: "points") else { continue }
            guard value >= 0 else {
                reader.fail("points.\(rating.slug)", mapping[field: rating.slug], "must not be negative")
                continue
            }
            points[rating] = value
        }
        guard points.count == Rating.allCases.count else { return nil }
        let ordered = Rating.allCases  // best first
        for (better, worse) in zip(ordered, ordered.dropFirst()) where points[better]! <= points[worse]! {
            reader.fail("points", node, "\(better.slug) must be worth more than \(worse.slug)")
            return nil
        }
        return points
    }

    private func overallBands(_ top: Node.Mapping, points: [Rating: Int]?, standardCount: Int?) -> [OverallBand]? {
        guard let items = reader.sequence(top, "overall_bands", at: "") else { return nil }
        var bands: [OverallBand] = []
        var failed = false
        for (index, item) in items.enumerated() {
            let path = "overall_bands[\(index + 1)]"
            guard let band = reader.mapping(item, at: path, required: ["rating", "from", "to"]),
                let rating = rating(band, at: path),
                let from = reader.integer(band, "from", at: path),
                let to = reader.integer(band, "to", at: path)
            else { failed = true; continue }
            guard from <= to else {
                reader.fail("\(path).to", band[field: "to"], "must not be below from (\(to) < \(from))")
                failed = true
                continue
            }
            bands.append(OverallBand(rating: rating, points: from...to))
        }
        guard !failed else { return nil }
        let node = top[field: "overall_bands"]
        let ratings = bands.map(\.rating)
        guard Set(ratings).count == ratings.count, Set(ratings) == Set(Rating.allCases) else {
            reader.fail("overall_bands", node, "must give each rating exactly once; found \(ratings.map(\.slug).joined(separator: ", "))")
            return nil
        }
        let ascending = bands.sorted { $0.points.lowerBound < $1.points.lowerBound }
        guard ascending.map(\.rating) == Rating.allCases.reversed() else {
            reader.fail("overall_bands", node, "must rise from inadequate to outstanding as points rise")
            return nil
        }
        guard let points, let standardCount else { return nil }
        let maximum = points[.outstanding]! * standardCount
        var expectedStart = 0
        for band in ascending {
            guard band.points.lowerBound == expectedStart else {
                let problem =
                    band.points.lowerBound > expectedStart
                    ? "leave totals \(expectedStart)–\(band.points.lowerBound - 1) without a band"
                    : "overlap at \(band.points.lowerBound)–\(expectedStart - 1)"
                reader.fail("overall_bands", node, "must cover every total from 0 to \(maximum) once, but they \(problem)")
                return nil
            }
            expectedStart = band.points.upperBound + 1
        }
        guard expectedStart == maximum + 1 else {
            reader.fail(
                "overall_bands", node, "must end at \(maximum) (\(standardCount) standards × \(points[.outstanding]!) points), but end at \(expectedStart - 1)")
            return nil
        }
        return bands
    }

    private func domains(_ top: Node.Mapping) -> [Domain]? {
        guard let items = reader.sequence(top, "domains", at: "") else { return nil }
        guard !items.isEmpty else {
            reader.fail("domains", top[field: "domains"], "must list at least one domain")
            return nil
        }
        var domains: [Domain] = []
        var failed = false
        var seenDomains: Set<String> = []
        var seenStandards: Set<String> = []
        for (index, item) in items.enumerated() {
            let path = "domains[\(index + 1)]"
            guard let mapping = reader.mapping(item, at: path, required: ["id", "title", "standards"]),
                let id = reader.string(mapping, "id", at: path),
                let title = reader.string(mapping, "title", at: path),
                let standardNodes = reader.sequence(mapping, "standards", at: path)
            else { failed = true; continue }
            if !seenDomains.insert(id).inserted {
                reader.fail("\(path).id", mapping[field: "id"], "domain \"\(id)\" appears more than once")
                failed = true
            }
            if standardNodes.isEmpty {
                reader.fail("\(path).standards", mapping[field: "standards"], "must list at least one standard")
                failed = true
            }
            var standards: [Standard] = []
            for (standardIndex, standardNode) in standardNodes.enumerated() {
                let standardPath = "\(path).standards[\(standardIndex + 1)]"
                guard let standard = standard(standardNode, at: standardPath, domainID: id) else { failed = true; continue }
                if !seenStandards.insert(standard.id.rawValue).inserted {
                    reader.fail("\(standardPath).id", standardNode.mapping?[field: "id"], "standard \"\(standard.id)\" appears more than once")
                    failed = true
                }
                standards.append(standard)
            }
            domains.append(Domain(id: id, title: title, standards: standards))
        }
        return failed ? nil : domains
    }

    private func standard(_ node: Node, at path: String, domainID: String) -> Standard? {
        guard
            let mapping = reader.mapping(node, at: path, required: ["id", "title", "kind"], optional: ["sample", "questions", "corresponds_to"]),
            let id = reader.string(mapping, "id", at: path),
            let title = reader.string(mapping, "title", at: path),
            let kindText = reader.string(mapping, "kind", at: path)
        else { return nil }
        var valid = true
        let number = id.hasPrefix(domainID + ".") ? id.dropFirst(domainID.count + 1) : ""
        if (Int(number) ?? 0) < 1 || String(Int(number) ?? 0) != number {
            reader.fail("\(path).id", mapping[field: "id"], "\"\(id)\" must be \"\(domainID).<n>\" inside domain \(domainID)")
            valid = false
        }
        guard let kind = StandardKind(rawValue: kindText) else {
            reader.fail(
                "\(path).kind", mapping[field: "kind"],
                "expected one of \(StandardKind.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", ")), found \"\(kindText)\"")
            return nil
        }
        let sample = reader.string(mapping, "sample", at: path)
        if kind == .caseBased, sample == nil {
            reader.fail("\(path).sample", node, "a case standard must name the case sample it is judged on")
            valid = false
        }
        if kind == .pooled, sample != nil {
            reader.fail("\(path).sample", mapping[field: "sample"], "a pooled standard is rated from other inspections' cases, not a sample of its own")
            valid = false
        }
        let questionNodes = reader.sequence(mapping, "questions", at: path) ?? []
        if kind.isRatedFromCases, questionNodes.isEmpty {
            reader.fail("\(path).questions", mapping[field: "questions"] ?? node, "a \(kind.rawValue) standard needs at least one key question")
            valid = false
        }
        var questions: [KeyQuestion] = []
        var seen: Set<String> = []
        for (index, questionNode) in questionNodes.enumerated() {
            let questionPath = "\(path).questions[\(index + 1)]"
            guard let question = question(questionNode, at: questionPath, standardID: id) else { valid = false; continue }
            if !seen.insert(question.id.rawValue).inserted {
                reader.fail("\(questionPath).id", questionNode.mapping?[field: "id"], "question \"\(question.id)\" appears more than once")
                valid = false
            }
            if kind == .pooled, question.pools == nil {
                reader.fail("\(questionPath).pools", questionNode, "a pooled standard's key question must name the question it adds up")
                valid = false
            }
            if kind != .pooled, question.pools != nil {
                reader.fail(
                    "\(questionPath).pools", questionNode.mapping?[field: "pools"], "only a pooled standard's key questions add up other inspections' answers")
                valid = false
            }
            questions.append(question)
        }
        if kind.isRatedFromCases, !questions.isEmpty, !questions.contains(where: \.countsTowardRating) {
            reader.fail("\(path).questions", mapping[field: "questions"], "at least one key question must count toward the standard's rating")
            valid = false
        }
        let correspondsTo = references(mapping, at: path)
        guard valid, let correspondsTo else { return nil }
        return Standard(id: StandardID(id), title: title, kind: kind, sample: sample, questions: questions, correspondsTo: correspondsTo)
    }

    /// `corresponds_to`: a list of `{ framework, standard }`. That they exist is checked by the
    /// catalog, which knows every framework.
    private func references(_ mapping: Node.Mapping, at path: String) -> [StandardReference]? {
        guard let items = reader.sequence(mapping, "corresponds_to", at: path) else { return [] }
        var references: [StandardReference] = []
        for (index, item) in items.enumerated() {
            let itemPath = "\(path).corresponds_to[\(index + 1)]"
            guard let reference = reader.mapping(item, at: itemPath, required: ["framework", "standard"]),
                let framework = reader.string(reference, "framework", at: itemPath),
                let standard = reader.string(reference, "standard", at: itemPath)
            else { return nil }
            references.append(StandardReference(framework: FrameworkID(framework), standard: StandardID(standard)))
        }
        return references
    }

    private func question(_ node: Node, at path: String, standardID: String) -> KeyQuestion? {
        guard
            let mapping = reader.mapping(
                node, at: path, required: ["id", "text"], optional: ["focus", "prompts", "pools", "counts_toward_rating"]),
            let id = reader.string(mapping, "id", at: path),
            let text = reader.string(mapping, "text", at: path)
        else { return nil }
        let suffix = id.hasPrefix(standardID + ".") ? id.dropFirst(standardID.count + 1) : ""
        guard let number = Int(suffix), number >= 1, String(number) == suffix else {
            reader.fail("\(path).id", mapping[field: "id"], "\"\(id)\" must be \"\(standardID).<n>\" with n a whole number from 1")
            return nil
        }
        let focus = reader.string(mapping, "focus", at: path)
        let prompts = stringList(mapping, "prompts", at: path) ?? []
        let pools = reader.string(mapping, "pools", at: path).map { QuestionID($0) }
        var countsTowardRating = true
        if let text = reader.string(mapping, "counts_toward_rating", at: path) {
            switch text {
            case "true": countsTowardRating = true
            case "false": countsTowardRating = false
            default:
                reader.fail(reader.join(path, "counts_toward_rating"), mapping[field: "counts_toward_rating"], "expected true or false, found \"\(text)\"")
                return nil
            }
        }
        return KeyQuestion(id: QuestionID(id), text: text, focus: focus, prompts: prompts, pools: pools, countsTowardRating: countsTowardRating)
    }
}

extension Node.Mapping {
    /// The value of the field named `name`, found by its text. Yams' own `mapping["name"]`
    /// compares nodes, resolving each key's type through regular expressions: the profile of a
    /// start-up showed that as most of loading the frameworks.
    subscript(field name: String) -> Node? {
        first { $0.key.scalar?.string == name }?.value
    }
}
