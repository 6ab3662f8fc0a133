"""The benchmark harness (scripts/bench runs it on a release build). Not part of the test run.

Measures, each as the median of several runs with its baseline measured in the same run:
- rating a national judgements file of about a million rows (`inspectorate rate`) against a
  short pandas script doing the same aggregation (benchmarks/rate_pandas.py), after checking that
  both give the same counts, and against an awk line that only counts; and at a tenth of the
  size, for growth;
- importing a one-million-row caseload (`inspectorate import caseload`: every row checked, then
  saved in one transaction) into an inspection with none yet, against `sqlite3 .import` of the
  same file into a new plain table; replacing an upload of the same size; and a tenth of the size;
- throughput and p99 of the case-assessment page and the annual report page under wrk, against
  GET /health as the ceiling, runs interleaved so the machine's noise falls on all three;
- the load test (benchmarks/load.py): 64 inspectors saving answers for 60 seconds, three times,
  on SQLite and on a PostgreSQL with fsync on (started by scripts/bench).

Writes the figures, the date, the commit and the machine into BENCHMARKS.md.

usage: python benchmarks/run.py [--quick] [--parts rating,import,pages,load]
       (--quick: smaller sizes and fewer runs, to try it; --parts: measure some, keep the last figures of the rest)
"""
import argparse
import datetime
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "Tests", "e2e"))
import support  # noqa: E402
from support import ROOT, Client, Server, assigned_cases, plan_inspection  # noqa: E402

PYTHON = sys.executable
WORK = os.path.join(ROOT, ".build", "bench")


def median_seconds(command, runs, prepare=None, **options):
    times = []
    for _ in range(runs):
        if prepare:
            prepare()
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, **options)
        times.append(time.perf_counter() - started)
    return statistics.median(times), times


# Counting and nothing else: the floor a rating can be compared with (the baseline).
AWK_COUNT = 'NR>1{k[$2","tolower($3)]++} END{for(x in k) print x, k[x]}'


def bench_rating(sizes, runs):
    results = []
    for cases in sizes:
        path = os.path.join(WORK, f"judgements-{cases}.csv")
        if not os.path.exists(path):
            subprocess.run([support.BINARY, "generate", "judgements", "--framework", "probation-2018-crc", "--cases", str(cases), "--seed", "2026",
                            "--output", path], check=True)
        rows = sum(1 for _ in open(path)) - 1
        ours = json.loads(subprocess.run([support.BINARY, "rate", "--framework", "probation-2018-crc", "--cases", path, "--format", "json"],
                                         check=True, capture_output=True, text=True).stdout)
        theirs = json.loads(subprocess.run([PYTHON, os.path.join(ROOT, "benchmarks", "rate_pandas.py"), path],
                                           check=True, capture_output=True, text=True).stdout)
        ours_counts = {q["id"]: (q["sufficient"], q["insufficient"], q["not_applicable"]) for s in ours["standards"] for q in s["questions"]}
        their_counts = {q["question"]: (q["sufficient"], q["insufficient"], q["not_applicable"]) for q in theirs["questions"]}
        if ours_counts != their_counts:
            sys.exit(f"error: inspectorate rate and pandas disagree on {path}")
        # Interleaved, so the machine's noise falls on all three alike.
        rate_runs, pandas_runs, awk_runs = [], [], []
        for _ in range(runs):
            rate_runs += median_seconds([support.BINARY, "rate", "--framework", "probation-2018-crc", "--cases", path, "--format", "json"], 1)[1]
            pandas_runs += median_seconds([PYTHON, os.path.join(ROOT, "benchmarks", "rate_pandas.py"), path], 1)[1]
            awk_runs += median_seconds(["awk", "-F,", AWK_COUNT, path], 1)[1]
        rate, pandas, awk = (statistics.median(values) for values in (rate_runs, pandas_runs, awk_runs))
        results.append({"cases": cases, "rows": rows, "ours": rate, "ours_runs": rate_runs, "baseline": pandas, "baseline_runs": pandas_runs,
                        "awk": awk, "awk_runs": awk_runs})
        print(f"    rating {rows:,} rows: inspectorate {rate:.3f} s, pandas {pandas:.3f} s, awk {awk:.3f} s (medians of {runs})", flush=True)
    return results


