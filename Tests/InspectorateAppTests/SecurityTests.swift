import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import InspectorateApp

/// The findings of the security probe (issue 13), each as the attacker tried it.
@Suite("Security: redirects, headers and logs")
struct SecurityTests {
    @Test("after sign-in, only a path on this site is followed; every other 'next' falls back to the home page")
    func localRedirects() {
        for kept in ["/", "/inspections/7F8E?x=1&y=2", "/annual/2019-20#x".replacingOccurrences(of: "#x", with: ""), "/cases?q=A%2010", "/a/b:c@d"] {
            #expect(LocalRedirect.path(kept) == kept, "\(kept)")
        }
        let refused = [
            "/\r\nX-Injected: yes", "/%0D%0AX-Injected:%20yes", "/\t/other-host/x", "/%09/other-host/x", "//other-host/x", "/\\other-host", "/%5Cother-host",
            "/%2F/other-host", "https://other-host/", "other-host", "", " /", "/\u{0}", "/é", "/%", "/%zz", "/x y", "/\"><script>",
            "/" + String(repeating: "a", count: 2_001),
        ]
        for value in refused {
            #expect(LocalRedirect.path(value) == nil, "\(value.debugDescription) was accepted")
        }
    }

    @Test("a line break in 'next' never reaches a header, and a crafted next never leaves the site", arguments: TestDatabases.all)
    func signInRedirect(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            _ = try await Fixtures.world(app)
            for next in ["/\r\nX-Injected: yes", "/\r\nSet-Cookie: inspectorate-session=planted", "/\t/other-host/x", "//other-host", "/\\other-host"] {
                let browser = Browser(app)
                let form = try await browser.get("/login?next=" + Browser.encode(next))
                #expect(!form.headers.contains(name: "X-Injected"))
                _ = form
                let signedIn = try await browser.post("/login", [("email", "lead@test.example"), ("password", Fixtures.password), ("next", next)])
                #expect(
                    signedIn.status == .seeOther && signedIn.location == "/", "\(next.debugDescription) sent the browser to \(signedIn.location ?? "nowhere")")
                #expect(!signedIn.headers.contains(name: "X-Injected"))
                #expect(!signedIn.headers[.setCookie].contains { $0.contains("planted") })
            }
            let browser = Browser(app)
            _ = try await browser.get("/login?next=%2Finspections")
            let back = try await browser.post("/login", [("email", "lead@test.example"), ("password", Fixtures.password), ("next", "/inspections?page=2")])
            #expect(back.location == "/inspections?page=2")
        }
    }

    @Test("every response carries the security headers; case data is never cached; a header with a line break is dropped")
    func headers() async throws {
        var configuration = AppConfiguration.testing(.sqliteInMemory)
        configuration.secureCookies = true
        try await withApp(configuration) { app in
            _ = try await Fixtures.world(app)
            app.get("test-header") { _ -> Response in
                let response = Response(status: .ok, body: "x")
                response.headers.add(name: "X-Echo", value: "a\r\nSet-Cookie: planted=1")
                return response
            }
            let browser = Browser(app)
            _ = try await browser.signIn("analyst@test.example")
            for path in ["/", "/login", "/inspections", "/api/v1/inspections", "/ratings.csv", "/no-such-page", "/test-header"] {
                let page = try await browser.get(path)
                #expect(page.headers.first(name: "Content-Security-Policy") == SecurityHeadersMiddleware.contentSecurityPolicy, "\(path)")
                #expect(page.headers.first(name: "X-Content-Type-Options") == "nosniff", "\(path)")
                #expect(page.headers.first(name: "Referrer-Policy") == "same-origin", "\(path)")
                #expect(page.headers.first(name: "Strict-Transport-Security")?.hasPrefix("max-age=") == true, "\(path)")
                #expect(page.headers.first(name: .cacheControl) == "no-store", "\(path)")
            }
            let echoed = try await browser.get("/test-header")
            #expect(!echoed.headers.contains(name: "X-Echo") && !echoed.headers[.setCookie].contains { $0.contains("planted") })
            #expect(try await browser.get("/assets/app.css").headers.first(name: .cacheControl) == "public, max-age=3600")
            #expect(SecurityHeadersMiddleware.contentSecurityPolicy.contains("frame-ancestors 'none'"))
            #expect(!SecurityHeadersMiddleware.contentSecurityPolicy.contains("unsafe-inline"))
        }
        try await withApp(.sqliteInMemory) { app in
            let page = try await Browser(app).get("/login")
            #expect(page.headers.first(name: "Strict-Transport-Security") == nil, "HSTS without https")
        }
    }

    @Test("a body is read only for a known route, with a session, and for uploads a signed-in person")
    func bodiesBeforeReading() async throws {
        try await withApp(.sqliteInMemory) { app in
            _ = try await Fixtures.world(app)
            let upload = "/inspections/\(UUID())/uploads/caseload"
            func post(_ browser: Browser, _ path: String, declaring length: Int) async throws -> Browser.Page {
                var headers: HTTPHeaders = ["Content-Type": "multipart/form-data; boundary=x"]
                headers.replaceOrAdd(name: .contentLength, value: String(length))
                return try await browser.request(.POST, path, headers: headers, body: ByteBuffer(string: "--x--\r\n"))
            }
            let stranger = Browser(app)
            #expect(try await post(stranger, upload, declaring: 200_000_000).status == .forbidden)  // no session to check a token against
            #expect(try await post(stranger, "/no/such/route/uploads/caseload", declaring: 200_000_000).status == .notFound)
            _ = try await stranger.get("/login")  // a session, still signed out
            #expect(try await post(stranger, upload, declaring: 200_000_000).status == .unauthorized)
            // (A declared length over the limit is refused with 413; the in-process client sets
            // Content-Length itself, so the attacker's suite checks that over a real socket.)
        }
    }

    @Test("an upload is written to disk, not memory, and deleted once imported; a token after the file, a cut body or two files are refused and leave nothing")
    func uploadsGoToDisk() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("uploads-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var configuration = AppConfiguration.testing(.sqliteInMemory)
        configuration.uploadDirectory = directory
        try await withApp(configuration) { app in
            let world = try await Fixtures.world(app)
            let lead = Browser(app)
            _ = try await lead.signIn("lead@test.example")
            let id = try await planCRCInspection(lead, world, year: "2020/21")
            #expect(try await lead.post("/inspections/\(id)/transition", [("action", "request-data")]).status == .seeOther)
            _ = try await lead.get("/inspections/\(id)/uploads")
            let path = "/inspections/\(id)/uploads/caseload"
            let token = try #require(lead.csrf)
            func part(_ disposition: String, _ content: String) -> String {
                "--b\r\nContent-Disposition: form-data; \(disposition)\r\n\r\n\(content)\r\n"
            }
            let file = part("name=\"file\"; filename=\"C:\\data\\caseload.csv\"", Fixtures.caseload(rows: 3))
            let csrf = part("name=\"csrf\"", token)
            func send(_ body: String, headers extra: HTTPHeaders = [:]) async throws -> Browser.Page {
                var headers: HTTPHeaders = ["Content-Type": "multipart/form-data; boundary=b"]
                headers.add(contentsOf: extra)
                return try await lead.request(.POST, path, headers: headers, body: ByteBuffer(string: body))
            }
            func leftBehind() -> [String] { (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [] }
            for (label, body, status) in [
                ("a token after the file", file + csrf + "--b--\r\n", HTTPStatus.forbidden),
                ("no token", file + "--b--\r\n", .forbidden),
                // One character changed: always a different one, or a token starting with "x" would stay right.
                ("a wrong token", part("name=\"csrf\"", (token.first == "x" ? "y" : "x") + token.dropFirst()) + file + "--b--\r\n", .forbidden),
                ("a body cut short", csrf + String(file.prefix(60)), .badRequest),
                ("two files", csrf + file + file + "--b--\r\n", .badRequest),
                ("a 5,000-character field", part("name=\"note\"", String(repeating: "x", count: 5_000)) + csrf + file + "--b--\r\n", .payloadTooLarge),
            ] {
                let page = try await send(body)
                #expect(page.status == status, "\(label): \(page.status)")
                #expect(leftBehind().isEmpty, "\(label) left \(leftBehind())")
            }
            #expect(try await ImportJobModel.query(on: app.db).count() == 0)
            // A script sends the token as a header; the file keeps only its own name.
            let sent = try await send(file + "--b--\r\n", headers: ["X-CSRF-Token": token])
            #expect(sent.status == .seeOther)
            let job = try await WorkflowTests.waitForImport(lead, sent.location)
            #expect(job.body.contains("Imported 3 eligible cases"), "\(job.body.prefix(2_000))")
            #expect(try await ImportJobModel.query(on: app.db).first()?.filename == "caseload.csv")
            #expect(leftBehind().isEmpty, "the imported upload's file was kept: \(leftBehind())")

            // Where uploads are closed, the token is still checked first, as on every other
            // form: without it the answer is 403, never the business rule's 409.
            let notYetAsked = try await planCRCInspection(lead, world, year: "2021/22")
            let closed = "/inspections/\(notYetAsked)/uploads/caseload"
            let headers: HTTPHeaders = ["Content-Type": "multipart/form-data; boundary=b"]
            let withoutToken = try await lead.request(.POST, closed, headers: headers, body: ByteBuffer(string: file + "--b--\r\n"))
            #expect(withoutToken.status == .forbidden, "\(withoutToken.status)")
            let withToken = try await lead.request(.POST, closed, headers: headers, body: ByteBuffer(string: csrf + file + "--b--\r\n"))
            #expect(withToken.status == .conflict && withToken.body.contains("has not asked for data yet"), "\(withToken.status)")
            #expect(leftBehind().isEmpty, "a refused upload's file was kept: \(leftBehind())")
        }
    }

    @Test("text from a request is escaped before it is logged, so no line can be forged")
    func logText() {
        #expect(LogText.escaped("/x\r\n2026-12-01 INFO forged") == "/x\\r\\n2026-12-01 INFO forged")
        #expect(LogText.escaped("a\u{0}b\u{1B}[31mc\u{2028}") == "a\\u{0}b\\u{1b}[31mc\\u{2028}")
        #expect(LogText.escaped("Team 2 – café") == "Team 2 – café")
        #expect(LogText.escaped(String(repeating: "x", count: 600)).count == 501)
    }
}

