import Foundation

/// The inspectorate's four-point rating scale, from best to worst.
///
/// The scale itself is fixed across frameworks; what each rating is worth in points and
/// where the percentage bands fall are data in each framework file.
public enum Rating: String, Sendable, Codable, CaseIterable, Comparable, Hashable {
    case outstanding
    case good
    case requiresImprovement = "requires-improvement"
    case inadequate

    /// The machine-readable name used in files, JSON and URLs, e.g. `requires-improvement`.
    public var slug: String { rawValue }

    /// The name people read, e.g. "Requires improvement".
    public var title: String {
        switch self {
        case .outstanding: "Outstanding"
        case .good: "Good"
        case .requiresImprovement: "Requires improvement"
        case .inadequate: "Inadequate"
        }
    }

    /// Higher is better: Inadequate is 0, Outstanding is 3. Used for ordering only, never as points.
    public var rank: Int {
        switch self {
        case .inadequate: 0
        case .requiresImprovement: 1
        case .good: 2
        case .outstanding: 3
        }
    }

    public static func < (lhs: Rating, rhs: Rating) -> Bool { lhs.rank < rhs.rank }

    /// Reads a rating as people write it: `outstanding`, `good`, `requires improvement`,
    /// `requires-improvement`, `inadequate`, in any case, with surrounding spaces ignored.
    public init?(parsing text: some StringProtocol) {
        let normalised = text.trimmingCharacters(in: .whitespaces).lowercased()
            .replacingOccurrences(of: "_", with: " ")
            .replacingOccurrences(of: "-", with: " ")
        switch normalised {
        case "outstanding": self = .outstanding
        case "good": self = .good
        case "requires improvement": self = .requiresImprovement
        case "inadequate": self = .inadequate
        default: return nil
        }
    }
}
