import Foundation

/// Sign in.
public func loginPage(_ context: PageContext, email: String, next: String?) -> HTML {
    let nextField: HTML = next.map { "<input type=\"hidden\" name=\"next\" value=\"\($0)\">" } ?? ""
    let error = context.errors.first?.message
    return layout(
        context,
        """
        <h1 class="heading-l">Sign in to Inspectorate</h1>
        \(Components.form(action: .login, csrf: context.csrf, """
            \(nextField)
            \(Components.textInput(name: "email", label: "Email address", value: email, error: context.errors.contains { $0.field == "email" } ? error : nil, type: "email", autocomplete: "username", width: "20"))
            \(Components.textInput(name: "password", label: "Password", value: "", error: context.errors.contains { $0.field == "password" } ? error : nil, type: "password", autocomplete: "current-password", width: "20"))
            \(Components.button("Sign in"))
            """))
        <p class="muted">The public can read published reports without signing in.</p>
        """)
}

public struct UserRow: Sendable {
    public let id: UUID
    public let email: String
    public let role: String
    public let provider: String?
    public let created: String
    public let active: Bool

    public init(id: UUID, email: String, role: String, provider: String?, created: String, active: Bool) {
        self.id = id
        self.active = active
        self.email = email
        self.role = role
        self.provider = provider
        self.created = created
    }
}

/// Change my password: the current one, then the new one twice.
public func changePasswordPage(_ context: PageContext) -> HTML {
    func error(_ field: String) -> String? { context.errors.first { $0.field == field }?.message }
    return layout(
        context,
        """
        <h1 class="heading-l">Change my password</h1>
        <p>Changing it signs you out of Inspectorate everywhere else.</p>
        \(Components.form(action: .accountPassword, csrf: context.csrf, """
            \(Components.textInput(name: "current", label: "Current password", value: "", error: error("current"), type: "password", autocomplete: "current-password", width: "20"))
            \(Components.textInput(name: "new", label: "New password", value: "", hint: "At least 12 characters.", error: error("new"), type: "password", autocomplete: "new-password", width: "20"))
            \(Components.textInput(name: "confirm", label: "Confirm the new password", value: "", error: error("confirm"), type: "password", autocomplete: "new-password", width: "20"))
            \(Components.button("Change password"))
            """))
        """)
}

/// One of a person's signed-in sessions, as they read it.
public struct SessionRow: Sendable {
    public let id: String
    public let browser: String
    public let address: String
    public let started: String
    public let lastUsed: String
    public let isThisOne: Bool

    public init(id: String, browser: String, address: String, started: String, lastUsed: String, isThisOne: Bool) {
        self.id = id
        self.browser = browser
        self.address = address
        self.started = started
        self.lastUsed = lastUsed
        self.isThisOne = isThisOne
    }
}

/// Where I am signed in, with a button to end each session and one to end all the others.
public func sessionsPage(_ context: PageContext, sessions: [SessionRow], idleMinutes: Int, maximumHours: Int) -> HTML {
    // One block per session rather than a table, so nothing is cut off on a phone; this one first.
    let items = sessions.sorted { $0.isThisOne && !$1.isThisOne }.map { session -> HTML in
        let action: HTML =
            session.isThisOne
            ? "<p class=\"muted\">Sign out to end this one.</p>"
            : Components.form(
                action: .accountSessions, csrf: context.csrf,
                "<input type=\"hidden\" name=\"session\" value=\"\(session.id)\">\(Components.button("End this session", secondary: true, name: "action", value: "end"))"
            )
        return """
            <li class="session"><h2 class="heading-s">\(session.browser)\(session.isThisOne ? HTML(" <strong class=\"tag tag--green\">This device</strong>") : "")</h2>
            <p>Signed in \(session.started) from \(session.address); last used \(session.lastUsed).</p>\(action)</li>
            """
    }
    let others = sessions.filter { !$0.isThisOne }.count
    return layout(
        context,
        """
        <h1 class="heading-l">Where I am signed in</h1>
        <p>A session ends after \(idleMinutes) minutes without use, and \(maximumHours) hours after signing in in any case. \
        If you see one you do not recognise, end it and change your password.</p>
        <ul class="sessions" aria-label="My sessions">\(items)</ul>
        \(others > 0 ? Components.form(action: .accountSessions, csrf: context.csrf, Components.button("End all my other sessions", warning: true, name: "action", value: "end-others")) : "")
        <p><a href="\(SiteURL.accountPassword)">Change my password</a></p>
        """)
}