@Suite("Security: password rules")
struct PasswordPolicyTests {
    let policy = PasswordPolicy.standard

    @Test("common passwords, common words dressed up, repeats and the person's own email are refused; long and unusual ones pass")
    func rules() {
        #expect(policy.common.count >= 100 && policy.words.count >= 30)
        for weak in [
            "Password1234", "password12345", "P@ssw0rd2026!", "Welcome#12345", "QWERTYUIOP123", "iloveyou1234", "123456789012", "inspectorate",
            "Probation2024", "aaaaaaaaaaaa", "abababababab", "Correct Horse Battery Staple",
        ] {
            #expect(policy.problem(with: weak) != nil, "\(weak) was accepted")
        }
        #expect(policy.problem(with: "jane.smith2024", email: "Jane.Smith@justice.example") != nil)
        #expect(policy.problem(with: "x jane.smith@justice.example", email: "jane.smith@justice.example") != nil)
        #expect(policy.problem(with: "short") == "Enter a password of at least 12 characters")
        for fine in ["a long enough password", "a brand new password", "tractor lantern 47 quietly", "Kettle-Orbit-Saffron-9", "demo-password"] {
            #expect(policy.problem(with: fine) == nil, "\(fine): \(policy.problem(with: fine) ?? "")")
        }
    }

