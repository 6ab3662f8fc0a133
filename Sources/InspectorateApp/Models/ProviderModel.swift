import Fluent
import Foundation
import InspectionKit
import InspectorateViews

/// A probation service that is inspected: a CRC, an NPS division, a region, a PDU within its
/// region, or a youth offending team. Every read and write of the `providers` and
/// `provider_links` rows is here, with the rules that keep the hierarchy whole.
final class ProviderModel: Model, @unchecked Sendable {
    static let schema = "providers"
    @ID var id: UUID?
    @Field(key: "code") var code: String
    @Field(key: "name") var name: String
    /// Stored as its name ("pdu"); a row with an unknown one fails to load rather than passing
    /// for another type.
    @Field(key: "type") var type: ProviderType
    @Field(key: "region") var region: String
    /// The region a PDU belongs to; nil for every other type.
    @OptionalField(key: "parent_id") var parentID: UUID?
    @Field(key: "is_demo") var isDemo: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(id: UUID? = nil, code: String, name: String, type: ProviderType, region: String, parentID: UUID? = nil, isDemo: Bool = false) {
        self.id = id
        self.code = code
        self.name = name
        self.type = type
        self.region = region
        self.parentID = parentID
        self.isDemo = isDemo
    }

    var providerType: ProviderType { type }

    static func all(on database: any Database) async throws -> [ProviderModel] {
        try await query(on: database).sort(\.$type).sort(\.$name).all()
    }

    /// The provider with this short code, if there is one.
    static func find(code: String, on database: any Database) async throws -> ProviderModel? {
        try await query(on: database).filter(\.$code == code).first()
    }

    static func regions(on database: any Database) async throws -> [ProviderModel] {
        try await query(on: database).filter(\.$type == .region).sort(\.$name).all()
    }

    static func children(of id: UUID, on database: any Database) async throws -> [ProviderModel] {
        try await query(on: database).filter(\.$parentID == id).sort(\.$name).all()
    }

    /// The values an admin sets, checked: a name, a type, and for a PDU the region it belongs
    /// to (its region text follows); for any other type a region from the list.
    struct Fields {
        let name: String
        let type: ProviderType
        let region: String
        let parentID: UUID?
        let predecessors: Set<UUID>
        let carriesRecommendations: Bool
    }

    static func read(_ form: [String: String], editing: ProviderModel?, on database: any Database) async throws -> (Fields?, [FieldError]) {
        var errors: [FieldError] = []
        let name = (form["name"] ?? "").trimmingCharacters(in: .whitespaces)
        if name.isEmpty || name.count > 120 { errors.append(FieldError(field: "name", message: "Enter the provider's name (up to 120 characters)")) }
        let type = ProviderType(rawValue: form["type"] ?? "")
        if type == nil { errors.append(FieldError(field: "type", message: "Choose the type of provider")) }
        var region = form["region"] ?? ""
        var parentID: UUID?
        let parentText = form["parent"] ?? ""
        if type?.parentType == .region {
            guard let id = UUID(uuidString: parentText), let parent = try await find(id, on: database), parent.providerType == .region else {
                errors.append(FieldError(field: "parent", message: "Choose the region the PDU belongs to"))
                return (nil, errors)
            }
            parentID = id
            region = parent.region
        } else {
            if !parentText.isEmpty { errors.append(FieldError(field: "parent", message: "Only a PDU belongs to a region; leave \"Part of region\" empty")) }
            if !(try await regionChoices(on: database)).contains(region) {
                errors.append(FieldError(field: "region", message: "Choose the region from the list"))
            }
        }
        if let editing, editing.providerType == .region, type != .region, try await children(of: editing.id!, on: database).count > 0 {
            errors.append(FieldError(field: "type", message: "\(editing.name) has PDUs, so it stays a region"))
        }
        var predecessors = Set<UUID>()
        for text in (form["predecessors[]"] ?? "").split(separator: "\u{1F}") where !text.isEmpty {
            guard let id = UUID(uuidString: String(text)), id != editing?.id, try await find(id, on: database) != nil else {
                errors.append(FieldError(field: "predecessors", message: "Choose predecessors from the list"))
                break
            }
            predecessors.insert(id)
        }
        guard errors.isEmpty, let type else { return (nil, errors) }
        let carries = form["carriesRecommendations[]"] == "yes"
        if carries, predecessors.isEmpty {
            errors.append(FieldError(field: "carriesRecommendations", message: "Choose the predecessors whose recommendations it takes on"))
            return (nil, errors)
        }
        return (Fields(name: name, type: type, region: region, parentID: parentID, predecessors: predecessors, carriesRecommendations: carries), [])
    }

    /// The regions a provider may be placed in: the unified twelve and any already in use.
    static func regionChoices(on database: any Database) async throws -> [String] {
        ProbationRegions.choices(inUse: try await query(on: database).all().map(\.region))
    }

    func apply(_ fields: Fields) {
        name = fields.name
        type = fields.type
        region = fields.region
        parentID = fields.parentID
    }

    /// Providers this one took over from, and those that took over from it.
    func lineage(on database: any Database) async throws -> (predecessors: [ProviderModel], successors: [ProviderModel]) {
        let links = try await ProviderLinkModel.query(on: database).group(.or) { $0.filter(\.$predecessorID == id!).filter(\.$successorID == id!) }.all()
        let ids = Set(links.flatMap { [$0.predecessorID, $0.successorID] }).subtracting([id!])
        let others = ids.isEmpty ? [] : try await ProviderModel.query(on: database).filter(\.$id ~~ Array(ids)).sort(\.$name).all()
        let before = Set(links.filter { $0.successorID == id }.map(\.predecessorID))
        return (others.filter { before.contains($0.id!) }, others.filter { !before.contains($0.id!) })
    }

    /// Every (predecessor, successor) link between providers.
    static func links(on database: any Database) async throws -> [(predecessor: UUID, successor: UUID)] {
        try await ProviderLinkModel.query(on: database).all().map { ($0.predecessorID, $0.successorID) }
    }

    /// Replaces the providers this one took over from, and whether it answers for their open
    /// recommendations.
    func setPredecessors(_ predecessors: Set<UUID>, carryingRecommendations: Bool, on database: any Database) async throws {
        try await ProviderLinkModel.query(on: database).filter(\.$successorID == id!).delete()
        for predecessor in predecessors.sorted(by: { $0.uuidString < $1.uuidString }) {
            try await ProviderLinkModel(predecessorID: predecessor, successorID: id!, carriesRecommendations: carryingRecommendations).create(on: database)
        }
    }

    /// Whether this provider was declared to answer for its predecessors' open recommendations.
    func carriesRecommendations(on database: any Database) async throws -> Bool {
        try await ProviderLinkModel.query(on: database).filter(\.$successorID == id!).filter(\.$carriesRecommendations == true).count() > 0
    }
}

/// One provider taking over from another: a CRC's area now covered by named PDUs.
final class ProviderLinkModel: Model, @unchecked Sendable {
    static let schema = "provider_links"
    @ID var id: UUID?
    @Field(key: "predecessor_id") var predecessorID: UUID
    @Field(key: "successor_id") var successorID: UUID
    /// Declared by an admin: the successor answers, at its inspections, for the predecessor's
    /// recommendations still open.
    @Field(key: "carries_recommendations") var carriesRecommendations: Bool
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    init() {}

    init(predecessorID: UUID, successorID: UUID, carriesRecommendations: Bool = false) {
        self.predecessorID = predecessorID
        self.successorID = successorID
        self.carriesRecommendations = carriesRecommendations
    }
}
