import Fluent
import Foundation
import InspectionKit
import InspectorateViews
import Vapor

enum AdminController {
    static func requireAdmin(_ request: Request) throws -> UserModel {
        let user = try request.requireUser()
        guard Policy.canAdminister(user.role) else { throw Abort(.forbidden, reason: "Only administrators can manage accounts and read the audit log.") }
        return user
    }

    static func usersView(_ request: Request, errors: [FieldError] = [], form: [String: String] = [:]) async throws -> HTML {
        let users = try await UserModel.query(on: request.db).sort(\.$email).all()
        let providers = try await ProviderModel.query(on: request.db).sort(\.$name).all()
        let names = Dictionary(uniqueKeysWithValues: providers.map { ($0.id!, $0.name) })
        let words = request.application.timeInWords
        return usersPage(
            await request.pageContext("Users", errors: errors),
            users: users.map {
                UserRow(
                    id: $0.id!, email: $0.email, role: $0.role.title, provider: $0.providerID.flatMap { names[$0] },
                    created: $0.createdAt.map(words.date) ?? "", active: $0.isActive)
            },
            roles: roleOptions,
            providers: providers.map { Components.Option($0.id!.uuidString, $0.name) }, form: form)
    }

    static let roleOptions = [Components.Option("", "Choose a role")] + Role.allCases.map { Components.Option($0.rawValue, $0.title) }

    static func loadUser(_ request: Request) async throws -> UserModel {
        guard let id = request.parameters.get("user", as: UUID.self), let user = try await UserModel.find(id, on: request.db) else {
            throw Abort(.notFound, reason: "There is no such user.")
        }
        return user
    }

    static func userView(_ request: Request, _ user: UserModel, errors: [FieldError] = [], form: [String: String] = [:]) async throws -> HTML {
        let providers = try await ProviderModel.query(on: request.db).sort(\.$name).all()
        return userEditPage(
            await request.pageContext(user.email, breadcrumbs: [("Users", .adminUsers)], errors: errors),
            user: UserRow(
                id: user.id!, email: user.email, role: user.role.title, provider: providers.first { $0.id == user.providerID }?.name,
                created: user.createdAt.map(request.application.timeInWords.date) ?? "", active: user.isActive),
            roles: roleOptions, selectedRole: form["role"] ?? user.role.rawValue,
            providers: providers.map { Components.Option($0.id!.uuidString, $0.name) }, selectedProvider: form["provider"] ?? user.providerID?.uuidString ?? "",
            isSelf: user.id == request.user?.id)
    }

    @Sendable static func user(_ request: Request) async throws -> HTML {
        _ = try requireAdmin(request)
        return try await userView(request, try await loadUser(request))
    }

    /// Edits an account: role and provider, deactivate or reactivate, or reset the password.
    /// Each ends the person's sessions at once, so what they may do changes immediately.
    @Sendable static func updateUser(_ request: Request) async throws -> Response {
        let admin = try requireAdmin(request)
        let user = try await loadUser(request)
        let fields = try request.formFields()
        let message: String
        switch fields["action"] ?? "" {
        case "save":
            do {
                let provider = (fields["provider"] ?? "").isEmpty ? nil : UUID(uuidString: fields["provider"] ?? "") ?? UUID()
                guard try await Accounts.update(user, role: fields["role"] ?? "", providerID: provider, on: request.db) else {
                    message = "Nothing changed for \(user.email)."
                    break
                }
                try await request.audit(.update, "user", user.id?.uuidString, detail: "role \(user.role.title), sessions ended")
                message = "\(user.email) is now \(user.role.title). Their sessions have ended, so the change applies at once."
            } catch let problems as Accounts.Problems {
                return .page(try await userView(request, user, errors: problems.errors, form: fields), status: .unprocessableEntity)
            }
        case "deactivate", "reactivate":
            let active = fields["action"] == "reactivate"
            guard active || user.id != admin.id else { throw Abort(.conflict, reason: "You cannot deactivate your own account.") }
            try await Accounts.setActive(user, active, on: request.db)
            try await request.audit(.update, "user", user.id?.uuidString, detail: active ? "reactivated" : "deactivated, sessions ended")
            message = active ? "\(user.email) can sign in again." : "\(user.email) has been deactivated and signed out everywhere."
        case "reset-password":
            let problems = Accounts.passwordProblems(fields["password"] ?? "", field: "password", email: user.email)
            guard problems.isEmpty else { return .page(try await userView(request, user, errors: problems), status: .unprocessableEntity) }
            _ = try await Accounts.setPassword(user, to: fields["password"] ?? "", on: request.db, app: request.application)
            try await request.audit(.update, "user", user.id?.uuidString, detail: "password reset by an admin, sessions ended")
            message = "The password has been reset for \(user.email); tell them the new one by another channel. Their sessions have ended."
        default:
            throw Abort(.badRequest, reason: "Choose what to change.")
        }
        request.flash(message)
        return request.redirect(to: SiteURL.adminUser(user.id!).path, redirectType: .normal)
    }

