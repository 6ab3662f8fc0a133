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

    /// Percentage points with their sign, one decimal place: "+3.2", "−12.0" (a real minus sign), "0.0".
    public static func signedPoints(_ points: Double) -> String {
        let text = String(format: "%.1f", abs(points))
        if text == "0.0" { return text }
        return (points < 0 ? "\u{2212}" : "+") + text
    }
}
