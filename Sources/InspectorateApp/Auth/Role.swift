/// What a person may do in Inspectorate.
enum Role: String, CaseIterable, Codable, Sendable {
    case admin
    case lead
    case inspector
    case quality
    case analyst
    case provider

    var title: String {
        switch self {
        case .admin: "Admin"
        case .lead: "Lead inspector"
        case .inspector: "Inspector"
        case .quality: "Quality lead"
        case .analyst: "Analyst"
        case .provider: "Provider user"
        }
    }

    /// Inspectorate staff see every inspection; provider users only their own provider's.
    var isStaff: Bool { self != .provider }

    init?(parsing text: String) {
        let normalised = text.lowercased().replacingOccurrences(of: "_", with: "-").replacingOccurrences(of: " ", with: "-")
        switch normalised {
        case "admin": self = .admin
        case "lead", "lead-inspector": self = .lead
        case "inspector": self = .inspector
        case "quality", "quality-lead": self = .quality
        case "analyst": self = .analyst
        case "provider", "provider-user": self = .provider
        default: return nil
        }
    }
}
