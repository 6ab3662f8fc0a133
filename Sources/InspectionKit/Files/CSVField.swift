/// Writing CSV fields (RFC 4180).
public enum CSVField {
    /// Quotes a field when it holds a comma, a quote or a line break. Checked on Unicode
    /// scalars: in Swift "\r\n" is one Character, so a character test would miss a CRLF.
    public static func quoted(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// For files people open in spreadsheets: also defuses text a spreadsheet would run as a
    /// formula (a leading =, +, - or @, or a tab or carriage return before one) with an
    /// apostrophe. Numbers are left alone.
    public static func safe(_ text: String) -> String {
        guard let first = text.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Double(text) == nil else { return quoted(text) }
        return quoted("'" + text)
    }
}
