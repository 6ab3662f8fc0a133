"""The whole inspection journey in a real browser: Debian's Chromium, headless, driven by
Playwright, against the real server on a fresh SQLite database with the demo data.

A lead inspector signs in, plans an inspection, uploads a bad caseload (and reads its error
summary) and then a good one, draws and confirms the sample; an inspector assesses a case with
the keyboard alone and sees the ratings move; the other cases are assessed, a quality lead
second-marks the moderation sample, the lead confirms and publishes; an anonymous visitor reads
the report and the national ratings table.

Every page visited is checked with axe-core against WCAG 2.2 AA (no serious or critical
violations) and screenshotted at 1280px and 375px into ARTIFACTS (default
.build/e2e-artifacts/browser), where the page must also not scroll sideways.

usage: python Tests/e2e/browser_journey.py
"""
import os
import re
import shutil
import tempfile
from urllib.parse import urlparse

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect, sync_playwright

from support import ROOT, PASSWORD, Server, Suite

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = os.environ.get("ARTIFACTS") or os.path.join(ROOT, ".build", "e2e-artifacts", "browser")
BAD_CASELOAD = os.path.join(ROOT, "Tests", "corpus", "caseload", "wrong-header.csv")

# WCAG 2.0, 2.1 and 2.2 at levels A and AA. No rule is disabled.
WCAG_22_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]
BLOCKING = {"serious", "critical"}


class Auditor:
    """Runs axe and takes the two screenshots on every page a browser tab lands on."""

    def __init__(self, artifacts=ARTIFACTS):
        self.artifacts = artifacts
        self.axe = Axe()
        self.audited = []
        self.visited = set()
        self.screenshotted = set()
        self.minor = 0
        shutil.rmtree(artifacts, ignore_errors=True)
        os.makedirs(artifacts)

    def watch(self, page):
        page.on("framenavigated", lambda frame: frame == page.main_frame and self.visited.add(self.key(frame.url)))

    @staticmethod
    def key(url):
        return urlparse(url).path

    def audit(self, page, name):
        page.wait_for_load_state("load")
        results = self.axe.run(page, options={"runOnly": {"type": "tag", "values": WCAG_22_AA}, "resultTypes": ["violations"]})
        violations = results.response["violations"]
        blocking = [v for v in violations if v.get("impact") in BLOCKING]
        self.minor += len(violations) - len(blocking)
        if blocking:
            details = "\n".join(
                f"    {v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}" for v in blocking)
            raise AssertionError(f"axe found {len(blocking)} serious or critical WCAG 2.2 AA violations on {page.url}:\n{details}")
        self.audited.append(self.key(page.url))
        if name in self.screenshotted:  # one pair of screenshots for each kind of page
            return
        self.screenshotted.add(name)
        index = len(self.screenshotted)
        for width in (1280, 375):
            page.set_viewport_size({"width": width, "height": 900})
            page.screenshot(path=os.path.join(self.artifacts, f"{index:02d}-{name}-{width}.png"), full_page=True)
            overflow = page.evaluate("document.documentElement.scrollWidth")
            if overflow > width:
                culprits = page.evaluate(
                    """w => [...document.querySelectorAll('body *')].filter(e => e.getBoundingClientRect().right > w)
                           .slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))""", width)
                raise AssertionError(f"{page.url} scrolls sideways at {width}px (scrollWidth {overflow}): {culprits}")
        page.set_viewport_size({"width": 1280, "height": 900})


def tab_to(page, selector, limit=400):
    """Moves focus with Tab alone until the element matching `selector` has it."""
    for _ in range(limit):
        if page.evaluate("s => document.activeElement && document.activeElement.matches(s)", selector):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"{selector} cannot be reached with the Tab key on {page.url}")


