"""Shared pieces of the end-to-end suites: a real Inspectorate server process, an HTTP client
that signs in as a browser does (session cookie and CSRF token), and the suites' tally, which
ends with the line `NAME: N passed, N failed`.

The suites run the binary that `swift build` made (INSPECTORATE_BIN, or .build/debug/inspectorate)
on 127.0.0.1 only.
"""
import os
import re
import signal
import socket
import subprocess
import sys
import time
import traceback

import requests

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BINARY = os.environ.get("INSPECTORATE_BIN") or os.path.join(ROOT, ".build", "debug", "inspectorate")
PASSWORD = "demo-password"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """One `inspectorate serve` process on its own database: an SQLite file in `workdir`, or
    the PostgreSQL database at `database_url`. It can be stopped politely or killed."""

    def __init__(self, workdir, database_url=None, password_cost=None):
        os.makedirs(workdir, exist_ok=True)
        self.workdir = workdir
        self.sqlite_path = None if database_url else os.path.join(workdir, "inspectorate.sqlite")
        self.env = {key: value for key, value in os.environ.items() if key not in ("DATABASE_URL", "SQLITE_PATH")}
        if database_url:
            self.env["DATABASE_URL"] = database_url
        else:
            self.env["SQLITE_PATH"] = self.sqlite_path
        if password_cost:
            self.env["BCRYPT_COST"] = str(password_cost)
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process = None
        self.starts = 0

    def command(self, *arguments, input=None, check=True):
        """Runs another inspectorate command (demo, user create, import…) on the same database."""
        result = subprocess.run(
            [BINARY, *arguments], env=self.env, cwd=self.workdir, input=input, capture_output=True, text=True, timeout=600)
        if check and result.returncode != 0:
            raise AssertionError(f"inspectorate {' '.join(arguments)} exited {result.returncode}: {result.stderr[-2000:]}")
        return result

    def start(self, timeout=90):
        self.starts += 1
        log = open(os.path.join(self.workdir, f"server-{self.starts}.log"), "w")
        self.process = subprocess.Popen(
            [BINARY, "serve", "--hostname", "127.0.0.1", "--port", str(self.port)], env=self.env, cwd=self.workdir,
            stdout=log, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise AssertionError(f"the server exited with {self.process.returncode} while starting; see {log.name}")
            try:
                if requests.get(self.url + "/health", timeout=2).status_code == 200:
                    return self
            except requests.RequestException:
                pass
            time.sleep(0.1)
        raise AssertionError(f"the server did not answer /health within {timeout} s; see {log.name}")

    def kill(self):
        """SIGKILL: no shutdown, no flush, as when a machine loses power or the OOM killer strikes."""
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=30)

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.kill()


CSRF = re.compile(r'name="csrf" value="([^"]*)"')


class Client:
    """A signed-in (or anonymous) visitor over HTTP, with the session cookie and CSRF token a
    browser would carry."""

    def __init__(self, base_url):
        self.base = base_url
        self.http = requests.Session()
        self.csrf = ""

    def get(self, path, **options):
        response = self.http.get(self.base + path, timeout=60, **options)
        self._remember_token(response)
        return response

    def post(self, path, fields=(), files=None, **options):
        if not self.csrf:
            self.get("/login")
        data = list(fields.items()) if isinstance(fields, dict) else list(fields)
        response = self.http.post(
            self.base + path, data=data + [("csrf", self.csrf)], files=files, allow_redirects=options.pop("allow_redirects", False),
            timeout=options.pop("timeout", 120), **options)
        self._remember_token(response)
        return response

    def sign_in(self, email, password=PASSWORD):
        self.get("/login")
        response = self.post("/login", {"email": email, "password": password})
        if response.status_code != 303:
            raise AssertionError(f"could not sign in as {email}: {response.status_code}")
        self.get("/")
        return self

    def _remember_token(self, response):
        if "text/html" in response.headers.get("content-type", ""):
            found = CSRF.search(response.text)
            if found and found.group(1):
                self.csrf = found.group(1)


class Suite:
    """Named checks run in order. A failure is reported with its traceback; checks after a
    failed one in a dependent chain are counted as failed, not silently skipped."""

    def __init__(self, name):
        self.name = name
        self.passed = 0
        self.failed = 0
        self.broken = None

    def check(self, description, function, depends=True):
        if depends and self.broken:
            self.failed += 1
            print(f"  FAIL {description} (not run: \"{self.broken}\" failed first)", flush=True)
            return None
        started = time.monotonic()
        try:
            result = function()
        except Exception:  # any failure, assertion or crash, fails this check and is shown
            self.failed += 1
            if depends:
                self.broken = description
            print(f"  FAIL {description}", flush=True)
            traceback.print_exc(file=sys.stdout)
            return None
        self.passed += 1
        print(f"  ok   {description} ({time.monotonic() - started:.1f} s)", flush=True)
        return result

    def finish(self):
        print(f"{self.name}: {self.passed} passed, {self.failed} failed", flush=True)
        sys.exit(1 if self.failed or not self.passed else 0)