def bench_import(sizes, runs):
    workdir = tempfile.mkdtemp(prefix="inspectorate-bench-import-")
    server = Server(workdir, password_cost=4)
    server.command("demo")
    server.start()
    try:
        lead = Client(server.url).sign_in("lead@demo.test")
        inspection = plan_inspection(lead, "Wales CRC", "probation-2018-crc", "2020/21", ["inspector@demo.test"])
    finally:  # a failed set-up must not leave the server running
        server.stop()
    plain = os.path.join(workdir, "plain.sqlite")
    results = []
    for rows in sizes:
        path = os.path.join(WORK, f"caseload-{rows}.csv")
        if not os.path.exists(path):
            subprocess.run([support.BINARY, "generate", "caseload", "--rows", str(rows), "--seed", "2026", "--output", path], check=True)

        def fresh_plain_table():
            subprocess.run(["sqlite3", plain, "DROP TABLE IF EXISTS caseload"], check=True)

        def no_caseload_yet():  # like for like with the baseline's new table: a first upload
            subprocess.run(["sqlite3", server.sqlite_path, f"DELETE FROM eligible_cases WHERE inspection_id = '{inspection}'"], check=True)

        command = [support.BINARY, "import", "caseload", "--inspection", inspection, path]
        ours_runs, baseline_runs = [], []
        for _ in range(runs):  # interleaved
            ours_runs += median_seconds(command, 1, prepare=no_caseload_yet, env=server.env, cwd=workdir)[1]
            baseline_runs += median_seconds(["sqlite3", plain, f".import --csv {path} caseload"], 1, prepare=fresh_plain_table)[1]
        ours, baseline = statistics.median(ours_runs), statistics.median(baseline_runs)
        # Replacing an upload of the same size: the old rows are deleted in the same transaction.
        replacing, replacing_runs = median_seconds(command, runs, env=server.env, cwd=workdir)
        count = server.query(f"SELECT COUNT(*) FROM eligible_cases WHERE inspection_id = '{inspection}'")[0][0]
        if int(count) != rows:
            sys.exit(f"error: the import left {count} rows, not {rows}")
        results.append({"rows": rows, "ours": ours, "ours_runs": ours_runs, "baseline": baseline, "baseline_runs": baseline_runs,
                        "replacing": replacing, "replacing_runs": replacing_runs})
        print(f"    importing {rows:,} rows: inspectorate {ours:.2f} s (replacing an upload {replacing:.2f} s), sqlite3 .import {baseline:.2f} s "
              f"(medians of {runs})", flush=True)
    return results


WRK_LINE = re.compile(r"^\s*99%\s+([\d.]+)(us|ms|s)\s*$", re.M)


def wrk(url, seconds, cookie=None):
    # A generous timeout, so a slow page is measured as slow rather than dropped as an error.
    command = ["wrk", "-t", "2", "-c", "32", "-d", f"{seconds}s", "--timeout", "30s", "--latency", url]
    if cookie:
        command[1:1] = ["-H", f"Cookie: {cookie}"]
    output = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    if "Non-2xx" in output or "Socket errors" in output:
        sys.exit(f"error: wrk saw errors on {url}:\n{output}")
    throughput = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    if throughput == 0:
        sys.exit(f"error: wrk completed no request on {url}:\n{output}")
    value, unit = WRK_LINE.search(output).groups()
    p99 = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    return throughput, p99


def bench_pages(runs, seconds):
    workdir = tempfile.mkdtemp(prefix="inspectorate-bench-pages-")
    server = Server(workdir)
    server.command("demo")
    server.start()
    try:
        inspector = Client(server.url).sign_in("inspector@demo.test")
        listing = inspector.get("/inspections").text
        case = None
        for inspection in dict.fromkeys(re.findall(r'href="/inspections/(' + support.UUID_PATTERN + ')"', listing)):
            cases = assigned_cases(inspector, inspection, "inspector@demo.test")
            if cases and "Fieldwork" in inspector.get(f"/inspections/{inspection}").text:
                case = cases[0]
                break
        if not case:
            sys.exit("error: the demo has no case in fieldwork for inspector@demo.test")
        assessment = inspector.get(case).text
        standard = re.search(r'href="(' + re.escape(case) + r'/standards/[^"]+)"', assessment).group(1)
        assert inspector.get(standard).status_code == 200
        cookie = inspector.cookie_header()
        pages = {"health": ("/health", None), "assessment": (standard, cookie), "annual": ("/annual/2019-20", None)}
        for path, page_cookie in pages.values():  # warm up: measure the steady state, not the first computation
            assert inspector.http.get(server.url + path, headers={"Cookie": page_cookie} if page_cookie else {}, timeout=120).status_code == 200
        measured = {name: [] for name in pages}
        for _ in range(runs):
            for name, (path, page_cookie) in pages.items():
                measured[name].append(wrk(server.url + path, seconds, page_cookie))
    finally:  # a failed run must not leave the server running
        server.stop()
    results = {}
    for name, values in measured.items():
        results[name] = {"path": pages[name][0], "throughput": statistics.median(v[0] for v in values), "p99_ms": statistics.median(v[1] for v in values),
                         "runs": values}
        print(f"    {name} {pages[name][0]}: {results[name]['throughput']:.0f} requests/s, p99 {results[name]['p99_ms']:.1f} ms (medians of {runs})", flush=True)
    return results


