"""Security headers on our pages, the Wagtail admin and personal downloads."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[2]


def directives(response) -> dict[str, str]:
    header = response["Content-Security-Policy"]
    return {part.split()[0]: part for part in (p.strip() for p in header.split(";")) if part}


def test_our_pages_allow_scripts_and_styles_from_this_site_only(client, db):
    response = client.get(reverse("account_login"))
    policy = directives(response)
    assert policy["script-src"] == "script-src 'self'"
    assert policy["style-src"] == "style-src 'self'"
    assert policy["object-src"] == "object-src 'none'"
    assert "frame-ancestors 'self'" in response["Content-Security-Policy"]
    assert response["Referrer-Policy"] == "same-origin"
    assert "camera=()" in response["Permissions-Policy"]


def test_the_wagtail_admin_alone_gets_its_inline_scripts(client, editor):
    client.force_login(editor)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert "'unsafe-inline'" in directives(response)["script-src"]
    assert "'unsafe-inline'" not in directives(client.get(reverse("dashboard")))["script-src"]


def test_no_template_of_ours_has_an_inline_script_or_event_handler():
    offenders = []
    for path in ROOT.glob("*/templates/**/*.html"):
        if ".venv" in path.parts or "node_modules" in path.parts:
            continue
        text = path.read_text()
        if re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text) or re.search(r"\son[a-z]+=\"", text):
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


@pytest.mark.parametrize("secure", [True, False])
def test_the_language_cookie_is_lax_and_secure_where_the_site_is(client, db, settings, secure):
    settings.LANGUAGE_COOKIE_SECURE = secure
    response = client.post(reverse("set_language"), {"language": "en", "next": "/"})
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en"
    assert cookie["samesite"] == "Lax"
    assert bool(cookie["secure"]) is secure


def test_saving_the_profile_sets_the_same_cookie(client, mentor, settings):
    settings.LANGUAGE_COOKIE_SECURE = True
    client.force_login(mentor)
    form = client.get(reverse("profile")).context["form"]
    data = {name: field.value() for name, field in ((n, form[n]) for n in form.fields) if field.value() is not None}
    data["preferred_language"] = "en"
    response = client.post(reverse("profile"), data)
    assert response.status_code == 302
    cookie = response.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "en" and cookie["secure"] and cookie["samesite"] == "Lax"


def test_every_personal_download_is_private_and_never_stored(client, db):
    import io

    from django.core.management import call_command

    from accounts.models import User
    from certificates.models import Certificate
    from scheduling.models import Session

    call_command("seed_demo", password="demo-password-1", stdout=io.StringIO())
    certificate = Certificate.objects.filter(holder__email="mentor@demo.kopiena.lv").first()
    session = Session.objects.filter(group__supervisors__email="supervisor@demo.kopiena.lv").first()
    downloads = [
        ("mentor@demo.kopiena.lv", reverse("certificate_download", args=[certificate.pk])),
        ("supervisor@demo.kopiena.lv", reverse("attendance:signin_sheet", args=[session.pk])),
        ("supervisor@demo.kopiena.lv", reverse("attendance:attendance_export", args=["session", session.pk, "xlsx"])),
        ("coordinator@demo.kopiena.lv", reverse("certificates_manage") + "?export=csv"),
    ]
    for email, url in downloads:
        client.force_login(User.objects.get(email=email))
        response = client.get(url)
        assert response.status_code == 200, url
        assert response.has_header("Content-Disposition"), url
        assert response["Cache-Control"] == "private, no-store", url
