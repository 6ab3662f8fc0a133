import Foundation

/// How percentages are written for people. One place, so every page and table agrees.
public enum PercentFormat {
    /// One decimal place: "66.7%".
    public static func oneDecimal(_ percent: Double) -> String {
        String(format: "%.1f%%", percent)
    }

    /// A number with trailing zeros removed: 95 → "95", 99.5 → "99.5".
    public static func trimmed(_ value: Double) -> String {
        var text = String(format: "%.4f", value)
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text
    }

    /// An interval: "42.3–75.4%".
    public static func interval(_ interval: WilsonInterval) -> String {
        String(format: "%.1f–%.1f%%", interval.lowerPercent, interval.upperPercent)
    }
}
