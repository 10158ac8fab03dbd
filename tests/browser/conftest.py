import io
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from tests.conftest import need

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
DEMO_PASSWORD = "browser-demo-password"


@pytest.fixture
def demo_site(request):
    """The demo data, committed so the live server's threads see it (tests are marked browser, so the
    database is restored afterwards; see tests/conftest.py)."""
    request.getfixturevalue("transactional_db")
    call_command("seed_demo", password=DEMO_PASSWORD, stdout=io.StringIO())


@pytest.fixture
def page(demo_site, live_server, monkeypatch):
    need(Path(CHROMIUM).exists(), "Chromium is not installed (apt-get install chromium)")
    need(AXE.exists(), "axe-core is not installed (npm ci)")
    # Playwright's sync API runs an event loop in this thread; the test's ORM use is still synchronous.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        context = browser.new_context(base_url=live_server.url, locale="lv-LV")
        tab = context.new_page()
        tab.set_default_timeout(15_000)
        yield tab
        context.close()
        browser.close()


def assert_accessible(tab) -> None:
    """Run axe-core on the current page; any WCAG 2.1 A/AA violation fails the test with its details."""
    # Evaluated through the browser's debugging protocol, not as an inline <script>, so the site's
    # Content-Security-Policy stays in force for the page under test.
    tab.evaluate(AXE.read_text() + "\n;undefined")
    result = tab.evaluate("async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})", WCAG_TAGS)
    problems = [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:5]}"
        for v in result["violations"]
    ]
    assert problems == [], f"{tab.url}:\n" + "\n".join(problems)
