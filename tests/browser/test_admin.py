"""An editor reads the Wagtail admin in Latvian in a real browser, and axe-core finds no WCAG 2.1 A/AA
problem in the page editor of a lesson."""

import pytest

from courses.models import LessonPage
from tests.browser.conftest import assert_accessible
from tests.browser.test_shell import sign_in
from tests.lms.test_admin_latvian import ENGLISH_PATTERN

pytestmark = pytest.mark.browser


def english_on(tab) -> list[str]:
    return sorted(set(ENGLISH_PATTERN.findall(tab.inner_text("body"))))


def test_editor_reads_the_admin_and_the_lesson_editor_in_latvian(page):
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    sign_in(page, "editor@demo.kopiena.lv")
    page.wait_for_url("**/dashboard/")

    page.goto("/admin/")
    page.wait_for_load_state("networkidle")
    menu = page.get_by_role("navigation", name="Galvenā izvēlne")
    for label in ("Lapas", "Attēli", "Dokumenti", "Fragmenti", "Pārskati", "Palīdzība"):
        assert menu.get_by_text(label, exact=True).first.is_visible(), label
    assert english_on(page) == []
    assert_accessible(page)

    lesson = LessonPage.objects.live().filter(locale__language_code="lv").first()
    page.goto(f"/admin/pages/{lesson.pk}/edit/")
    page.wait_for_load_state("networkidle")
    assert page.get_by_role("button", name="Saglabāt melnrakstu").is_visible()
    assert page.get_by_role("tab", name="Popularizēšana").is_visible()
    status = page.get_by_role("link", name="Publicēta. Redzama visiem. Atvērt publicēto lapu")
    assert status.is_visible()
    assert english_on(page) == []
    # The rich text box is named after its field, as a label would name it.
    textbox = page.locator('.public-DraftEditor-content[role="textbox"]').first
    assert textbox.get_attribute("aria-labelledby")
    assert_accessible(page)

    assert [url for url in requests if "gravatar" in url] == []


def test_the_site_icon_is_served(page):
    for path, kind in [("/static/favicon.svg", "image/svg+xml"), ("/static/favicon-32.png", "image/png")]:
        response = page.request.get(path)
        assert response.status == 200, path
        assert response.headers["content-type"].startswith(kind)
    page.goto("/")
    assert page.locator('link[rel="icon"][type="image/svg+xml"]').get_attribute("href") == "/static/favicon.svg"
