"""Shared pieces of the end-to-end suites: a real Inspectorate server process, an HTTP client
that signs in as a browser does (session cookie and CSRF token), and the suites' tally, which
ends with the line `NAME: N passed, N failed`.

The suites run the binary that `swift build` made (INSPECTORATE_BIN, or .build/debug/inspectorate)
on 127.0.0.1 only.
"""
import glob
import os
import re
import shutil
import signal
import sqlite3
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

    def query(self, sql):
        """Rows of a query run directly on the server's database (SQLite file or PostgreSQL
        through psql), each as a list of strings: what survived, as the database holds it."""
        if self.sqlite_path:
            with sqlite3.connect(self.sqlite_path) as connection:
                return [[str(value) for value in row] for row in connection.execute(sql).fetchall()]
        return psql(self.env["DATABASE_URL"], sql)

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


def psql(url, sql):
    """Runs one statement with psql (INSPECTORATE_PSQL, on PATH, or Debian's) and returns its rows."""
    binary = os.environ.get("INSPECTORATE_PSQL") or shutil.which("psql") or next(iter(sorted(glob.glob("/usr/lib/postgresql/*/bin/psql"))), None)
    if not binary:
        raise AssertionError("psql is not installed")
    result = subprocess.run([binary, url.split("?")[0], "-tAqX", "-F", "|", "-v", "ON_ERROR_STOP=1", "-c", sql],
                            capture_output=True, text=True, timeout=60)
    if result.returncode != 0:
        raise AssertionError(f"psql failed: {result.stderr}")
    return [line.split("|") for line in result.stdout.splitlines() if line]


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

    def cookie_header(self):
        """The session cookie as a Cookie header, for tools such as wrk that send it themselves."""
        return "; ".join(f"{cookie.name}={cookie.value}" for cookie in self.http.cookies)

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
        # For a developer re-running a few independent checks: CHECKS="7.,12." runs only the
        # independent checks whose names start so. The count of those left out is printed.
        self.selected = [prefix for prefix in os.environ.get("CHECKS", "").split(",") if prefix]
        self.unselected = 0

    def check(self, description, function, depends=True):
        if self.selected and not depends and not any(description.startswith(prefix) for prefix in self.selected):
            self.unselected += 1
            return None
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
        if self.unselected:
            print(f"{self.name}: {self.unselected} checks not run (CHECKS={os.environ['CHECKS']})", flush=True)
        print(f"{self.name}: {self.passed} passed, {self.failed} failed", flush=True)
        sys.exit(1 if self.failed or not self.passed else 0)


UUID_PATTERN = r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"


def option_value(page, label):
    """The value of the <option> whose text starts with `label`."""
    found = re.search(r'<option value="([^"]*)"[^>]*>' + re.escape(label), page)
    if not found:
        raise AssertionError(f"no option {label!r} on the page")
    return found.group(1)


def plan_inspection(lead, provider, framework, year, team):
    """Plans an inspection through the planning form; `team` is a list of inspectors' emails."""
    form = lead.get("/inspections/new").text
    fields = [("provider", option_value(form, provider)), ("framework", framework), ("year", year), ("start", "2020-11-02"),
              ("end", "2020-11-20"), ("lead", option_value(form, "lead@demo.test"))]
    for email in team:
        member = re.search(r'value="(' + UUID_PATTERN + r')"><label class="checkboxes__label" for="[^"]*">' + re.escape(email) + "<", form)
        if not member:
            raise AssertionError(f"{email} is not offered for the team")
        fields.append(("team[]", member.group(1)))
    planned = lead.post("/inspections/new", fields)
    found = re.search(r"/inspections/(" + UUID_PATTERN + ")$", planned.headers.get("location", ""))
    if planned.status_code != 303 or not found:
        raise AssertionError(f"planning was refused ({planned.status_code})")
    inspection = found.group(1)
    transition(lead, inspection, "request-data")
    return inspection


def transition(lead, inspection, action):
    moved = lead.post(f"/inspections/{inspection}/transition", {"action": action})
    if moved.status_code != 303:
        raise AssertionError(f"{action} was refused ({moved.status_code})")


def upload_caseload(lead, inspection, path, wait=True):
    """Uploads a caseload file; returns the import job's path, after it has finished if `wait`."""
    with open(path, "rb") as file:
        sent = lead.post(f"/inspections/{inspection}/uploads/caseload", files={"file": (os.path.basename(path), file, "text/csv")})
    if sent.status_code != 303:
        raise AssertionError(f"the upload was refused ({sent.status_code})")
    job = sent.headers["location"]
    while wait and "Importing:" in lead.get(job).text:
        time.sleep(0.2)
    return job


def open_fieldwork(lead, inspection, caseload_path, size, extra_size=1):
    """Uploads the caseload, draws and confirms a sample, and starts fieldwork. A framework
    that rates standards from extra samples needs at least one case in each."""
    job = lead.get(upload_caseload(lead, inspection, caseload_path)).text
    if "Imported" not in job:
        raise AssertionError("the caseload was not imported")
    transition(lead, inspection, "start-sampling")
    drawn = lead.post(f"/inspections/{inspection}/sample/draw", {"size": size, "extra_size": extra_size, "stratum": "none", "seed": "7"})
    if drawn.status_code != 303:
        raise AssertionError(f"the draw was refused ({drawn.status_code})")
    if lead.post(f"/inspections/{inspection}/sample/confirm", {"seed": "7"}).status_code != 303:
        raise AssertionError("the sample was not confirmed")
    transition(lead, inspection, "start-fieldwork")


def assigned_cases(client, inspection, email):
    """The case pages of the cases assigned to the inspector with this email, from the case list."""
    found, number = set(), 1
    case_link = r'href="(/inspections/' + inspection + r"/cases/" + UUID_PATTERN + ')"'
    while True:  # the list is paged, 50 cases a page
        page = client.get(f"/inspections/{inspection}/cases?page={number}").text
        rows = page.split("<tr")[1:]
        found |= {link for row in rows if f">{email}<" in row for link in re.findall(case_link, row)}
        if f"page={number + 1}" not in page or not any(re.search(case_link, row) for row in rows):
            return sorted(found)
        number += 1


class StandardForm:
    """One case standard's assessment form, saved as the page's autosave does (form POST with
    autosave=1, answered in JSON with each answer's new version)."""

    def __init__(self, client, path):
        self.client = client
        self.path = path
        page = client.get(path).text
        self.questions = sorted(set(re.findall(r'name="answer-([0-9.]+)"', page)))
        self.versions = {q: int(re.search(r'name="version-' + re.escape(q) + r'" value="(\d+)"', page).group(1)) for q in self.questions}

    def save(self, answer, rationale):
        """Returns the new versions when the save was acknowledged; raises otherwise."""
        fields = [("autosave", "1")]
        for question in self.questions:
            fields += [(f"answer-{question}", answer), (f"rationale-{question}", rationale), (f"version-{question}", str(self.versions[question]))]
        response = self.client.post(self.path, fields, headers={"Accept": "application/json"}, timeout=30)
        if response.status_code != 200:
            raise AssertionError(f"save answered {response.status_code}")
        body = response.json()
        if body.get("status") != "saved":
            raise AssertionError(f"save answered {body}")
        self.versions = {q: int(v) for q, v in body["versions"].items()}
        return self.versions
