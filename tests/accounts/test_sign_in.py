import pytest
from django.test import override_settings
from django.urls import reverse

from accounts.models import Role


def sign_in(client, email, password):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_sign_in_by_email_lands_on_the_dashboard(client, mentor):
    response = sign_in(client, mentor.email, "correct-horse-battery")
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")


def test_sign_in_form_asks_for_an_email_not_a_username(client, db):
    body = client.get(reverse("account_login")).content.decode()
    assert 'type="email"' in body
    assert "username" not in body.lower()


def test_wrong_password_gets_a_clear_message(client, mentor):
    response = sign_in(client, mentor.email, "wrong-password")
    assert response.status_code == 200
    assert "E-pasta adrese vai parole nav pareiza" in response.content.decode()


def test_repeated_failures_are_rate_limited(client, mentor):
    for _ in range(5):
        sign_in(client, mentor.email, "wrong-password")
    response = sign_in(client, mentor.email, "correct-horse-battery")
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert "Pārāk daudz" in response.content.decode()


def test_open_sign_up_is_off_by_default(client, db):
    response = client.get(reverse("account_signup"))
    assert "slēgta" in response.content.decode().lower()


@override_settings(KOPIENA_OPEN_SIGNUP=True)
def test_open_sign_up_can_be_switched_on(client, db):
    response = client.get(reverse("account_signup"))
    assert 'name="password1"' in response.content.decode()


@override_settings(KOPIENA_MFA_REQUIRED=True)
@pytest.mark.parametrize("persona", ["coordinator", "editor", "admin_user"])
def test_with_mfa_required_staff_set_up_totp_before_the_dashboard(db, client, request, persona):
    person = request.getfixturevalue(persona)
    sign_in(client, person.email, "correct-horse-battery")
    response = client.get(reverse("dashboard"))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    # allauth asks for the password once more before a second factor can be set up.
    page = client.get(reverse("mfa_activate_totp"), follow=True)
    assert page.redirect_chain[-1][0].startswith(reverse("account_reauthenticate"))
    page = client.post(page.redirect_chain[-1][0], {"password": "correct-horse-battery"}, follow=True)
    assert page.redirect_chain[-1][0] == reverse("mfa_activate_totp")
    assert 'name="code"' in page.content.decode()


@override_settings(KOPIENA_MFA_REQUIRED=True)
@pytest.mark.parametrize("persona", ["mentor", "educator", "supervisor"])
def test_with_mfa_required_participants_still_sign_in_with_a_password(db, client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("dashboard")).status_code == 200


def test_profile_saves_name_and_language_and_shows_the_organisation(client, mentor, valmiera_school):
    client.force_login(mentor)
    response = client.post(
        reverse("profile"), {"first_name": "Līga", "last_name": "Ozoliņa", "preferred_language": "en"}
    )
    assert response.status_code == 302
    mentor.refresh_from_db()
    assert (mentor.first_name, mentor.preferred_language) == ("Līga", "en")
    body = client.get(reverse("profile")).content.decode()
    assert '<html lang="en">' in body
    assert "Valmieras pamatskola" in body


def test_a_coordinator_cannot_widen_their_scope_from_the_profile(client, coordinator, agency, valmiera):
    client.force_login(coordinator)
    client.post(
        reverse("profile"),
        {"first_name": "M", "last_name": "Z", "preferred_language": "lv", "organisation": agency.pk},
    )
    coordinator.refresh_from_db()
    assert coordinator.organisation == valmiera


def test_roles_are_listed_for_each_persona(mentor, coordinator):
    assert {r.role for r in mentor.user_roles.all()} == {Role.MENTOR}
    assert {r.role for r in coordinator.user_roles.all()} == {Role.COORDINATOR}