    @Test("a password over 72 bytes is refused, counted in bytes, so bcrypt's cut-off cannot make two passwords one")
    func bcryptLimit() {
        let base = "tractor lantern quietly orbit saffron kettle meadow"
        let seventyTwo = base + String(repeating: "x", count: 72 - base.utf8.count)
        #expect(policy.problem(with: seventyTwo) == nil)
        #expect(policy.problem(with: seventyTwo + "y")?.contains("72 bytes or fewer") == true)
        // 20 characters, but 80 bytes: four-byte emoji.
        let emoji = String(repeating: "🦉", count: 20)
        #expect(emoji.count == 20 && policy.problem(with: emoji)?.contains("72 bytes") == true)
    }
}

@Suite("Security: the client's address behind proxies")
struct ForwardedForTests {
    @Test("only the entries trusted proxies appended count; a forged entry to their left is ignored")
    func rightmost() {
        let forged = ["6.6.6.6, 203.0.113.9"]
        #expect(ForwardedFor.client(forwarded: forged, peer: "10.0.0.2", trustedProxies: 1) == "203.0.113.9")
        #expect(ForwardedFor.client(forwarded: ["6.6.6.6, 203.0.113.9, 10.0.0.7"], peer: "10.0.0.2", trustedProxies: 2) == "203.0.113.9")
        #expect(ForwardedFor.client(forwarded: ["6.6.6.6", "203.0.113.9"], peer: "10.0.0.2", trustedProxies: 1) == "203.0.113.9")
        #expect(ForwardedFor.client(forwarded: forged, peer: "10.0.0.2", trustedProxies: 0) == "10.0.0.2")
        #expect(ForwardedFor.client(forwarded: [], peer: "10.0.0.2", trustedProxies: 1) == "10.0.0.2")
        #expect(ForwardedFor.client(forwarded: ["<script>"], peer: "10.0.0.2", trustedProxies: 1) == "10.0.0.2")
        #expect(ForwardedFor.client(forwarded: ["2001:db8::1"], peer: nil, trustedProxies: 1) == "2001:db8::1")
    }

