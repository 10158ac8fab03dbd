import pytest

from tests.browser.conftest import assert_accessible
from tests.browser.test_shell import sign_in

pytestmark = pytest.mark.browser


def test_an_educator_finds_a_material_without_diacritics_and_cannot_open_a_mentors_file(page):
    from materials.models import Material

    mentors_only = Material.objects.get(title="Mentora rokasgrāmata: pirmās tikšanās")
    sign_in(page, "educator@demo.kopiena.lv")
    page.wait_for_url("**/dashboard/")
    page.goto("/materials/")
    assert_accessible(page)
    page.get_by_role("textbox", name="Meklēt").fill("sarunas ar vecakiem")
    page.get_by_role("button", name="Rādīt").click()
    page.get_by_role("link", name="Sarunas ar vecākiem: septiņi jautājumi").click()
    assert_accessible(page)
    with page.expect_download() as download:
        page.get_by_role("link", name="Lejupielādēt").click()
    assert download.value.suggested_filename.endswith(".pdf")

    response = page.request.get(f"/materials/{mentors_only.pk}/download/")
    assert response.status == 404
    assert b"%PDF" not in response.body()


def test_the_materials_pages_fit_a_320_pixel_wide_screen(page):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto("/materials/")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    page.get_by_role("link", name="Programmas “Skola – kopienā” īss apraksts").click()
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0
    assert_accessible(page)
