import re
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import assert_accessible
from tests.browser.test_shell import sign_in

pytestmark = pytest.mark.browser


def test_the_demo_educator_books_cancels_and_books_again_then_finds_the_feed(page):
    sign_in(page, "educator@demo.kopiena.lv")
    page.wait_for_url("**/dashboard/")
    page.goto("/supervision/")
    assert_accessible(page)
    assert page.get_by_role("link", name="Jelgavas pedagogu supervīzijas grupa").count() == 0  # not his municipality
    page.get_by_role("link", name="Vienreizēja supervīzija: pārmaiņu vadība skolā").click()
    assert_accessible(page)

    page.get_by_role("button", name="Rezervēt vietu").click()
    assert page.get_by_text("Jūsu vieta ir rezervēta").is_visible()
    page.get_by_role("link", name="Atteikties no vietas").click()  # a confirmation page, not the action
    assert page.get_by_role("heading", name="Kas notiks").is_visible()
    assert_accessible(page)
    page.get_by_role("button", name="Jā, atteikties no vietas").click()
    assert page.get_by_text("Jūsu rezervācija ir atcelta").is_visible()
    page.goto("/supervision/")
    page.get_by_role("link", name="Vienreizēja supervīzija: pārmaiņu vadība skolā").click()
    page.get_by_role("button", name="Rezervēt vietu").click()
    assert page.get_by_text("Jūsu vieta ir rezervēta").is_visible()

    page.goto("/calendar/")
    assert_accessible(page)
    feed = page.get_by_label("Jūsu kalendāra saite").input_value()
    assert re.search(r"/calendar/feed/[\w-]+\.ics$", feed)
    assert (
        page.get_by_role("link", name="Atvērt manā kalendāra lietotnē (webcal)")
        .get_attribute("href")
        .startswith("webcal://")
    )
    body = page.request.get(urlsplit(feed).path).text()  # SITE_URL differs from the live server's address
    assert body.startswith("BEGIN:VCALENDAR") and "BEGIN:VEVENT" in body


def test_scheduling_pages_fit_a_320_pixel_wide_screen(page):
    sign_in(page, "supervisor@demo.kopiena.lv")
    page.wait_for_url("**/dashboard/")
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ["/supervision/supervising/", "/calendar/", "/supervision/"]:
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
        assert_accessible(page)
