"""The benchmark harness (scripts/bench runs it on a release build). Not part of the test run.

Measures, each as the median of several runs with its baseline measured in the same run:
- rating a national judgements file of about a million rows (`inspectorate rate`) against a
  short pandas script doing the same aggregation (benchmarks/rate_pandas.py), after checking that
  both give the same counts; and at a tenth of the size, for growth;
- importing a one-million-row caseload (`inspectorate import caseload`: every row checked, then
  saved in one transaction) against `sqlite3 .import` of the same file into a plain table; and
  a tenth of the size;
- throughput and p99 of the case-assessment page and the annual report page under wrk, against
  GET /health as the ceiling, runs interleaved so the machine's noise falls on all three;
- the load test (benchmarks/load.py): 64 inspectors saving answers for 60 seconds.

Writes the figures, the date, the commit and the machine into BENCHMARKS.md.

usage: python benchmarks/run.py [--quick]   (--quick: smaller sizes and fewer runs, to try it)
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
        rate, rate_runs = median_seconds([support.BINARY, "rate", "--framework", "probation-2018-crc", "--cases", path, "--format", "json"], runs)
        pandas, pandas_runs = median_seconds([PYTHON, os.path.join(ROOT, "benchmarks", "rate_pandas.py"), path], runs)
        results.append({"cases": cases, "rows": rows, "ours": rate, "ours_runs": rate_runs, "baseline": pandas, "baseline_runs": pandas_runs})
        print(f"    rating {rows:,} rows: inspectorate {rate:.2f} s, pandas {pandas:.2f} s (medians of {runs})", flush=True)
    return results


def bench_import(sizes, runs):
    workdir = tempfile.mkdtemp(prefix="inspectorate-bench-import-")
    server = Server(workdir, password_cost=4)
    server.command("demo")
    server.start()
    lead = Client(server.url).sign_in("lead@demo.test")
    inspection = plan_inspection(lead, "Wales CRC", "probation-2018-crc", "2020/21", ["inspector@demo.test"])
    server.stop()
    plain = os.path.join(workdir, "plain.sqlite")
    results = []
    for rows in sizes:
        path = os.path.join(WORK, f"caseload-{rows}.csv")
        if not os.path.exists(path):
            subprocess.run([support.BINARY, "generate", "caseload", "--rows", str(rows), "--seed", "2026", "--output", path], check=True)

        def fresh_plain_table():
            subprocess.run(["sqlite3", plain, "DROP TABLE IF EXISTS caseload"], check=True)

        ours, ours_runs = median_seconds([support.BINARY, "import", "caseload", "--inspection", inspection, path], runs, env=server.env, cwd=workdir)
        baseline, baseline_runs = median_seconds(["sqlite3", plain, f".import --csv {path} caseload"], runs, prepare=fresh_plain_table)
        count = server.query(f"SELECT COUNT(*) FROM eligible_cases WHERE inspection_id = '{inspection}'")[0][0]
        if int(count) != rows:
            sys.exit(f"error: the import left {count} rows, not {rows}")
        results.append({"rows": rows, "ours": ours, "ours_runs": ours_runs, "baseline": baseline, "baseline_runs": baseline_runs})
        print(f"    importing {rows:,} rows: inspectorate {ours:.2f} s, sqlite3 .import {baseline:.2f} s (medians of {runs})", flush=True)
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
    server.stop()
    results = {}
    for name, values in measured.items():
        results[name] = {"path": pages[name][0], "throughput": statistics.median(v[0] for v in values), "p99_ms": statistics.median(v[1] for v in values),
                         "runs": values}
        print(f"    {name} {pages[name][0]}: {results[name]['throughput']:.0f} requests/s, p99 {results[name]['p99_ms']:.1f} ms (medians of {runs})", flush=True)
    return results


def bench_load(seconds):
    output = os.path.join(WORK, "load.json")
    subprocess.run([PYTHON, os.path.join(ROOT, "benchmarks", "load.py"), "--seconds", str(seconds), "--output", output], check=True)
    return json.load(open(output))


def current_commit():
    return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True).stdout.strip()


def speed(ours, baseline):
    return f"{baseline / ours:.1f}× faster" if ours < baseline else f"{ours / baseline:.1f}× slower"


def growth(small, large, key="ours"):
    factor = large[key] / small[key]
    return factor, "linear or better" if factor <= 13 else "worse than linear"


def write_report(rating, imports, pages, load, quick, data_commit=None, commit=None):
    commit = commit or current_commit()
    data_commit = data_commit or commit
    dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", ".", ":!BENCHMARKS.md"], cwd=ROOT, capture_output=True,
                           text=True).stdout.strip()
    memory = round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30)
    big_rating, small_rating = rating[-1], rating[0]
    big_import, small_import = imports[-1], imports[0]
    ceiling = pages["health"]["throughput"]
    assessment_share = pages["assessment"]["throughput"] / ceiling
    rating_growth, rating_verdict = growth(small_rating, big_rating)
    import_growth, import_verdict = growth(small_import, big_import)
    import_ratio = big_import["ours"] / big_import["baseline"]

    def met(condition):
        return "**met**" if condition else "**not met**"

    lines = [
        "# Benchmarks",
        "",
        f"Measured on {datetime.date.today().isoformat()} at commit `{commit}`{' (with uncommitted changes)' if dirty else ''}, "
        f"release build, on this project's machine ({os.cpu_count()} cores, {memory} GiB; shared and noisy, so every figure is a median "
        "and each is compared with a baseline measured in the same run).",
        "" if not quick else "\n**Quick run (--quick): smaller sizes and fewer runs; not the figures to quote.**\n",
        "" if data_commit == commit else f"The rating and import figures were measured at commit `{data_commit}` (the same rating and import code), "
        "the pages and load at the commit above.\n",
        "Reproduce with `scripts/bench` (builds a release binary, installs wrk, sqlite3 and pandas when missing, and rewrites this file). "
        "The inputs come from `inspectorate generate`, seeded, so every run measures the same data.",
        "",
        "## Targets",
        "",
        "| Target | Result | Verdict |",
        "| --- | --- | --- |",
        f"| Rating faster than a short pandas script doing the same aggregation | {big_rating['rows']:,} rows: {big_rating['ours']:.2f} s against "
        f"{big_rating['baseline']:.2f} s ({speed(big_rating['ours'], big_rating['baseline'])}) | {met(big_rating['ours'] < big_rating['baseline'])} |",
        f"| Import within 2× of `sqlite3 .import` | {big_import['rows']:,} rows: {big_import['ours']:.2f} s against {big_import['baseline']:.2f} s "
        f"({import_ratio:.1f}×) | {met(import_ratio <= 2)} |",
        f"| Assessment page at least a quarter of the ceiling's throughput | {pages['assessment']['throughput']:.0f} against "
        f"{ceiling:.0f} requests/s ({100 * assessment_share:.0f}%) | {met(assessment_share >= 0.25)} |",
        f"| Growth linear with ten times the data | rating ×{rating_growth:.1f}, import ×{import_growth:.1f} | "
        f"{met(rating_growth <= 13 and import_growth <= 13)} (taken as at most ×13 for ×10 data) |",
        "",
        "## Rating a national judgements file",
        "",
        "`inspectorate rate --framework probation-2018-crc --cases FILE --format json` against `benchmarks/rate_pandas.py` (pandas: "
        "read the CSV, count sufficient / insufficient / n/a per key question, percentage and 95% Wilson interval, each standard's "
        "limiting question). Before timing, the harness checks that both give the same counts for every question.",
        "",
        "| Cases | Rows | inspectorate rate (median) | pandas (median) | Runs |",
        "| --- | --- | --- | --- | --- |",
    ]
    for row in rating:
        lines.append(f"| {row['cases']:,} | {row['rows']:,} | {row['ours']:.3f} s | {row['baseline']:.3f} s | {len(row['ours_runs'])} |")
    lines += [
        "",
        f"Ten times the data costs ×{rating_growth:.1f} ({rating_verdict}); pandas ×{big_rating['baseline'] / small_rating['baseline']:.1f}.",
        "",
        "## Importing a caseload",
        "",
        "`inspectorate import caseload` (the upload's path without HTTP: every row validated, then the old caseload replaced "
        "in one transaction, with the table's indexes) against `sqlite3 FILE \".import --csv caseload.csv caseload\"` into a new "
        "plain table with no constraints or indexes.",
        "",
        "| Rows | inspectorate import (median) | sqlite3 .import (median) | Ratio | Runs |",
        "| --- | --- | --- | --- | --- |",
    ]
    for row in imports:
        lines.append(f"| {row['rows']:,} | {row['ours']:.2f} s | {row['baseline']:.2f} s | {row['ours'] / row['baseline']:.1f}× | {len(row['ours_runs'])} |")
    lines += [
        "",
        f"Ten times the data costs ×{import_growth:.1f} ({import_verdict}); sqlite3 ×{big_import['baseline'] / small_import['baseline']:.1f}.",
        "",
        "## Pages under wrk",
        "",
        "wrk, 2 threads and 32 connections on 127.0.0.1, the three pages interleaved, on the demo data in SQLite. The assessment "
        "page is a case standard's form for a signed-in inspector; the annual report is the public 2019/20 report (every table "
        "computed from the published judgements on each request).",
        "",
        "| Page | Throughput (median) | p99 (median) | Share of the ceiling |",
        "| --- | --- | --- | --- |",
    ]
    for name, title in (("health", "`GET /health` (ceiling)"), ("assessment", "Case assessment page"), ("annual", "Annual report 2019/20")):
        page = pages[name]
        lines.append(f"| {title} | {page['throughput']:.0f} requests/s | {page['p99_ms']:.1f} ms | {100 * page['throughput'] / ceiling:.0f}% |")
    lines += [
        "",
        "Growth with ten times the data is not measured for the pages: the demo has one size, and a page's cost follows the inspection "
        "or year it shows rather than the database's size.",
        "",
        "## Load: 64 inspectors saving answers",
        "",
        f"`scripts/load` (benchmarks/load.py with wrk and benchmarks/save_answers.lua): {load['users']} signed-in inspectors, one connection "
        f"each, autosave the three answers of a standard of their own case for {load['duration']} s on {load['database']}, "
        "each sending the versions the previous save returned, and stop by themselves.",
        "",
        "| Acknowledged saves | Saves in the database | Errors | Throughput | p50 | p99 |",
        "| --- | --- | --- | --- | --- | --- |",
        f"| {load['acknowledged_saves']:,} | {load['saved_in_database']:,} | {load['errors']} | {load['saves_per_second']:.0f} saves/s | "
        f"{load['p50_ms']:.1f} ms | {load['p99_ms']:.1f} ms |",
        "",
    ]
    with open(os.path.join(ROOT, "benchmarks", "notes.md")) as notes:
        lines += ["", notes.read()]
    with open(os.path.join(ROOT, "BENCHMARKS.md"), "w") as file:
        file.write("\n".join(lines))
    with open(os.path.join(WORK, "results.json"), "w") as file:
        json.dump({"rating": rating, "import": imports, "pages": pages, "load": load, "commit": commit, "data_commit": data_commit}, file, indent=2)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true")
    parser.add_argument("--report-only", action="store_true", help="rewrite BENCHMARKS.md from the last results")
    parser.add_argument("--only-pages", action="store_true", help="re-run the pages and load, reusing the last rating and import figures")
    arguments = parser.parse_args()
    os.makedirs(WORK, exist_ok=True)
    for tool in ("wrk", "sqlite3"):
        if not shutil.which(tool):
            sys.exit(f"error: {tool} is not installed; scripts/bench installs it")
    quick = arguments.quick
    if arguments.report_only:  # rewrite BENCHMARKS.md from the last results, measuring nothing
        last = json.load(open(os.path.join(WORK, "results.json")))
        write_report(last["rating"], last["import"], last["pages"], last["load"], False, last.get("data_commit"), last["commit"])
        return
    if arguments.only_pages:  # re-measure the pages alone, keeping the other figures
        previous = json.load(open(os.path.join(WORK, "data-results.json")))
        pages = bench_pages(3, 10)
        load = bench_load(60)
        write_report(previous["rating"], previous["import"], pages, load, False, previous["commit"])
        return
    print("==> Rating", flush=True)
    rating = bench_rating([2_000, 20_000] if quick else [10_000, 100_000], 3 if quick else 5)
    print("==> Importing", flush=True)
    imports = bench_import([10_000, 100_000] if quick else [100_000, 1_000_000], 3)
    with open(os.path.join(WORK, "data-results.json"), "w") as file:
        json.dump({"rating": rating, "import": imports, "commit": current_commit()}, file, indent=2)
    print("==> Pages", flush=True)
    pages = bench_pages(1 if quick else 3, 5 if quick else 10)
    print("==> Load", flush=True)
    load = bench_load(10 if quick else 60)
    write_report(rating, imports, pages, load, quick)
    print(f"Wrote {os.path.join(ROOT, 'BENCHMARKS.md')}")


if __name__ == "__main__":
    main()
