"""A person's day, in a real browser at a person's pace: Debian's Chromium, headless, driven by
Playwright against the real server on a fresh SQLite database with the demo data.

Where browser_journey.py walks the whole inspection once, this suite does what people do that
scripts don't: it waits for the autosave to say "Saved" before the next action, types at about
a person's speed, saves while an autosave is still on its way, loses the connection, meets a
colleague's change, uses Back and reload, opens bookmarks after signing out, and assesses one
case with JavaScript off. Each check is named after the item of issue 12 it proves.

Every page it lands on is checked with axe-core (WCAG 2.2 AA, no serious or critical finding).

usage: python Tests/e2e/browser_person.py
"""
import io
import os
import re
import tempfile
import unicodedata
import uuid

from playwright.sync_api import expect, sync_playwright
from pypdf import PdfReader

from browser_journey import CHROMIUM, Auditor
from support import ROOT, PASSWORD, Client, Server, StandardForm, Suite, assigned_cases, open_fieldwork, plan_inspection, transition, upload_caseload

# About 150 characters a minute: a quick typist, far slower than a script.
TYPING_DELAY_MS = 80
ARTIFACTS = os.environ.get("ARTIFACTS") or os.path.join(ROOT, ".build", "e2e-artifacts", "browser-person")
ISO_TIMESTAMP = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


# Measures every piece of text in every chart on the page, as it is laid out: each must lie wholly
# inside its chart (and inside its own drawing, for text drawn in SVG), be at least 12 CSS pixels,
# and touch no line, bar or axis. Returns the number of boxes measured and what is wrong.
MEASURE_CHARTS = """() => {
  const problems = [];
  const slack = 0.5;
  const inside = (a, b) => a.left >= b.left - slack && a.right <= b.right + slack && a.top >= b.top - slack && a.bottom <= b.bottom + slack;
  const overlap = (a, b) => a.left < b.right - slack && b.left < a.right - slack && a.top < b.bottom - slack && b.top < a.bottom - slack;
  const name = (element) => `${element.closest('[id]') ? element.closest('[id]').id : '?'}: "${element.textContent.trim().slice(0, 50)}"`;
  let measured = 0;
  const charts = [...document.querySelectorAll('main .chart')];
  for (const chart of charts) {
    const chartBox = chart.getBoundingClientRect();
    if (chartBox.right > document.documentElement.clientWidth + slack) problems.push(`${chart.id} is wider than the window`);
    const drawings = chart.matches('svg') ? [chart] : [...chart.querySelectorAll('svg')];
    const htmlBoxes = [];
    const walker = document.createTreeWalker(chart, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!node.textContent.trim() || element.closest('svg') || element.closest('.visually-hidden')) continue;
      const size = parseFloat(getComputedStyle(element).fontSize);
      if (size < 12) problems.push(`${name(element)} is ${size.toFixed(1)}px`);
      const range = document.createRange();
      range.selectNodeContents(node);
      for (const box of range.getClientRects()) {
        measured++;
        htmlBoxes.push([element, box]);
        if (!inside(box, chartBox)) problems.push(`${name(element)} is cut off by its chart`);
      }
    }
    for (const drawing of drawings) {
      const drawingBox = drawing.getBoundingClientRect();
      for (const [element, box] of htmlBoxes) if (overlap(box, drawingBox)) problems.push(`${name(element)} lies under a drawing`);
      const scale = drawing.getScreenCTM() ? drawing.getScreenCTM().a : 1;
      const texts = [...drawing.querySelectorAll('text')];
      const strokes = [...drawing.querySelectorAll('line, path, rect')];
      for (const text of texts) {
        measured++;
        const box = text.getBoundingClientRect();
        const size = parseFloat(getComputedStyle(text).fontSize) * scale;
        if (size < 12) problems.push(`${name(text)} is ${size.toFixed(1)}px`);
        if (!inside(box, drawingBox) || !inside(box, chartBox)) problems.push(`${name(text)} is cut off by its drawing`);
        const segment = text.previousElementSibling;
        for (const stroke of strokes) {
          if (stroke.closest('defs')) continue;
          const strokeBox = stroke.getBoundingClientRect();
          // A count belongs inside its own bar segment, and must not spill out of it.
          const centre = (box.left + box.right) / 2;
          if (stroke === segment && stroke.tagName === 'rect' && centre > strokeBox.left && centre < strokeBox.right) {
            if (!inside(box, strokeBox)) problems.push(`${name(text)} spills out of its bar`);
            continue;
          }
          if (overlap(box, strokeBox)) problems.push(`${name(text)} is crossed by a ${stroke.tagName}`);
        }
      }
    }
  }
  return {charts: charts.length, measured, problems};
}"""


def type_like_a_person(locator, text):
    locator.click()
    locator.press_sequentially(text, delay=TYPING_DELAY_MS)


def wait_until_saved(page, before, timeout=15_000):
    """Waits, as a person watches the status line, for the next autosave to finish, and
    requires that it said "Saved". `before` is saves_count() taken before the action: the count
    of finished saves, or (for a page without that count) the status line's text."""
    page.wait_for_function(
        """before => { const s = document.querySelector('.autosave-status');
                       if (!s) return false;
                       if (typeof before === 'number') return Number(s.dataset.saves || 0) > before;
                       return s.textContent !== before && s.textContent !== '' && !s.textContent.startsWith('Saving'); }""",
        arg=before, timeout=timeout)
    status = page.locator(".autosave-status").inner_text()
    assert status.startswith("Saved"), f"the autosave did not save: {status!r}"
    return saves_count(page)


def saves_count(page):
    return page.evaluate(
        """() => { const s = document.querySelector('.autosave-status');
                   return s && s.dataset.saves !== undefined ? Number(s.dataset.saves) : (s ? s.textContent : ''); }""")


def upload_and_wait(page, label, path, button):
    """Chooses a file and uploads it, then waits, as a person does, while the job page refreshes
    itself until the import has finished (two minutes at most)."""
    page.get_by_label(label).set_input_files(path)
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()
    for _ in range(240):
        if page.locator("meta[http-equiv=refresh]").count() == 0:
            return
        page.wait_for_timeout(500)
        page.reload()
    raise AssertionError(f"the upload of {path} did not finish within two minutes")


def status_text(page):
    return page.locator(".autosave-status").inner_text()


