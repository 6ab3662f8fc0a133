import Foundation

/// An exact non-negative rational number, used wherever a share is compared with a threshold,
/// so that 13 of 20 is exactly 65% and never 64.99999%.
public struct Fraction: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let numerator: Int
    public let denominator: Int

    /// - Precondition: `denominator > 0` and `numerator >= 0`.
    public init(_ numerator: Int, _ denominator: Int) {
        precondition(denominator > 0, "a fraction needs a positive denominator")
        precondition(numerator >= 0, "shares are never negative")
        let divisor = Fraction.greatestCommonDivisor(numerator, denominator)
        self.numerator = numerator / divisor
        self.denominator = denominator / divisor
    }

    public static let zero = Fraction(0, 1)
    public static let one = Fraction(1, 1)

    /// Parses a decimal percentage such as `80`, `65` or `66.67` exactly, as a fraction of one
    /// (so `"65"` is 13/20). Returns nil for anything else, including negative numbers.
    public init?(percentText text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), let whole = parts.first, !whole.isEmpty,
            whole.allSatisfy(\.isASCIIDigit), whole.count <= 9
        else { return nil }
        let decimals = parts.count == 2 ? parts[1] : ""
        guard decimals.allSatisfy(\.isASCIIDigit), decimals.count <= 9,
            parts.count == 1 || !decimals.isEmpty
        else { return nil }
        var scale = 100  // percent → fraction of one
        for _ in decimals { scale *= 10 }
        guard let numerator = Int(whole + decimals) else { return nil }
        self.init(numerator, scale)
    }

    /// The value as a double, for display and interval arithmetic only; never for comparison.
    public var doubleValue: Double { Double(numerator) / Double(denominator) }

    /// The value in percent, for display, with a single rounding (so 13/20 is exactly 65).
    public var percent: Double { Double(numerator) * 100 / Double(denominator) }

    public var description: String { "\(numerator)/\(denominator)" }

    public static func < (lhs: Fraction, rhs: Fraction) -> Bool {
        // a/b < c/d  ⇔  a·d < c·b, computed at double width so large counts cannot overflow.
        let left = lhs.numerator.multipliedFullWidth(by: rhs.denominator)
        let right = rhs.numerator.multipliedFullWidth(by: lhs.denominator)
        return (left.high, left.low) < (right.high, right.low)
    }

    public static func == (lhs: Fraction, rhs: Fraction) -> Bool {
        lhs.numerator == rhs.numerator && lhs.denominator == rhs.denominator
    }

    /// The smallest whole number of cases out of `total` whose share reaches this fraction:
    /// ⌈fraction × total⌉.
    public func casesNeeded(outOf total: Int) -> Int {
        let product = numerator * total
        return product / denominator + (product % denominator == 0 ? 0 : 1)
    }

    static func greatestCommonDivisor(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return Swift.max(x, 1)
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
