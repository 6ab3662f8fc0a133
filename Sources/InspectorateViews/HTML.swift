import InspectionKit

/// A fragment of HTML. Text interpolated into it is escaped; only literals written in the
/// source and other `HTML` values are trusted as markup. Escaping is the default, so a case
/// reference or a rationale containing `<script>` is shown, never run.
public struct HTML: Sendable, Equatable, CustomStringConvertible, ExpressibleByStringInterpolation {
    public private(set) var rendered: String

    /// Markup from the source code itself.
    public init(stringLiteral value: String) { rendered = value }

    public init(stringInterpolation: Interpolation) { rendered = stringInterpolation.output }

    /// Trusted markup built elsewhere (only for output of this module, e.g. SVG).
    init(trusted markup: String) { rendered = markup }

    public static let empty: HTML = ""

    public var description: String { rendered }

    public static func + (lhs: HTML, rhs: HTML) -> HTML { HTML(trusted: lhs.rendered + rhs.rendered) }
    public static func += (lhs: inout HTML, rhs: HTML) { lhs = lhs + rhs }

    public struct Interpolation: StringInterpolationProtocol {
        var output = ""

        public init(literalCapacity: Int, interpolationCount: Int) {
            output.reserveCapacity(literalCapacity + interpolationCount * 16)
        }

        public mutating func appendLiteral(_ literal: String) { output += literal }
        public mutating func appendInterpolation(_ text: String) { output += HTML.escape(text) }
        public mutating func appendInterpolation(_ text: String?) { output += HTML.escape(text ?? "") }
        public mutating func appendInterpolation(_ html: HTML) { output += html.rendered }
        public mutating func appendInterpolation(_ html: HTML?) { output += html?.rendered ?? "" }
        public mutating func appendInterpolation(_ fragments: [HTML]) { for fragment in fragments { output += fragment.rendered } }
        public mutating func appendInterpolation(_ number: Int) { output += String(number) }
        public mutating func appendInterpolation(_ url: SiteURL) { output += HTML.escape(url.path) }
        public mutating func appendInterpolation(_ id: StandardID) { output += HTML.escape(id.rawValue) }
        public mutating func appendInterpolation(_ id: QuestionID) { output += HTML.escape(id.rawValue) }
    }

    /// Escapes the five characters that matter in text and in quoted attribute values.
    public static func escape(_ text: String) -> String {
        guard text.contains(where: { "&<>\"'".contains($0) }) else { return text }
        var result = ""
        result.reserveCapacity(text.count + 16)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&#39;"
            default: result.append(character)
            }
        }
        return result
    }
}

extension Array where Element == HTML {
    public func joined() -> HTML { HTML(trusted: map(\.rendered).joined()) }
}

/// `attribute` or nothing, for boolean attributes such as `checked`.
func flag(_ name: String, _ on: Bool) -> HTML { on ? HTML(trusted: " \(name)") : .empty }
