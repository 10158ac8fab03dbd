"""The mentor's and coordinator's course pages in a real browser: axe-core finds no WCAG 2.1 A/AA problem."""

import pytest

from tests.browser import conftest as browser
from tests.browser.conftest import assert_accessible
from tests.browser.test_shell import sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

demo_site = browser.demo_site  # the browser fixtures, shared with tests/browser
page = browser.page

COURSE = "/kursi/jauniesu-mentoringa-pamati/"


def test_mentor_continues_the_programme_and_is_stopped_at_a_locked_module(page):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(COURSE)
    assert_accessible(page)
    sign_in(page, "mentor@demo.kopiena.lv")
    page.wait_for_url("**/dashboard/")
    page.get_by_role("link", name="Mana mācīšanās").first.click()
    assert_accessible(page)
    page.get_by_role("link", name="Turpināt, kur palikāt").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Sadarbība ar atbalsta personālu"
    assert_accessible(page)
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    page.get_by_role("button", name="Atzīmēt kā pabeigtu un turpināt").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Kad jāziņo"

    page.goto(COURSE + "merki-un-motivacija/merku-izvirzisana/")
    assert "Riska pazīmju atpazīšana" in page.content()
    assert_accessible(page)


def test_a_quiz_page_and_the_cohort_view_are_accessible(page):
    sign_in(page, "mentor@demo.kopiena.lv")
    page.wait_for_url("**/dashboard/")
    page.goto(COURSE + "mentora-loma/robezas-un-etika/")
    assert_accessible(page)
    page.get_by_role("button", name="Iziet").click()
    sign_in(page, "coordinator@demo.kopiena.lv")
    page.wait_for_url("**/dashboard/")
    page.goto("/learning/cohorts/")
    assert_accessible(page)
    page.get_by_role("link", name="Valmieras mentori – 2026. gada pavasaris").click()
    assert "Līga" in page.content()
    assert_accessible(page)
