import Fluent
import Foundation
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
            let query = InspectionModel.query(on: request.db).filter(\.$state != "published")
            if user.userRole == .provider, let provider = user.providerID { query.filter(\.$providerID == provider) }
            mine = try await InspectionsController.summaries(request, query: query)
            if user.userRole == .provider { mine += published.filter { summary in mine.allSatisfy { $0.id != summary.id } } }
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
        let providers = try await ProviderModel.query(on: request.db).sort(\.$type).sort(\.$name).all()
        return providersPage(await request.pageContext("Providers"), providers: providers.map(summary))
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