/// Admin: one account: its role and provider, whether it may sign in, and a password reset.
public func userEditPage(
    _ context: PageContext, user: UserRow, roles: [Components.Option], selectedRole: String, providers: [Components.Option], selectedProvider: String,
    isSelf: Bool
) -> HTML {
    func error(_ field: String) -> String? { context.errors.first { $0.field == field }?.message }
    let status: HTML =
        isSelf
        ? "<p>This is your own account; another admin can deactivate it.</p>"
        : Components.form(
            action: .adminUser(user.id), csrf: context.csrf,
            user.active
                ? """
                <input type="hidden" name="action" value="deactivate"><p>Deactivating signs them out everywhere at once and stops them signing in. Their work and the audit log are kept.</p>\(Components.button("Deactivate", warning: true))
                """
                : """
                <input type="hidden" name="action" value="reactivate"><p>This account is deactivated: it cannot sign in.</p>\(Components.button("Reactivate"))
                """)
    return layout(
        context,
        """
        <span class="caption">User</span><h1 class="heading-l">\(user.email)</h1>
        \(Components.summaryList([
            Components.SummaryRow("Role", "\(user.role)"), Components.SummaryRow("Provider", "\(user.provider ?? "None")"),
            Components.SummaryRow("Added", "\(user.created)"), Components.SummaryRow("Status", "\(user.active ? "Active" : "Deactivated")"),
        ]))
        <h2 class="heading-m">Role and provider</h2>
        <p>A change signs them out everywhere, so what they may do changes at once.</p>
        \(Components.form(action: .adminUser(user.id), csrf: context.csrf, """
            <input type="hidden" name="action" value="save">
            \(Components.select(name: "role", label: "Role", options: roles, selected: selectedRole, error: error("role")))
            \(Components.select(name: "provider", label: "Provider (for provider users only)", options: [Components.Option("", "None")] + providers, selected: selectedProvider, error: error("provider")))
            \(Components.button("Save changes"))
            """))
        <h2 class="heading-m">Can sign in</h2>
        \(status)
        <h2 class="heading-m">Reset the password</h2>
        \(Components.form(action: .adminUser(user.id), csrf: context.csrf, """
            <input type="hidden" name="action" value="reset-password">
            \(Components.textInput(name: "password", label: "New password", value: "", hint: "At least 12 characters. Tell the person by another channel; their sessions end.", error: error("password"), type: "password", autocomplete: "new-password", width: "20"))
            \(Components.button("Reset password", secondary: true))
            """))
        """)
}

/// Admin: the accounts, and a form to add one.
public func usersPage(_ context: PageContext, users: [UserRow], roles: [Components.Option], providers: [Components.Option], form: [String: String]) -> HTML {
    func error(_ field: String) -> String? { context.errors.first { $0.field == field }?.message }
    let rows = users.map { user -> [HTML] in
        [
            "<a href=\"\(SiteURL.adminUser(user.id))\">\(user.email)</a>", "\(user.role)", "\(user.provider ?? "–")", "\(user.created)",
            Components.tag(user.active ? "Active" : "Deactivated", colour: user.active ? "green" : "grey"),
        ]
    }
    return layout(
        context,
        """
        <h1 class="heading-l">Users</h1>
        \(Components.table(caption: "Accounts", head: ["Email", "Role", "Provider", "Created", "Status"], rows: rows))
        <h2 class="heading-m">Add a user</h2>
        \(Components.form(action: .adminUsers, csrf: context.csrf, """
            \(Components.textInput(name: "email", label: "Email address", value: form["email"], error: error("email"), type: "email", autocomplete: "off", width: "20"))
            \(Components.select(name: "role", label: "Role", options: roles, selected: form["role"], error: error("role")))
            \(Components.select(name: "provider", label: "Provider (for provider users only)", options: [Components.Option("", "None")] + providers, selected: form["provider"], error: error("provider")))
            \(Components.textInput(name: "password", label: "Password", value: "", hint: "At least 12 characters.", error: error("password"), type: "password", autocomplete: "new-password", width: "20"))
            \(Components.button("Add user"))
            """))
        """)
}

public struct AuditRow: Sendable {
    public let at: String
    public let user: String
    public let action: String
    public let entity: String
    public let detail: String
    public let ip: String

    public init(at: String, user: String, action: String, entity: String, detail: String, ip: String) {
        self.at = at
        self.user = user
        self.action = action
        self.entity = entity
        self.detail = detail
        self.ip = ip
    }
}