def bench_load(seconds, runs):
    """The load test on SQLite and, when scripts/bench started one, on a durable PostgreSQL:
    `runs` runs each, reported by their medians."""
    results = []
    for database in ("sqlite", "postgres"):
        measured = []
        for _ in range(runs):
            measured.append(load_once(database, seconds))
        if measured[0] is None:
            continue
        summary = dict(measured[0])
        for key in ("saves_per_second", "p50_ms", "p99_ms"):
            summary[key] = statistics.median(run[key] for run in measured)
        summary["errors"] = sum(run["errors"] for run in measured)
        summary["lost"] = sum(run["acknowledged_saves"] - run["saved_in_database"] for run in measured)
        summary["runs"] = measured
        results.append(summary)
    return results


def load_once(database, seconds):
    if True:
        output = os.path.join(WORK, f"load-{database}.json")
        command = [PYTHON, os.path.join(ROOT, "benchmarks", "load.py"), "--seconds", str(seconds), "--output", output]
        if database == "postgres":
            admin, url = os.environ.get("BENCH_POSTGRES_ADMIN_URL"), os.environ.get("BENCH_POSTGRES_URL")
            if not url:
                print("    (no BENCH_POSTGRES_URL: the load test runs on SQLite only)", flush=True)
                return None
            support.psql(admin, "DROP DATABASE IF EXISTS inspectorate_bench")
            support.psql(admin, "CREATE DATABASE inspectorate_bench")
            command += ["--postgres", url]
        subprocess.run(command, check=True)
        return json.load(open(output))


def current_commit():
    return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()


def growth(small, large, key="ours"):
    return large[key] / small[key]