    @Sendable static func users(_ request: Request) async throws -> HTML {
        _ = try requireAdmin(request)
        return try await usersView(request)
    }

    @Sendable static func createUser(_ request: Request) async throws -> Response {
        _ = try requireAdmin(request)
        let fields = try request.formFields()
        do {
            let user = try await Accounts.create(
                email: fields["email"] ?? "", role: fields["role"] ?? "", providerID: fields["provider"].flatMap(UUID.init(uuidString:)),
                providerGiven: !(fields["provider"] ?? "").isEmpty, password: fields["password"] ?? "", on: request.db, app: request.application)
            try await request.audit(.create, "user", user.id?.uuidString, detail: "\(user.email) as \(user.role.rawValue)")
            request.flash("\(user.email) added.")
            return request.redirect(to: SiteURL.adminUsers.path, redirectType: .normal)
        } catch let error as Accounts.Problems {
            var form = fields
            form["password"] = nil
            return .page(try await usersView(request, errors: error.errors, form: form), status: .unprocessableEntity)
        }
    }

    /// The audit log's filters from the address: person, action, inspection and dates.
    static func auditQuery(_ request: Request) throws -> (QueryBuilder<AuditEventModel>, [String: String]) {
        let query = AuditEventModel.query(on: request.db)
        var filters: [String: String] = [:]
        for key in ["user", "action", "inspection", "from", "to"] {
            if let value = request.query[String.self, at: key]?.trimmingCharacters(in: .whitespaces), !value.isEmpty { filters[key] = value }
        }
        if let user = filters["user"] { query.filter(\.$userEmail == user.lowercased()) }
        if let action = filters["action"] {
            guard let known = AuditAction(rawValue: action) else {
                throw Abort(.badRequest, reason: "There is no audit action called “\(action)”. Choose one from the list.")
            }
            query.filter(\.$action == known)
        }
        if let inspection = filters["inspection"].flatMap(UUID.init(uuidString:)) { query.filter(\.$inspectionID == inspection) }
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyy-MM-dd"
        formatter.timeZone = TimeZone(identifier: "UTC")
        if let from = filters["from"].flatMap(formatter.date(from:)) { query.filter(\.$at >= from) }
        if let to = filters["to"].flatMap(formatter.date(from:)) { query.filter(\.$at < to.addingTimeInterval(86_400)) }
        return (query, filters)
    }

    /// The filtered audit log as CSV, newest first, at most `exportLimit` rows; the export is
    /// itself audited.
    static let exportLimit = 100_000

