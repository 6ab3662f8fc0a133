import Fluent
import Foundation
import InspectionKit
import InspectorateViews
import Vapor

enum AccountController {
    /// Guessing is limited without letting a guesser lock someone out. Within the window:
    /// - one address gets `maximumFailures` wrong passwords for an account, and 4× as many in
    ///   all, then is refused until the window passes;
    /// - an account that has had `maximumFailures` wrong passwords from anywhere is slowed, not
    ///   locked: one attempt per `slowDown` seconds, so its owner, from their own address, still
    ///   gets in while a guesser gets a few hundred tries a day at most.
    static let maximumFailures = 5
    static let window: TimeInterval = 15 * 60
    static let slowDown: TimeInterval = 10

    @Sendable static func loginForm(_ request: Request) async throws -> HTML {
        if request.user != nil { throw Abort.redirect(to: SiteURL.home.path) }
        _ = request.csrfToken()
        return loginPage(await request.pageContext("Sign in"), email: "", next: LocalRedirect.path(request.query[String.self, at: "next"]))
    }

    @Sendable static func login(_ request: Request) async throws -> Response {
        let fields = try request.formFields()
        let email = (fields["email"] ?? "").trimmingCharacters(in: .whitespaces).lowercased()
        let password = fields["password"] ?? ""
        let next = LocalRedirect.path(fields["next"])
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
        let failures = try await LoginAttemptModel.query(on: request.db).filter(\.$succeeded == false).filter(\.$attemptedAt >= since)
            .group(.or) { $0.filter(\.$email == email).filter(\.$ip == address) }.all()
        let forEmail = failures.filter { $0.email == email }
        let fromAddressForEmail = forEmail.filter { $0.ip == address }.count
        let fromAddress = failures.filter { $0.ip == address }.count
        if fromAddressForEmail >= maximumFailures || fromAddress >= maximumFailures * 4 {
            try await request.audit(.signInFailed, "user", email, detail: "throttled: too many failures from this address")
            return try await refuse("Too many failed attempts from here. Wait 15 minutes, then try again.", status: .tooManyRequests)
        }
        if forEmail.count >= maximumFailures, let last = forEmail.map(\.attemptedAt).max(), Date().timeIntervalSince(last) < slowDown {
            let wait = Int((slowDown - Date().timeIntervalSince(last)).rounded(.up))
            try await request.audit(.signInFailed, "user", email, detail: "slowed: many failures for this account")
            return try await refuse(
                "There have been many failed attempts to sign in to this account. Wait \(wait) \(wait == 1 ? "second" : "seconds"), then try again.",
                status: .tooManyRequests)
        }
        let user = try await UserModel.query(on: request.db).filter(\.$email == email).first()
        // Verify against a dummy hash when there is no such user, so timing does not reveal accounts.
        let hash = user?.passwordHash ?? "$2b$12$C6UzMDM.H6dfI/f/IKcEeO5ZPKpF6Cyn8n2s8FHlHZJmEtHkSDjSi"
        let verified = (try? Bcrypt.verify(password, created: hash)) ?? false
        try await LoginAttemptModel(email: email, ip: address, succeeded: verified && user != nil, at: Date()).create(on: request.db)
        guard verified, let user, user.isActive else {
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
        request.session.data[SessionCurrencyMiddleware.epochKey] = String(user.sessionEpoch)
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

    // MARK: - Where I am signed in

    @Sendable static func sessions(_ request: Request) async throws -> HTML {
        let user = try request.requireUser()
        let configuration = request.application.configuration
        let now = Date()
        let current = request.session.id.map { SessionStore.digest($0.string) }
        let words = request.application.timeInWords
        let rows = try await SessionModel.live(
            for: user.id!, at: now, idle: configuration.sessionIdle, lifetime: configuration.sessionLifetime, on: request.db
        ).map {
            SessionRow(
                id: $0.id!, browser: BrowserName.describe($0.browser), address: $0.address, started: words.moment($0.createdAt, now: now),
                lastUsed: words.moment($0.seenAt, now: now), isThisOne: $0.id == current)
        }
        return sessionsPage(
            await request.pageContext("Where I am signed in"), sessions: rows, idleMinutes: Int(configuration.sessionIdle / 60),
            maximumHours: Int(configuration.sessionLifetime / 3_600))
    }

    /// Ends one of my other sessions, or all of them; audited.
    @Sendable static func endSession(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let fields = try request.formFields()
        let current = request.session.id.map { SessionStore.digest($0.string) }
        switch fields["action"] {
        case "end":
            guard let id = fields["session"], id != current, try await SessionModel.end(id, of: user.id!, on: request.db) else {
                throw Abort(.notFound, reason: "That session has already ended, or is not one of yours.")
            }
            try await request.audit(.update, "session", user.id?.uuidString, detail: "ended one of their sessions")
            request.flash("The session has been ended.")
        case "end-others":
            let ended = try await SessionModel.endAll(of: user.id!, except: current, on: request.db)
            try await request.audit(.update, "session", user.id?.uuidString, detail: "ended \(ended) other sessions")
            request.flash(ended == 1 ? "Your other session has been ended." : "Your \(ended) other sessions have been ended.")
        default:
            throw Abort(.badRequest, reason: "Choose a session to end.")
        }
        return request.redirect(to: SiteURL.accountSessions.path, redirectType: .normal)
    }

    // MARK: - Change my password

    @Sendable static func passwordForm(_ request: Request) async throws -> HTML {
        _ = try request.requireUser()
        return changePasswordPage(await request.pageContext("Change my password"))
    }

    /// Changes the signed-in person's password; their other sessions end, this one stays.
    @Sendable static func changePassword(_ request: Request) async throws -> Response {
        let user = try request.requireUser()
        let fields = try request.formFields()
        var errors: [FieldError] = []
        if !((try? Bcrypt.verify(fields["current"] ?? "", created: user.passwordHash)) ?? false) {
            errors.append(FieldError(field: "current", message: "Enter your current password correctly"))
        }
        let new = fields["new"] ?? ""
        errors += Accounts.passwordProblems(new, field: "new", email: user.email)
        if new != (fields["confirm"] ?? "") { errors.append(FieldError(field: "confirm", message: "Enter the same new password twice")) }
        guard errors.isEmpty else {
            return .page(changePasswordPage(await request.pageContext("Change my password", errors: errors)), status: .unprocessableEntity)
        }
        let epoch = try await Accounts.setPassword(
            user, to: new, keepingSession: request.session.id.map { SessionStore.digest($0.string) }, on: request.db, app: request.application)
        request.session.data[SessionCurrencyMiddleware.epochKey] = String(epoch)
        try await request.audit(.update, "user", user.id?.uuidString, detail: "changed their own password; other sessions ended")
        request.flash("Your password has been changed. You are still signed in here; your other sessions have ended.")
        return request.redirect(to: SiteURL.home.path, redirectType: .normal)
    }
}