def write_report(rating, imports, pages, loads, quick, data_commit=None, commit=None):
    commit = commit or current_commit()
    data_commit = data_commit or commit
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":!BENCHMARKS.md"], cwd=ROOT, capture_output=True,
                           text=True).stdout.strip()
    memory = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30)
    big_rating, small_rating = rating[-1], rating[0]
    big_import, small_import = imports[-1], imports[0]
    health = pages["health"]
    rating_growth, import_growth = growth(small_rating, big_rating), growth(small_import, big_import)
    versus_pandas, versus_awk = big_rating["ours"] / big_rating["baseline"], big_rating["ours"] / big_rating["awk"]
    import_ratios = [row["ours"] / row["baseline"] for row in imports]
    assessment_share, annual_share = pages["assessment"]["throughput"] / health["throughput"], pages["annual"]["throughput"] / health["throughput"]
    assessment_p99 = pages["assessment"]["p99_ms"] / health["p99_ms"]

    def met(condition):
        return "**met**" if condition else "**not met**"

    lines = [
        "# Benchmarks",
        "",
        f"Measured on {datetime.date.today().isoformat()} at commit `{commit}`{' (with uncommitted changes)' if dirty else ''}, "
        f"release build, on this project's machine ({os.cpu_count()} cores, {memory} GiB; shared and noisy, so every figure is a median "
        "and each is compared with a baseline measured in the same run, interleaved with it).",
        "" if not quick else "\n**Quick run (--quick): smaller sizes and fewer runs; not the figures to quote.**\n",
        "" if data_commit == commit else f"The rating and import figures were measured at commit `{data_commit}` (the same rating and import code), "
        "the pages and load at the commit above.\n",
        "Reproduce with `scripts/bench` (builds a release binary, installs wrk, sqlite3, PostgreSQL and pandas when missing, and rewrites "
        "this file). The inputs come from `inspectorate generate`, seeded, so every run measures the same data.",
        "",
        "## Targets",
        "",
        "| id | Target | Result | Verdict |",
        "| --- | --- | --- | --- |",
        f"| P1 | `rate` ≤ 0.5× pandas and ≤ 1.0× awk | {big_rating['rows']:,} rows: {big_rating['ours']:.3f} s; pandas {big_rating['baseline']:.3f} s "
        f"({versus_pandas:.2f}×); awk {big_rating['awk']:.3f} s ({versus_awk:.2f}×) | pandas {met(versus_pandas <= 0.5)}, awk {met(versus_awk <= 1.0)} |",
        f"| P2 | `import caseload` ≤ 2× `sqlite3 .import` at 100k and 1M rows | "
        + "; ".join(f"{row['rows']:,}: {row['ours']:.2f} s against {row['baseline']:.2f} s ({row['ours'] / row['baseline']:.2f}×)" for row in imports)
        + f" | {met(all(ratio <= 2 for ratio in import_ratios))} |",
        f"| P3 | case-assessment page ≥ 0.25× `/health`, p99 ≤ 10× its p99 | {pages['assessment']['throughput']:.0f} against {health['throughput']:.0f} "
        f"requests/s ({assessment_share:.3f}×); p99 {pages['assessment']['p99_ms']:.1f} ms against {health['p99_ms']:.1f} ms ({assessment_p99:.1f}×) | "
        f"throughput {met(assessment_share >= 0.25)}, p99 {met(assessment_p99 <= 10)} |",
        f"| P4 | annual report page ≥ 0.10× `/health` | {pages['annual']['throughput']:.0f} against {health['throughput']:.0f} requests/s "
        f"({annual_share:.3f}×) | {met(annual_share >= 0.10)} |",
    ]
    for load in loads:
        lines.append(
            f"| L1 | 64 inspectors autosaving on {load['database']}: ≥ 400 saves/s, p99 ≤ 250 ms, 0 errors, 0 lost | "
            f"{load['saves_per_second']:.0f} saves/s, p50 {load['p50_ms']:.0f} ms, p99 {load['p99_ms']:.0f} ms, {load['errors']} errors, {load['lost']} lost | "
            f"{met(load['saves_per_second'] >= 400 and load['p99_ms'] <= 250 and load['errors'] == 0 and load['lost'] == 0)} |")
    lines += [
        f"| Growth | ten times the data costs at most 11 times the time | rating ×{rating_growth:.1f}, import ×{import_growth:.1f} | "
        f"{met(rating_growth <= 11 and import_growth <= 11)} |",
        "",
        "## P1: rating a national judgements file",
        "",
        "`inspectorate rate --framework probation-2018-crc --cases FILE --format json` (the whole command: start, load the frameworks, read, "
        "check every row, count, rate, write JSON) against `benchmarks/rate_pandas.py` (read the CSV, count per key question, percentage and "
        f"95% Wilson interval, each standard's limiting question) and `awk -F, '{AWK_COUNT}'` (counting only). Before timing, the harness checks "
        "that inspectorate and pandas give the same counts for every question.",
        "",
        "| Cases | Rows | inspectorate rate | pandas | awk | Runs |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in rating:
        lines.append(f"| {row['cases']:,} | {row['rows']:,} | {row['ours']:.3f} s | {row['baseline']:.3f} s | {row['awk']:.3f} s | {len(row['ours_runs'])} |")
    lines += [
        "",
        f"Ten times the data costs ×{rating_growth:.1f}; pandas ×{big_rating['baseline'] / small_rating['baseline']:.1f}, "
        f"awk ×{big_rating['awk'] / small_rating['awk']:.1f}.",
        "",
        "## P2: importing a caseload",
        "",
        "`inspectorate import caseload` (the upload's path without HTTP: every row validated, then saved in one transaction, with the table's "
        "indexes) into an inspection with no caseload yet, against `sqlite3 FILE \".import --csv caseload.csv caseload\"` into a new plain "
        "table with no constraints or indexes. Replacing an earlier upload of the same size also deletes its rows in the same transaction.",
        "",
        "| Rows | inspectorate import | sqlite3 .import | Ratio | Replacing an upload | Runs |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in imports:
        lines.append(f"| {row['rows']:,} | {row['ours']:.2f} s | {row['baseline']:.2f} s | {row['ours'] / row['baseline']:.2f}× | "
                     f"{row['replacing']:.2f} s | {len(row['ours_runs'])} |")
    lines += [
        "",
        f"Ten times the data costs ×{import_growth:.1f}; sqlite3 ×{big_import['baseline'] / small_import['baseline']:.1f}.",
        "",
        "## P3 and P4: pages under wrk",
        "",
        "wrk, 2 threads and 32 connections on 127.0.0.1, the three pages interleaved, on the demo data in SQLite. The assessment "
        "page is a case standard's form for a signed-in inspector (each view audited); the annual report is the public 2019/20 report.",
        "",
        "| Page | Throughput (median) | p99 (median) | Share of `/health` |",
        "| --- | --- | --- | --- |",
    ]
    for name, title in (("health", "`GET /health` (ceiling)"), ("assessment", "Case assessment page"), ("annual", "Annual report 2019/20")):
        page = pages[name]
        lines.append(f"| {title} | {page['throughput']:.0f} requests/s | {page['p99_ms']:.1f} ms | {page['throughput'] / health['throughput']:.3f}× |")
    lines += [
        "",
        "## L1: 64 inspectors saving answers",
        "",
        "`scripts/load` (benchmarks/load.py with wrk and benchmarks/save_answers.lua): 64 signed-in inspectors, one connection "
        "each, autosave the three answers of a standard of their own case, each sending the versions the previous save returned, "
        "and stop by themselves; then every acknowledged save is checked against the database. PostgreSQL runs with fsync and "
        "synchronous commit on.",
        "",
        "| Database | Runs × seconds | Acknowledged (first run) | Lost | Errors | Throughput | p50 | p99 |",
        "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for load in loads:
        lines.append(f"| {load['database']} | {len(load['runs'])} × {load['duration']} | {load['acknowledged_saves']:,} | {load['lost']} | {load['errors']} | "
                     f"{load['saves_per_second']:.0f} saves/s | {load['p50_ms']:.1f} ms | {load['p99_ms']:.1f} ms |")
    lines.append("")
    with open(os.path.join(ROOT, "benchmarks", "notes.md")) as notes:
        lines += ["", notes.read()]
    with open(os.path.join(ROOT, "BENCHMARKS.md"), "w") as file:
        file.write("\n".join(lines))
    with open(os.path.join(WORK, "results.json"), "w") as file:
        json.dump({"rating": rating, "import": imports, "pages": pages, "load": loads, "commit": commit, "data_commit": data_commit}, file, indent=2)


PARTS = ("rating", "import", "pages", "load")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--parts", default=",".join(PARTS),
                        help="which to measure, comma-separated (rating, import, pages, load); the others are taken from the last run's figures")
    arguments = parser.parse_args()
    os.makedirs(WORK, exist_ok=True)
    for tool in ("wrk", "sqlite3"):
        if not shutil.which(tool):
            sys.exit(f"error: {tool} is not installed; scripts/bench installs it")
    quick = arguments.quick
    chosen = [part.strip() for part in arguments.parts.split(",") if part.strip()]
    if unknown := [part for part in chosen if part not in PARTS]:
        sys.exit(f"error: --parts: unknown {', '.join(unknown)}; expected some of {', '.join(PARTS)}")
    measure = {
        "rating": lambda: bench_rating([2_000, 20_000] if quick else [10_000, 100_000], 3 if quick else 5),
        "import": lambda: bench_import([10_000, 100_000] if quick else [100_000, 1_000_000], 3),
        "pages": lambda: bench_pages(1 if quick else 3, 5 if quick else 10),
        "load": lambda: bench_load(10 if quick else 60, 1 if quick else 3),
    }
    figures, commits = {}, {}
    for part in PARTS:
        path = os.path.join(WORK, f"part-{part}.json")
        if part in chosen:
            print(f"==> {part.capitalize()}", flush=True)
            figures[part], commits[part] = measure[part](), current_commit()
            with open(path, "w") as file:
                json.dump({"figures": figures[part], "commit": commits[part]}, file, indent=2)
        elif os.path.exists(path):
            kept = json.load(open(path))
            figures[part], commits[part] = kept["figures"], kept["commit"]
        else:
            sys.exit(f"error: no earlier figures for {part}; measure it too (--parts {part},...)")
    write_report(figures["rating"], figures["import"], figures["pages"], figures["load"], quick, commits["rating"], commits["load"])
    print(f"Wrote {os.path.join(ROOT, 'BENCHMARKS.md')}")


if __name__ == "__main__":
    main()