def keyboard_choose(page, name, value):
    """Chooses a radio button as a keyboard user does: Tab into the group, arrows to the choice."""
    tab_to(page, f'input[type=radio][name="{name}"]')
    for _ in range(6):
        if page.evaluate("s => document.activeElement.matches(s) && document.activeElement.checked", f'input[name="{name}"][value="{value}"]'):
            return
        page.keyboard.press("ArrowDown")
    raise AssertionError(f"could not choose {value} for {name} with the arrow keys")


def keyboard_type(page, selector, text):
    tab_to(page, selector)
    page.keyboard.press("Control+A")
    page.keyboard.type(text)


def press(page, button):
    """Clicks the named button and waits for the page it leads to."""
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def keyboard_press_button(page, selector):
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def main():
    suite = Suite("browser")
    workdir = tempfile.mkdtemp(prefix="inspectorate-browser-")
    server = Server(workdir)
    state = {}
    auditor = Auditor()

    def start_server():
        server.command("demo")
        server.start()

    suite.check("start the server on a fresh SQLite database with the demo data", start_server)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])

        def tab(email=None):
            context = browser.new_context(base_url=server.url, viewport={"width": 1280, "height": 900})
            page = context.new_page()
            auditor.watch(page)
            if email:
                page.goto("/login")
                auditor.audit(page, "login")
                page.get_by_label("Email").fill(email)
                page.get_by_label("Password").fill(PASSWORD)
                press(page, "Sign in")
                assert "/login" not in page.url, f"{email} could not sign in"
                auditor.audit(page, "home-" + email.split("@")[0])
            return page

        def transition(page, button):
            page.goto(f"/inspections/{state['id']}")
            press(page, button)
            auditor.audit(page, "inspection")

        def sign_in_as_lead():
            state["lead"] = tab("lead@demo.test")

        def plan_inspection():
            page = state["lead"]
            page.goto("/inspections/new")
            auditor.audit(page, "plan-form")
            page.get_by_label("Provider").select_option(label="Wales CRC (CRC)")
            page.get_by_label("Standards framework").select_option("probation-2018-crc")
            page.get_by_label("Inspection year").fill("2020/21")
            page.get_by_label("Fieldwork starts").fill("2020-11-02")
            page.get_by_label("Fieldwork ends").fill("2020-11-20")
            page.get_by_label("inspector@demo.test", exact=True).check()
            press(page, "Plan inspection")
            found = re.search(r"/inspections/([0-9A-Fa-f-]{36})$", page.url)
            assert found, f"planning did not lead to the new inspection's page: {page.url}"
            state["id"] = found.group(1)
            expect(page.locator("h1")).to_contain_text("Wales CRC")
            auditor.audit(page, "inspection")

        def upload(page, path):
            page.goto(f"/inspections/{state['id']}/uploads")
            auditor.audit(page, "uploads")
            page.get_by_label("Caseload CSV file").set_input_files(path)
            press(page, "Upload caseload")
            for _ in range(240):  # the job page refreshes itself until the import has finished
                if page.locator("meta[http-equiv=refresh]").count() == 0:
                    return
                page.wait_for_timeout(500)
                page.reload()
            raise AssertionError("the import did not finish within two minutes")

        def upload_bad_then_good():
            page = state["lead"]
            transition(page, "Request data from the provider")
            upload(page, BAD_CASELOAD)
            summary = page.locator(".error-summary")
            expect(summary).to_be_visible()
            expect(summary).to_contain_text("There is a problem")
            auditor.audit(page, "upload-refused")
            good = os.path.join(workdir, "caseload.csv")
            server.command("generate", "caseload", "--rows", "400", "--seed", "11", "--output", good)
            upload(page, good)
            expect(page.locator("main")).to_contain_text("Imported 400 eligible cases")
            auditor.audit(page, "upload-imported")

        def draw_sample():
            page = state["lead"]
            transition(page, "Start sampling")
            page.goto(f"/inspections/{state['id']}/sample")
            auditor.audit(page, "sample-form")
            page.get_by_label("Main sample size").fill("3")
            page.get_by_label("Cases in each extra sample").fill("1")
            press(page, "Draw the sample")
            auditor.audit(page, "sample-drawn")
            press(page, "Confirm this sample")
            expect(page.locator("main")).to_contain_text("Sample confirmed: 5 cases")
            auditor.audit(page, "sample-confirmed")
            transition(page, "Start fieldwork")

        def sign_in_as_inspector():
            page = state["inspector"] = tab("inspector@demo.test")
            page.goto(f"/inspections/{state['id']}/cases")
            auditor.audit(page, "cases")
            state["cases"] = page.eval_on_selector_all(
                "main a[href*='/cases/']", "links => [...new Set(links.map(a => new URL(a.href).pathname))]")
            assert len(state["cases"]) == 5, f"expected the 5 sampled cases, found {state['cases']}"

        def ratings_text(page):
            page.goto(f"/inspections/{state['id']}/ratings")
            auditor.audit(page, "ratings")
            return page.locator("main").inner_text()

        def assess_by_keyboard():
            page = state["inspector"]
            state["ratings-before"] = ratings_text(page)
            case = state["cases"][0]
            page.goto(f"/inspections/{state['id']}/cases")  # the starting point; from here on, the keyboard alone
            auditor.audit(page, "cases")

            def follow(link):
                tab_to(page, f'a[href="{link}"]')
                with page.expect_navigation():
                    page.keyboard.press("Enter")

            follow(case)
            auditor.audit(page, "case")
            tasks = page.eval_on_selector_all("main .task-list a", "links => links.map(a => new URL(a.href).pathname)")
            for task in tasks:
                if urlparse(page.url).path != case:
                    follow(case)  # the back link or breadcrumb to the case
                follow(task)
                auditor.audit(page, "case-task")
                for name in page.eval_on_selector_all("main input[type=radio]", "rs => [...new Set(rs.map(r => r.name))]"):
                    choice = "sufficient" if name.startswith("answer-") else page.eval_on_selector(
                        f'input[name="{name}"]', "r => r.value")
                    keyboard_choose(page, name, choice)
                for textarea in page.eval_on_selector_all("main textarea", "ts => ts.map(t => t.id)"):
                    keyboard_type(page, f'[id="{textarea}"]', "Evidence seen in the case record and at interview.")
                for select in page.eval_on_selector_all("main select", "ss => ss.map(s => s.id)"):
                    tab_to(page, f'[id="{select}"]')
                    page.keyboard.press("ArrowDown")
                for text in page.eval_on_selector_all("main input[type=text], main input[type=number]", "ts => ts.map(t => t.id)"):
                    if not page.eval_on_selector(f'[id="{text}"]', "t => t.value"):
                        keyboard_type(page, f'[id="{text}"]', "1")
                keyboard_press_button(page, "main form button[type=submit]")
                auditor.audit(page, "case-saved")
                assert "There is a problem" not in page.locator("main").inner_text(), f"saving {task} was refused"
            if urlparse(page.url).path != case:
                follow(case)
            follow(case + "/check")
            auditor.audit(page, "case-check")
            keyboard_press_button(page, "main form button[type=submit]")
            expect(page.locator("main")).not_to_contain_text("There is a problem")
            auditor.audit(page, "case-completed")

        def ratings_update():
            after = ratings_text(state["inspector"])
            assert after != state["ratings-before"], "the ratings page did not change after a case was assessed"
            open(os.path.join(ARTIFACTS, "ratings-after.txt"), "w").write(after)
            assert "1 of 1" not in state["ratings-before"]
            # Wilson's 95% interval for 1 of 1 is 20.7–100.0%.
            assert re.search(r"2\.1 Assessment\s+Outstanding\s+2\.1\.1\s+1 of 1\s+100\.0% \(20\.7–100\.0%\)", after), f"2.1 is not rated from one case: {after[:1500]}"

        def assess_the_rest():
            page = state["inspector"]
            for case in state["cases"][1:]:
                page.goto(case)
                auditor.audit(page, "case")
                tasks = page.eval_on_selector_all("main .task-list a", "links => links.map(a => new URL(a.href).pathname)")
                for task in tasks:
                    page.goto(task)
                    auditor.audit(page, "case-task")
                    for name in page.eval_on_selector_all("main input[type=radio]", "rs => [...new Set(rs.map(r => r.name))]"):
                        page.locator(f'input[name="{name}"]').first.check()
                    for textarea in page.locator("main textarea").all():
                        textarea.fill("Evidence seen in the case record.")
                    for text in page.locator("main input[type=text], main input[type=number]").all():
                        if not text.input_value():
                            text.fill("1")
                    with page.expect_navigation():
                        page.locator("main form button[type=submit]").first.click()
                    auditor.audit(page, "case-saved")
                page.goto(case + "/check")
                auditor.audit(page, "case-check")
                with page.expect_navigation():
                    page.locator("main form button[type=submit]").first.click()
                expect(page.locator("main")).not_to_contain_text("There is a problem")
                auditor.audit(page, "case-completed")

        def quality_assure_and_publish():
            lead = state["lead"]
            transition(lead, "Start quality assurance")
            page = lead
            page.goto(f"/inspections/{state['id']}")
            links = page.eval_on_selector_all("main a[href*='/organisational/']", "links => [...new Set(links.map(a => new URL(a.href).pathname))]")
            assert links, "no organisational standards to rate"
            for link in links:
                page.goto(link)
                auditor.audit(page, "organisational")
                page.get_by_label("Good", exact=True).check()
                page.locator("main textarea").first.fill("Seen in meetings with managers and staff.")
                with page.expect_navigation():
                    page.locator("main form button[type=submit]").first.click()
                auditor.audit(page, "organisational-saved")
            quality = tab("quality@demo.test")
            quality.goto(f"/inspections/{state['id']}/moderation")
            auditor.audit(quality, "moderation")
            quality.get_by_label("Percentage of assessed cases").fill("")
            quality.get_by_label("Or a number of cases").fill("1")
            press(quality, "Draw the moderation sample")
            auditor.audit(quality, "moderation-drawn")
            case = quality.eval_on_selector("main a[href*='/moderation/cases/']", "a => new URL(a.href).pathname")
            quality.goto(case)
            auditor.audit(quality, "moderation-mark")
            for name in quality.eval_on_selector_all("main input[type=radio]", "rs => [...new Set(rs.map(r => r.name))]"):
                quality.locator(f'input[name="{name}"][value="sufficient"]').check()
            with quality.expect_navigation():
                quality.locator("main form button[type=submit]").first.click()
            auditor.audit(quality, "moderation-compared")
            transition(lead, "Confirm the ratings")
            transition(lead, "Publish")
            expect(lead.locator("main")).to_contain_text("Published")

        def public_report():
            visitor = tab()
            visitor.goto(f"/inspections/{state['id']}/report")
            auditor.audit(visitor, "public-report")
            expect(visitor.locator("h1")).to_contain_text("Wales CRC")
            assert re.search(r"\d+\.\d% \(\d+\.\d–\d+\.\d%\) \d+ of 3", visitor.locator("main").inner_text()), "the report shows no '… of 3' figure"
            visitor.goto("/ratings")
            auditor.audit(visitor, "national-ratings")
            # The table opens on the latest year (2023/24); the visitor picks the year they want.
            visitor.get_by_label("Inspection year").select_option("2020/21")
            with visitor.expect_navigation():
                visitor.get_by_role("button", name="Apply filters").click()
            auditor.audit(visitor, "national-ratings-2020-21")
            table = visitor.locator("main table", has=visitor.locator("caption", has_text="Overall ratings 2020/21"))
            expect(table.locator("tbody tr", has_text="Wales CRC")).to_have_count(1)
            # Its standards are in its framework's own table, under that framework's title.
            standards = visitor.locator("main table", has=visitor.locator("caption", has_text="Community Rehabilitation Companies: ratings 2020/21"))
            expect(standards.locator("tbody tr", has_text="Wales CRC")).to_have_count(1)
            expect(standards.locator("thead")).to_contain_text("4.2 Through the gate")
            expect(visitor.locator("main")).to_contain_text("1 provider shown.")

        def region_and_pdu():
            # The unified service: from the annual report to a region's page, its PDUs side by side
            # with their intervals, then a PDU's report and the region's own report, all with axe at
            # 1280px and 375px. A person follows links; Back returns to the region.
            visitor = tab()
            visitor.goto("/annual/2023-24")
            auditor.audit(visitor, "annual-2023-24")
            visitor.get_by_role("link", name="North East", exact=True).click()
            expect(visitor.locator("h1")).to_contain_text("North East")
            auditor.audit(visitor, "annual-region")
            table = visitor.locator("main table", has=visitor.locator("caption", has_text="PDUs inspected under"))
            expect(table.locator("tbody tr")).to_have_count(4)
            assert re.search(r"\d+\.\d% \(\d+\.\d–\d+\.\d%\) \d+ of \d+", table.inner_text()), "the PDUs' figures carry no intervals"
            with visitor.expect_navigation():
                table.locator("tbody tr", has_text="Sunderland PDU").get_by_role("link").first.click()
            expect(visitor.locator("h1")).to_contain_text("Sunderland PDU")
            auditor.audit(visitor, "pdu-report")
            # Its staffing, from the workforce figures, with an interval on each rate.
            staffing = visitor.locator("main table", has=visitor.locator("caption", has_text="Staffing"))
            expect(staffing.locator("tbody tr", has_text="Senior probation officers")).to_have_count(1)
            assert re.search(r"\d+\.\d% \(\d+\.\d–\d+\.\d%\) \d+ of \d+", staffing.inner_text()), "the staffing rates carry no intervals"
            visitor.go_back()
            expect(visitor.locator("h1")).to_contain_text("North East")
            with visitor.expect_navigation():
                visitor.locator("main p a", has_text="North East region 2023/24").click()
            auditor.audit(visitor, "region-report")
            pooled = visitor.locator("#pooled + p + ul li")
            expect(pooled).to_have_count(4)
            expect(visitor.locator("main")).to_contain_text("Rated from its PDUs' inspections")

        def monitoring():
            # The lead's monitoring page, reached from the main navigation, with axe.
            lead = state["lead"]
            lead.goto("/")
            with lead.expect_navigation():
                lead.locator("header nav").get_by_role("link", name="Monitoring", exact=True).click()
            expect(lead.locator("h1")).to_have_text("Monitoring between inspections")
            auditor.audit(lead, "monitoring")
            expect(lead.locator("main")).to_contain_text("percentage points")

        def provider_sends_a_return():
            # The provider's own user finds their monitoring page from the navigation, sends a
            # return with a wrong file (refused, nothing kept), then a right one.
            page = tab("provider@demo.test")
            page.goto("/")
            with page.expect_navigation():
                page.locator("header nav").get_by_role("link", name="Monitoring", exact=True).click()
            with page.expect_navigation():
                page.locator("main").get_by_role("link", name="Thames Valley CRC").click()
            expect(page.locator("h2#send-return")).to_have_text("Send a quarterly return")
            auditor.audit(page, "monitoring-provider")
            keyboard_type(page, '[id="period"]', "2024-Q4")
            page.get_by_label("Caseload CSV file").set_input_files(BAD_CASELOAD)
            press(page, "Send return")
            summary = page.locator(".error-summary")
            expect(summary).to_be_visible()
            expect(summary).to_contain_text("wrong-header.csv")
            expect(page.locator('[id="period"]')).to_have_value("2024-Q4")
            auditor.audit(page, "monitoring-return-refused")
            good = os.path.join(workdir, "return.csv")
            server.command("generate", "caseload", "--rows", "120", "--seed", "5", "--output", good)
            page.get_by_label("Caseload CSV file").set_input_files(good)
            press(page, "Send return")
            expect(page.locator("main")).to_contain_text("Recorded Thames Valley CRC's return for October to December 2024: 120 cases.")
            auditor.audit(page, "monitoring-return-recorded")
            # The page after sending is an address of its own: reloading it, or opening it from a
            # bookmark, shows the provider's page and sends nothing again.
            assert page.url.endswith("/monitoring/thames-valley"), page.url
            page.reload()
            page.goto(page.url)
            expect(page.locator("h1")).to_contain_text("Thames Valley CRC")
            rows = server.query("SELECT count(*) FROM data_returns r JOIN providers p ON p.id = r.provider_id WHERE p.code = 'thames-valley'")
            assert rows and rows[0][0] == "1", f"expected one return kept, found {rows}"

        def essex_in_fieldwork():
            rows = server.query(
                "SELECT i.id FROM inspections i JOIN providers p ON p.id = i.provider_id WHERE p.code = 'essex' AND i.state = 'fieldwork'")
            assert rows, "the demo has no Essex inspection in fieldwork"
            return rows[0][0]

        def open_essex_task(lead, task):
            """Opens Essex's fieldwork inspection and follows one task from its list; returns its id."""
            essex = essex_in_fieldwork()
            lead.goto(f"/inspections/{essex}")
            auditor.audit(lead, "inspection")
            with lead.expect_navigation():
                lead.locator("main").get_by_role("link", name=task).click()
            return essex

        def quality_publishes_sfo_summary():
            # The quality lead opens 2020/21's reviews from the SFO list, publishes the summary
            # with the keyboard, and lands on the public page; an anonymous visitor then finds
            # it in the list of summaries, with no review's reference anywhere on it.
            quality = tab("quality@demo.test")
            quality.goto("/sfo")
            auditor.audit(quality, "sfo")
            with quality.expect_navigation():
                quality.locator("main").get_by_role("link", name="2020/21").click()
            expect(quality.locator("h1")).to_have_text("Annual summary 2020/21")
            auditor.audit(quality, "sfo-year")
            keyboard_press_button(quality, "form[action$='/publish'] button[type=submit]")
            expect(quality.locator("main")).to_contain_text("The summary for 2020/21 is published.")
            assert quality.url.endswith("/sfo-summaries/2020-21"), quality.url
            auditor.audit(quality, "sfo-published")
            published = server.query("SELECT count(*) FROM sfo_publications WHERE year_label = '2020/21'")
            assert published and published[0][0] == "1", f"expected the year published once, found {published}"
            quality.close()
            # A visitor finds the summaries from the annual reports, as the navigation leads.
            visitor = tab()
            visitor.goto("/")
            with visitor.expect_navigation():
                visitor.locator("header nav").get_by_role("link", name="Annual reports", exact=True).click()
            auditor.audit(visitor, "annual-reports")
            with visitor.expect_navigation():
                visitor.locator("main").get_by_role("link", name="the annual summaries of serious further offence reviews").click()
            auditor.audit(visitor, "sfo-summaries")
            with visitor.expect_navigation():
                visitor.locator("main").get_by_role("link", name="2020/21").click()
            expect(visitor.locator("h1")).to_have_text("Annual summary 2020/21")
            expect(visitor.locator("#table-sfo-by-offence caption")).to_have_text("Reviews by offence, 2020/21")
            auditor.audit(visitor, "sfo-summary")
            assert "SFO-20-" not in visitor.content(), "a review's reference is on the public page"
            # Back returns to the list, as a reader expects.
            visitor.go_back()
            expect(visitor.locator("h1")).to_have_text("Serious further offence reviews: annual summaries")
            visitor.close()

        def lead_follows_up_recommendations():
            # The lead reaches Essex's previous recommendations from the task list, sends a
            # judgement with no evidence (refused beside the field, the choice kept), then gives
            # the evidence with the keyboard at a person's pace, and finds the section in the report.
            lead = state["lead"]
            essex = open_essex_task(lead, "Follow up previous recommendations")
            expect(lead.locator("h1")).to_have_text("Previous recommendations")
            auditor.audit(lead, "follow-up")
            keyboard_choose(lead, "status", "partly-met")
            keyboard_press_button(lead, "main form button[type=submit]")
            summary = lead.locator(".error-summary")
            expect(summary).to_be_visible()
            expect(summary).to_contain_text("Give the evidence for this judgement")
            auditor.audit(lead, "follow-up-refused")
            keyboard_type(lead, '[id="evidence-1"]', "Half the teams now review risk at transfer.")
            keyboard_press_button(lead, "main form button[type=submit]")
            expect(lead.locator("main")).to_contain_text("Saved the judgement: partly met.")
            judged = server.query(
                f"SELECT follow_up_status FROM recommendations WHERE followed_up_in = '{essex}' AND follow_up_evidence LIKE 'Half the teams%'")
            assert judged and judged[0][0] == "partly-met", f"expected the judgement kept, found {judged}"
            lead.goto(f"/inspections/{essex}/report")
            expect(lead.locator("#follow-up")).to_have_text("Progress on previous recommendations")
            auditor.audit(lead, "report-follow-up")

        def lead_records_a_survey_response():
            # The lead reaches Essex's staff survey from the inspection's task list, records an
            # officer's answers with the keyboard at a person's pace, is refused the same officer
            # twice, and finds the figures (never the comment) in the draft report.
            lead = state["lead"]
            essex = open_essex_task(lead, "Surveys of staff and people on probation (optional)")
            auditor.audit(lead, "surveys")
            with lead.expect_navigation():
                lead.locator("main").get_by_role("link", name="Staff survey", exact=True).click()
            expect(lead.locator("h1")).to_have_text("Staff survey")
            auditor.audit(lead, "survey")
            before = server.query(f"SELECT count(*) FROM survey_responses WHERE inspection_id = '{essex}'")[0][0]

            def answer(reference):
                tab_to(lead, '[id="respondent"]')
                lead.keyboard.press("Control+A")
                lead.keyboard.type(reference, delay=60)
                keyboard_choose(lead, "workload", "disagree")
                keyboard_choose(lead, "training", "agree")
                tab_to(lead, '[id="comment"]')
                lead.keyboard.type("Caseload over 100% since March.", delay=40)
                keyboard_press_button(lead, "main form button[type=submit]")

            answer("PO-JOURNEY-1")
            expect(lead.locator("main")).to_contain_text("Recorded the response of PO-JOURNEY-1.")
            auditor.audit(lead, "survey-recorded")
            # The same officer again: refused beside the reference, the answers kept on the form.
            answer("PO-JOURNEY-1")
            summary = lead.locator(".error-summary")
            expect(summary).to_be_visible()
            expect(summary).to_contain_text("PO-JOURNEY-1 has already answered this survey")
            expect(lead.locator('input[name="workload"][value="disagree"]')).to_be_checked()
            auditor.audit(lead, "survey-refused")
            after = server.query(f"SELECT count(*) FROM survey_responses WHERE inspection_id = '{essex}'")[0][0]
            assert int(after) == int(before) + 1, f"expected one response kept, {before} before and {after} after"
            # Back to the page with the response on it; the draft report has figures, not the words.
            lead.go_back()
            lead.goto(f"/inspections/{essex}/report")
            auditor.audit(lead, "report-surveys")
            expect(lead.locator("#surveys")).to_have_text("What staff and people on probation told us")
            assert "Caseload over 100% since March." not in lead.content(), "a survey comment reached the report"

        def programme():
            # Anyone opens the programme from the navigation, picks 2019/20, and goes Back.
            visitor = tab()
            visitor.goto("/")
            with visitor.expect_navigation():
                visitor.locator("header nav").get_by_role("link", name="Programme", exact=True).click()
            expect(visitor.locator("h1")).to_contain_text("Inspection programme")
            auditor.audit(visitor, "programme")
            first = visitor.locator("h1").inner_text()
            with visitor.expect_navigation():
                visitor.get_by_role("navigation", name="Years").get_by_role("link", name="2019/20", exact=True).click()
            expect(visitor.locator("h1")).to_have_text("Inspection programme 2019/20")
            auditor.audit(visitor, "programme-year")
            table = visitor.get_by_role("region", name="Days from fieldwork to publication, by year")
            expect(table).to_contain_text("2018/19")
            expect(visitor.locator("main")).to_contain_text("Overdue")
            visitor.go_back()
            expect(visitor.locator("h1")).to_have_text(first)

        def every_page_audited():
            missing = auditor.visited - set(auditor.audited)
            assert not missing, f"pages visited but not checked with axe: {sorted(missing)}"

        def axe_sees_violations():
            # Proves the checker is live: a page with an unlabelled image and an unlabelled field fails.
            page = browser.new_page()
            page.set_content('<html lang="en"><title>t</title><main><img src="x.png"><input type="text"></main></html>')
            try:
                auditor.audit(page, "axe-self-test")
            except AssertionError as refused:
                assert "image-alt" in str(refused) and "label" in str(refused), str(refused)
            else:
                raise AssertionError("axe passed a page with an unlabelled image and field")
            finally:
                page.close()

        suite.check("axe-core fails a page with known WCAG violations (the checker is live)", axe_sees_violations, depends=False)
        suite.check("1. sign in as the lead inspector", sign_in_as_lead)
        suite.check("2. plan an inspection", plan_inspection)
        suite.check("3. upload a bad caseload (error summary), then a good one", upload_bad_then_good)
        suite.check("4. draw and confirm the sample (3 cases and one in each extra sample), start fieldwork", draw_sample)
        suite.check("5a. the inspector signs in and sees the five cases", sign_in_as_inspector)
        suite.check("5b. assess a case with the keyboard only", assess_by_keyboard)
        suite.check("6. the ratings update", ratings_update)
        suite.check("7a. assess the other cases", assess_the_rest)
        suite.check("7b. moderate, confirm the ratings and publish", quality_assure_and_publish)
        suite.check("8. an anonymous visitor reads the report and the ratings table", public_report)
        suite.check("9. a region's page: its PDUs side by side with intervals, a PDU's report, the region's report (axe, 1280px and 375px)", region_and_pdu, depends=False)
        suite.check("10. the lead's monitoring page, from the navigation (axe)", monitoring, depends=False)
        suite.check("11. the provider sends a quarterly return through the form: a wrong file refused, a right one recorded (axe)", provider_sends_a_return, depends=False)
        suite.check("12. the lead records a staff survey response with the keyboard; the same officer twice is refused (axe)", lead_records_a_survey_response, depends=False)
        suite.check("13. anyone opens the inspection programme from the navigation, picks a year and goes Back (axe)", programme, depends=False)
        suite.check("14. the lead judges a previous recommendation with the keyboard; one with no evidence is refused (axe)", lead_follows_up_recommendations, depends=False)
        suite.check("15. the quality lead publishes 2020/21's SFO summary with the keyboard; a visitor reads it and goes Back (axe)", quality_publishes_sfo_summary, depends=False)
        suite.check("axe ran on every page visited", every_page_audited)
        browser.close()
    server.stop()
    print(f"axe-core checked {len(auditor.audited)} page views against WCAG 2.2 AA ({auditor.minor} moderate or minor findings);"
          f" screenshots at 1280px and 375px in {ARTIFACTS}")
    suite.finish()


if __name__ == "__main__":
    main()