    @Test("TRUST_PROXY takes true, false or a number of proxies")
    func configuration() throws {
        #expect(try AppConfiguration.fromEnvironment(["TRUST_PROXY": "true"]).trustedProxies == 1)
        #expect(try AppConfiguration.fromEnvironment(["TRUST_PROXY": "2"]).trustedProxies == 2)
        #expect(try AppConfiguration.fromEnvironment([:]).trustedProxies == 0)
        #expect(throws: ConfigurationError.self) { try AppConfiguration.fromEnvironment(["TRUST_PROXY": "maybe"]) }
    }

    @Test("behind a proxy, rotating a forged X-Forwarded-For does not escape the sign-in throttle, and the audit has the real client")
    func throttle() async throws {
        var configuration = AppConfiguration.testing(.sqliteInMemory)
        configuration.trustedProxies = 1
        try await withApp(configuration) { app in
            _ = try await Fixtures.world(app)
            var statuses: [HTTPStatus] = []
            for attempt in 0..<(AccountController.maximumFailures * 4 + 1) {
                let page = try await Browser(app).signIn(
                    "nobody\(attempt)@test.example", password: "wrong-password-\(attempt)", forwardedFor: "198.51.100.\(attempt), 203.0.113.9")
                statuses.append(page.status)
            }
            #expect(statuses.last == .tooManyRequests, "\(statuses)")
            let addresses = Set(try await LoginAttemptModel.query(on: app.db).all().map(\.ip))
            #expect(addresses == ["203.0.113.9"])
        }
    }
}

@Suite("Security: guessing without locking people out")
struct SignInThrottleTests {
    @Test("five wrong guesses from one address lock that address out of the account, not its owner; the account is slowed, not locked")
    func noLockout() async throws {
        var configuration = AppConfiguration.testing(.sqliteInMemory)
        configuration.trustedProxies = 1
        try await withApp(configuration) { app in
            _ = try await Fixtures.world(app)
            func signIn(_ password: String, from address: String) async throws -> Browser.Page {
                try await Browser(app).signIn("lead@test.example", password: password, forwardedFor: address)
            }
            // The attacker's five guesses, a little while ago.
            for guess in 0..<AccountController.maximumFailures {
                try await LoginAttemptModel(
                    email: "lead@test.example", ip: "198.51.100.66", succeeded: false, at: Date().addingTimeInterval(-60 + Double(guess))
                ).create(on: app.db)
            }
            let attacker = try await signIn(Fixtures.password, from: "198.51.100.66")
            #expect(attacker.status == .tooManyRequests && attacker.body.contains("Too many failed attempts from here"))
            // The owner, from their own address, signs in at once: no 15-minute lockout.
            let owner = try await signIn(Fixtures.password, from: "203.0.113.20")
            #expect(owner.status == .seeOther, "the owner was locked out: \(owner.status)")
            // A guess from a third address just now slows the account for a few seconds.
            #expect(try await signIn("another wrong guess", from: "192.0.2.30").status == .unauthorized)
            let slowed = try await signIn(Fixtures.password, from: "192.0.2.31")
            #expect(slowed.status == .tooManyRequests && slowed.body.contains("Wait ") && slowed.body.contains("seconds, then try again"))
        }
    }
}

@Suite("Security: sessions")
struct SessionTests {
    func rows(_ app: Application) async throws -> [SessionModel] { try await SessionModel.query(on: app.db).all() }

