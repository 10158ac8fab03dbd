"""The demo site as a newcomer finds it: accounts, languages, footer, dashboards (seeded once for the module)."""

import io

from django.core.management import call_command
from django.urls import reverse
from wagtail.models import Page

from accounts.models import Organisation, User
from tests.conftest import DEMO_PASSWORD


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
            reverse("account_login"), {"login": f"{email}@demo.kopiena.lv", "password": DEMO_PASSWORD}
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
