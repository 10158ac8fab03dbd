"""Each role's dashboard at a phone's and a desktop's width: accessible, no sideways scrolling, the header
menu a disclosure on the phone, and the mentor takes the offered seat with one tap.

With KOPIENA_SCREENSHOTS=1 the walk also saves the screenshots in docs/screenshots/ that README links.
"""

import os
from pathlib import Path

import pytest

from tests.browser.conftest import assert_accessible
from tests.browser.test_shell import sign_in

pytestmark = pytest.mark.browser

SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
WIDTHS = {"phone": 360, "desktop": 1280}
ROLES = {
    "mentor": "Grupā “Atbalsta personāla grupa (tiešsaistē)” Jums ir brīva vieta.",
    "educator": "Jūsu nākamās sesijas",
    "supervisor": "Supervīziju vadīšana",
    "coordinator": "Jūsu pašvaldība īsumā",
}


def fits(tab) -> None:
    overflow = tab.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{tab.url} scrolls sideways by {overflow}px at {tab.viewport_size['width']}px"


def test_each_role_reads_their_dashboard_on_a_phone_and_a_desktop(page):
    for role, phrase in ROLES.items():
        page.context.clear_cookies()
        page.set_viewport_size({"width": WIDTHS["desktop"], "height": 900})
        sign_in(page, f"{role}@demo.kopiena.lv")
        page.wait_for_url("**/dashboard/")
        for name, width in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": 900})
            page.goto("/dashboard/")
            assert page.get_by_text(phrase).first.is_visible(), (role, name)
            menu = page.get_by_role("link", name="Sākumpanelis", exact=True)
            if name == "phone":
                # The header collapses into a menu button; the links are one tap away.
                assert not menu.is_visible()
                page.locator("summary", has_text="Izvēlne").click()
                assert menu.is_visible()
                page.locator("summary", has_text="Izvēlne").click()
            else:
                assert menu.is_visible()
                assert not page.locator("summary", has_text="Izvēlne").is_visible()
            fits(page)
            assert_accessible(page)
            if os.environ.get("KOPIENA_SCREENSHOTS"):
                SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                page.screenshot(path=str(SCREENSHOTS / f"dashboard-{role}-{width}.png"), full_page=True)

    # The mentor takes the offered seat from the dashboard with one tap.
    page.context.clear_cookies()
    page.set_viewport_size({"width": WIDTHS["phone"], "height": 900})
    sign_in(page, "mentor@demo.kopiena.lv")
    page.wait_for_url("**/dashboard/")
    page.get_by_role("button", name="Pieņemt vietu").click()
    page.wait_for_url("**/supervision/my/")
    assert page.get_by_text("Vieta ir Jūsu").first.is_visible()
    page.goto("/dashboard/")
    assert page.get_by_text("Jums ir brīva vieta").count() == 0


def test_the_month_grid_fits_320_pixels_and_marks_moved_and_cancelled_sessions(page):
    sign_in(page, "educator@demo.kopiena.lv")
    page.wait_for_url("**/dashboard/")
    page.set_viewport_size({"width": 320, "height": 640})
    found = set()
    page.goto("/calendar/")
    for _month in range(4):
        fits(page)
        for kind in ("moved", "cancelled"):
            if page.locator(f"table.month li.session-{kind}").count():
                found.add(kind)
        page.get_by_role("link", name="Nākamais mēnesis").click()
    assert found == {"moved", "cancelled"}
    assert_accessible(page)
