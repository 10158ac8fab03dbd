"""Each role's dashboard at a phone's and a desktop's width: accessible, no sideways scrolling, the header
menu a disclosure on the phone, and the mentor takes the offered seat with one tap; a supervisor offers a
seat to a person chosen from the waiting list, who takes it.

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


def test_a_supervisor_offers_a_seat_to_a_chosen_waiting_person_who_accepts_it(page):
    sign_in(page, "supervisor@demo.kopiena.lv")
    page.wait_for_url("**/dashboard/")
    page.goto("/supervision/supervising/")
    page.get_by_role("link", name="Valmieras pedagogu supervīzijas grupa A").first.click()
    # Zane is second on the waiting list; the supervisor chooses her, not the first in line.
    page.get_by_role("link", name="Piedāvāt vietu – Zane Jansone").click()
    assert page.get_by_role("heading", name="Piedāvāt vietu: Zane Jansone").is_visible()
    assert page.get_by_text("tiks nosūtīts e-pasts").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Jā, piedāvāt vietu").click()
    assert page.get_by_text("Vieta piedāvāta personai Zane Jansone").is_visible()
    assert_accessible(page)

    page.context.clear_cookies()
    sign_in(page, "zane.demo@demo.kopiena.lv")
    page.wait_for_url("**/dashboard/")
    assert page.get_by_text("Grupā “Valmieras pedagogu supervīzijas grupa A” Jums ir brīva vieta.").is_visible()
    page.get_by_role("button", name="Pieņemt vietu").click()
    page.wait_for_url("**/supervision/my/")
    assert page.get_by_text("Vieta ir Jūsu").first.is_visible()


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
