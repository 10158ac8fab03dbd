import io

import pytest
from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page

from accounts.models import Organisation, User


@pytest.fixture
def demo(db):
    call_command("seed_demo", password="demo-password-1", stdout=io.StringIO())


def counts():
    return (User.objects.count(), Organisation.objects.count(), Page.objects.count())


def test_seed_demo_twice_changes_nothing(demo):
    before = counts()
    out = io.StringIO()
    call_command("seed_demo", stdout=out)
    assert counts() == before
    assert "mentor@demo.kopiena.lv" in out.getvalue()


def test_every_demo_account_signs_in_with_the_demo_password(client, demo):
    for email in ["mentor", "educator", "supervisor", "coordinator", "editor", "admin"]:
        client.logout()
        response = client.post(
            reverse("account_login"), {"login": f"{email}@demo.kopiena.lv", "password": "demo-password-1"}
        )
        assert response.status_code == 302, email
        assert client.get(reverse("dashboard")).status_code == 200


def test_home_page_is_latvian_with_footer_links(client, demo):
    body = client.get("/").content.decode()
    assert '<html lang="lv">' in body
    assert "Mācību un supervīziju vide" in body
    assert "Privātuma paziņojums" in body
    assert "Piekļūstamības paziņojums" in body
    assert 'href="#main"' in body


def test_language_switch_shows_english_and_is_remembered(client, demo):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/par-programmu/"})
    assert response.status_code == 302
    assert response["Location"] == "/par-programmu/"
    body = client.get("/par-programmu/").content.decode()
    assert '<html lang="en">' in body
    assert "About the programme" in body
    assert "Privacy notice" in body
    assert '<html lang="en">' in client.get("/").content.decode()


def test_a_browser_set_up_in_english_still_opens_in_latvian(client, demo):
    body = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="lv">' in body


def test_language_switch_is_kept_in_the_profile(client, mentor):
    client.force_login(mentor)
    client.post(reverse("set_language"), {"language": "en", "next": "/dashboard/"})
    mentor.refresh_from_db()
    assert mentor.preferred_language == "en"


def test_language_switch_does_not_redirect_off_site(client, db):
    response = client.post(reverse("set_language"), {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_signed_in_person_without_a_cookie_gets_their_profile_language(client, mentor):
    mentor.preferred_language = "en"
    mentor.save()
    client.force_login(mentor)
    response = client.get(reverse("dashboard"))
    assert '<html lang="en">' in response.content.decode()
    assert response.cookies["kopiena_language"].value == "en"


def test_dates_are_latvian(db):
    from datetime import date

    from django.utils import formats, translation

    with translation.override("lv"):
        assert formats.date_format(date(2026, 11, 14)) == "2026. gada 14. novembris"
        assert formats.date_format(date(2026, 11, 14), "SHORT_DATE_FORMAT") == "14.11.2026."


def test_admin_reads_locally_written_email_in_the_browser(client, admin_user, settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    from django.core.mail import send_mail

    send_mail("Sveiki", "Ziņas teksts ar ā un ž", None, ["a@example.lv"])
    client.force_login(admin_user)
    body = client.get(reverse("mailbox")).content.decode()
    assert "Sveiki" in body
    assert "Ziņas teksts ar ā un ž" in body


@pytest.mark.parametrize("persona", ["mentor", "coordinator", "editor"])
def test_only_admins_read_the_local_mailbox(db, client, request, persona, settings, tmp_path):
    settings.EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    settings.EMAIL_FILE_PATH = tmp_path
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("mailbox")).status_code == 404


def test_dashboard_costs_a_fixed_number_of_queries(client, demo, django_assert_max_num_queries):
    client.force_login(User.objects.get(email="coordinator@demo.kopiena.lv"))
    client.get(reverse("dashboard"))  # footer links are cached after the first page
    from tests.lms.test_dashboard import COORDINATOR_QUERIES

    with django_assert_max_num_queries(COORDINATOR_QUERIES):
        assert client.get(reverse("dashboard")).status_code == 200


def test_footer_follows_an_editor_renaming_the_privacy_page(client, demo):
    from privacy.models import PrivacyNoticePage

    assert "/privatuma-pazinojums/" in client.get("/").content.decode()
    page = PrivacyNoticePage.objects.get(slug="privatuma-pazinojums", locale__language_code="lv")
    page.slug = "privatums"
    page.save_revision().publish()
    body = client.get("/").content.decode()
    assert "/privatums/" in body
    assert "/privatuma-pazinojums/" not in body


def test_language_switch_on_a_page_goes_to_its_translation(client, demo):
    from wagtail.models import Locale

    from pages.models import StandardPage

    latvian = StandardPage.objects.get(slug="par-programmu", locale__language_code="lv")
    english = latvian.get_translation(Locale.objects.get(language_code="en"))
    english.slug = "about"
    english.save_revision().publish()
    response = client.post(reverse("set_language"), {"language": "en", "next": "/par-programmu/"})
    assert response["Location"] == "/about/"
    assert "About the programme" in client.get("/about/").content.decode()
    response = client.post(reverse("set_language"), {"language": "lv", "next": "/about/"})
    assert response["Location"] == "/par-programmu/"


def test_document_files_are_not_served_from_media_even_in_debug(client, db, tmp_path):
    """In `make run`, /media/ is served for images, but documents only through their checked URL."""
    import importlib

    from django.test import override_settings
    from django.urls import clear_url_caches

    import lms.urls

    (tmp_path / "documents").mkdir()
    (tmp_path / "documents" / "private.pdf").write_bytes(b"%PDF-1.4 secret")
    (tmp_path / "original_images").mkdir()
    (tmp_path / "original_images" / "logo.png").write_bytes(b"\x89PNG")
    try:
        with override_settings(DEBUG=True, MEDIA_ROOT=tmp_path):
            importlib.reload(lms.urls)
            clear_url_caches()
            assert client.get("/media/original_images/logo.png").status_code == 200
            for spelling in [
                "/media/documents/private.pdf",
                "/media//documents/private.pdf",
                "/media///documents/private.pdf",
                "/media/%2e/documents/private.pdf",
                "/media/%2E/documents/private.pdf",
                "/media/./documents/private.pdf",
                "/media/images/../documents/private.pdf",
                "/media/original_images/%2e%2e/documents/private.pdf",
                "/media/original_images/..%2fdocuments/private.pdf",
                "/media/original_images/..%5cdocuments/private.pdf",
                "/media/%2fdocuments/private.pdf",
                "/media/documents%2fprivate.pdf",
                "/media/../lms/settings/base.py",
                "/media/%2e%2e/lms/settings/base.py",
                "/media/private-images/x.png",
                "/media/original_images/logo.png%00",
            ]:
                response = client.get(spelling)
                assert response.status_code == 404, spelling
                assert b"secret" not in b"".join(getattr(response, "streaming_content", [response.content]))
    finally:
        importlib.reload(lms.urls)
        clear_url_caches()
