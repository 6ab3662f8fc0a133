"""Fuzzes the JSON API with schemathesis, from the server's own /openapi.json.

Starts the real server on a fresh SQLite database with the demo data, issues an API token as an
administrator would (so the token-only judgements endpoint is reached too), and runs schemathesis'
coverage, fuzzing and stateful phases with a fixed seed. Every request and response is recorded
in a HAR file, which is counted independently of schemathesis' own summary:

- at least 1,000 requests were sent;
- none was answered with a 5xx;
- schemathesis found no response that breaks the schema (status code, content type, body).

usage: python Tests/e2e/fuzz_api.py
"""
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter

from support import ROOT, Client, Server, Suite

ARTIFACTS = os.environ.get("ARTIFACTS") or os.path.join(ROOT, ".build", "e2e-artifacts", "fuzz")
MINIMUM_REQUESTS = 1000
CHECKS = "not_a_server_error,status_code_conformance,content_type_conformance,response_schema_conformance,response_headers_conformance"


def main():
    suite = Suite("fuzz")
    workdir = tempfile.mkdtemp(prefix="inspectorate-fuzz-")
    os.makedirs(ARTIFACTS, exist_ok=True)
    server = Server(workdir, password_cost=4)
    state = {}

    def start():
        server.command("demo")
        server.start()

    def issue_token():
        admin = Client(server.url).sign_in("admin@demo.test")
        page = admin.get("/admin/tokens").text
        analyst = re.search(r'<option value="([0-9A-F-]{36})">analyst@demo\.test', page)
        assert analyst, "the token form does not offer analyst@demo.test"
        issued = admin.post("/admin/tokens", {"name": "schemathesis", "user": analyst.group(1), "days": "30"})
        assert issued.status_code == 201, issued.status_code
        token = re.search(r"<code[^>]*>([A-Za-z0-9_\-]{20,})</code>", issued.text)
        assert token, "the new token is not shown once on the page"
        state["token"] = token.group(1)

    def fuzz():
        har = os.path.join(ARTIFACTS, "requests.har")
        command = [
            os.path.join(os.path.dirname(sys.executable), "schemathesis"), "run", server.url + "/openapi.json",
            "--checks", CHECKS, "--max-examples", "150", "--seed", "20261121", "--workers", "2",
            "--header", f"Authorization: Bearer {state['token']}", "--no-color", "--report", "har", "--report-har-path", har,
            "--request-timeout", "30", "--generation-database", "none",
        ]
        result = subprocess.run(command, capture_output=True, text=True, timeout=1500, cwd=workdir)
        with open(os.path.join(ARTIFACTS, "schemathesis.log"), "w") as log:
            log.write(result.stdout + result.stderr)
        summary = result.stdout[result.stdout.rfind("SUMMARY"):] if "SUMMARY" in result.stdout else result.stdout[-3000:]
        print("\n".join("    " + line for line in summary.splitlines() if line.strip()))
        entries = json.load(open(har))["log"]["entries"]
        statuses = Counter(entry["response"]["status"] for entry in entries)
        server_errors = sum(count for status, count in statuses.items() if status >= 500)
        print(f"    {len(entries)} requests recorded; responses by status: {dict(sorted(statuses.items()))}")
        assert result.returncode == 0, f"schemathesis found failures (exit {result.returncode}); see {ARTIFACTS}/schemathesis.log"
        assert len(entries) >= MINIMUM_REQUESTS, f"only {len(entries)} requests were sent; at least {MINIMUM_REQUESTS} are required"
        assert server_errors == 0, f"{server_errors} responses were server errors (5xx)"
        assert statuses.get(200, 0) > 0, "no request succeeded, so the fuzzing never reached the API's logic"

    suite.check("start the server on a fresh SQLite database with the demo data", start)
    suite.check("an administrator issues an API token", issue_token)
    suite.check(f"schemathesis: at least {MINIMUM_REQUESTS} requests, 0 server errors, 0 schema breaks", fuzz)
    server.stop()
    suite.finish()


if __name__ == "__main__":
    main()
