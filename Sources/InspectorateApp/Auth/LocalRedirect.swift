import Foundation

/// Where a person may be sent back to after signing in: a path on this site and nothing else.
///
/// The value comes from a link anyone can craft, and ends up in a `Location` header, so it must
/// neither leave the site (`//host`, `/\host`, `/<tab>/host`, which browsers read as another
/// origin once they drop the tab) nor carry a line break into the header. Only the characters
/// a URL path and query may hold are accepted, and percent-escapes must decode to the same kind
/// of text; anything else falls back to the home page.
enum LocalRedirect {
    static let longest = 2_000
    private static let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:@/%?".utf8)

    static func path(_ candidate: String?) -> String? {
        guard let candidate, candidate.utf8.count <= longest, candidate.utf8.allSatisfy(allowed.contains) else { return nil }
        guard candidate.hasPrefix("/"), !candidate.hasPrefix("//") else { return nil }
        guard let decoded = candidate.removingPercentEncoding,
            decoded.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7f && $0 != "\\" }), !decoded.hasPrefix("//")
        else { return nil }
        return candidate
    }
}
