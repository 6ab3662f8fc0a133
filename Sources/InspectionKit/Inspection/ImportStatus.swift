/// Where an upload of the provider's data is: waiting, being read, being saved, or finished one
/// way or the other. Stored by its raw value; shown by its title.
public enum ImportStatus: String, Sendable, Codable, CaseIterable {
    case queued
    case validating
    case saving
    case succeeded
    case failed

    public var title: String {
        switch self {
        case .queued: "Waiting to start"
        case .validating: "Checking the file"
        case .saving: "Saving"
        case .succeeded: "Imported"
        case .failed: "Not imported"
        }
    }

    public var isFinished: Bool { self == .succeeded || self == .failed }

    /// The states an interrupted import can be left in.
    public static let unfinished: [ImportStatus] = [.queued, .validating, .saving]
}
