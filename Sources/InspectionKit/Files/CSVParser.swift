/// A strict RFC 4180 CSV reader over bytes, built for large files: it hands out fields as byte
/// ranges and only builds strings when asked.
///
/// It accepts a UTF-8 byte-order mark, LF or CRLF line ends, and quoted fields containing
/// commas, doubled quotes and line breaks; it skips blank lines. It rejects what usually means a
/// damaged file: text that is not UTF-8, control characters (a NUL byte, say) other than tab and
/// line ends, a quote inside an unquoted field, text after a closing quote, a quote never closed,
/// and a field longer than `maximumFieldLength`.
public struct CSVParser {
    /// A field's place in the buffer. `hasEscapedQuotes` marks a quoted field with `""` inside,
    /// whose text needs unescaping.
    public struct Field: Sendable {
        public let range: Range<Int>
        public let quoted: Bool
        public let hasEscapedQuotes: Bool
    }

    public enum Problem: Error, Equatable, Sendable {
        case notUTF8(line: Int)
        case controlCharacter(line: Int)
        case unterminatedQuote(line: Int)
        case quoteInUnquotedField(line: Int, column: Int)
        case textAfterClosingQuote(line: Int, column: Int)
        case fieldTooLong(line: Int, column: Int, limit: Int)

        public var line: Int {
            switch self {
            case .notUTF8(let line), .controlCharacter(let line), .unterminatedQuote(let line), .quoteInUnquotedField(let line, _),
                .textAfterClosingQuote(let line, _), .fieldTooLong(let line, _, _):
                line
            }
        }

        public var column: Int? {
            switch self {
            case .notUTF8, .controlCharacter, .unterminatedQuote: nil
            case .quoteInUnquotedField(_, let column), .textAfterClosingQuote(_, let column), .fieldTooLong(_, let column, _): column
            }
        }

        public var message: String {
            switch self {
            case .notUTF8: "the file is not UTF-8 text (save it as CSV UTF-8)"
            case .controlCharacter: "the line contains a control character (such as a NUL byte); the file looks damaged"
            case .unterminatedQuote: "a quoted field starts here but its closing quote is missing"
            case .quoteInUnquotedField: "a quote appears inside an unquoted field; quote the whole field and double the quote"
            case .textAfterClosingQuote: "text follows a closing quote; a quoted field must end at a comma or a line end"
            case .fieldTooLong(_, _, let limit): "the field is longer than \(limit) bytes"
            }
        }
    }

    public let bytes: [UInt8]
    public let maximumFieldLength: Int
    private var position: Int
    private var line = 1

    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\"")
    private static let newline = UInt8(ascii: "\n"), carriageReturn = UInt8(ascii: "\r")

    /// Validates the encoding up front, so that every later string conversion is exact.
    public init(bytes: [UInt8], maximumFieldLength: Int = 65_536) throws(Problem) {
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        if let offset = CSVParser.firstInvalidUTF8Offset(bytes, from: start) {
            let line = 1 + bytes[..<offset].lazy.filter { $0 == CSVParser.newline }.count
            throw bytes[offset] < 0x80 ? .controlCharacter(line: line) : .notUTF8(line: line)
        }
        self.bytes = bytes
        self.maximumFieldLength = maximumFieldLength
        self.position = start
    }

    /// Reads the next non-blank record into `fields`, returning the line it starts on, or nil at
    /// the end of the file. `fields` is reused between calls to avoid allocating per row.
    public mutating func nextRecord(into fields: inout [Field]) throws(Problem) -> Int? {
        while true {
            guard position < bytes.count else { return nil }
            fields.removeAll(keepingCapacity: true)
            let startLine = line
            try readRecord(into: &fields, startLine: startLine)
            let blank = fields.count == 1 && fields[0].range.isEmpty && !fields[0].quoted
            if !blank { return startLine }
        }
    }

    /// The text of a field, with quotes unescaped.
    public func string(_ field: Field) -> String {
        let text = String(decoding: bytes[field.range], as: UTF8.self)
        return field.hasEscapedQuotes ? text.replacingOccurrences(of: "\"\"", with: "\"") : text
    }

    /// Whether a field's bytes equal `text` exactly (no allocation).
    public func field(_ field: Field, equals text: StaticString) -> Bool {
        guard !field.hasEscapedQuotes, field.range.count == text.utf8CodeUnitCount else { return false }
        let pointer = text.utf8Start
        var index = 0
        for byte in bytes[field.range] {
            if byte != pointer[index] { return false }
            index += 1
        }
        return true
    }

    private mutating func readRecord(into fields: inout [Field], startLine: Int) throws(Problem) {
        while true {
            let column = fields.count + 1
            if position < bytes.count, bytes[position] == CSVParser.quote {
                position += 1
                let start = position
                var escaped = false
                while true {
                    guard position < bytes.count else { throw .unterminatedQuote(line: startLine) }
                    let byte = bytes[position]
                    if byte == CSVParser.quote {
                        if position + 1 < bytes.count, bytes[position + 1] == CSVParser.quote {
                            escaped = true
                            position += 2
                            continue
                        }
                        break
                    }
                    if byte == CSVParser.newline { line += 1 }
                    position += 1
                }
                let end = position
                position += 1  // the closing quote
                if end - start > maximumFieldLength { throw .fieldTooLong(line: line, column: column, limit: maximumFieldLength) }
                fields.append(Field(range: start..<end, quoted: true, hasEscapedQuotes: escaped))
            } else {
                let start = position
                while position < bytes.count {
                    let byte = bytes[position]
                    if byte == CSVParser.comma || byte == CSVParser.newline || byte == CSVParser.carriageReturn { break }
                    if byte == CSVParser.quote { throw .quoteInUnquotedField(line: line, column: column) }
                    position += 1
                }
                if position - start > maximumFieldLength { throw .fieldTooLong(line: line, column: column, limit: maximumFieldLength) }
                fields.append(Field(range: start..<position, quoted: false, hasEscapedQuotes: false))
            }
            guard position < bytes.count else { return }
            switch bytes[position] {
            case CSVParser.comma:
                position += 1
            case CSVParser.newline:
                position += 1
                line += 1
                return
            case CSVParser.carriageReturn:
                position += 1
                if position < bytes.count, bytes[position] == CSVParser.newline { position += 1 }
                line += 1
                return
            default:
                throw .textAfterClosingQuote(line: line, column: column)
            }
        }
    }

    /// The offset of the first byte that breaks UTF-8 or is an ASCII control character other than
    /// tab, CR and LF; nil when all is well-formed.
    static func firstInvalidUTF8Offset(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        let count = bytes.count
        while index < count {
            let lead = bytes[index]
            if lead < 0x80 {
                if (lead < 0x20 && lead != 0x09 && lead != 0x0A && lead != 0x0D) || lead == 0x7F { return index }
                index += 1
                continue
            }
            let length: Int
            let minimum: UInt32
            switch lead {
            case 0xC2...0xDF: length = 2; minimum = 0x80
            case 0xE0...0xEF: length = 3; minimum = 0x800
            case 0xF0...0xF4: length = 4; minimum = 0x10000
            default: return index
            }
            guard index + length <= count else { return index }
            var scalar = UInt32(lead) & (0xFF >> (length + 1))
            for offset in 1..<length {
                let byte = bytes[index + offset]
                guard byte & 0xC0 == 0x80 else { return index }
                scalar = scalar << 6 | UInt32(byte & 0x3F)
            }
            guard scalar >= minimum, scalar <= 0x10FFFF, !(0xD800...0xDFFF).contains(scalar) else { return index }
            index += length
        }
        return nil
    }
}