/// Admin: the audit log, filtered.
public func auditPage(_ context: PageContext, rows: [AuditRow], filters: [String: String], actions: [Components.Option], nextPage: String?) -> HTML {
    let table = rows.map { row -> [HTML] in ["\(row.at)", "\(row.user)", "\(row.action)", "\(row.entity)", "\(row.detail)", "\(row.ip)"] }
    let more: HTML = nextPage.map { "<p><a href=\"\($0)\">Older entries</a></p>" } ?? ""
    var export = URLComponents()
    export.path = SiteURL.adminAuditCSV.path
    export.queryItems = filters.isEmpty ? nil : filters.sorted { $0.key < $1.key }.map { URLQueryItem(name: $0.key, value: $0.value) }
    return layout(
        context,
        """
        <h1 class="heading-l">Audit log</h1>
        <p>Every view and change of case data, every sign-in and every state change. Entries cannot be edited or deleted.</p>
        <form method="get" action="\(SiteURL.adminAudit)" class="grid">
        \(Components.textInput(name: "user", label: "User email", value: filters["user"]))
        \(Components.select(name: "action", label: "Action", options: [Components.Option("", "Any")] + actions, selected: filters["action"]))
        \(Components.textInput(name: "inspection", label: "Inspection id", value: filters["inspection"]))
        \(Components.textInput(name: "from", label: "From (yyyy-mm-dd)", value: filters["from"], width: "10"))
        \(Components.textInput(name: "to", label: "To (yyyy-mm-dd)", value: filters["to"], width: "10"))
        <div>\(Components.button("Filter", secondary: true))</div>
        </form>
        <p class="downloads"><a href="\(export.string ?? SiteURL.adminAuditCSV.path)" download>Download the entries that match as CSV</a> (up to 100,000, newest first; the download is itself recorded)</p>
        \(Components.table(caption: "\(rows.count) \(rows.count == 1 ? "entry" : "entries")", head: ["When", "Who", "Action", "Record", "Detail", "From"], rows: table))
        \(more)
        """)
}

public struct TokenRow: Sendable {
    public let id: UUID
    public let name: String
    public let user: String
    public let created: String
    public let lastUsed: String
    public let revoked: String?
    public let expires: String
    public let expired: Bool

    public init(id: UUID, name: String, user: String, created: String, lastUsed: String, revoked: String?, expires: String, expired: Bool) {
        self.expires = expires
        self.expired = expired
        self.id = id
        self.name = name
        self.user = user
        self.created = created
        self.lastUsed = lastUsed
        self.revoked = revoked
    }
}

/// API tokens: who holds one, when it was last used, and a button to revoke it. A new token is
/// shown once, right after it is issued.
/// Revoking a token is final, so it is confirmed on a page of its own.
public func revokeTokenPage(_ context: PageContext, id: UUID, name: String, user: String, revoked: Bool) -> HTML {
    layout(
        context,
        """
        \(Components.backLink(.adminTokens, "Back to API tokens"))
        <h1 class="heading-l">Revoke the token “\(name)”?</h1>
        <p>It was issued to \(user). Revoking it stops every system that uses it at once, and cannot be undone: they will need a new token.</p>
        \(revoked ? HTML("<p>This token is already revoked.</p>") : Components.form(action: .adminTokenRevoke(id), csrf: context.csrf, "\(Components.button("Revoke token", warning: true))"))
        <p><a href="\(SiteURL.adminTokens)">Keep the token</a></p>
        """)
}

public func tokensPage(_ context: PageContext, tokens: [TokenRow], users: [Components.Option], newToken: String?, form: [String: String]) -> HTML {
    func error(_ field: String) -> String? { context.errors.first { $0.field == field }?.message }
    let rows = tokens.map { token -> [HTML] in
        let action: HTML =
            token.revoked.map { "Revoked \($0)" }
            ?? (token.expired
                ? "Expired"
                : "<a href=\"\(SiteURL.adminTokenRevoke(token.id))\">Revoke<span class=\"visually-hidden\"> \(token.name)</span></a>")
        return ["\(token.name)", "\(token.user)", "\(token.created)", "\(token.expires)", "\(token.lastUsed)", action]
    }
    let issued: HTML =
        newToken.map { token in
            """
            <div class="panel" role="status"><h2 class="heading-m">Token issued</h2>
            <p>Copy it now: it will not be shown again. Send it with each request as <code>Authorization: Bearer &lt;token&gt;</code>.</p>
            <p><code class="token" id="new-token">\(token)</code></p></div>
            """
        } ?? ""
    return layout(
        context,
        """
        <h1 class="heading-l">API tokens</h1>
        \(issued)
        <p>A token lets another system read the <a href="\(SiteURL.openAPI)">API</a> as the user it is issued to, with that user's access.</p>
        \(tokens.isEmpty ? HTML("<p>No tokens issued yet.</p>") : Components.table(caption: "Tokens", head: ["Name", "User", "Issued", "Expires", "Last used", "Status"], rows: rows))
        <h2 class="heading-m">Issue a token</h2>
        \(Components.form(action: .adminTokens, csrf: context.csrf, """
            \(Components.textInput(name: "name", label: "What the token is for", value: form["name"], hint: "For example, \"Analysis team's dashboard\".", error: error("name"), width: "30"))
            \(Components.select(name: "user", label: "Issued to", options: [Components.Option("", "Choose a user")] + users, selected: form["user"], error: error("user")))
            \(Components.select(name: "days", label: "Expires after", options: [Components.Option("30", "30 days"), Components.Option("90", "90 days"), Components.Option("365", "A year")], selected: form["days"] ?? "90", error: error("days")))
            \(Components.button("Issue token"))
            """))
        """)
}