    @Sendable static func auditCSV(_ request: Request) async throws -> Response {
        _ = try requireAdmin(request)
        let (query, filters) = try auditQuery(request)
        let events = try await query.sort(\.$at, .descending).limit(exportLimit).all()
        try await request.audit(.export, "audit-log", detail: filters.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " "))
        let stamp = ISO8601DateFormatter()
        var lines = ["at,user,role,action,entity_type,entity_id,inspection_id,detail,address,user_agent"]
        for event in events {
            let fields = [
                stamp.string(from: event.at), event.userEmail ?? "", event.role?.rawValue ?? "", event.action.rawValue, event.entityType, event.entityID ?? "",
                event.inspectionID?.uuidString ?? "", event.detail, event.ip ?? "", event.userAgent ?? "",
            ]
            lines.append(fields.map(CSVField.safe).joined(separator: ","))
        }
        let response = Response(status: .ok, body: .init(string: lines.joined(separator: "\r\n") + "\r\n"))
        response.headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        response.headers.contentDisposition = .init(.attachment, filename: "audit-log.csv")
        return response
    }

    @Sendable static func audit(_ request: Request) async throws -> HTML {
        _ = try requireAdmin(request)
        let (query, filters) = try auditQuery(request)
        let page = max(0, request.query[Int.self, at: "page"] ?? 0)
        let events = try await query.sort(\.$at, .descending).range((page * 100)..<(page * 100 + 101)).all()
        let words = request.application.timeInWords
        let mentioned = events.flatMap { [$0.entityID ?? "", $0.detail] }.flatMap(uuids)
        let named = try await recordNames(mentioned, on: request.db)
        var next: String?
        if events.count > 100 {
            var components = URLComponents()
            components.path = SiteURL.adminAudit.path
            components.queryItems =
                filters.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) } + [URLQueryItem(name: "page", value: String(page + 1))]
            next = components.string
        }
        return auditPage(
            await request.pageContext("Audit log"),
            rows: events.prefix(100).map { event in
                let record = event.entityID.map { id in UUID(uuidString: id).map { named[$0] ?? "a record since removed" } ?? id }
                return AuditRow(
                    at: words.moment(event.at), user: event.userEmail ?? "anonymous", action: event.action.title,
                    entity: [event.entityType.replacingOccurrences(of: "-", with: " "), record].compactMap { $0 }.joined(separator: ": "),
                    detail: detailWords(event.detail, named: named), ip: event.ip ?? "")
            },
            filters: filters, actions: AuditAction.allCases.map { Components.Option($0.rawValue, $0.title) }, nextPage: next)
    }

    /// People read records by name: an inspection as its provider and year, a user as their email.
    static func recordNames(_ ids: [UUID], on database: any Database) async throws -> [UUID: String] {
        guard !ids.isEmpty else { return [:] }
        let unique = Array(Set(ids))
        var names: [UUID: String] = [:]
        let inspections = try await InspectionModel.query(on: database).filter(\.$id ~~ unique).all()
        let providers = try await ProviderModel.query(on: database).filter(\.$id ~~ inspections.map(\.providerID)).all()
        let providerNames = Dictionary(uniqueKeysWithValues: providers.map { ($0.id!, $0.name) })
        for inspection in inspections { names[inspection.id!] = "\(providerNames[inspection.providerID] ?? "an inspection") \(inspection.yearLabel)" }
        for user in try await UserModel.query(on: database).filter(\.$id ~~ unique).all() { names[user.id!] = user.email }
        for sampled in try await SampledCaseModel.query(on: database).filter(\.$id ~~ unique).all() { names[sampled.id!] = "case \(sampled.caseRef)" }
        for (job, filename) in try await ImportJobs.filenames(unique, on: database) { names[job] = "upload \(filename)" }
        return names
    }

    static func uuids(in text: String) -> [UUID] {
        text.matches(of: /[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}/).compactMap { UUID(uuidString: String($0.output)) }
    }

    /// A detail as a person reads it: records by name, "data-requested → sampling" as
    /// "Data requested → Sampling".
    static func detailWords(_ detail: String, named: [UUID: String]) -> String {
        var text = detail
        for id in uuids(in: detail) {
            text = text.replacingOccurrences(of: id.uuidString, with: named[id] ?? "a record since removed", options: .caseInsensitive)
        }
        for state in InspectionState.allCases.sorted(by: { $0.rawValue.count > $1.rawValue.count }) {
            text = text.replacingOccurrences(of: "\\b\(state.rawValue)\\b", with: state.title, options: .regularExpression)
        }
        return text
    }
}
