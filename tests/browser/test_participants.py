"""ESF+ and privacy pages in a real browser: WCAG 2.1 A/AA by axe-core, no sideways scrolling at 320 px."""

import pytest

from tests.browser.conftest import assert_accessible
from tests.browser.test_shell import sign_in

pytestmark = pytest.mark.browser


def _fits(page) -> None:
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px"


def test_the_demo_coordinator_reads_records_reports_and_charts(page):
    sign_in(page, "coordinator@demo.kopiena.lv")
    page.wait_for_url("**/dashboard/")
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ("/participants/", "/participants/reports/", "/participants/figures/", "/participants/events/"):
        page.goto(path)
        _fits(page)
        assert_accessible(page)
    page.goto("/participants/?state=missing_exit")
    page.get_by_role("link", name="Rūta Ezera").click()
    _fits(page)
    assert_accessible(page)


def test_the_demo_educator_sees_participation_and_own_data(page):
    sign_in(page, "educator@demo.kopiena.lv")
    page.wait_for_url("**/dashboard/")
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ("/participation/", "/participation/supervision/optional/", "/my-data/"):
        page.goto(path)
        _fits(page)
        assert_accessible(page)
    page.get_by_role("link", name="Gatavs lejupielādei").click()
    assert_accessible(page)
    assert page.locator("a[download]").count() == 1
