import Foundation

/// The client's address behind trusted proxies. Each proxy appends the address it received the
/// request from to `X-Forwarded-For`, so only the rightmost entries, one per trusted proxy, were
/// written by someone we trust; anything to their left came from the client and may be forged.
/// With `trustedProxies` proxies, the client is the entry that many places from the right.
enum ForwardedFor {
    static func client(forwarded: [String], peer: String?, trustedProxies: Int) -> String {
        let direct = peer ?? "unknown"
        guard trustedProxies > 0 else { return direct }
        let entries = forwarded.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        guard entries.count >= trustedProxies else { return direct }
        let client = entries[entries.count - trustedProxies]
        return isAddress(client) ? client : direct
    }

    /// An IPv4 or IPv6 address as text, and nothing else (no ports, names or scripts).
    static func isAddress(_ text: String) -> Bool {
        var v4 = in_addr()
        var v6 = in6_addr()
        return inet_pton(AF_INET, text, &v4) == 1 || inet_pton(AF_INET6, text, &v6) == 1
    }
}
