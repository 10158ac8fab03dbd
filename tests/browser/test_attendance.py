import pytest
from django.utils import timezone

from scheduling.models import Session
from tests.browser.conftest import assert_accessible
from tests.browser.test_shell import sign_in

pytestmark = pytest.mark.browser


def test_the_demo_supervisor_corrects_a_register_on_a_320_pixel_phone(page):
    session = (
        Session.objects.scheduled()
        .filter(group__title="Valmieras pedagogu supervīzijas grupa A", ends_at__lte=timezone.now())
        .order_by("-starts_at")
        .first()
    )
    sign_in(page, "supervisor@demo.kopiena.lv")
    page.wait_for_url("**/dashboard/")
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(f"/supervision/sessions/{session.pk}/register/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the register scrolls sideways by {overflow}px"
    assert_accessible(page)
    page.get_by_role("button", name="Ar nokavēšanos – Ilze Kalna").click()
    assert page.get_by_text("Saglabāts: Ilze Kalna.").is_visible()
    assert page.get_by_role("button", name="Ar nokavēšanos – Ilze Kalna").get_attribute("aria-pressed") == "true"
    page.goto(f"/supervision/groups/{session.group_id}/attendance/")
    assert_accessible(page)


def test_the_demo_coordinator_sees_who_is_at_risk(page):
    sign_in(page, "coordinator@demo.kopiena.lv")
    page.wait_for_url("**/dashboard/")
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/supervision/at-risk/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"the at-risk page scrolls sideways by {overflow}px"
    assert_accessible(page)


def test_the_demo_educator_sees_hours_and_the_check_in_form(page):
    sign_in(page, "educator@demo.kopiena.lv")
    page.wait_for_url("**/dashboard/")
    page.set_viewport_size({"width": 320, "height": 640})
    upcoming = (
        Session.objects.scheduled()
        .filter(group__title="Valmieras pedagogu supervīzijas grupa A", starts_at__gt=timezone.now())
        .order_by("starts_at")
        .first()
    )
    for path in ["/supervision/hours/", f"/supervision/sessions/{upcoming.pk}/notice/", "/checkin/"]:
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
        assert_accessible(page)
    # The demo has a session of group A on now, so a mistyped code is refused as wrong, not as closed.
    page.get_by_label("Atzīmēšanās kods").fill("123456")
    page.get_by_role("button", name="Atzīmēties").click()
    assert page.get_by_text("Kods nav pareizs").is_visible()
