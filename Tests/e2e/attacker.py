"""An attacker against the real server (issue 13): the probe's findings, each tried as it was
found, and the attacks that held then, so that they keep holding.

The server runs on a fresh SQLite database with the demo data. Requests go over HTTP from
outside, as an attacker's would; where a client library would tidy up what an attacker sends
(line breaks, odd bytes in headers), the request is written to the socket by hand.

usage: python Tests/e2e/attacker.py
"""
import os
import re
import socket
import tempfile
import time
from urllib.parse import quote, urljoin, urlsplit

from support import PASSWORD, Client, Server, Suite, plan_inspection

INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE)
INLINE_HANDLER = re.compile(r"<[^>]+\son[a-z]+\s*=", re.IGNORECASE)
EXPECTED_CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; form-action 'self'; "
    "frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
# AccountController.slowDown: an account with many recent failures takes one attempt this often.
AccountSlowDownSeconds = 10
XSS_PAYLOADS = [
    "<script>alert('xss')</script>",
    "\"><img src=x onerror=alert('xss')>",
    "</textarea><svg onload=alert('xss')>",
    "javascript:alert('xss')//",
]


def raw_request(url, request_bytes, timeout=30):
    """Sends bytes as they are and returns the status line and headers of the reply."""
    parts = urlsplit(url)
    with socket.create_connection((parts.hostname, parts.port), timeout=timeout) as connection:
        connection.sendall(request_bytes)
        reply = read_head(connection)
    head = reply.split(b"\r\n\r\n", 1)[0].decode("latin-1")
    return head.split("\r\n")


def read_head(connection):
    """Reads from the socket until the response's head has arrived (or the server closed)."""
    reply = b""
    while b"\r\n\r\n" not in reply:
        chunk = connection.recv(65536)
        if not chunk:
            break
        reply += chunk
    return reply


def post_stream(url, path, total, cookie=None, chunk=1 << 20):
    """POSTs `total` bytes declared up front, sending them a megabyte at a time and stopping as
    soon as the server answers. Returns the status (0 for none) and how many bytes were sent."""
    parts = urlsplit(url)
    connection = socket.create_connection((parts.hostname, parts.port), timeout=60)
    head = f"POST {path} HTTP/1.1\r\nHost: x\r\nContent-Type: multipart/form-data; boundary=x\r\nContent-Length: {total}\r\n"
    head += (f"Cookie: {cookie}\r\n" if cookie else "") + "Connection: close\r\n\r\n"
    reply, sent, block = b"", 0, b"A" * chunk
    try:
        connection.sendall(head.encode())
        while sent < total and not reply:
            connection.sendall(block[:min(chunk, total - sent)])
            sent += min(chunk, total - sent)
            connection.setblocking(False)
            try:
                reply += connection.recv(65536)
            except BlockingIOError:
                pass
            connection.setblocking(True)
        connection.settimeout(30)
        while b"\r\n" not in reply:
            data = connection.recv(65536)
            if not data:
                break
            reply += data
    except TimeoutError:
        pass  # no answer in time: reported as status 0
    except (BrokenPipeError, ConnectionResetError):
        try:
            reply += connection.recv(65536)
        except OSError:
            pass
    finally:
        connection.close()
    first = reply.split(b"\r\n", 1)[0].decode("latin-1")
    return (int(first.split(" ")[1]) if first.startswith("HTTP/") else 0), sent


def resident_megabytes(pid):
    with open(f"/proc/{pid}/status") as status:
        return int(re.search(r"VmRSS:\s+(\d+)", status.read()).group(1)) / 1024


