"""The privacy notice prints the retention periods as set in the CMS, in Latvian and English."""

import pytest
from wagtail.models import Locale, Page

from pages.models import HomePage
from privacy.models import PrivacyNoticePage, RetentionSettings

pytestmark = pytest.mark.django_db


@pytest.fixture
def notice(db):
    lv, _ = Locale.objects.get_or_create(language_code="lv")
    en, _ = Locale.objects.get_or_create(language_code="en")
    home = HomePage(title="Kopiena", slug="kopiena-home", locale=lv)
    Page.get_first_root_node().add_child(instance=home)
    from wagtail.models import Site

    Site.objects.update_or_create(is_default_site=True, defaults={"hostname": "testserver", "root_page": home})
    page = PrivacyNoticePage(title="Privātuma paziņojums", slug="privatums", locale=lv)
    home.add_child(instance=page)
    page.save_revision().publish()
    english = page.copy_for_translation(en, copy_parents=True)
    english.title = "Privacy notice"
    english.save_revision().publish()
    return page


def test_the_notice_follows_the_settings(client, notice):
    row = RetentionSettings.load()
    row.invitations_days = 123
    row.save()
    body = client.get(notice.url).content.decode()
    assert "123" in body and "2035" in body
    row.invitations_days = 45
    row.save()
    assert "45" in client.get(notice.url).content.decode()


def test_the_notice_is_in_english_too(client, notice):
    english = notice.get_translation(Locale.objects.get(language_code="en"))
    client.cookies["kopiena_language"] = "en"
    body = client.get(english.url).content.decode()
    assert "How long we keep your data" in body and "180 days" in body
