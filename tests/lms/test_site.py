import pytest
from django.urls import reverse


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