def main():
    suite = Suite("browser (a person's day)")
    workdir = tempfile.mkdtemp(prefix="inspectorate-person-")
    server = Server(workdir)
    state = {}

    def set_up_fieldwork():
        server.command("demo")
        server.start()
        lead = state["lead"] = Client(server.url).sign_in("lead@demo.test")
        inspection = state["inspection"] = plan_inspection(lead, "Wales CRC", "probation-2018-crc", "2020/21", ["inspector@demo.test"])
        caseload = os.path.join(workdir, "caseload.csv")
        server.command("generate", "caseload", "--rows", "300", "--seed", "5", "--output", caseload)
        open_fieldwork(lead, inspection, caseload, size=6, extra_size=1)
        cases = assigned_cases(lead, inspection, "inspector@demo.test")
        assert len(cases) >= 4, f"the inspector has too few cases to work on: {cases}"
        # Cases judged on the most standards first: the checks below need two or more.
        standards = {case: len(set(re.findall(r'href="[^"]*/standards/[^"]*"', lead.get(case).text))) for case in cases}
        state["cases"] = sorted(cases, key=lambda case: -standards[case])
        assert standards[state["cases"][1]] >= 2, f"too few cases judged on two or more standards: {standards}"

    suite.check("set up: the demo data, an inspection in fieldwork with the inspector on its team", set_up_fieldwork)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        auditor = Auditor(ARTIFACTS)

        def tab(email=None, javascript=True):
            context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 900}, java_script_enabled=javascript)
            page = context.new_page()
            auditor.watch(page)
            if email:
                sign_in(page, email)
            return page

        def try_sign_in(page, email, password=PASSWORD):
            """Fills in and sends the sign-in form, on the page the browser is on if it is one."""
            if "/login" not in page.url:
                page.goto("/login")
            page.get_by_label("Email").fill(email)
            page.get_by_label("Password").fill(password)
            with page.expect_navigation():
                page.get_by_role("button", name="Sign in").click()

        def sign_in(page, email, password=PASSWORD):
            try_sign_in(page, email, password)
            assert "/login" not in page.url, f"{email} could not sign in: {page.locator('main').inner_text()[:300]}"

        def standard_links(page, case):
            page.goto(case)
            return page.eval_on_selector_all("main .task-list a[href*='/standards/']", "links => links.map(a => new URL(a.href).pathname)")

        # Item 1: autosave and conflicts.

        def inspector_tab():
            if "inspector" not in state:
                state["inspector"] = tab("inspector@demo.test")
            return state["inspector"]

        def autosave_never_conflicts_with_itself():
            page = inspector_tab()
            case = state["cases"][0]
            standard = standard_links(page, case)[0]
            page.goto(standard)
            auditor.audit(page, "standard-form")
            saves = saves_count(page)
            questions = page.eval_on_selector_all("main input[type=radio][value=sufficient]", "rs => rs.map(r => r.name.slice(7))")
            assert questions, "the standard has no key questions"
            for index, question in enumerate(questions):
                page.locator(f'input[name="answer-{question}"][value="{"sufficient" if index else "not-sufficient"}"]').check()
                saves = wait_until_saved(page, saves)
                type_like_a_person(page.locator(f'textarea[name="rationale-{question}"]'), f"Seen in the record for {question}.")
                saves = wait_until_saved(page, saves)
                assert "Someone else" not in status_text(page), f"an autosave conflicted with the person's own save: {status_text(page)}"
            # A second thought on the first answer, after its rationale was saved.
            page.locator(f'input[name="answer-{questions[0]}"][value="sufficient"]').check()
            saves = wait_until_saved(page, saves)
            with page.expect_navigation():
                page.get_by_role("button", name="Save and continue").click()
            body = page.locator("main").inner_text()
            assert "Someone else" not in body and "changed this answer" not in body, f"Save and continue conflicted with the person's own autosaves: {body[:600]}"
            assert page.url.endswith(case), f"Save and continue did not return to the case: {page.url}"
            page.goto(standard)
            for question in questions:
                expect(page.locator(f'textarea[name="rationale-{question}"]')).to_have_value(f"Seen in the record for {question}.")
                expect(page.locator(f'input[name="answer-{question}"][value="sufficient"]')).to_be_checked()

        def save_while_an_autosave_is_on_its_way():
            page = inspector_tab()
            case = state["cases"][0]
            standard = standard_links(page, case)[1]
            page.goto(standard)
            questions = page.eval_on_selector_all("main input[type=radio][value=sufficient]", "rs => rs.map(r => r.name.slice(7))")
            for question in questions:
                page.locator(f'textarea[name="rationale-{question}"]').fill(f"Quick notes on {question}.")
            for question in questions:
                page.locator(f'input[name="answer-{question}"][value="sufficient"]').check()
            page.wait_for_timeout(410)  # the last choice's autosave (400 ms after it) has just been sent
            with page.expect_navigation():
                page.get_by_role("button", name="Save and continue").click()
            body = page.locator("main").inner_text()
            assert "Someone else" not in body, f"saving during an autosave conflicted with the person's own save: {body[:600]}"
            assert page.url.endswith(case), f"Save and continue did not return to the case: {page.url}"

        def a_real_conflict_loses_nothing():
            page = inspector_tab()
            case = state["cases"][1]
            standard = standard_links(page, case)[0]
            page.goto(standard)
            question = page.eval_on_selector("main input[type=radio][value=sufficient]", "r => r.name.slice(7)")
            saves = saves_count(page)
            page.locator(f'input[name="answer-{question}"][value="sufficient"]').check()
            wait_until_saved(page, saves)
            # The lead, on the same case in another office, saves a different judgement.
            StandardForm(state["lead"], standard).save("not-sufficient", "The lead's view: no risk assessment.")
            typed = "My own evidence, typed while the lead was saving."
            type_like_a_person(page.locator(f'textarea[name="rationale-{question}"]'), typed)
            page.wait_for_function("() => document.querySelector('.autosave-status').textContent.includes('lead@demo.test')", timeout=15_000)
            assert "changed an answer" in status_text(page), status_text(page)
            expect(page.locator(f'textarea[name="rationale-{question}"]')).to_have_value(typed)
            with page.expect_navigation():
                page.get_by_role("button", name="Save and continue").click()
            conflict = page.locator(".conflict").first
            expect(conflict).to_contain_text("lead@demo.test")
            expect(conflict).to_contain_text(re.compile(r"today at \d{1,2}:\d{2}"))
            expect(conflict).to_contain_text("The lead's view: no risk assessment.")
            expect(page.locator(f'textarea[name="rationale-{question}"]')).to_have_value(typed)
            main_text = page.locator("main").inner_text()
            assert not ISO_TIMESTAMP.search(main_text), f"the conflict shows a machine timestamp: {main_text[:800]}"
            auditor.audit(page, "standard-conflict")
            # Saving again, with the other questions answered, replaces the lead's version with the person's own.
            for other in page.eval_on_selector_all("main input[type=radio][value=sufficient]", "rs => rs.map(r => r.name.slice(7))")[1:]:
                page.locator(f'input[name="answer-{other}"][value="sufficient"]').check()
                page.locator(f'textarea[name="rationale-{other}"]').fill("Seen in the record.")
            with page.expect_navigation():
                page.get_by_role("button", name="Save and continue").click()
            assert page.url.endswith(case), f"the second save did not go through: {page.locator('main').inner_text()[:600]}"
            stored = StandardForm(state["lead"], standard)
            page.goto(standard)
            expect(page.locator(f'textarea[name="rationale-{question}"]')).to_have_value(typed)
            assert stored.versions[question] >= 3, f"the person's save did not replace the lead's: {stored.versions}"

        def a_failed_autosave_is_shown_and_keeps_the_text():
            page = inspector_tab()
            case = state["cases"][1]
            standard = standard_links(page, case)[-1]
            page.goto(standard)
            question = page.eval_on_selector("main input[type=radio][value=sufficient]", "r => r.name.slice(7)")
            saves = saves_count(page)
            page.locator(f'input[name="answer-{question}"][value="sufficient"]').check()
            wait_until_saved(page, saves)
            page.route("**/standards/**", lambda route: route.abort() if route.request.method == "POST" else route.continue_())
            typed = "Written while the network was down."
            type_like_a_person(page.locator(f'textarea[name="rationale-{question}"]'), typed)
            page.wait_for_function("() => document.querySelector('.autosave-status').textContent.startsWith('Not saved')", timeout=15_000)
            expect(page.locator(".autosave-status")).to_have_attribute("role", re.compile("status|alert"))
            expect(page.locator(f'textarea[name="rationale-{question}"]')).to_have_value(typed)
            page.unroute("**/standards/**")
            # The connection comes back: the next keystroke saves it all.
            saves = saves_count(page)
            type_like_a_person(page.locator(f'textarea[name="rationale-{question}"]'), " Back online.")
            wait_until_saved(page, saves)
            page.reload()
            expect(page.locator(f'textarea[name="rationale-{question}"]')).to_have_value(typed + " Back online.")

        # Item 2: error pages for browsers, and bookmarks after signing out.

        def bookmarks_after_signing_out():
            page = tab()
            bookmark = f"/inspections/{state['inspection']}/cases"
            page.goto(bookmark)
            assert "/login" in page.url, f"a signed-out visitor was not sent to sign in: {page.url}"
            auditor.audit(page, "login-from-bookmark")
            sign_in(page, "inspector@demo.test")
            assert page.url.endswith(bookmark), f"after signing in the visitor was not brought back to the bookmark: {page.url}"
            expect(page.locator("h1")).to_contain_text("Sampled cases")
            page.go_back()
            page.go_forward()
            expect(page.locator("h1")).to_contain_text("Sampled cases")

        def html_error_pages_for_browsers():
            page = tab("provider@demo.test")
            missing = page.goto(f"/inspections/{uuid.uuid4()}")
            assert missing.status == 404, missing.status
            assert "text/html" in missing.headers.get("content-type", ""), f"a browser got {missing.headers.get('content-type')} for a 404"
            expect(page.locator("h1")).to_contain_text("Page not found")
            auditor.audit(page, "error-404")
            forbidden = page.goto(f"/inspections/{state['inspection']}/cases")
            assert forbidden.status in (403, 404), forbidden.status
            assert "text/html" in forbidden.headers.get("content-type", ""), f"a browser got {forbidden.headers.get('content-type')} for a {forbidden.status}"
            auditor.audit(page, "error-403")
            api = page.request.get(f"/api/v1/inspections/{uuid.uuid4()}")
            assert "application/json" in api.headers.get("content-type", ""), "the API no longer answers errors in JSON"


        # Item 3: completion checks.

        def fill_standard(page, standard, answer, rationale):
            page.goto(standard)
            for question in page.eval_on_selector_all("main input[type=radio][value=sufficient]", "rs => rs.map(r => r.name.slice(7))"):
                page.locator(f'input[name="answer-{question}"][value="{answer}"]').check()
                page.locator(f'textarea[name="rationale-{question}"]').fill(rationale)
            with page.expect_navigation():
                page.get_by_role("button", name="Save and continue").click()

        def no_completion_without_a_needed_rationale():
            page = inspector_tab()
            case = state["cases"][2]
            standards = standard_links(page, case)
            for standard in standards:
                fill_standard(page, standard, "sufficient", "Seen in the record.")
            # The autosave keeps a "not sufficient" with no rationale yet; completion must wait for one.
            last = StandardForm(state["lead"], standards[-1])
            page.goto(standards[-1])
            question = last.questions[0]
            saves = saves_count(page)
            page.locator(f'textarea[name="rationale-{question}"]').fill("")
            page.locator(f'input[name="answer-{question}"][value="not-sufficient"]').check()
            wait_until_saved(page, saves)
            page.goto(case + "/check")
            auditor.audit(page, "case-check-missing-rationale")
            main_text = page.locator("main").inner_text()
            assert question in main_text and "rationale" in main_text.lower(), f"the check page does not ask for {question}'s rationale: {main_text[:900]}"
            expect(page.get_by_role("button", name="Mark case complete")).to_have_count(0)
            refused = state["lead"].post(case + "/complete")
            assert refused.status_code in (409, 422), f"completing without the rationale answered {refused.status_code}"

        def contradicting_or_half_filled_facts_are_refused():
            page = inspector_tab()
            case = state["cases"][2]
            page.goto(case + "/facts")
            auditor.audit(page, "case-facts")
            page.locator('input[name="rosh"]').first.check()
            with page.expect_navigation():
                page.get_by_role("button", name="Save and continue").click()
            expect(page.locator(".error-summary")).to_be_visible()
            auditor.audit(page, "case-facts-refused")
            for name in page.eval_on_selector_all("main input[type=radio]", "rs => [...new Set(rs.map(r => r.name))]"):
                page.locator(f'input[name="{name}"]').first.check()
            page.locator('input[name="domestic_abuse_needed"][value="no"]').check()
            page.locator('input[name="domestic_abuse_done"][value="yes"]').check()
            with page.expect_navigation():
                page.get_by_role("button", name="Save and continue").click()
            summary = page.locator(".error-summary")
            expect(summary).to_be_visible()
            expect(summary).to_contain_text("domestic abuse")
            stored = server.query(f"SELECT facts_version FROM sampled_cases WHERE id = '{case.rsplit('/', 1)[1]}' OR id = '{case.rsplit('/', 1)[1].upper()}'")
            assert stored and stored[0][0] == "0", f"contradicting facts were saved: {stored}"

        def check_your_answers_shows_every_section():
            page = inspector_tab()
            case = state["cases"][2]
            page.goto(case + "/check")
            for heading in ("Case facts", "Interviews"):
                section = page.locator("main h2", has_text=heading)
                expect(section).to_have_count(1)
            expect(page.locator(f'main a[href$="/facts"]', has_text="Change")).not_to_have_count(0)
            expect(page.locator(f'main a[href$="/interview"]', has_text="Change")).not_to_have_count(0)

        def whole_assessment_with_javascript_off():
            page = tab("inspector@demo.test", javascript=False)
            case = state["cases"][3] if len(state["cases"]) > 3 else state["cases"][2]
            for standard in standard_links(page, case):
                fill_standard(page, standard, "sufficient", "Evidence seen without JavaScript.")
                assert page.url.endswith(case), f"saving {standard} without JavaScript failed: {page.locator('main').inner_text()[:600]}"
            page.goto(case + "/facts")
            for name in page.eval_on_selector_all("main input[type=radio]", "rs => [...new Set(rs.map(r => r.name))]"):
                if name.endswith("_needed"):
                    page.locator(f'input[name="{name}"][value="yes"]').check()
                elif name.endswith("_done"):
                    page.locator(f'input[name="{name}"][value="yes"]').check()
                else:
                    page.locator(f'input[name="{name}"]').first.check()
            with page.expect_navigation():
                page.get_by_role("button", name="Save and continue").click()
            assert page.url.endswith(case), f"the facts were refused: {page.locator('main').inner_text()[:600]}"
            page.goto(case + "/interview")
            page.get_by_label("Officer's reference").fill("PO-NOJS-1")
            page.locator('input[name="grade"]').first.check()
            page.locator('input[name="manageable"]').first.check()
            page.get_by_label("Caseload size").fill("42")
            with page.expect_navigation():
                page.get_by_role("button", name="Save and continue").click()
            page.goto(case + "/check")
            page.go_back()
            page.go_forward()
            with page.expect_navigation():
                page.get_by_role("button", name="Mark case complete").click()
            expect(page.locator("main")).to_contain_text("is complete")

        # Item 6: upload messages.

        def extra_columns_are_refused_naming_the_line():
            page = tab("lead@demo.test")
            inspection = plan_inspection(state["lead"], "Durham Tees Valley CRC", "probation-2018-crc", "2020/21", ["inspector@demo.test"])
            good = os.path.join(workdir, "caseload.csv")
            lines = open(good).read().splitlines()
            lines[3] = lines[3] + ",an extra value"
            fields = lines[5].split(",")
            fields[1] = "communityorderwithunpaidworkrequirement"  # one long word, as a typo makes it
            lines[5] = ",".join(fields)
            damaged = os.path.join(workdir, "extra-column.csv")
            open(damaged, "w").write("\n".join(lines) + "\n")
            page.goto(f"/inspections/{inspection}/uploads")
            upload_and_wait(page, "Caseload CSV file", damaged, "Upload caseload")
            summary = page.locator("main").inner_text()
            assert "Line 4" in summary and "Imported" not in summary, f"a row with an extra column was not refused by its line: {summary[:900]}"
            assert "community-order" in summary, f"the message does not give the exact values the file may hold: {summary[:900]}"
            stated = int(re.search(r"(\d+) problems? (was|were) found", summary).group(1))
            listed = page.locator("#problems li").count()
            assert stated == listed == 2, f"the summary says {stated} problems and lists {listed}"
            auditor.audit(page, "upload-extra-column")
            # On a phone every word of every problem is on screen, none behind a sideways scroll.
            page.set_viewport_size({"width": 375, "height": 800})
            cut = page.evaluate("""() => [...document.querySelectorAll('#problems *')]
                .filter(e => e.childElementCount === 0 && e.textContent.trim())
                .map(e => [e.textContent.trim(), e.getBoundingClientRect()])
                .filter(([, box]) => box.left < 0 || box.right > document.documentElement.clientWidth)
                .map(([text, box]) => `${text.slice(0, 40)} at ${Math.round(box.left)}-${Math.round(box.right)}px`)""")
            page.screenshot(path=os.path.join(ARTIFACTS, "upload-problems-375.png"), full_page=True)
            assert not cut, f"at 375px the problems run off the screen: {cut[:4]}"

        # Item 4: no dead ends in sampling and fieldwork.

        def sampling_inspection():
            inspection = plan_inspection(state["lead"], "Essex CRC", "probation-2018-crc", "2020/21", ["inspector@demo.test"])
            caseload = os.path.join(workdir, "caseload.csv")
            upload_caseload(state["lead"], inspection, caseload)
            transition(state["lead"], inspection, "start-sampling")
            return inspection

        def sample_form_warns_and_refuses():
            inspection = state["sampling"] = sampling_inspection()
            page = state["lead-tab"] = tab("lead@demo.test")
            page.goto(f"/inspections/{inspection}/sample")
            recommended = int(re.search(r"Sample (\d+) of", page.locator("main").inner_text()).group(1))
            page.get_by_label("Main sample size").fill("5")
            page.get_by_label("Cases in each extra sample").fill("0")
            with page.expect_navigation():
                page.get_by_role("button", name="Draw the sample").click()
            summary = page.locator(".error-summary")
            expect(summary).to_be_visible()
            expect(summary).to_contain_text("Unpaid work")
            auditor.audit(page, "sample-refused")
            expect(page.get_by_label("Main sample size")).to_have_value("5")  # what the lead typed stays
            page.get_by_label("Cases in each extra sample").fill("1")
            with page.expect_navigation():
                page.get_by_role("button", name="Draw the sample").click()
            warning = page.locator(".warning-text", has_text="below the")
            expect(warning).to_contain_text(f"{recommended} recommended")
            expect(warning).to_contain_text(re.compile(r"±\d+(\.\d)? points"))

        def drawn_cases_shown_before_the_final_confirm():
            page = state["lead-tab"]
            inspection = state["sampling"]
            drawn = page.locator("table", has=page.locator("caption", has_text="Cases drawn"))
            expect(drawn.locator("tbody tr")).to_have_count(7)  # 5 in the main sample, 1 in each of the two extra samples
            expect(page.locator("main")).to_contain_text("Confirming is final")
            main_text = page.locator("main").inner_text()
            assert "|" not in main_text and "post-sentence-supervision" not in main_text, f"codes where a person reads: {main_text[:800]}"
            auditor.audit(page, "sample-drawn-cases")
            with page.expect_navigation():
                page.get_by_role("button", name="Confirm this sample").click()
            expect(page.locator("main")).to_contain_text("Sample confirmed: 7 cases")
            state["drawn"] = server.query(f"SELECT count(*) FROM sampled_cases WHERE inspection_id IN ('{inspection}', '{inspection.upper()}', '{inspection.lower()}')")[0][0]

        def reopen_sampling_before_any_assessment():
            page = state["lead-tab"]
            inspection = state["sampling"]
            transition(state["lead"], inspection, "start-fieldwork")
            page.goto(f"/inspections/{inspection}/sample")
            with page.expect_navigation():
                page.get_by_role("button", name="Reopen sampling").click()
            expect(page.locator("main")).to_contain_text("Sampling is open again")
            auditor.audit(page, "sample-reopened")
            remaining = server.query(f"SELECT count(*) FROM sampled_cases WHERE inspection_id IN ('{inspection}', '{inspection.upper()}', '{inspection.lower()}')")[0][0]
            assert state["drawn"] == "7" and remaining == "0", f"reopening left {remaining} of {state['drawn']} sampled cases"
            page.get_by_label("Main sample size").fill("4")
            page.get_by_label("Cases in each extra sample").fill("1")
            with page.expect_navigation():
                page.get_by_role("button", name="Draw the sample").click()
            with page.expect_navigation():
                page.get_by_role("button", name="Confirm this sample").click()
            transition(state["lead"], inspection, "start-fieldwork")
            # Once a case has an answer, reopening is refused with the reason.
            case = assigned_cases(state["lead"], inspection, "inspector@demo.test")[0]
            standard = re.search(r'href="([^"]*/standards/[^"]*)"', state["lead"].get(case).text).group(1)
            StandardForm(state["lead"], standard).save("sufficient", "Seen.")
            page.goto(f"/inspections/{inspection}/sample")
            expect(page.get_by_role("button", name="Reopen sampling")).to_have_count(0)
            refused = state["lead"].post(f"/inspections/{inspection}/sample/reopen")
            assert refused.status_code == 409 and "assessed" in refused.text, f"reopening after an answer answered {refused.status_code}"

        def reassign_a_case():
            page = state["lead-tab"]
            inspection = state["sampling"]
            case = assigned_cases(state["lead"], inspection, "inspector@demo.test")[-1]
            page.goto(case)
            page.get_by_label("Inspector").select_option(label="lead@demo.test")
            with page.expect_navigation():
                page.get_by_role("button", name="Reassign").click()
            expect(page.locator("main")).to_contain_text("now assigned to lead@demo.test")
            auditor.audit(page, "case-reassigned")
            assert case in assigned_cases(state["lead"], inspection, "lead@demo.test"), "the case list does not show the new inspector"
            assert case not in assigned_cases(state["lead"], inspection, "inspector@demo.test"), "the case is still the inspector's"

        # Item 8: moderation shows both markers' rationales.

        def moderation_shows_both_rationales():
            lead = state["lead"]
            inspection = plan_inspection(lead, "Kent, Surrey and Sussex CRC", "probation-2018-crc", "2020/21", ["inspector@demo.test"])
            open_fieldwork(lead, inspection, os.path.join(workdir, "caseload.csv"), size=2, extra_size=1)
            cases = sorted(set(re.findall(r'href="(/inspections/' + inspection + r'/cases/[0-9A-Fa-f-]{36})"', lead.get(f"/inspections/{inspection}/cases").text)))
            for case in cases:
                for standard in sorted(set(re.findall(r'href="([^"]*/standards/[^"]*)"', lead.get(case).text))):
                    StandardForm(lead, standard).save("sufficient", "First marker: the plan addresses every need.")
                assert lead.post(case + "/complete").status_code == 303, f"{case} could not be completed"
            transition(lead, inspection, "start-quality-assurance")
            page = tab("quality@demo.test")
            page.goto(f"/inspections/{inspection}/moderation")
            page.get_by_label("Percentage of assessed cases").fill("")
            page.get_by_label("Or a number of cases").fill("1")
            with page.expect_navigation():
                page.get_by_role("button", name="Draw the moderation sample").click()
            page.goto(page.eval_on_selector("main a[href*='/moderation/cases/']", "a => new URL(a.href).pathname"))
            auditor.audit(page, "moderation-second-marking")
            names = page.eval_on_selector_all("main input[type=radio]", "rs => [...new Set(rs.map(r => r.name))]")
            for index, name in enumerate(names):
                page.locator(f'input[name="{name}"][value="{"not-sufficient" if index == 0 else "sufficient"}"]').check()
            question = names[0][len("answer-"):]
            type_like_a_person(page.get_by_label(f"Your rationale for {question} (optional)"), "Second marker: risk to the partner was never assessed.")
            with page.expect_navigation():
                page.get_by_role("button", name="Submit second marking").click()
            main = page.locator("main")
            expect(main).to_contain_text("First marker: the plan addresses every need.")
            expect(main).to_contain_text("Second marker: risk to the partner was never assessed.")
            resolve = page.locator("main form .inset").first
            expect(resolve).to_contain_text("first marker")
            expect(resolve).to_contain_text("Second marker: risk to the partner was never assessed.")
            empty = page.eval_on_selector_all("main table th", "ths => ths.filter(t => !t.textContent.trim()).length")
            assert empty == 0, f"{empty} table column headers are empty"
            auditor.audit(page, "moderation-resolve")

        # Item 11: one public page per inspection.

        def one_public_page_per_inspection():
            page = tab()
            page.goto("/ratings")
            row = page.locator("main table tbody tr").first
            provider = row.locator("td, th").first.locator("a")
            expect(provider).to_have_count(1)
            name = provider.inner_text()
            with page.expect_navigation():
                provider.click()
            report = page.url
            assert re.search(r"/inspections/[0-9A-Fa-f-]{36}/report$", report), f"the national table's provider link leads to {report}"
            expect(page.locator("h1")).to_contain_text(name)
            auditor.audit(page, "public-report")
            page.goto("/")
            home_link = page.locator("main table", has=page.locator("caption", has_text="Published inspections")).locator("tbody tr th a").first
            with page.expect_navigation():
                home_link.click()
            assert page.url.endswith("/report"), f"the home page's provider link leads to {page.url}, not its report"
            inspection = re.search(r"/inspections/([0-9A-Fa-f-]{36})/report", report).group(1)
            page.goto(f"/inspections/{inspection}")
            assert page.url.endswith(f"/inspections/{inspection}/report"), f"the public inspection page is {page.url}, not the report"

        # Item 5: words, not codes, wherever a person reads.

        CODES = [
            (re.compile(r"\b(requires-improvement|not-rated|not-sufficient)\b"), "a rating or answer id"),
            (re.compile(r"\b(very-high|post-sentence-supervision|suspended-sentence|community-order|data-requested|quality-assurance)\b"), "a RoSH, sentence or state code"),
            (re.compile(r"\b(succeeded|failed|running|queued)\b(?! to| because| with)"), "an import state"),
            (re.compile(r"^(probation|youth|thematic)-20\d\d(-[a-z]+)?$", re.M), "a framework id as a title"),
            (re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}"), "an ISO timestamp"),
            (re.compile(r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}"), "a UUID"),
            (re.compile(r"\b1 (entries|cases|providers|inspections|reviews)\b"), "a plural after 1"),
            (re.compile(r"The inspection is now"), "a status message that is not a sentence"),
        ]

        def words_not_codes():
            page = tab("admin@demo.test")
            inspection = state["sampling"] if "sampling" in state else state["inspection"]
            paths = ["/", "/inspections", "/providers", "/admin/users", "/admin/audit", "/admin/tokens", "/ratings", "/annual/2019-20",
                     f"/inspections/{inspection}", f"/inspections/{inspection}/uploads", f"/inspections/{inspection}/sample",
                     f"/inspections/{inspection}/cases", f"/inspections/{inspection}/ratings", "/sfo", "/thematic"]
            found = []
            for path in paths:
                page.goto(path)
                auditor.audit(page, "admin-view-" + (re.sub(r"[^a-z0-9]+", "-", re.sub(r"[0-9A-Fa-f-]{36}", "id", path)).strip("-") or "home"))
                text = page.locator("main").inner_text()
                for pattern, what in CODES:
                    for match in pattern.finditer(text):
                        found.append(f"{path}: {what}: {match.group(0)!r}")
            jobs = page.eval_on_selector_all("main a[href*='/imports/']", "links => links.map(a => new URL(a.href).pathname)")
            for job in jobs[:1]:
                page.goto(job)
                for pattern, what in CODES:
                    found += [f"{job}: {what}: {m.group(0)!r}" for m in pattern.finditer(page.locator("main").inner_text())]
            assert not found, "codes where a person reads:\n  " + "\n  ".join(sorted(set(found))[:40])

        # Item 12: accounts as a person expects.

        def accounts():
            admin = tab("admin@demo.test")
            admin.goto("/admin/users")
            expect(admin.get_by_label("Role")).not_to_have_value("admin")
            admin.get_by_label("Email address").fill("new.inspector@demo.test")
            admin.get_by_label("Role").select_option(label="Inspector")
            admin.get_by_label("Password").fill("a long first password")
            with admin.expect_navigation():
                admin.get_by_role("button", name="Add user").click()
            expect(admin.locator("main")).to_contain_text("new.inspector@demo.test added")
            # The new inspector signs in on two devices, and changes their password on one.
            laptop = browser.new_context(base_url=server.url).new_page()
            phone = browser.new_context(base_url=server.url).new_page()
            for device in (laptop, phone):
                device.goto("/login")
                sign_in(device, "new.inspector@demo.test", "a long first password")
            laptop.get_by_role("link", name="Change my password").click()
            auditor.audit(laptop, "change-password")
            laptop.get_by_label("Current password").fill("a long first password")
            laptop.get_by_label("New password", exact=True).fill("a longer second password")
            laptop.get_by_label("Confirm the new password").fill("a longer second password")
            with laptop.expect_navigation():
                laptop.get_by_role("button", name="Change password").click()
            expect(laptop.locator("main")).to_contain_text("Your password has been changed")
            laptop.goto("/inspections")
            assert "/login" not in laptop.url, "changing the password signed the person out of this browser"
            phone.goto("/inspections")
            assert "/login" in phone.url, "the other device's session survived the password change"
            # The admin makes them a lead, then deactivates them: their session ends at once.
            admin.goto("/admin/users")
            admin.get_by_role("link", name="new.inspector@demo.test").click()
            auditor.audit(admin, "edit-user")
            admin.get_by_label("Role").select_option(label="Lead inspector")
            with admin.expect_navigation():
                admin.get_by_role("button", name="Save changes").click()
            expect(admin.locator("main")).to_contain_text("Lead inspector")
            laptop.goto("/inspections")
            assert "/login" in laptop.url, "changing the role did not end the person's sessions"
            sign_in(laptop, "new.inspector@demo.test", "a longer second password")
            expect(laptop.locator(".header")).to_contain_text("Lead inspector")
            with admin.expect_navigation():
                admin.get_by_role("button", name="Deactivate").click()
            expect(admin.locator("main")).to_contain_text("deactivated")
            laptop.goto("/inspections")
            assert "/login" in laptop.url, "deactivating did not end the person's session"
            try_sign_in(laptop, "new.inspector@demo.test", "a longer second password")
            assert "/login" in laptop.url, "a deactivated account could sign in"
            # Reactivated with a password the admin sets.
            with admin.expect_navigation():
                admin.get_by_role("button", name="Reactivate").click()
            admin.get_by_label("New password").fill("a password the admin set")
            with admin.expect_navigation():
                admin.get_by_role("button", name="Reset password").click()
            expect(admin.locator("main")).to_contain_text("password has been reset")
            sign_in(laptop, "new.inspector@demo.test", "a password the admin set")
            # Admins edit a provider, choosing its region from a list.
            admin.goto("/providers")
            admin.get_by_role("link", name="London CRC").click()
            admin.get_by_role("link", name="Edit the provider's name, type, region or predecessors").click()
            auditor.audit(admin, "provider-edit")
            assert admin.locator("select#region").count() == 1, "the region is typed, not chosen from a list"
            admin.get_by_label("Region", exact=True).select_option("London")
            admin.get_by_label("Name").fill("London Community Rehabilitation Company")
            with admin.expect_navigation():
                admin.get_by_role("button", name="Save changes").click()
            expect(admin.locator("h1")).to_have_text("London Community Rehabilitation Company")

        # Item 13: edits after the fact.

        def sfo_review_edited_and_audited():
            page = tab("quality@demo.test")
            page.goto("/sfo")
            page.get_by_label("Review reference").fill("SFO-EDIT-1")
            page.get_by_label("Probation service").select_option(label="Wales CRC")
            page.locator('input[name="category"][value="murder"]').check()
            page.locator('input[name="rosh"]').first.check()
            page.locator('input[name="mappa"][value="none"]').check()
            page.get_by_label("Date notified").fill("2019-06-03")
            page.locator('input[name="agencies"][value="no"]').check()
            page.locator('input[name="victim"][value="no"]').check()
            with page.expect_navigation():
                page.get_by_role("button", name="Record review").click()
            expect(page.locator("main")).to_contain_text("Review SFO-EDIT-1 recorded for 2019/20")
            page.get_by_role("link", name="SFO-EDIT-1").click()
            expect(page.locator("main")).to_contain_text("Awaited")
            page.get_by_role("link", name="Edit the review's details").click()
            auditor.audit(page, "sfo-review-edit")
            page.get_by_label("Date the review was submitted (if it has been)").fill("2019-05-01")
            with page.expect_navigation():
                page.get_by_role("button", name="Save changes").click()
            expect(page.locator(".error-summary")).to_contain_text("cannot be submitted before it was notified")
            expect(page.get_by_label("Date the review was submitted (if it has been)")).to_have_value("2019-05-01")
            page.get_by_label("Date the review was submitted (if it has been)").fill("2019-09-20")
            with page.expect_navigation():
                page.get_by_role("button", name="Save changes").click()
            expect(page.locator("main")).to_contain_text("Review SFO-EDIT-1 updated")
            expect(page.locator("main")).to_contain_text("2019-09-20")
            audited = server.query("SELECT detail FROM audit_events WHERE entity_type = 'sfo-review' AND entity_id = 'SFO-EDIT-1' AND action = 'update'")
            assert audited and "submitted: none → 2019-09-20" in audited[0][0], f"the correction was not audited: {audited}"
            inspector = Client(server.url).sign_in("inspector@demo.test")
            review = re.search(r"/sfo/reviews/[0-9A-Fa-f-]{36}", page.url).group(0)
            assert inspector.get(review + "/edit").status_code == 403, "an inspector could open the review's edit form"

        # Item 10: certainty, explained once.

        def certainty_explained_once():
            page = tab()
            page.goto("/ratings")
            table = page.locator("#table-latest table")
            expect(table.locator("thead")).to_contain_text("Could the overall rating be another band?")
            cautions = table.locator("tbody td", has_text="could be")
            secure = table.locator("tbody td", has_text="No: secure")
            assert cautions.count() + secure.count() > 0, "the national table shows no rating's certainty"
            rating_link = table.locator("a.rating-link").first
            with page.expect_navigation():
                rating_link.click()
            assert "/how-we-rate#" in page.url, f"a rating links to {page.url}"
            auditor.audit(page, "how-we-rate")
            main = page.locator("main")
            expect(main).to_contain_text("Community Rehabilitation Companies")
            for threshold in ("80% or more", "65% or more", "50% or more"):  # probation-2018-crc's case bands, from its file
                expect(main).to_contain_text(threshold)
            expect(main).to_contain_text("42.3–75.4%")  # Wilson's 95% interval for 18 of 30
            for anchor in page.eval_on_selector_all("main nav a", "links => links.map(a => a.getAttribute('href'))"):
                assert page.locator(anchor).count() == 1, f"the contents link {anchor} leads nowhere"
            # The same sentence on the report and the inspection's ratings view.
            staff = tab("analyst@demo.test")
            for _ in range(1):
                staff.goto("/ratings")
                reports = staff.eval_on_selector_all("#table-latest table tbody tr", """rows => rows.filter(r => r.innerText.includes('could be'))
                    .map(r => r.querySelector('a') && r.querySelector('a').getAttribute('href')).filter(Boolean)""")
                assert reports, "no published inspection's overall rating crosses a band in the demo"
                report = reports[0]
                staff.goto(report)
                sentence = re.search(r"Allowing for sampling error, the overall rating could be [A-Za-z ]+\.", staff.locator("main").inner_text())
                assert sentence, "the report does not explain its overall rating's certainty"
                staff.goto(report.replace("/report", "/ratings"))
                assert sentence.group(0) in staff.locator("main").inner_text(), f"the ratings view words it differently from the report: {sentence.group(0)}"

        # Item 9: long lists.

        def long_lists():
            page = tab("inspector@demo.test")
            page.get_by_role("link", name="My cases").click()
            auditor.audit(page, "my-cases")
            expect(page.locator("h1")).to_have_text("My cases")
            mine = page.eval_on_selector_all("main table tbody tr", "rows => rows.map(r => r.innerText)")
            assert mine, "the inspector's My cases is empty"
            statuses = [("Completed" in row) for row in mine]
            assert statuses == sorted(statuses), f"finished cases are not after unfinished ones: {mine}"
            lead = tab("lead@demo.test")
            lead.goto(f"/inspections/{state['inspection']}/cases")
            reference = lead.locator("main table tbody tr th a").nth(2).inner_text()
            lead.get_by_label("Case reference").fill(reference[-3:])
            with lead.expect_navigation():
                lead.get_by_role("button", name="Find cases").click()
            expect(lead.locator("main table tbody tr", has_text=reference)).to_have_count(1)
            auditor.audit(lead, "cases-found")
            lead.get_by_label("Case reference").fill("")
            lead.get_by_label("Inspector", exact=True).select_option(label="inspector@demo.test")
            with lead.expect_navigation():
                lead.get_by_role("button", name="Find cases").click()
            inspectors = set(lead.eval_on_selector_all("main table tbody tr", "rows => rows.map(r => r.cells[4].innerText)"))
            assert inspectors == {"inspector@demo.test"}, f"filtering by inspector shows {inspectors}"
            lead.goto("/inspections")
            expect(lead.locator(".paging")).to_contain_text("Showing 1–25 of")
            with lead.expect_navigation():
                lead.get_by_role("link", name="Next page").click()
            expect(lead.locator(".paging")).to_contain_text("Showing 26–50 of")
            auditor.audit(lead, "inspections-page-2")
            lead.go_back()
            expect(lead.locator(".paging")).to_contain_text("Showing 1–25 of")
            lead.get_by_label("Provider or year").fill("Wales")
            with lead.expect_navigation():
                lead.get_by_role("button", name="Find").click()
            providers = set(lead.eval_on_selector_all("main table tbody tr", "rows => rows.map(r => r.cells[0].innerText)"))
            assert providers and all("Wales" in p for p in providers), f"searching for Wales shows {providers}"
            # At 375px the home page's rating column can be scrolled to, inside its table.
            lead.set_viewport_size({"width": 375, "height": 800})
            lead.goto("/")
            header = lead.locator("main table", has=lead.locator("caption", has_text="Published inspections")).locator("thead th", has_text="Overall rating")
            header.scroll_into_view_if_needed()
            box = header.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= 375, f"the rating column cannot be brought into view at 375px: {box}"
            lead.set_viewport_size({"width": 1280, "height": 900})

        # Item 16: provider users submit their data and see it received.

        def provider_submits_data():
            lead = state["lead"]
            inspection = plan_inspection(lead, "Thames Valley CRC", "probation-2018-crc", "2020/21", ["inspector@demo.test"])
            provider = tab("provider@demo.test")
            provider.goto(f"/inspections/{inspection}/uploads")
            upload_and_wait(provider, "Caseload CSV file", os.path.join(workdir, "caseload.csv"), "Upload caseload")
            lead_page = tab("lead@demo.test")
            lead_page.goto(f"/inspections/{inspection}")
            task = lead_page.locator(".task-list__item", has_text="Provider data")
            expect(task).not_to_contain_text("Completed")
            expect(task).to_contain_text("workforce figures not yet uploaded")
            provider.goto(f"/inspections/{inspection}/uploads")
            expect(provider.get_by_role("button", name="Submit our data to the inspectorate")).to_have_count(0)
            workforce = os.path.join(workdir, "workforce.csv")
            open(workforce, "w").write("team,grade,staff_in_post,vacancies,average_caseload,workload_tool_percent\nTeam 1,PO,10,2,40,110\nTeam 1,PSO,8,1,35,95\n")
            upload_and_wait(provider, "Workforce CSV file", workforce, "Upload workforce figures")
            provider.goto(f"/inspections/{inspection}/uploads")
            with provider.expect_navigation():
                provider.get_by_role("button", name="Submit our data to the inspectorate").click()
            expect(provider.locator("main")).to_contain_text("the inspectorate has been told your data is ready")
            expect(provider.locator("main")).to_contain_text("Not yet confirmed")
            auditor.audit(provider, "provider-data-submitted")
            lead_page.goto(f"/inspections/{inspection}")
            expect(lead_page.locator(".task-list__item", has_text="Provider data")).to_contain_text("Completed")
            lead_page.goto(f"/inspections/{inspection}/uploads")
            with lead_page.expect_navigation():
                lead_page.get_by_role("button", name="Confirm receipt").click()
            provider.reload()
            expect(provider.locator(".summary-list")).to_contain_text(re.compile(r"Received by the inspectorate\s*Yes, today at \d{2}:\d{2}"))

        # Item 15: navigation of long pages.

        def long_pages_navigate():
            page = tab()
            page.goto("/annual/2019-20")
            auditor.audit(page, "annual-report")
            reports = []
            page.goto("/ratings")
            reports.append(page.eval_on_selector("#table-latest tbody a[href$='/report']", "a => a.getAttribute('href')"))
            for path in ["/annual/2019-20", reports[0], "/how-we-rate"]:
                page.goto(path)
                levels = page.eval_on_selector_all("main h1, main h2, main h3, main h4", "hs => hs.map(h => Number(h.tagName[1]))")
                jumps = [(a, b) for a, b in zip(levels, levels[1:]) if b > a + 1]
                assert levels and levels[0] == 1 and not jumps, f"{path}: headings jump {jumps} in {levels}"
                anchors = page.eval_on_selector_all("main nav a[href^='#']", "links => links.map(a => a.getAttribute('href'))")
                assert len(anchors) >= 4, f"{path} has no contents list: {anchors}"
                for anchor in anchors:
                    assert page.locator(f'[id="{anchor[1:]}"]').count() == 1, f"{path}: the contents link {anchor} leads nowhere"
                page.click(f"main nav a[href='{anchors[-1]}']")
                assert page.url.endswith(anchors[-1]), f"following {anchors[-1]} did not move to it"
                page.go_back()
            # No youth offending team was inspected in 2018/19: its rows say so rather than show zeros.
            page.goto("/annual/2019-20")
            youth = page.locator("section[aria-labelledby='table-standard-mix-youth-2018-heading']")
            rows = youth.locator("table tbody tr", has_text="2018/19")
            assert rows.count() >= 4, "the youth table has no 2018/19 rows"
            for text in rows.all_inner_texts():
                assert "not inspected" in text and not re.search(r"\b0\b", text), f"a year without inspections shows {text!r}"
            expect(youth.locator(".chart__label", has_text="2018/19").first).to_contain_text("not inspected")
            page.goto("/annual/2018-19")
            change = page.locator("section[aria-labelledby='table-risk-of-harm-change-heading'] table tbody tr").first
            expect(change).to_contain_text("not inspected")

        def charts_never_clip():
            page = tab()
            page.goto("/ratings")
            report = page.eval_on_selector("#table-latest tbody a[href$='/report']", "a => a.getAttribute('href')")
            seen = {}
            for width in (1280, 375):
                page.set_viewport_size({"width": width, "height": 900})
                for path in ["/annual/2018-19", "/annual/2019-20", report]:
                    page.goto(path)
                    found = page.evaluate(MEASURE_CHARTS)
                    assert not found["problems"], f"{path} at {width}px: {len(found['problems'])} chart problems, e.g. {sorted(set(found['problems']))[:8]}"
                    seen[(path, width)] = (found["charts"], found["measured"])
            assert all(charts >= 3 and measured >= 40 for charts, measured in seen.values()), f"too few charts or labels measured: {seen}"
            page.set_viewport_size({"width": 1280, "height": 900})


        def report_as_a_pdf():
            page = tab()
            page.goto("/ratings")
            report = page.eval_on_selector("#table-latest tbody a[href$='/report']", "a => a.getAttribute('href')")
            page.goto(report)
            provider = page.locator("h1").inner_text().removeprefix("An inspection of ")
            caption = page.locator("main .caption").first.inner_text()
            rating = page.locator("#overall-rating .rating").inner_text()
            # The print button is there (with JavaScript) and opens the browser's print dialogue.
            page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
            page.get_by_role("button", name="Print this report").click()
            assert page.evaluate("window.printed") == 1, "Print this report did not open the print dialogue"
            with page.expect_download() as download:
                page.get_by_role("link", name="Download this report as a PDF").click()
            path = os.path.join(workdir, "report.pdf")
            download.value.save_as(path)
            assert download.value.suggested_filename.endswith("-report.pdf"), download.value.suggested_filename
            downloaded = PdfReader(path)
            # A PDF's text may hold the "ﬀ" ligature where a person reads "ff" (Cardiff): compare as read.
            cover = unicodedata.normalize("NFKC", " ".join(downloaded.pages[0].extract_text().split()))
            year = caption.split(" · ")[-1]
            for expected in [provider, f"Inspection year {year}", f"Overall rating {rating}", "version probation-20"]:
                assert expected in cover, f"the cover lacks {expected!r}: {cover[:400]}"
            assert "Key findings" not in cover, "the report starts on the cover page instead of after it"
            assert len(downloaded.pages) >= 4, f"the PDF has only {len(downloaded.pages)} pages"
            # The same words, in the same order, as this browser's own print of the page.
            printed = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
            words = lambda reader: " ".join(" ".join(p.extract_text() for p in reader.pages).split())
            assert words(downloaded) == words(printed), "the PDF differs from the print view"
            assert len(downloaded.pages) == len(printed.pages), f"{len(downloaded.pages)} pages in the PDF, {len(printed.pages)} in the print view"
            # Without JavaScript there is no dead button: only the download link.
            still = tab(javascript=False)
            still.goto(report)
            assert still.get_by_role("button", name="Print this report").count() == 0, "a Print button that needs JavaScript shows without it"
            expect(still.get_by_role("link", name="Download this report as a PDF")).to_be_visible()


        def withdraw_an_inspection():
            inspection = plan_inspection(state["lead"], "Wales CRC", "probation-2018-crc", "2021/22", [])
            page = tab("lead@demo.test")
            page.goto(f"/inspections/{inspection}")
            page.get_by_role("link", name="Withdraw this inspection").click()
            auditor.audit(page, "inspection-withdraw")
            expect(page.locator("main")).to_contain_text("Withdrawing is final")
            with page.expect_navigation():
                page.get_by_role("button", name="Withdraw the inspection").click()
            expect(page.locator(".error-summary")).to_contain_text("Enter the reason for withdrawing the inspection")
            reason = "Wales CRC's contract ends before fieldwork; the new PDUs will be inspected instead."
            type_like_a_person(page.get_by_label("Why is the inspection being withdrawn?"), reason)
            with page.expect_navigation():
                page.get_by_role("button", name="Withdraw the inspection").click()
            assert page.url.endswith(f"/inspections/{inspection}"), page.url
            main = page.locator("main")
            expect(main).to_contain_text("The inspection has been withdrawn.")
            expect(main).to_contain_text(re.compile(r"Withdrawn today at \d{2}:\d{2}\."))
            expect(main).to_contain_text(f"Reason: {reason}")
            assert page.get_by_role("link", name="Withdraw this inspection").count() == 0, "a withdrawn inspection still offers to be withdrawn"
            assert page.get_by_role("button", name="Start sampling").count() == 0, "a withdrawn inspection still offers its next step"
            # The form again, from a bookmark or the history: refused in words, nothing changed.
            page.goto(f"/inspections/{inspection}/withdraw")
            expect(page.locator("main")).to_contain_text("This inspection was withdrawn and can no longer change.")
            audited = server.query(f"SELECT detail FROM audit_events WHERE action = 'transition' AND lower(entity_id) = lower('{inspection}')")
            assert [row[0] for row in audited].count(f"data-requested → withdrawn: {reason}") == 1, f"the withdrawal was not audited once: {audited}"
            page.goto("/inspections")
            expect(page.locator("main")).to_contain_text("Withdrawn")


        def numbered_names_sort_naturally():
            inspection = sampling_inspection()
            page = tab("lead@demo.test")
            page.goto(f"/inspections/{inspection}/sample")
            page.get_by_label("Main sample size").fill("40")
            page.get_by_label("Cases in each extra sample").fill("1")
            page.get_by_label("Extra stratum").select_option(label="Team")
            with page.expect_navigation():
                page.get_by_role("button", name="Draw the sample").click()
            mix = page.locator("table", has=page.locator("caption", has_text="Mix of the main sample"))
            strata = mix.locator("tbody tr > :first-child").all_inner_texts()
            groups = {}
            for stratum in strata:
                found = re.match(r"(.*) · Team (\d+)$", stratum.strip())
                assert found, f"a stratum without its team: {stratum!r}"
                groups.setdefault(found.group(1), []).append(int(found.group(2)))
            assert any(max(numbers) >= 10 for numbers in groups.values()), f"no team numbered 10 or more drawn: {groups}"
            for group, numbers in groups.items():
                assert numbers == sorted(numbers), f"{group}: teams in the order {numbers}, not Team 2 before Team 10"


        def where_i_am_signed_in():
            desk = tab("inspector-2@demo.test")
            other = tab("inspector-2@demo.test")
            desk.get_by_role("link", name="Where I am signed in").click()
            auditor.audit(desk, "account-sessions")
            table = desk.get_by_role("list", name="My sessions")
            expect(table.locator("li")).to_have_count(2)
            expect(table).to_contain_text("This device")
            expect(table).to_contain_text(re.compile(r"Chromium on Linux|Chrome on Linux"))
            main = desk.locator("main").inner_text()
            assert not ISO_TIMESTAMP.search(main) and not re.search(r"[0-9a-f]{64}", main), f"codes where a person reads: {main[:400]}"
            with desk.expect_navigation():
                desk.get_by_role("button", name="End this session").click()
            expect(desk.locator("main")).to_contain_text("The session has been ended.")
            expect(table.locator("li")).to_have_count(1)
            other.goto("/my-cases")  # a bookmarked staff page on the other device
            assert "/login" in other.url, "the ended session still opens a staff page"
            desk.goto("/my-cases")
            desk.go_back()
            desk.reload()
            assert "/login" not in desk.url and desk.url.endswith("/account/sessions"), f"ending another session signed this one out: {desk.url}"


        def change_the_plan():
            page = state["lead-tab"]
            inspection = state["sampling"]
            page.goto(f"/inspections/{inspection}")
            page.get_by_role("link", name="Change the dates, lead or team").click()
            auditor.audit(page, "inspection-edit")
            page.get_by_label("Fieldwork ends").fill("2020-11-01")
            with page.expect_navigation():
                page.get_by_role("button", name="Save the plan").click()
            expect(page.locator(".error-summary")).to_contain_text("Fieldwork must end on or after the day it starts")
            page.get_by_label("Fieldwork ends").fill("2020-12-04")
            page.get_by_label("inspector@demo.test", exact=True).uncheck()  # still holds cases: refused
            with page.expect_navigation():
                page.get_by_role("button", name="Save the plan").click()
            expect(page.locator(".error-summary")).to_contain_text("inspector@demo.test still has")
            page.get_by_label("inspector@demo.test", exact=True).check()
            page.get_by_label("inspector-2@demo.test", exact=True).check()
            with page.expect_navigation():
                page.get_by_role("button", name="Save the plan").click()
            expect(page.locator("main")).to_contain_text("2020-11-02 to 2020-12-04")
            expect(page.locator("main")).to_contain_text("inspector-2@demo.test")
            audited = server.query("SELECT detail FROM audit_events WHERE action = 'update' AND entity_type = 'inspection' AND detail LIKE 'plan changed%'")
            assert audited and "2020-12-04" in audited[-1][0], f"the change of plan was not audited: {audited}"

        suite.check("1a. autosave after every answer and rationale, at a person's pace, never conflicts with itself", autosave_never_conflicts_with_itself)
        suite.check("1b. Save and continue while an autosave is on its way does not conflict", save_while_an_autosave_is_on_its_way, depends=False)
        suite.check("1c. a colleague's change: named, time in words, both versions, the typed text kept", a_real_conflict_loses_nothing, depends=False)
        suite.check("1d. a failed autosave is shown and the text stays", a_failed_autosave_is_shown_and_keeps_the_text, depends=False)
        suite.check("2a. a bookmarked staff page after signing out: sign in, then back to it", bookmarks_after_signing_out, depends=False)
        suite.check("2b. browsers get HTML error pages; the API keeps JSON", html_error_pages_for_browsers, depends=False)
        suite.check("3a. a case cannot be completed while a 'not sufficient' answer has no rationale", no_completion_without_a_needed_rationale, depends=False)
        suite.check("3b. contradicting or half-filled case facts are refused, nothing saved", contradicting_or_half_filled_facts_are_refused, depends=False)
        suite.check("3c. check your answers shows the facts and interviews with Change links", check_your_answers_shows_every_section, depends=False)
        suite.check("3d. the whole assessment of a case with JavaScript off, with Back and Forward", whole_assessment_with_javascript_off, depends=False)
        suite.check("6. a row with more columns than the header is refused, naming its line", extra_columns_are_refused_naming_the_line, depends=False)
        suite.check("4a. the sample form warns below the recommended size and refuses an extra sample of 0", sample_form_warns_and_refuses, depends=False)
        suite.check("4b. the lead sees the drawn cases, in words, and is told confirming is final", drawn_cases_shown_before_the_final_confirm, depends=False)
        suite.check("4c. sampling reopens before any case is assessed, and not after", reopen_sampling_before_any_assessment, depends=False)
        suite.check("4d. the lead reassigns a case to another inspector on the team", reassign_a_case, depends=False)
        suite.check("4e. the lead changes the fieldwork dates and the team; bad dates and dropping someone with cases are refused; audited", change_the_plan, depends=False)
        suite.check("4f. the lead withdraws an inspection: a reason is required, shown and audited; nothing moves it on after, even from a bookmark", withdraw_an_inspection, depends=False)
        suite.check("5b. numbered names sort naturally: in the sample's mix by team, Team 2 comes before Team 10", numbered_names_sort_naturally, depends=False)
        suite.check("8. resolving a disagreement shows both markers' rationales; every column has a header", moderation_shows_both_rationales, depends=False)
        suite.check("11. the national table, the home page and the inspection address all lead the public to the one report", one_public_page_per_inspection, depends=False)
        suite.check("5. words, not codes: no ids, codes, ISO timestamps or UUIDs where a person reads", words_not_codes, depends=False)
        suite.check("12. accounts: add (not defaulting to admin), change my password, edit a role, deactivate (sessions end at once), reset; edit a provider with its region from a list", accounts, depends=False)
        suite.check("12b. where I am signed in: both devices listed in words; the other one ended opens no staff page; Back and reload keep this one", where_i_am_signed_in, depends=False)
        suite.check("13. an SFO review's details are corrected later (a submission date added), refused when inconsistent, and audited", sfo_review_edited_and_audited, depends=False)
        suite.check("10. how we rate: every rating links to one explanation with the framework's thresholds; the same sentence everywhere; certainty in the national table", certainty_explained_once, depends=False)
        suite.check("9. long lists: My cases, finding a case by reference or inspector, paging and searching inspections, the rating column at 375px", long_lists, depends=False)
        suite.check("16. a provider uploads both files, submits them, and sees the inspectorate's receipt; 'Completed' only with both", provider_submits_data, depends=False)
        suite.check("15. the annual report, an inspection report and how we rate have working contents lists and headings in order; 'not inspected', not zeros", long_pages_navigate, depends=False)
        suite.check("7. no chart text is cut off, crossed by a line or under 12px, at 1280px and 375px, measured box by box", charts_never_clip, depends=False)
        suite.check("14. a published report downloads as a PDF made on the server: a cover with provider, year, rating and framework version, then the print view; a Print button", report_as_a_pdf, depends=False)
        browser.close()
    server.stop()
    suite.finish()


if __name__ == "__main__":
    main()
