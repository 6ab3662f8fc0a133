/// Who is signed in, as far as a page needs to know.
public struct SignedInUser: Sendable {
    public let email: String
    public let roleTitle: String
    public let isAdmin: Bool
    public let isStaff: Bool

    public init(email: String, roleTitle: String, isAdmin: Bool, isStaff: Bool) {
        self.email = email
        self.roleTitle = roleTitle
        self.isAdmin = isAdmin
        self.isStaff = isStaff
    }
}

/// What every page shares: title, who is signed in, the CSRF token and the demo banner.
public struct PageContext: Sendable {
    public var title: String
    public var user: SignedInUser?
    public var csrf: String
    public var demo: Bool
    public var breadcrumbs: [(String, SiteURL)]
    public var flash: String?
    public var errors: [FieldError]
    /// Refresh the page after this many seconds (progress pages, without JavaScript).
    public var refreshSeconds: Int?
    /// A page that stands alone, for printing to PDF on the server: its styles inline, no
    /// scripts, nothing fetched.
    public var standalone = false

    public init(
        title: String, user: SignedInUser?, csrf: String, demo: Bool, breadcrumbs: [(String, SiteURL)] = [],
        flash: String? = nil, errors: [FieldError] = [], refreshSeconds: Int? = nil
    ) {
        self.title = title
        self.user = user
        self.csrf = csrf
        self.demo = demo
        self.breadcrumbs = breadcrumbs
        self.flash = flash
        self.errors = errors
        self.refreshSeconds = refreshSeconds
    }
}

/// The page shell: skip link, header with navigation, demo banner, breadcrumbs, main content.
public func layout(_ context: PageContext, _ content: HTML) -> HTML {
    var links: [(String, SiteURL)] = []
    if let user = context.user {
        links.append(("Inspections", .inspections))
        if user.isStaff { links += [("My cases", .myCases), ("Providers", .providers), ("SFO reviews", .sfo)] }
        links.append(("Monitoring", .monitoring))
        if user.isAdmin { links += [("Users", .adminUsers), ("API tokens", .adminTokens), ("Audit log", .adminAudit)] }
    }
    links += [("Ratings", .nationalRatings), ("Annual reports", .annualReports), ("Programme", .programme), ("Thematic", .thematicList)]
    let navigation = links.map { HTML("<li><a href=\"\($0.1)\">\($0.0)</a></li>") }
    let account: HTML =
        context.user.map { user in
            """
            <li class="header__account"><span class="header__who">\(user.email) <span class="muted-inverse">(\(user.roleTitle))</span></span>\
            <a href="\(SiteURL.accountSessions)">Where I am signed in</a> <a href="\(SiteURL.accountPassword)">Change my password</a>\
            \(Components.form(action: .logout, csrf: context.csrf, "<button type=\"submit\" class=\"link-button\">Sign out</button>"))</li>
            """
        } ?? "<li><a href=\"\(SiteURL.login)\">Sign in</a></li>"
    let demoBanner: HTML =
        context.demo
        ? "<div class=\"demo-banner\" role=\"region\" aria-label=\"Demo data\"><strong class=\"tag tag--orange\">Demo data</strong> Every provider, case and rating here is generated for demonstration. None of it is real.</div>"
        : ""
    let crumbs: HTML =
        context.breadcrumbs.isEmpty
        ? ""
        : """
        <nav class="breadcrumbs" aria-label="Breadcrumb"><ol>\(context.breadcrumbs.map { HTML("<li><a href=\"\($0.1)\">\($0.0)</a></li>") })</ol></nav>
        """
    let refresh: HTML = context.refreshSeconds.map { "<meta http-equiv=\"refresh\" content=\"\($0)\">" } ?? ""
    let flash: HTML = context.flash.map { Components.banner($0) } ?? ""
    let title = (context.errors.isEmpty ? "" : "Error: ") + context.title + " – Inspectorate"
    let assets: HTML =
        context.standalone
        ? HTML(trusted: "<style>\(Assets.stylesheet)</style>")
        : "<link rel=\"stylesheet\" href=\"\(SiteURL.stylesheet)\"><script src=\"\(SiteURL.script)\" defer></script>"
    return """
        <!DOCTYPE html>
        <html lang="en-GB">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">\(refresh)
        <title>\(title)</title>\(assets)</head>
        <body>
        <a href="#main" class="skip-link">Skip to main content</a>
        <header class="header" role="banner"><div class="width-container header__inner">
        <a href="\(SiteURL.home)" class="header__service">Inspectorate</a>
        <nav aria-label="Main"><ul class="header__nav">\(navigation)\(account)</ul></nav>
        </div></header>
        \(demoBanner)
        <div class="width-container">\(crumbs)
        <main id="main" class="main" tabindex="-1">\(flash)\(Components.errorSummary(context.errors))\(content)</main>
        </div>
        <footer class="footer" role="contentinfo"><div class="width-container"><p>Inspectorate: inspections of probation services. \
        Ratings show how sure they are: every percentage carries its interval. <a href="\(SiteURL.howWeRate)">How we rate</a></p></div></footer>
        </body></html>
        """
}

/// A page for an error: not found, not allowed, bad request.
public func errorPage(_ context: PageContext, status: Int, message: String) -> HTML {
    let heading =
        switch status {
        case 404: "Page not found"
        case 403: "You do not have access to this page"
        case 401: "Sign in to continue"
        case 409: "This was changed by someone else"
        case 429: "Too many attempts"
        case 400...499: "There is a problem with your request"
        default: "Sorry, there is a problem with the service"
        }
    let signIn: HTML = status == 401 ? "<p><a href=\"\(SiteURL.login)\">Sign in</a></p>" : ""
    return layout(context, "<h1 class=\"heading-l\">\(heading)</h1><p>\(message)</p>\(signIn)")
}
