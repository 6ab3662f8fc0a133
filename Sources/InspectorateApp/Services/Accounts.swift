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

    static let minimumPasswordLength = 12

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
        if password.count < minimumPasswordLength {
            errors.append(FieldError(field: "password", message: "Enter a password of at least \(minimumPasswordLength) characters"))
        }
        guard errors.isEmpty, let role else { throw Problems(errors: errors) }
        let user = UserModel(email: email, passwordHash: try app.hashPassword(password), role: role, providerID: provider?.id, isDemo: isDemo)
        try await user.create(on: database)
        return user
    }
}