    @Test("visitors who are not signed in leave no row; a signed-in session is a row keyed by a hash, not the cookie", arguments: TestDatabases.all)
    func anonymousLeaveNoRow(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            _ = try await Fixtures.world(app)
            for _ in 0..<20 { _ = try await Browser(app).get("/login") }
            #expect(try await rows(app).isEmpty)
            let browser = Browser(app)
            #expect(try await browser.signIn("lead@test.example").status == .seeOther)
            let stored = try await rows(app)
            let cookie = try #require(browser.cookies["inspectorate-session"])
            #expect(stored.count == 1 && stored[0].id == SessionStore.digest(cookie) && stored[0].id != cookie)
            // A tampered anonymous cookie is worthless: no token, so no form goes through.
            let forger = Browser(app)
            _ = try await forger.get("/login")
            let signed = try #require(forger.cookies["inspectorate-session"])
            #expect(signed.hasPrefix("a."))
            forger.cookies["inspectorate-session"] = signed.dropLast(2) + "xx"
            #expect(try await forger.post("/login", [("email", "lead@test.example"), ("password", Fixtures.password)]).status == .forbidden)
        }
    }

    @Test("a session ends after 30 minutes unused or 12 hours after sign-in, and its row goes; sign-in purges expired rows", arguments: TestDatabases.all)
    func expiry(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            _ = try await Fixtures.world(app)
            let idle = Browser(app), old = Browser(app)
            _ = try await idle.signIn("lead@test.example")
            _ = try await old.signIn("inspector@test.example")
            #expect(try await idle.get("/inspections").status == .ok)
            let idleRow = try #require(try await SessionModel.find(SessionStore.digest(idle.cookies["inspectorate-session"]!), on: app.db))
            idleRow.seenAt = Date().addingTimeInterval(-31 * 60)
            try await idleRow.save(on: app.db)
            let oldRow = try #require(try await SessionModel.find(SessionStore.digest(old.cookies["inspectorate-session"]!), on: app.db))
            oldRow.createdAt = Date().addingTimeInterval(-13 * 3_600)
            try await oldRow.save(on: app.db)
            for browser in [idle, old] {
                let page = try await browser.get("/inspections")
                #expect(page.status == .seeOther && page.location?.hasPrefix("/login") == true, "an expired session still works")
            }
            #expect(try await rows(app).isEmpty)
            // A stale row nobody uses again is purged at the next sign-in.
            let forgotten = Browser(app)
            _ = try await forgotten.signIn("analyst@test.example")
            let forgottenRow = try #require(try await rows(app).first)
            forgottenRow.seenAt = Date().addingTimeInterval(-2 * 3_600)
            try await forgottenRow.save(on: app.db)
            _ = try await Browser(app).signIn("quality@test.example")
            #expect(try await rows(app).count == 1)
        }
    }

    @Test("a person sees where they are signed in and ends a session elsewhere; deactivation ends every session", arguments: TestDatabases.all)
    func listAndEnd(database: AppConfiguration.Database) async throws {
        try await withApp(database) { app in
            let world = try await Fixtures.world(app)
            let laptop = Browser(app), phone = Browser(app), admin = Browser(app)
            _ = try await laptop.signIn("inspector@test.example")
            _ = try await phone.signIn("inspector@test.example")
            let page = try await laptop.get("/account/sessions")
            #expect(page.status == .ok && page.body.contains("This device") && page.body.contains("End this session"))
            let phoneID = SessionStore.digest(phone.cookies["inspectorate-session"]!)
            #expect(page.body.contains("value=\"\(phoneID)\""))
            // Someone else cannot end it.
            _ = try await admin.signIn("admin@test.example")
            _ = try await admin.get("/account/sessions")
            #expect(try await admin.post("/account/sessions", [("action", "end"), ("session", phoneID)]).status == .notFound)
            #expect(try await phone.get("/inspections").status == .ok)
            #expect(try await laptop.post("/account/sessions", [("action", "end"), ("session", phoneID)]).status == .seeOther)
            #expect(try await phone.get("/inspections").status == .seeOther, "the ended session still works")
            // Deactivation ends them all, rows included.
            _ = try await admin.get("/admin/users/\(world.users["inspector@test.example"]!)")
            #expect(try await admin.post("/admin/users/\(world.users["inspector@test.example"]!)", [("action", "deactivate")]).status == .seeOther)
            #expect(try await SessionModel.query(on: app.db).filter(\.$userID == world.users["inspector@test.example"]!).count() == 0)
            #expect(try await laptop.get("/inspections").status == .seeOther)
        }
    }
}

@Suite("Security: bulk reads are audited")
struct BulkReadAuditTests {
    func events(_ app: Application, _ entityType: String) async throws -> [AuditEventModel] {
        try await AuditEventModel.query(on: app.db).filter(\.$entityType == entityType).all()
    }

