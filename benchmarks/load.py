"""Load test: 64 signed-in inspectors autosave answers at once for 60 seconds, on 127.0.0.1.

Sets up a fresh database (SQLite by default; --postgres URL for PostgreSQL) with the demo data,
64 inspector accounts and one inspection in fieldwork whose 64 sampled cases go one to each
inspector; signs each inspector in; then runs wrk with benchmarks/save_answers.lua, one thread
and one connection per inspector. Each inspector saves the three answers of standard 2.1 of
their case again and again, sending the versions from the previous acknowledgement, and stops
by itself after --seconds.

Passes when there were 0 errors (socket errors, timeouts, refused or conflicting saves) and the
database holds exactly the acknowledged saves: for each case, every answer's version equals the
number of saves acknowledged for it. Prints p50, p99 and throughput, and writes them as JSON.

usage: python benchmarks/load.py [--users 64] [--seconds 60] [--postgres URL] [--output FILE]
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "e2e"))
from support import ROOT, Client, Server, StandardForm, assigned_cases, open_fieldwork, plan_inspection  # noqa: E402

STANDARD = "2.1"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=64)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--postgres", help="a PostgreSQL URL whose database may be emptied (default: a new SQLite file)")
    parser.add_argument("--output", help="write the result as JSON here")
    arguments = parser.parse_args()
    if not shutil.which("wrk"):
        sys.exit("error: wrk is not installed (apt-get install wrk); scripts/load installs it")

    workdir = tempfile.mkdtemp(prefix="inspectorate-load-")
    # Logins are not what is measured: cheap password hashing keeps 64 sign-ins quick.
    server = Server(workdir, database_url=arguments.postgres, password_cost=4)
    try:
        measure(server, arguments, workdir)
    finally:  # a failed set-up or run must not leave the server running
        server.stop()


def measure(server, arguments, workdir):
    print(f"==> Setting up {arguments.users} inspectors and an inspection in fieldwork ({'PostgreSQL' if arguments.postgres else 'SQLite'})", flush=True)
    server.command("demo")
    emails = [f"load-{number:02d}@demo.test" for number in range(1, arguments.users + 1)]
    for email in emails:
        server.command("user", "create", "--email", email, "--role", "inspector", input="demo-password\n")
    server.start()
    lead = Client(server.url).sign_in("lead@demo.test")
    inspection = plan_inspection(lead, "Wales CRC", "probation-2018-crc", "2020/21", emails)
    caseload = os.path.join(workdir, "caseload.csv")
    server.command("generate", "caseload", "--rows", "3000", "--seed", "5", "--output", caseload)
    open_fieldwork(lead, inspection, caseload, size=arguments.users)

    sessions = []
    for email in emails:
        inspector = Client(server.url).sign_in(email)
        # One main-sample case each (the extra samples' cases, judged on other standards, go to the first inspectors).
        cases = [case for case in assigned_cases(inspector, inspection, email) if f"/standards/{STANDARD}\"" in inspector.get(case).text]
        assert len(cases) == 1, f"{email} has {len(cases)} cases judged on {STANDARD}, expected 1"
        form = StandardForm(inspector, f"{cases[0]}/standards/{STANDARD}")
        sessions.append({"case": cases[0].rsplit("/", 1)[1], "path": form.path, "cookie": inspector.cookie_header(), "csrf": inspector.csrf, "versions": form.versions})
    sessions_file = os.path.join(workdir, "sessions.lua")
    with open(sessions_file, "w") as lua:
        lua.write("return " + lua_table(sessions) + "\n")

    print(f"==> {arguments.users} inspectors save answers for {arguments.seconds} s (wrk, one connection each, 127.0.0.1)", flush=True)
    started = time.monotonic()
    run = subprocess.run(
        ["wrk", "-t", str(arguments.users), "-c", str(arguments.users), "-d", f"{arguments.seconds + 5}s", "--timeout", "10s", "--latency",
         "-s", os.path.join(ROOT, "benchmarks", "save_answers.lua"), server.url],
        env={**os.environ, "LOAD_SESSIONS": sessions_file, "LOAD_SECONDS": str(arguments.seconds)},
        capture_output=True, text=True, timeout=arguments.seconds + 120)
    elapsed = time.monotonic() - started
    print(run.stdout, run.stderr, sep="\n")
    line = next((line for line in run.stdout.splitlines() if line.startswith("LOAD-RESULT ")), None)
    if run.returncode != 0 or not line:
        sys.exit(f"error: wrk failed (exit {run.returncode})")
    result = json.loads(line.removeprefix("LOAD-RESULT "))

    stored = stored_versions(server, inspection)
    server.stop()
    mismatched = {case: (stored.get(case), acknowledged) for case, acknowledged in result["per_case"].items()
                  if stored.get(case) != [acknowledged] * 3}
    saved = sum(sum(versions) for versions in stored.values()) // 3
    errors = result["refused"] + result["socket_errors"] + result["status_errors"] + result["timeouts"]
    summary = {
        "users": arguments.users, "duration": arguments.seconds, "seconds": round(elapsed, 1), "database": "PostgreSQL" if arguments.postgres else "SQLite",
        "acknowledged_saves": result["acknowledged"], "saved_in_database": saved, "errors": errors,
        "p50_ms": result["p50_ms"], "p90_ms": result["p90_ms"], "p99_ms": result["p99_ms"], "max_ms": result["max_ms"],
        "saves_per_second": round(result["acknowledged"] / arguments.seconds, 1),
    }
    print(json.dumps(summary, indent=2))
    if arguments.output:
        with open(arguments.output, "w") as file:
            json.dump(summary, file, indent=2)
    problems = []
    if errors:
        problems.append(f"{errors} errors: {result['refused']} refused saves, {result['socket_errors']} socket errors, {result['timeouts']} timeouts")
    if mismatched:
        problems.append(f"{len(mismatched)} cases hold other than the acknowledged saves, e.g. {list(mismatched.items())[:3]}")
    if saved != result["acknowledged"]:
        problems.append(f"{saved} saves in the database, {result['acknowledged']} acknowledged")
    if problems:
        sys.exit("load test failed: " + "; ".join(problems))
    print(f"load: {result['acknowledged']} saves acknowledged and {saved} in the database, 0 errors")


def stored_versions(server, inspection):
    """Each case's answer versions for the standard, from the database."""
    versions = {}
    for case, version in server.query(
            f"SELECT a.sampled_case_id, a.version FROM case_answers a JOIN sampled_cases c ON c.id = a.sampled_case_id "
            f"WHERE c.inspection_id = '{inspection}' AND a.question_id LIKE '{STANDARD}.%'"):
        versions.setdefault(case.upper(), []).append(int(version))
    return versions


def lua_table(value):
    if isinstance(value, dict):
        return "{" + ",".join(f"[{lua_table(key)}]={lua_table(item)}" for key, item in value.items()) + "}"
    if isinstance(value, list):
        return "{" + ",".join(lua_table(item) for item in value) + "}"
    if isinstance(value, str):
        return json.dumps(value)
    return str(value)


if __name__ == "__main__":
    main()
