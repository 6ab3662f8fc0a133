/// The order people expect of names with numbers in them: "Team 2" before "Team 10", "A9" before
/// "A10". Runs of digits compare by their value, everything else letter by letter ignoring case;
/// where two names are otherwise equal (e.g. "Team 02" and "team 2") the plain comparison
/// decides, so the order is total and the same every time.
public enum NaturalOrder {
    public static func precedes(_ left: String, _ right: String) -> Bool {
        var a = left.lowercased().unicodeScalars.makeIterator()
        var b = right.lowercased().unicodeScalars.makeIterator()
        var nextA = a.next()
        var nextB = b.next()
        while let x = nextA, let y = nextB {
            if x.properties.numericType == .decimal, y.properties.numericType == .decimal {
                // Whole numbers: the one with fewer significant digits is smaller; equal lengths compare digit by digit.
                var digitsA: [Unicode.Scalar] = []
                var digitsB: [Unicode.Scalar] = []
                while let digit = nextA, digit.properties.numericType == .decimal {
                    if !(digitsA.isEmpty && digit == "0") { digitsA.append(digit) }
                    nextA = a.next()
                }
                while let digit = nextB, digit.properties.numericType == .decimal {
                    if !(digitsB.isEmpty && digit == "0") { digitsB.append(digit) }
                    nextB = b.next()
                }
                if digitsA.count != digitsB.count { return digitsA.count < digitsB.count }
                for (p, q) in zip(digitsA, digitsB) where p != q {
                    return (p.properties.numericValue ?? 0) < (q.properties.numericValue ?? 0)
                }
                continue
            }
            if x != y { return x.value < y.value }
            nextA = a.next()
            nextB = b.next()
        }
        if (nextA == nil) != (nextB == nil) { return nextA == nil }
        return left < right
    }
}

extension Sequence {
    /// The elements in natural order of `name` ("Team 2" before "Team 10").
    public func sortedNaturally(by name: (Element) -> String) -> [Element] {
        sorted { NaturalOrder.precedes(name($0), name($1)) }
    }
}
