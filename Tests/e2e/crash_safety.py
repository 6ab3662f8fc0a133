"""Crash safety: the server is killed with SIGKILL twenty times, each time in the middle of a
caseload import and of a stream of answer saves, and restarted. On SQLite and on PostgreSQL.

After every kill and restart:
- every answer save the server acknowledged is still there, as acknowledged (or as the one save
  that was in flight when it died, which may have committed without its acknowledgement
  arriving), and no save is half there: a standard's answers all come from one save;
- the interrupted import left nothing behind: the inspection holds either the previous upload
  or the whole new one, never part of it;
- on SQLite, `PRAGMA integrity_check` answers `ok`.

usage: python Tests/e2e/crash_safety.py   (INSPECTORATE_TEST_POSTGRES_URL names the PostgreSQL
server; the suite fails, rather than skipping it, when it is not set)
"""
import os
import random
import tempfile
import threading
import time
from urllib.parse import urlparse, urlunparse

from support import Client, Server, StandardForm, Suite, assigned_cases, open_fieldwork, plan_inspection, psql, upload_caseload

KILLS = int(os.environ.get("CRASH_KILLS", "20"))
ROWS = 40_000  # large enough that the import takes a few seconds in a debug build


def fresh_database(kind):
    """None for SQLite (the server makes its file); for PostgreSQL, the URL of an emptied database."""
    if kind == "sqlite":
        return None
    base = os.environ.get("INSPECTORATE_TEST_POSTGRES_URL")
    if not base:
        raise AssertionError("INSPECTORATE_TEST_POSTGRES_URL is not set, so the PostgreSQL run cannot happen (scripts/test sets it)")
    parts = urlparse(base)
    admin = urlunparse(parts._replace(path="/postgres", query=""))
    psql(admin, "DROP DATABASE IF EXISTS inspectorate_crash WITH (FORCE)")
    psql(admin, "CREATE DATABASE inspectorate_crash")
    return urlunparse(parts._replace(path="/inspectorate_crash"))


def integrity(server):
    """SQLite's own check of the file; PostgreSQL has no equivalent to ask."""
    return server.query("PRAGMA integrity_check")[0][0] if server.sqlite_path else "ok"


