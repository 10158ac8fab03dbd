import pytest

from tests.browser.conftest import DEMO_PASSWORD, assert_accessible

pytestmark = pytest.mark.browser


def sign_in(tab, email: str) -> None:
    tab.goto("/accounts/login/")
    tab.get_by_label("E-pasts").fill(email)
    tab.get_by_label("Parole").fill(DEMO_PASSWORD)
    tab.get_by_role("button", name="Pieteikties").click()


def test_mentor_signs_in_lands_on_the_dashboard_and_switches_to_english(page):
    page.goto("/")
    assert page.locator("html").get_attribute("lang") == "lv"
    assert_accessible(page)

    page.goto("/accounts/login/")
    assert_accessible(page)
    sign_in(page, "mentor@demo.kopiena.lv")
    page.wait_for_url("**/dashboard/")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Sveicināti, Līga")
    assert_accessible(page)

    page.get_by_role("button", name="English").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("heading", level=1).inner_text().startswith("Welcome, Līga")
    assert_accessible(page)

    page.goto("/profile/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page)


def test_skip_link_moves_focus_to_the_main_content(page):
    page.goto("/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Pāriet uz galveno saturu"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_pages_fit_a_320_pixel_wide_screen(page):
    page.set_viewport_size({"width": 320, "height": 640})
    for path in ["/", "/accounts/login/", "/par-programmu/", "/pieklustamibas-pazinojums/"]:
        page.goto(path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
        assert_accessible(page)
