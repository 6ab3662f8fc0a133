import Fluent
import Foundation
import InspectionKit
import InspectorateViews
import Vapor

enum AccountController {
    /// After this many failed attempts for one email (or 4× as many from one address) within the
    /// window, sign-in is refused without checking the password until the window passes.
    static let maximumFailures = 5
    static let window: TimeInterval = 15 * 60

    @Sendable static func loginForm(_ request: Request) async throws -> HTML {
        if request.user != nil { throw Abort.redirect(to: SiteURL.home.path) }
        _ = request.csrfToken()
        return loginPage(await request.pageContext("Sign in"), email: "", next: safeNext(request.query[String.self, at: "next"]))
    }

    @Sendable static func login(_ request: Request) async throws -> Response {
        let fields = try request.formFields()
        let email = (fields["email"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let password = fields["password"] ?? ""
        let next = safeNext(fields["next"])
        let address = request.clientAddress
        let since = Date().addingTimeInterval(-window)

        func refuse(_ message: String, status: HTTPResponseStatus, field: String = "email") async throws -> Response {
            let context = await request.pageContext("Sign in", errors: [FieldError(field: field, message: message)])
            return .page(loginPage(context, email: email, next: next), status: status)
        }
        guard !email.isEmpty, !password.isEmpty else {
            return try await refuse(
                email.isEmpty ? "Enter your email address" : "Enter your password", status: .unprocessableEntity, field: email.isEmpty ? "email" : "password")
        }
        let recentForEmail = try await LoginAttemptModel.query(on: request.db)
            .filter(\.$email == email).filter(\.$succeeded == false).filter(\.$attemptedAt >= since).count()
        let recentFromAddress = try await LoginAttemptModel.query(on: request.db)
            .filter(\.$ip == address).filter(\.$succeeded == false).filter(\.$attemptedAt >= since).count()
        if recentForEmail >= maximumFailures || recentFromAddress >= maximumFailures * 4 {
            try await request.audit(.signInFailed, "user", email, detail: "throttled")
            return try await refuse("Too many failed attempts. Wait 15 minutes, then try again.", status: .tooManyRequests)
        }
        let user = try await UserModel.query(on: request.db).filter(\.$email == email).first()
        // Verify against a dummy hash when there is no such user, so timing does not reveal accounts.
        let hash = user?.passwordHash ?? "$2b$12$C6UzMDM.H6dfI/f/IKcEeO5ZPKpF6Cyn8n2s8FHlHZJmEtHkSDjSi"
        let verified = (try? Bcrypt.verify(password, created: hash)) ?? false
        try await LoginAttemptModel(email: email, ip: address, succeeded: verified && user != nil, at: Date()).create(on: request.db)
        guard verified, let user else {
            try await request.audit(.signInFailed, "user", email)
            return try await refuse("Enter a correct email address and password", status: .unauthorized)
        }
        // A new session on sign-in, so an id planted before it is worthless.
        if let old = request.session.id {
            try await request.application.sessions.driver.deleteSession(old, for: request).get()
        }
        request.session.id = nil
        request.session.data = SessionData()
        request.auth.login(user)
        request.session.authenticate(user)
        _ = request.csrfToken()
        try await request.audit(.signIn, "user", user.id?.uuidString, user: user)
        return request.redirect(to: next ?? SiteURL.home.path, redirectType: .normal)
    }

    @Sendable static func logout(_ request: Request) async throws -> Response {
        if let user = request.user { try await request.audit(.signOut, "user", user.id?.uuidString) }
        request.auth.logout(UserModel.self)
        request.session.destroy()
        return request.redirect(to: SiteURL.home.path, redirectType: .normal)
    }

    /// Only local paths, so a crafted link cannot send someone elsewhere after signing in.
    static func safeNext(_ next: String?) -> String? {
        guard let next, next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\") else { return nil }
        return next
    }
}

enum HomeController {
    @Sendable static func home(_ request: Request) async throws -> HTML {
        let published = try await InspectionsController.summaries(request, query: InspectionModel.query(on: request.db).filter(\.$state == "published"))
        var mine: [InspectionSummary] = []
        if let user = request.user {
            // Staff see work in progress; provider users see all of their own provider's inspections
            // (`summaries` keeps them to their provider).
            let query = InspectionModel.query(on: request.db)
            if user.userRole.isStaff { query.filter(\.$state != InspectionState.published.rawValue) }
            mine = try await InspectionsController.summaries(request, query: query)
        }
        return homePage(
            await request.pageContext("Home"), mine: mine, published: published,
            canCreate: request.user.map { Policy.canCreateInspections($0.userRole) } ?? false)
    }
}

enum ProvidersController {
    @Sendable static func list(_ request: Request) async throws -> HTML {
        let user = try request.requireUser()
        guard user.userRole.isStaff else { throw Abort(.forbidden, reason: "Providers are listed for inspectorate staff.") }
        return try await listView(request, user: user)
    }

    static func listView(_ request: Request, user: UserModel, errors: [FieldError] = [], form: [String: String] = [:]) async throws -> HTML {
        let providers = try await ProviderModel.query(on: request.db).sort(\.$type).sort(\.$name).all()
        return providersPage(
            await request.pageContext("Providers", errors: errors), providers: providers.map(summary), canAdd: Policy.canAdminister(user.userRole),
            types: ProviderType.allCases.map { Components.Option($0.rawValue, $0.title) }, form: form)
    }

    /// Admin: add a provider (a CRC, NPS division, PDU with its region, or YOT).
    @Sendable static func create(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        guard Policy.canAdminister(user.userRole) else { throw Abort(.forbidden, reason: "Only administrators add providers.") }
        let fields = try request.formFields()
        var errors: [FieldError] = []
        let name = (fields["name"] ?? "").trimmingCharacters(in: .whitespaces)
        if name.isEmpty || name.count > 120 { errors.append(FieldError(field: "name", message: "Enter the provider's name (up to 120 characters)")) }
        let code = (fields["code"] ?? "").trimmingCharacters(in: .whitespaces)
        if code.range(of: #"^[a-z0-9]+(-[a-z0-9]+)*$"#, options: .regularExpression) == nil || code.count > 60 {
            errors.append(FieldError(field: "code", message: "Enter a short code of lowercase letters, digits and hyphens"))
        } else if try await ProviderModel.query(on: request.db).filter(\.$code == code).count() > 0 {
            errors.append(FieldError(field: "code", message: "Another provider already has the code \(code)"))
        }
        let type = ProviderType(rawValue: fields["type"] ?? "")
        if type == nil { errors.append(FieldError(field: "type", message: "Choose the type of provider")) }
        let region = (fields["region"] ?? "").trimmingCharacters(in: .whitespaces)
        if region.isEmpty || region.count > 120 { errors.append(FieldError(field: "region", message: "Enter the region (up to 120 characters)")) }
        guard errors.isEmpty, let type else {
            return .page(try await listView(request, user: user, errors: errors, form: fields), status: .unprocessableEntity)
        }
        let provider = ProviderModel(code: code, name: name, type: type, region: region)
        try await provider.create(on: request.db)
        try await request.audit(.create, "provider", provider.id?.uuidString, detail: "\(name) (\(type.rawValue))")
        request.flash("\(name) added.")
        return request.redirect(to: SiteURL.providers.path, redirectType: .normal)
    }

    @Sendable static func show(_ request: Request) async throws -> HTML {
        guard let id = request.parameters.get("provider", as: UUID.self), let provider = try await ProviderModel.find(id, on: request.db) else {
            throw Abort(.notFound, reason: "There is no such provider.")
        }
        let user = try request.requireUser()
        guard user.userRole.isStaff || user.providerID == id else { throw Abort(.notFound, reason: "There is no such provider.") }
        let history = try await InspectionsController.summaries(request, query: InspectionModel.query(on: request.db).filter(\.$providerID == id))
        return providerPage(
            await request.pageContext(provider.name, breadcrumbs: [("Providers", .providers)]), provider: summary(provider), history: history)
    }

    static func summary(_ provider: ProviderModel) -> ProviderSummary {
        ProviderSummary(id: provider.id!, name: provider.name, type: provider.providerType.title, region: provider.region)
    }
}