def run(kind, suite):
    workdir = tempfile.mkdtemp(prefix=f"inspectorate-crash-{kind}-")
    state = {}

    def set_up():
        server = state["server"] = Server(workdir, database_url=fresh_database(kind), password_cost=4)
        server.command("demo")
        server.start()
        lead = Client(server.url).sign_in("lead@demo.test")
        saves = plan_inspection(lead, "Wales CRC", "probation-2018-crc", "2020/21", ["inspector@demo.test"])
        fieldwork_file = os.path.join(workdir, "small.csv")
        server.command("generate", "caseload", "--rows", "200", "--seed", "3", "--output", fieldwork_file)
        open_fieldwork(lead, saves, fieldwork_file, size=2)
        state["imports"] = plan_inspection(lead, "Essex CRC", "probation-2018-crc", "2020/21", ["inspector@demo.test"])
        inspector = Client(server.url).sign_in("inspector@demo.test")
        # A case in the main (supervision) sample, judged on standard 2.1; the extra samples' are not.
        case = next(c for c in assigned_cases(lead, saves, "inspector@demo.test") if "/standards/2.1\"" in lead.get(c).text)
        state["standard"] = case + "/standards/2.1"
        state["form"] = StandardForm(inspector, state["standard"])
        state["case"] = case.rsplit("/", 1)[1]
        state["files"] = []
        for index in range(2):  # two different sizes, so a mix of old and new rows would show
            path = os.path.join(workdir, f"caseload-{index}.csv")
            server.command("generate", "caseload", "--rows", str(ROWS + index * 1000), "--seed", str(index + 1), "--output", path)
            state["files"].append((path, ROWS + index * 1000))
        # An upload that completes, so each interrupted one must leave exactly this behind.
        upload_caseload(lead, state["imports"], state["files"][1][0])
        state["committed_rows"] = imported_rows()
        assert state["committed_rows"] == state["files"][1][1]
        state["lead"] = lead
        state["mid_import"] = 0
        state["phases"] = {}

    def stored_answers():
        rows = state["server"].query(
            f"SELECT question_id, answer, rationale, version FROM case_answers WHERE sampled_case_id = '{state['case']}'")
        return {question: (answer, rationale, int(version)) for question, answer, rationale, version in rows}

    def imported_rows():
        return int(state["server"].query(f"SELECT COUNT(*) FROM eligible_cases WHERE inspection_id = '{state['imports']}'")[0][0])

    def job_status(job):
        return state["server"].query(f"SELECT status FROM import_jobs WHERE id = '{job}'")[0][0]

    def kill_cycle(number):
        server, form, lead = state["server"], state["form"], state["lead"]
        acknowledged = {}  # question -> (answer, rationale, version) the server said it saved
        in_flight = {}
        stop = threading.Event()
        errors = []

        def save_stream():
            count = 0
            while not stop.is_set():
                count += 1
                answer = "sufficient" if count % 2 else "not-sufficient"
                rationale = f"cycle {number}, save {count}"
                for question in form.questions:
                    in_flight[question] = (answer, rationale, form.versions[question] + 1)
                try:
                    versions = form.save(answer, rationale)
                except Exception as failure:  # the server died under it: unacknowledged, as expected
                    if not stop.is_set():
                        errors.append(failure)
                    return
                for question, version in versions.items():
                    acknowledged[question] = (answer, rationale, version)

        path, rows = state["files"][number % 2]
        job = upload_caseload(lead, state["imports"], path, wait=False).rsplit("/", 1)[1]
        saver = threading.Thread(target=save_stream)
        saver.start()
        chance = random.Random(number)
        if number % 2 == 0:  # every other kill waits for the import to be writing rows
            deadline = time.monotonic() + 120
            while job_status(job) not in ("saving", "succeeded", "failed") and time.monotonic() < deadline:
                time.sleep(0.05)
            time.sleep(chance.uniform(0, 0.8))
        else:
            time.sleep(chance.uniform(0.2, 2.5))
        stop.set()
        server.kill()
        saver.join(timeout=60)
        assert not errors, f"a save failed before the kill: {errors[0]}"
        assert acknowledged, "no save was acknowledged before the kill"

        assert integrity(server) == "ok", "PRAGMA integrity_check is not ok after the kill"
        server.start()
        phase = job_status(job)
        was_mid_import = phase in ("queued", "validating", "saving")
        state["mid_import"] += was_mid_import
        state["phases"][phase] = state["phases"].get(phase, 0) + 1
        count = imported_rows()
        assert count in (state["committed_rows"], rows), f"the import left {count} rows: neither the previous {state['committed_rows']} nor the whole {rows}"
        state["committed_rows"] = count

        stored = stored_answers()
        rationales = {rationale for _, rationale, _ in stored.values()}
        assert len(rationales) == 1, f"the standard holds answers from different saves, so a save was half-written: {stored}"
        for question, saved in acknowledged.items():
            assert stored[question] == saved or stored[question] == in_flight[question], \
                f"{question}: acknowledged {saved}, but after the restart the database holds {stored[question]}"
        # The next cycle's saves start from what is stored, as a reloaded page would; the
        # sessions are in the database, so both people are still signed in.
        state["form"] = StandardForm(form.client, state["standard"])
        return was_mid_import

    def after_all_kills():
        assert state["mid_import"] >= KILLS // 2, f"only {state['mid_import']} of {KILLS} kills landed during an import; the test did not test it"
        assert state["phases"].get("saving", 0) >= KILLS // 4, f"too few kills landed while rows were being written: {state['phases']}"
        # The server still works: an import runs to the end and a save is acknowledged.
        path, rows = state["files"][0]
        job = upload_caseload(state["lead"], state["imports"], path)
        assert job_status(job.rsplit("/", 1)[1]) == "succeeded"
        assert imported_rows() == rows
        state["form"].save("sufficient", "after the last kill")
        assert stored_answers()[state["form"].questions[0]][1] == "after the last kill"
        state["server"].stop()
        print(f"    {KILLS} kills, {state['mid_import']} of them during an import; the import's phase at each kill: {state['phases']}")

    suite.check(f"{kind}: start the server, plan one inspection in fieldwork and one awaiting data", set_up)
    for number in range(1, KILLS + 1):
        suite.check(f"{kind}: SIGKILL {number} of {KILLS} during an upload and answer saves, restart, nothing lost or half-written",
                    lambda number=number: kill_cycle(number))
    suite.check(f"{kind}: after {KILLS} kills, most landed mid-import and the server imports and saves normally", after_all_kills)
    if "server" in state:
        state["server"].kill()
    suite.broken = None


def main():
    suite = Suite("crash")
    for kind in os.environ.get("CRASH_DATABASES", "sqlite,postgres").split(","):
        run(kind, suite)
    suite.finish()


if __name__ == "__main__":
    main()
