"""Screenshots of the public reports at 1280px and 375px and in print preview, with Debian's
Chromium driven by Playwright.

usage: .build/venv/bin/python scripts/screenshots.py BASE_URL OUTPUT_DIR

Takes the national ratings page, the annual report of the latest year and the first published
inspection's report. Print preview is the page under print media, as the browser prints it.
"""
import json
import os
import sys
import urllib.request

from playwright.sync_api import sync_playwright

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")


def main():
    base, output = sys.argv[1].rstrip("/"), sys.argv[2]
    os.makedirs(output, exist_ok=True)
    inspections = json.load(urllib.request.urlopen(base + "/api/v1/ratings"))["inspections"]
    latest = max(i["year"] for i in inspections)
    report = next(i for i in inspections if i["year"] == latest)
    pages = {
        "ratings": "/ratings",
        "annual-report": "/annual/" + latest.replace("/", "-"),
        "inspection-report": "/inspections/" + report["id"] + "/report",
    }
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for name, path in pages.items():
            for width in (1280, 375):
                page = browser.new_page(viewport={"width": width, "height": 900})
                page.goto(base + path)
                page.screenshot(path=f"{output}/{name}-{width}.png", full_page=True)
                if width == 1280:
                    page.emulate_media(media="print")
                    page.screenshot(path=f"{output}/{name}-print.png", full_page=True)
                    page.pdf(path=f"{output}/{name}.pdf", format="A4")
                page.close()
        browser.close()
    print(f"{len(pages) * 3} screenshots and {len(pages)} PDFs in {output}")


if __name__ == "__main__":
    main()
