import Fluent
import Foundation
import InspectorateViews
import Vapor

/// Creating accounts, shared by the admin page and `inspectorate user create`.
enum Accounts {
    struct Problems: Error, CustomStringConvertible {
        let errors: [FieldError]
        var description: String { errors.map(\.message).joined(separator: "\n") }
    }

    /// The password rules (`PasswordPolicy`) as form errors on `field`.
    static func passwordProblems(_ password: String, field: String, email: String? = nil) -> [FieldError] {
        PasswordPolicy.standard.problem(with: password, email: email).map { [FieldError(field: field, message: $0)] } ?? []
    }

    /// Sets a new password and ends every session signed in with the old one.
    /// - Returns: the new session epoch, for the session that made the change to keep.
    static func setPassword(
        _ user: UserModel, to password: String, keepingSession kept: String? = nil, on database: any Database, app: Application
    ) async throws -> Int {
        user.passwordHash = try app.hashPassword(password)
        user.sessionEpoch += 1
        try await user.save(on: database)
        _ = try await SessionModel.endAll(of: user.id!, except: kept, on: database)
        return user.sessionEpoch
    }

    /// Changes a user's role and provider; a change of either ends their sessions, so their
    /// access changes at once.
    static func update(_ user: UserModel, role roleText: String, providerID: UUID?, on database: any Database) async throws -> Bool {
        var errors: [FieldError] = []
        let role = Role(parsing: roleText)
        if role == nil { errors.append(FieldError(field: "role", message: "Choose a role")) }
        var provider: ProviderModel?
        if let providerID { provider = try await ProviderModel.find(providerID, on: database) }
        if providerID != nil, provider == nil { errors.append(FieldError(field: "provider", message: "Choose a provider from the list")) }
        if role == .provider, provider == nil, providerID == nil {
            errors.append(FieldError(field: "provider", message: "A provider user must belong to a provider"))
        }
        if let role, role != .provider, provider != nil { errors.append(FieldError(field: "provider", message: "Only provider users belong to a provider")) }
        guard errors.isEmpty, let role else { throw Problems(errors: errors) }
        guard user.role != role || user.providerID != provider?.id else { return false }
        user.role = role
        user.providerID = provider?.id
        user.sessionEpoch += 1
        try await user.save(on: database)
        _ = try await SessionModel.endAll(of: user.id!, except: nil, on: database)
        return true
    }

    /// Deactivating ends every session at once and refuses sign-in; reactivating allows it again.
    static func setActive(_ user: UserModel, _ active: Bool, on database: any Database) async throws {
        user.deactivatedAt = active ? nil : Date()
        user.sessionEpoch += 1
        try await user.save(on: database)
        _ = try await SessionModel.endAll(of: user.id!, except: nil, on: database)
    }

    static func create(
        email rawEmail: String, role roleText: String, providerID: UUID?, providerGiven: Bool, password: String, isDemo: Bool = false,
        on database: any Database, app: Application
    ) async throws -> UserModel {
        var errors: [FieldError] = []
        let email = rawEmail.trimmingCharacters(in: .whitespaces).lowercased()
        if email.range(of: #"^[^@\s]+@[^@\s]+\.[^@\s]+$"#, options: .regularExpression) == nil || email.count > 254 {
            errors.append(FieldError(field: "email", message: "Enter an email address like name@example.org"))
        } else if try await UserModel.query(on: database).filter(\.$email == email).count() > 0 {
            errors.append(FieldError(field: "email", message: "There is already an account for \(email)"))
        }
        let role = Role(parsing: roleText)
        if role == nil { errors.append(FieldError(field: "role", message: "Choose a role: \(Role.allCases.map(\.rawValue).joined(separator: ", "))")) }
        var provider: ProviderModel?
        if let providerID { provider = try await ProviderModel.find(providerID, on: database) }
        if providerGiven, provider == nil { errors.append(FieldError(field: "provider", message: "Choose a provider from the list")) }
        if role == .provider, provider == nil, !providerGiven {
            errors.append(FieldError(field: "provider", message: "A provider user must belong to a provider"))
        }
        if let role, role != .provider, provider != nil { errors.append(FieldError(field: "provider", message: "Only provider users belong to a provider")) }
        errors += passwordProblems(password, field: "password", email: email)
        guard errors.isEmpty, let role else { throw Problems(errors: errors) }
        let user = UserModel(email: email, passwordHash: try app.hashPassword(password), role: role, providerID: provider?.id, isDemo: isDemo)
        try await user.create(on: database)
        return user
    }
}