def main():
    suite = Suite("attacker")
    workdir = tempfile.mkdtemp(prefix="inspectorate-attacker-")
    server = Server(workdir)
    uploads = os.path.join(workdir, "uploads")
    server.env["UPLOAD_DIRECTORY"] = uploads
    state = {}

    def set_up():
        server.command("demo")
        server.start()
        state["lead"] = Client(server.url).sign_in("lead@demo.test")
        state["provider"] = Client(server.url).sign_in("provider@demo.test")

    suite.check("set up: the demo data and a running server", set_up)

    def sign_in_with_next(next_value):
        visitor = Client(server.url)
        visitor.get("/login?next=" + quote(next_value, safe=""))
        return visitor.post("/login", {"email": "analyst@demo.test", "password": PASSWORD, "next": next_value})

    def no_header_injection_through_next():
        for next_value in ["/\r\nX-Injected: yes", "/\r\nSet-Cookie: inspectorate-session=planted", "/\nX-Injected: yes", "/%0D%0AX-Injected:%20yes"]:
            response = sign_in_with_next(next_value)
            assert response.status_code == 303, f"sign-in with next={next_value!r} answered {response.status_code}"
            assert "X-Injected" not in response.headers, f"next={next_value!r} planted a header: {dict(response.headers)}"
            assert "planted" not in response.headers.get("Set-Cookie", ""), f"next={next_value!r} planted a cookie"
            assert response.headers["Location"] == "/", f"next={next_value!r} led to {response.headers['Location']!r}"
        # The same, written to the socket: the sign-in page itself echoes nothing into a header.
        lines = raw_request(server.url, b"GET /login?next=/%0D%0AX-Injected:%20yes HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        assert not any(line.lower().startswith("x-injected") for line in lines), lines

    def no_open_redirect():
        origin = urlsplit(server.url).netloc
        for next_value in ["/\t/other-host/x", "/%09/other-host/x", "//other-host/x", "/\\other-host/x", "/%5Cother-host", "/%2F/other-host",
                           "https://other-host/", "http:other-host", " //other-host", "/\x00//other-host"]:
            response = sign_in_with_next(next_value)
            location = response.headers.get("Location", "")
            lands = urlsplit(urljoin(server.url + "/", location.replace("\t", "")))
            assert lands.netloc == origin and not lands.path.startswith("//"), f"next={next_value!r} sent the browser to {location!r}"
        kept = sign_in_with_next("/inspections?page=2")
        assert kept.headers["Location"] == "/inspections?page=2", "a good next is no longer followed"

    def security_headers_everywhere():
        anonymous = Client(server.url)
        lead = state["lead"]
        report = re.search(r'href="(/inspections/[^"]+/report)"', anonymous.get("/ratings").text).group(1)
        pages = [(anonymous, path) for path in ["/", "/login", "/ratings", "/ratings.csv", "/ratings.json", "/annual/2019-20", report, "/how-we-rate",
                                                 "/api/v1/inspections", "/openapi.json", "/no-such-page", "/inspections"]]
        pages += [(lead, path) for path in ["/", "/inspections", "/my-cases", "/providers", "/sfo", report, "/admin/users"]]
        for client, path in pages:
            response = client.get(path, allow_redirects=False)
            headers = response.headers
            assert headers.get("Content-Security-Policy") == EXPECTED_CSP, f"{path}: CSP {headers.get('Content-Security-Policy')!r}"
            assert headers.get("X-Content-Type-Options") == "nosniff", f"{path}: no nosniff"
            assert headers.get("Referrer-Policy"), f"{path}: no Referrer-Policy"
            assert headers.get("Cache-Control") == "no-store", f"{path}: Cache-Control {headers.get('Cache-Control')!r}"
            if "text/html" in headers.get("Content-Type", ""):
                body = response.text
                assert not INLINE_SCRIPT.search(body), f"{path} has an inline script: {INLINE_SCRIPT.search(body).group(0)}"
                assert not INLINE_HANDLER.search(body), f"{path} has an inline event handler: {INLINE_HANDLER.search(body).group(0)[:80]}"
                assert " style=\"" not in body, f"{path} has an inline style, which the CSP blocks"
        assert anonymous.get("/assets/app.js").headers.get("Cache-Control", "").startswith("public"), "the script is not cacheable"

    def log_lines_cannot_be_forged():
        forged = "2026-12-01T00:00:00+0000 critical inspectorate : FORGED"
        raw_request(server.url, ("GET /x%0D%0A" + quote(forged) + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").encode())
        log = open(os.path.join(server.workdir, f"server-{server.starts}.log"), encoding="utf-8", errors="replace").read()
        assert "FORGED" in log, "the crafted path was not logged at all, so this check proves nothing"
        for line in log.splitlines():
            assert not line.startswith(forged), f"a forged line in the log: {line!r}"

    def csrf_without_a_token():
        lead = state["lead"]
        before = server.query("SELECT count(*) FROM inspections")[0][0]
        response = lead.http.post(server.url + "/inspections/new", data={"provider": "x", "framework": "probation-2018-crc"}, allow_redirects=False)
        assert response.status_code == 403, f"a POST without a token answered {response.status_code}"
        forged = lead.http.post(server.url + "/inspections/new", data={"csrf": "not-the-token"}, allow_redirects=False)
        assert forged.status_code == 403, f"a POST with a wrong token answered {forged.status_code}"
        assert server.query("SELECT count(*) FROM inspections")[0][0] == before, "an inspection was created without a token"

    def other_providers_ids():
        provider = state["provider"]
        rows = server.query(
            "SELECT i.id FROM inspections i JOIN providers p ON p.id = i.provider_id "
            "WHERE i.state != 'published' AND p.name != 'Thames Valley CRC'")
        assert rows, "no other provider's unpublished inspection to try"
        for (inspection,) in rows:
            for path in ["", "/uploads", "/cases", "/report", "/ratings", "/sample", "/moderation", "/report.pdf"]:
                response = provider.get(f"/inspections/{inspection}{path}", allow_redirects=False)
                assert response.status_code in (403, 404), f"provider@demo.test got {response.status_code} for another provider's {path or 'inspection'}"
            for path in ["", "/judgements", "/figures"]:
                response = provider.get(f"/api/v1/inspections/{inspection}{path}", allow_redirects=False)
                assert response.status_code in (401, 403, 404), f"provider@demo.test got {response.status_code} from the API's {path or 'inspection'}"

    def xss_in_free_text():
        lead = state["lead"]
        rows = server.query("SELECT id FROM inspections WHERE state NOT IN ('published', 'withdrawn')")
        inspection = rows[0][0]
        text = "\n".join(XSS_PAYLOADS)
        saved = lead.post(f"/inspections/{inspection}/report/edit", {"keyFindings": text})
        assert saved.status_code in (303, 409), f"saving the key findings answered {saved.status_code}"
        if saved.status_code == 409:
            return
        for payload in XSS_PAYLOADS:
            added = lead.post(f"/inspections/{inspection}/recommendations", {"text": payload, "addressee": "other", "otherBody": payload[:120]})
            assert added.status_code == 303, f"adding a recommendation answered {added.status_code}"
        listed = lead.get(f"/inspections/{inspection}/recommendations").text
        for payload in XSS_PAYLOADS:
            assert payload not in listed, f"the payload {payload!r} is on the recommendations page unescaped"
        page = lead.get(f"/inspections/{inspection}/report").text
        for payload in XSS_PAYLOADS:
            assert payload not in page, f"the payload {payload!r} is on the page unescaped"
        assert "&lt;script&gt;alert(&#39;xss&#39;)&lt;/script&gt;" in page, "the key findings were not shown, escaped"
        searched = lead.get("/inspections?q=" + quote(XSS_PAYLOADS[1])).text
        assert XSS_PAYLOADS[1] not in searched, "a search term is echoed unescaped"

    def odd_bytes_in_every_header():
        odd_values = [b"\xff\xfe", "<script>alert(1)</script>".encode(), b"A" * 7000, "\u202e\ufeff".encode(), b"%0d%0a", b"'; DROP TABLE users; --", b"\x00"]
        names = [b"User-Agent", b"Accept", b"Accept-Language", b"Cookie", b"X-Forwarded-For", b"Referer", b"Content-Type", b"X-Request-Id"]
        for name in names:
            for value in odd_values:
                lines = raw_request(server.url, b"GET /inspections HTTP/1.1\r\nHost: x\r\n" + name + b": " + value + b"\r\nConnection: close\r\n\r\n")
                status = int(lines[0].split(" ")[1]) if lines and lines[0].startswith("HTTP/") else 0
                # A NUL is not allowed in a header at all: the parser may drop the connection instead.
                assert status and status < 500 or (status == 0 and b"\x00" in value), f"{name.decode()}: {value[:40]!r} answered {lines[:1]}"
        assert Client(server.url).get("/health").status_code == 200, "the server stopped answering"

    def no_body_read_before_it_is_allowed():
        upload = "/inspections/2F1B5A3E-8C1D-4E7F-9A0B-1C2D3E4F5A6B/uploads/caseload"
        before = resident_megabytes(server.process.pid)
        status, sent = post_stream(server.url, upload, 200 * 1024 * 1024)
        assert status == 403, f"an anonymous 200 MB upload answered {status or 'nothing'} after {sent >> 20} MB were sent"
        status, _ = post_stream(server.url, "/no/such/route/uploads/caseload", 200 * 1024 * 1024)
        assert status == 404, f"an upload to an unknown route answered {status}"
        visitor = Client(server.url)
        visitor.get("/login")  # a session, still signed out
        status, _ = post_stream(server.url, upload, 200 * 1024 * 1024, cookie=visitor.cookie_header())
        assert status == 401, f"a signed-out upload answered {status}"
        grown = resident_megabytes(server.process.pid) - before
        assert grown < 64, f"600 MB of anonymous uploads grew the server by {grown:.0f} MB"
        provider = state["provider"]
        status, sent = post_stream(server.url, upload, 513 * 1024 * 1024, cookie=provider.cookie_header())
        assert status == 413 and sent < 64 * 1024 * 1024, f"a declared 513 MB upload answered {status} after {sent >> 20} MB"
        status, sent = post_stream(server.url, "/account/password", 2 * 1024 * 1024, cookie=provider.cookie_header())
        assert status == 413, f"a 2 MB form answered {status}"

    def uploads_stream_to_disk():
        lead = state["lead"]
        inspection = plan_inspection(lead, "Wales CRC", "probation-2018-crc", "2020/21", [])
        lead.get(f"/inspections/{inspection}/uploads")
        boundary = "attacker-boundary"
        head = (f"--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{lead.csrf}\r\n"
                f"--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"../../big.csv\"\r\n"
                "Content-Type: text/csv\r\n\r\n").encode()
        tail = f"\r\n--{boundary}--\r\n".encode()
        line = b"not,a,caseload,file\n" * 52_429  # about a megabyte
        megabytes = 100  # a debug build parses about 1.5 MB a second; enough to show memory does not grow with it
        total = len(head) + len(line) * megabytes + len(tail)
        parts = urlsplit(server.url)
        before = resident_megabytes(server.process.pid)
        peak = before
        started = time.monotonic()
        with socket.create_connection((parts.hostname, parts.port), timeout=120) as connection:
            connection.sendall((f"POST /inspections/{inspection}/uploads/caseload HTTP/1.1\r\nHost: x\r\n"
                                f"Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {total}\r\n"
                                f"Cookie: {lead.cookie_header()}\r\nConnection: close\r\n\r\n").encode() + head)
            for sent in range(megabytes):
                connection.sendall(line)
                if sent % 20 == 19:
                    peak = max(peak, resident_megabytes(server.process.pid))
            peak = max(peak, resident_megabytes(server.process.pid))
            connection.sendall(tail)
            reply = read_head(connection)
        uploaded = time.monotonic()
        print(f"       {megabytes} MB sent in {uploaded - started:.0f} s; the server grew by {peak - before:.0f} MB", flush=True)
        status = reply.split(b"\r\n", 1)[0].decode("latin-1")
        assert " 303 " in status, f"a signed-in {megabytes} MB upload answered {status!r}"
        grown = peak - before
        assert grown < 64, f"the server grew by {grown:.0f} MB while {megabytes} MB arrived: the upload was held in memory"
        job = re.search(r"(?i)location: (\S+)", reply.decode("latin-1")).group(1)
        deadline = time.monotonic() + 120
        while "Importing:" in (page := lead.get(job).text) and time.monotonic() < deadline:
            time.sleep(0.5)
        print(f"       its import ended in {time.monotonic() - uploaded:.0f} s", flush=True)
        assert "big.csv" in page and "../" not in page, "the file's name was not cut to its own name"
        assert "Importing:" not in page, "the import of the upload did not finish"
        left = os.listdir(uploads)
        assert not left, f"the upload's file was left behind: {left}"
        # A token after the file, a body cut short, two files: each refused, nothing kept.
        def multipart(parts):
            return b"".join(f"--{boundary}\r\nContent-Disposition: form-data; {disposition}\r\n\r\n".encode() + content + b"\r\n"
                            for disposition, content in parts)
        file_part = ('name="file"; filename="a.csv"', b"case_id,x\n1,2")
        token_part = ('name="csrf"', lead.csrf.encode())
        for label, body, expected in [
            ("a token after the file", multipart([file_part, token_part]) + tail[2:], 403),
            ("a body cut short", multipart([token_part]) + file_part[0].encode(), 400),
            ("two files", multipart([token_part, file_part, file_part]) + tail[2:], 400),
            ("no token at all", multipart([file_part]) + tail[2:], 403),
        ]:
            lines = raw_request(server.url, (f"POST /inspections/{inspection}/uploads/caseload HTTP/1.1\r\nHost: x\r\n"
                                             f"Content-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {len(body)}\r\n"
                                             f"Cookie: {lead.cookie_header()}\r\nConnection: close\r\n\r\n").encode() + body)
            assert lines and f" {expected} " in lines[0], f"{label} answered {lines[:1]}, not {expected}"
            assert not os.listdir(uploads), f"{label} left a file behind"
        jobs = server.query("SELECT filename FROM import_jobs WHERE filename IN ('a.csv', 'big.csv')")
        assert jobs == [["big.csv"]], f"refused uploads made import jobs: {jobs}"

    def trickled_bodies_are_cut_off():
        visitor = Client(server.url)
        visitor.get("/login")
        parts = urlsplit(server.url)
        started = time.monotonic()
        with socket.create_connection((parts.hostname, parts.port), timeout=90) as connection:
            connection.sendall((f"POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n"
                                f"Content-Length: 1000\r\nCookie: {visitor.cookie_header()}\r\n\r\n").encode())
            reply = b""
            connection.settimeout(3)
            while time.monotonic() - started < 80 and not reply:
                try:
                    connection.sendall(b"a")  # a byte every 3 s: never idle long enough to be closed for it
                    reply = connection.recv(65536)
                except TimeoutError:
                    continue
                except (BrokenPipeError, ConnectionResetError):
                    break
        waited = time.monotonic() - started
        first = reply.split(b"\r\n", 1)[0].decode("latin-1")
        assert " 408 " in first and waited < 45, f"a body trickled a byte at a time was answered {first!r} after {waited:.0f} s"

    def weak_and_overlong_passwords_refused():
        person = Client(server.url).sign_in("inspector-2@demo.test")
        person.get("/account/password")
        for weak, reason in [("Password2026!", "common word"), ("qwertyuiop123", "most common"), ("inspector-2demo", None),
                             ("tractor lantern quietly orbit saffron kettle meadow xxxxxxxxxxxxxxxxxxxxxxxy", "72 bytes")]:
            response = person.post("/account/password", {"current": PASSWORD, "new": weak, "confirm": weak})
            assert response.status_code == 422, f"the password {weak!r} was accepted ({response.status_code})"
            if reason:
                assert reason in response.text, f"the page does not say why {weak!r} was refused"
        assert Client(server.url).sign_in("inspector-2@demo.test"), "a refused change altered the password"

    def behind_a_proxy():
        if "proxied" not in state:
            proxied = Server(workdir)  # a second instance on the same database, behind one trusted proxy
            proxied.env["TRUST_PROXY"] = "1"
            proxied.start()
            state["proxied"] = proxied
        return state["proxied"]

    def sign_in_via_proxy(proxied, email, password, forwarded):
        visitor = Client(proxied.url)
        visitor.get("/login")
        return visitor.post("/login", {"email": email, "password": password}, headers={"X-Forwarded-For": forwarded})

    def forged_forwarded_for_does_not_beat_the_throttle():
        proxied = behind_a_proxy()
        statuses = [sign_in_via_proxy(proxied, f"nobody{n}@demo.test", "a wrong password", f"198.51.100.{n}, 203.0.113.9").status_code for n in range(21)]
        assert statuses[-1] == 429, f"21 failures with a rotating forged X-Forwarded-For were never throttled: {statuses}"
        recorded = {row[0] for row in server.query("SELECT ip FROM login_attempts WHERE email LIKE 'nobody%'")}
        assert recorded == {"203.0.113.9"}, f"the log records forged addresses: {sorted(recorded)[:5]}"

    def guessing_does_not_lock_the_owner_out():
        proxied = behind_a_proxy()
        for guess in range(6):
            sign_in_via_proxy(proxied, "inspector@demo.test", f"wrong guess {guess}", "198.51.100.66")
        blocked = sign_in_via_proxy(proxied, "inspector@demo.test", PASSWORD, "198.51.100.66")
        assert blocked.status_code == 429, f"the guesser's address was not stopped ({blocked.status_code})"
        time.sleep(AccountSlowDownSeconds + 0.5)  # the account is slowed, not locked
        owner = sign_in_via_proxy(proxied, "inspector@demo.test", PASSWORD, "203.0.113.20")
        assert owner.status_code == 303, f"the owner was locked out of their account by someone else's guesses ({owner.status_code})"

    def stalled_connections_are_closed():
        parts = urlsplit(server.url)
        started = time.monotonic()
        with socket.create_connection((parts.hostname, parts.port), timeout=90) as connection:
            connection.sendall(b"GET /login HTTP/1.1\r\nHost: x\r\nX-Slow: ")  # and then nothing, as a slow client does
            try:
                closed = connection.recv(1) == b""
            except ConnectionResetError:
                closed = True
        waited = time.monotonic() - started
        assert closed and waited < 60, f"a stalled connection was held for {waited:.0f} s"

    def new_routes_fail_cleanly():
        provider, lead = state["provider"], state["lead"]
        rows = server.query("SELECT i.id FROM inspections i WHERE i.state NOT IN ('published', 'withdrawn')")
        for (inspection,) in rows[:3]:
            assert provider.get(f"/inspections/{inspection}/withdraw").status_code in (403, 404), "a provider user reached a withdrawal form"
            refused = provider.post(f"/inspections/{inspection}/withdraw", {"reason": "not mine"})
            assert refused.status_code in (403, 404), f"a provider user's withdrawal answered {refused.status_code}"
            forged = lead.http.post(server.url + f"/inspections/{inspection}/withdraw", data={"reason": "no token"}, allow_redirects=False)
            assert forged.status_code == 403, f"a withdrawal without its token answered {forged.status_code}"
        assert server.query("SELECT count(*) FROM inspections WHERE state = 'withdrawn'")[0][0] == "0", "an inspection was withdrawn"
        # Someone else's session, odd text in every field, no token, a huge body: each refused, none a 500.
        mine = Client(server.url).sign_in("analyst@demo.test")
        mine.get("/account/sessions")
        theirs = server.query("SELECT id FROM sessions WHERE user_id IN (SELECT id FROM users WHERE email = 'lead@demo.test')")[0][0]
        for fields in [{"action": "end", "session": theirs}, {"action": "end", "session": "x\r\nSet-Cookie: a=b"},
                       {"action": "<script>alert(1)</script>", "session": "\x00"}, {"action": "end-others\n"}]:
            response = mine.post("/account/sessions", fields)
            assert response.status_code in (400, 404), f"{fields!r} answered {response.status_code}"
            assert "<script>alert" not in response.text and "Set-Cookie: a=b" not in str(response.headers)
        assert lead.get("/inspections", allow_redirects=False).status_code == 200, "someone else ended the lead's session"
        assert mine.http.post(server.url + "/account/sessions", data={"action": "end-others"}, allow_redirects=False).status_code == 403
        status, _ = post_stream(server.url, "/account/sessions", 5 * 1024 * 1024, cookie=mine.cookie_header())
        assert status == 413, f"a 5 MB body to /account/sessions answered {status}"

    def unified_service_routes_fail_cleanly():
        # Issue 14's routes: suspension, the region page, and a provider's parent and predecessors.
        provider, lead = state["provider"], state["lead"]
        (inspection,) = server.query("SELECT id FROM inspections WHERE state = 'fieldwork' LIMIT 1")[0]
        path = f"/inspections/{inspection}/suspension"
        assert provider.get(path).status_code in (403, 404), "a provider user reached the suspension form"
        refused = provider.post(path, {"action": "suspend", "reason": "not mine"})
        assert refused.status_code in (403, 404), f"a provider user's suspension answered {refused.status_code}"
        forged = lead.http.post(server.url + path, data={"action": "suspend", "reason": "no token"}, allow_redirects=False)
        assert forged.status_code == 403, f"a suspension without its token answered {forged.status_code}"
        assert lead.get(path).status_code == 200
        for fields in [{"action": "<script>alert(1)</script>", "reason": "x"}, {"action": "suspend", "reason": "\r\n\t "},
                       {"action": "suspend", "reason": "<script>alert(1)</script>" * 200}, {"action": "publish-partial", "reason": "x\r\nSet-Cookie: a=b"},
                       {"action": "resume\n"}, {"action": "suspend", "reason": "\x00"}]:
            response = lead.post(path, fields)
            assert response.status_code == 422, f"{str(fields)[:80]} answered {response.status_code}"
            assert "<script>alert" not in response.text and "Set-Cookie: a=b" not in str(response.headers)
        status, _ = post_stream(server.url, path, 5 * 1024 * 1024, cookie=lead.cookie_header())
        assert status == 413, f"a 5 MB body to the suspension route answered {status}"
        assert server.query("SELECT count(*) FROM inspections WHERE state = 'suspended'")[0][0] == "0", "an inspection was suspended"
        # Odd region codes and years on the public region page: a clean 404, nothing echoed.
        visitor = Client(server.url)
        for odd in ["region-%3Cscript%3Ealert(1)%3C%2Fscript%3E", "region-wales%0d%0aSet-Cookie:%20a=b", "..%2F..%2Fetc%2Fpasswd", "x" * 3000]:
            response = visitor.get(f"/annual/2023-24/regions/{odd}")
            assert response.status_code == 404, f"region {odd[:40]} answered {response.status_code}"
            assert "<script>alert" not in response.text and "Set-Cookie: a=b" not in str(response.headers)
        assert visitor.get("/annual/1999-00/regions/region-wales").status_code == 404
        # A provider's parent and predecessors: other ids, odd text, a PDU with no region.
        admin = Client(server.url).sign_in("admin@demo.test")
        (pdu,) = server.query("SELECT id FROM providers WHERE type = 'pdu' LIMIT 1")[0]
        (crc,) = server.query("SELECT id FROM providers WHERE type = 'crc' LIMIT 1")[0]
        admin.get(f"/providers/{pdu}/edit")
        for fields in [{"name": "x", "type": "pdu", "parent": crc}, {"name": "x", "type": "pdu", "parent": "<script>alert(1)</script>"},
                       {"name": "x", "type": "pdu", "parent": "", "predecessors[]": "00000000-0000-0000-0000-000000000000"},
                       {"name": "x\r\nSet-Cookie: a=b", "type": "region\n", "region": "<script>alert(1)</script>"}]:
            response = admin.post(f"/providers/{pdu}/edit", fields)
            assert response.status_code == 422, f"{str(fields)[:80]} answered {response.status_code}"
            assert "<script>alert" not in response.text and "Set-Cookie: a=b" not in str(response.headers)
        assert server.query(f"SELECT count(*) FROM providers WHERE id = '{pdu}' AND name = 'x'")[0][0] == "0", "a refused edit was saved"
        assert provider.get(f"/providers/{pdu}/edit").status_code in (403, 404)

    suite.check("1. a line break in the sign-in 'next' never becomes a response header", no_header_injection_through_next, depends=False)
    suite.check("2. no 'next' (tab, //, /\\, absolute, encoded) sends the browser to another site", no_open_redirect, depends=False)
    suite.check("4. no body is read for an unknown route, without a session, or over the route's limit; 600 MB of anonymous uploads cost no memory", no_body_read_before_it_is_allowed, depends=False)
    suite.check("4b. a signed-in 100 MB upload streams to disk (the server does not grow by it), its file is deleted after import, and a late token, a cut body or two files are refused", uploads_stream_to_disk, depends=False)
    suite.check("7. behind a proxy, a forged X-Forwarded-For neither escapes the sign-in throttle nor reaches the log", forged_forwarded_for_does_not_beat_the_throttle, depends=False)
    suite.check("8. someone else's wrong guesses slow an account down but never lock its owner out", guessing_does_not_lock_the_owner_out, depends=False)
    suite.check("9. CSP without inline script, nosniff, Referrer-Policy and no-store on every kind of response", security_headers_everywhere, depends=False)
    suite.check("10. common passwords, dressed-up words, the person's own name and passwords over 72 bytes are refused", weak_and_overlong_passwords_refused, depends=False)
    suite.check("11. a path or header with a line break cannot forge a log line", log_lines_cannot_be_forged, depends=False)
    suite.check("12. a connection that stalls half-way through its headers is closed within a minute", stalled_connections_are_closed, depends=False)
    suite.check("12b. a body trickled a byte at a time is answered 408 within 45 s", trickled_bodies_are_cut_off, depends=False)
    suite.check("new routes (withdraw, my sessions): other people's ids, no token, odd text in every field and a huge body each fail cleanly", new_routes_fail_cleanly, depends=False)
    suite.check("new routes (suspension, region page, a provider's region and predecessors): other people's ids, no token, odd text in every field and a huge body each fail cleanly", unified_service_routes_fail_cleanly, depends=False)
    suite.check("held: a POST without its token is refused and changes nothing", csrf_without_a_token, depends=False)
    suite.check("held: a provider user gets nothing of another provider's inspections, by page or API", other_providers_ids, depends=False)
    suite.check("held: script in free text is shown as text, never run", xss_in_free_text, depends=False)
    suite.check("held: odd bytes, scripts and 7,000-byte values in every request header get an answer, never a 500", odd_bytes_in_every_header, depends=False)
    if "proxied" in state:
        state["proxied"].stop()
    server.stop()
    suite.finish()


if __name__ == "__main__":
    main()