    @Test("API reads with a token, unpublished figures, draft tables, import pages and problem files each leave a record; the log exports as CSV")
    func audited() async throws {
        try await withApp(.sqliteInMemory) { app in
            let world = try await Fixtures.world(app)
            let lead = Browser(app), admin = Browser(app)
            _ = try await lead.signIn("lead@test.example")
            _ = try await admin.signIn("admin@test.example")
            let id = try await planCRCInspection(lead, world, year: "2020/21")
            #expect(try await lead.post("/inspections/\(id)/transition", [("action", "request-data")]).status == .seeOther)
            // An import with problems: its page and its problems file name case references.
            _ = try await lead.get("/inspections/\(id)/uploads")
            let bad = Fixtures.caseload(rows: 3) + "A9,life,2019-02-30,extreme,none,none,PO,Team 1,male,White\n"
            let job = try await WorkflowTests.waitForImport(
                lead, try await lead.upload("/inspections/\(id)/uploads/caseload", filename: "bad.csv", content: bad).location)
            #expect(job.body.contains("problems"))
            let jobViews = try await events(app, "import-job").filter { $0.action == .view }.count
            #expect(jobViews == 1, "\(jobViews) views of the import page recorded")
            let problems = try #require(job.body.range(of: "/problems.csv\"") ?? job.body.range(of: "/errors.csv\""))
            let link = String(job.body[job.body[..<problems.lowerBound].range(of: "href=\"", options: .backwards)!.upperBound..<problems.upperBound].dropLast())
            #expect(try await lead.get(link).status == .ok)
            #expect(try await events(app, "import-problems").count == 1)
            // A draft report's table, and the API's figures and judgements for it.
            #expect(try await lead.get("/inspections/\(id)/report/tables/ratings.csv").status == .ok)
            #expect(try await events(app, "report-table").count == 1)
            try await APITokenModel(
                name: "lead's script", tokenHash: APITokens.hash("lead-token"), userID: world.users["lead@test.example"]!,
                createdBy: world.users["admin@test.example"]!, expiresAt: Date().addingTimeInterval(86_400)
            ).create(on: app.db)
            let bearer: HTTPHeaders = ["Authorization": "Bearer lead-token"]
            #expect(try await Browser(app).request(.GET, "/api/v1/inspections/\(id)/figures", headers: bearer).status == .ok)
            #expect(try await Browser(app).request(.GET, "/api/v1/inspections/\(id)/judgements", headers: bearer).status == .ok)
            let uses = try await events(app, "api-token")
            #expect(uses.count == 2 && uses.allSatisfy { $0.userEmail == "lead@test.example" && $0.detail.contains("with lead's script") })
            #expect(uses.contains { $0.detail.hasPrefix("GET /api/v1/inspections/\(id)/judgements") })
            let figuresRead = try await events(app, "figures").count
            let judgementsRead = try await events(app, "judgements").count
            #expect(figuresRead == 1 && judgementsRead == 1)
            // The log, filtered, as CSV; the export is itself recorded.
            let csv = try await admin.get("/admin/audit.csv?action=export")
            #expect(csv.status == .ok && csv.headers.contentType?.subType == "csv")
            let lines = csv.body.split(separator: "\r\n")
            #expect(lines.first == "at,user,role,action,entity_type,entity_id,inspection_id,detail,address,user_agent")
            #expect(lines.count == 4 && lines.dropFirst().allSatisfy { $0.contains(",export,") })
            #expect(try await events(app, "audit-log").count == 1)
            #expect((try await admin.get("/admin/audit")).body.contains("href=\"/admin/audit.csv\""))
            // Each row's role is read back as a role, and an action the log does not know is refused in words.
            #expect(lines.dropFirst().allSatisfy { line in Role(rawValue: String(line.split(separator: ",")[2])) != nil })
            let unknown = try await admin.get("/admin/audit?action=%3Cscript%3E")
            #expect(unknown.status == .badRequest && unknown.body.contains("There is no audit action called “&lt;script&gt;”"))
            #expect(try await admin.get("/admin/audit.csv?action=nope").status == .badRequest)
        }
    }
}

/// Plans a CRC inspection of provider A, led by lead@test.example, through the form a lead uses.
func planCRCInspection(_ lead: Browser, _ world: Fixtures.World, year: String) async throws -> UUID {
    _ = try await lead.get("/inspections/new")
    let start = year.prefix(4)
    let planned = try await lead.post(
        "/inspections/new",
        [
            ("provider", world.providerA.uuidString), ("framework", "probation-2018-crc"), ("year", year), ("start", "\(start)-09-07"),
            ("end", "\(start)-09-25"), ("lead", world.users["lead@test.example"]!.uuidString),
        ])
    return try WorkflowTests.inspectionID(from: planned.location)
}
