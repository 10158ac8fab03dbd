from datetime import timedelta

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from accounts.models import Invitation, User
from accounts.permissions import roles_of
from accounts.services import AccountError, invite_person
from accounts.tasks import send_invitation_email


def invite(client, **overrides):
    data = {
        "email": "new.person@example.lv",
        "first_name": "Ilze",
        "last_name": "Kļaviņa",
        "roles": ["educator"],
        "language": "lv",
        **overrides,
    }
    return client.post(reverse("invitations"), data)


def test_coordinator_invites_a_person_who_gets_one_email_with_a_link(
    client, coordinator, valmiera_school, after_commit
):
    client.force_login(coordinator)
    with after_commit():
        response = invite(client, organisation=valmiera_school.pk)
    assert response.status_code == 302
    invitation = Invitation.objects.get(email="new.person@example.lv")
    assert invitation.roles == ["educator"]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["new.person@example.lv"]
    assert f"/invite/{invitation.key}/" in mail.outbox[0].body
    assert "Ilze" in mail.outbox[0].body


def test_invitation_email_is_in_the_invited_persons_language(client, coordinator, valmiera_school, after_commit):
    client.force_login(coordinator)
    with after_commit():
        invite(client, organisation=valmiera_school.pk, language="en")
    assert mail.outbox[0].subject == "Your invitation to Kopiena"
    with after_commit():
        invite(client, email="second@example.lv", organisation=valmiera_school.pk, language="lv")
    assert "uzaicinājums" in mail.outbox[1].subject.lower()


def test_a_retried_invitation_task_sends_one_email(coordinator, valmiera_school, after_commit):
    with after_commit():
        invitation = invite_person(
            email="a@example.lv",
            first_name="A",
            last_name="B",
            organisation=valmiera_school,
            roles=["mentor"],
            language="lv",
            by=coordinator,
        )
    assert len(mail.outbox) == 1
    assert send_invitation_email(invitation.pk, invitation.key) is False
    assert send_invitation_email(invitation.pk, invitation.key) is False
    assert len(mail.outbox) == 1


def test_inviting_an_email_that_has_an_account_is_refused(client, coordinator, valmiera_school, educator):
    client.force_login(coordinator)
    response = invite(client, email=educator.email.upper(), organisation=valmiera_school.pk)
    assert response.status_code == 200
    assert "jau ir konts" in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_coordinator_cannot_invite_into_another_municipality(coordinator, jelgava_school):
    with pytest.raises(AccountError) as error:
        invite_person(
            email="x@example.lv",
            first_name="X",
            last_name="Y",
            organisation=jelgava_school,
            roles=["educator"],
            language="lv",
            by=coordinator,
        )
    assert error.value.code == "forbidden"


def test_municipal_coordinator_cannot_name_editors(coordinator, valmiera_school):
    with pytest.raises(AccountError) as error:
        invite_person(
            email="x@example.lv",
            first_name="X",
            last_name="Y",
            organisation=valmiera_school,
            roles=["editor"],
            language="lv",
            by=coordinator,
        )
    assert error.value.code == "forbidden"


@pytest.mark.parametrize("persona", ["mentor", "educator", "supervisor", "editor", "outsider"])
def test_people_who_do_not_coordinate_cannot_see_invitations(db, client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("invitations")).status_code == 404
    assert client.get(reverse("invitations_import")).status_code == 404


def test_signed_out_visitor_is_sent_to_sign_in(client, db):
    response = client.get(reverse("invitations"))
    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


def test_coordinator_cannot_withdraw_another_municipalitys_invitation(
    client, coordinator, national_coordinator, jelgava_school
):
    invitation = invite_person(
        email="x@example.lv",
        first_name="X",
        last_name="Y",
        organisation=jelgava_school,
        roles=["educator"],
        language="lv",
        by=national_coordinator,
    )
    client.force_login(coordinator)
    assert client.post(reverse("invitation_revoke", args=[invitation.pk])).status_code == 404
    invitation.refresh_from_db()
    assert invitation.revoked_at is None


def accept(client, key, **overrides):
    data = {
        "first_name": "Ilze",
        "last_name": "Kļaviņa",
        "password1": "Sarkans-Ābols-42",
        "password2": "Sarkans-Ābols-42",
        "privacy": "on",
        **overrides,
    }
    return client.post(reverse("accept_invitation", args=[key]), data)


@pytest.fixture
def invitation(coordinator, valmiera_school) -> Invitation:
    return invite_person(
        email="ilze@example.lv",
        first_name="Ilze",
        last_name="K",
        organisation=valmiera_school,
        roles=["educator", "mentor"],
        language="en",
        by=coordinator,
    )


def test_accepting_an_invitation_creates_a_signed_in_account_with_its_roles(client, invitation):
    response = accept(client, invitation.key)
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard")
    user = User.objects.get(email="ilze@example.lv")
    assert roles_of(user) == {"educator", "mentor"}
    assert user.preferred_language == "en"
    assert user.emailaddress_set.get().verified
    assert client.get(reverse("dashboard")).status_code == 200


def test_a_used_invitation_link_shows_a_clear_page(client, invitation):
    accept(client, invitation.key)
    client.logout()
    response = client.get(reverse("accept_invitation", args=[invitation.key]))
    assert response.status_code == 410
    assert "jau ir izmantots" in response.content.decode()
    assert User.objects.filter(email="ilze@example.lv").count() == 1


def test_an_expired_invitation_link_shows_a_clear_page(client, invitation):
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=timezone.now() - timedelta(minutes=1))
    response = accept(client, invitation.key)
    assert response.status_code == 410
    assert "beidzies" in response.content.decode()
    assert not User.objects.filter(email="ilze@example.lv").exists()


def test_an_unknown_invitation_link_is_not_found(client, db):
    response = client.get(reverse("accept_invitation", args=["nope"]))
    assert response.status_code == 404


def test_a_weak_password_is_refused_and_nothing_is_created(client, invitation):
    response = accept(client, invitation.key, password1="12345", password2="12345")
    assert response.status_code == 200
    assert not User.objects.filter(email="ilze@example.lv").exists()


def test_a_new_link_replaces_the_old_one(client, coordinator, invitation, after_commit):
    old_key = invitation.key
    client.force_login(coordinator)
    with after_commit():
        client.post(reverse("invitation_resend", args=[invitation.pk]))
    invitation.refresh_from_db()
    assert invitation.key != old_key
    assert len(mail.outbox) == 1 and f"/invite/{invitation.key}/" in mail.outbox[0].body
    client.logout()
    assert client.get(reverse("accept_invitation", args=[old_key])).status_code == 404


# --- CSV ----------------------------------------------------------------------------------


def csv_file(text: str, encoding: str = "utf-8") -> SimpleUploadedFile:
    return SimpleUploadedFile("people.csv", text.encode(encoding), content_type="text/csv")


def upload(client, file, language="lv"):
    return client.post(reverse("invitations_import"), {"file": file, "language": language})


def test_csv_preview_reports_each_rows_problem_and_saves_nothing(
    client, coordinator, valmiera_school, educator, jelgava_school
):
    client.force_login(coordinator)
    text = (
        "email,first_name,last_name,organisation,roles\n"
        "good@example.lv,Anna,Ozola,Valmieras pamatskola,educator\n"
        "not-an-email,Bad,Email,Valmieras pamatskola,educator\n"
        "good@example.lv,Anna,Ozola,Valmieras pamatskola,educator\n"
        "x@example.lv,Nav,Skolas,Neesoša skola,mentor\n"
        f"{educator.email},Jau,Ir,Valmieras pamatskola,educator\n"
        "y@example.lv,Cita,Pašvaldība,Jelgavas 4. vidusskola,educator\n"
        "z@example.lv,Bez,Lomas,Valmieras pamatskola,astronaut\n"
    )
    response = upload(client, csv_file(text))
    body = response.content.decode()
    assert response.status_code == 200
    assert "nav derīga e-pasta adrese" in body
    assert "Tas pats e-pasts kā 2. rindā" in body
    assert "Nezināma organizācija" in body
    assert "jau ir konts" in body
    assert "Jūs nedrīkstat piešķirt" in body
    assert "Nezināma loma: astronaut" in body
    # Nothing is saved yet; the coordinator may still choose to invite only the row without problems.
    assert "Uzaicināt tikai 1 personu bez problēmām" in body
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_a_coordinator_may_invite_only_the_rows_without_problems(client, coordinator, valmiera_school, after_commit):
    client.force_login(coordinator)
    text = (
        "email,first_name,last_name,organisation,roles\n"
        "good@example.lv,Anna,Ozola,Valmieras pamatskola,educator\n"
        "not-an-email,Bad,Email,Valmieras pamatskola,educator\n"
        "second@example.lv,Ivars,Kalns,Valmieras pamatskola,mentor\n"
    )
    upload(client, csv_file(text))
    with after_commit():
        response = client.post(reverse("invitations_import"), {"confirm": "1"}, follow=True)
    assert sorted(Invitation.objects.values_list("email", flat=True)) == ["good@example.lv", "second@example.lv"]
    assert "Rindas ar problēmām netika iekļautas" in response.content.decode()


def test_csv_in_windows_1257_with_semicolons_is_read_and_confirmed(client, coordinator, valmiera_school, after_commit):
    client.force_login(coordinator)
    text = (
        "e-pasts;vārds;uzvārds;organizācija;lomas\nzane@example.lv;Zane;Ķēniņa;Valmieras pamatskola;pedagogs mentors\n"
    )
    response = upload(client, csv_file(text, "cp1257"))
    assert "Ķēniņa" in response.content.decode()
    assert 'name="confirm"' in response.content.decode()
    assert not Invitation.objects.exists()
    with after_commit():
        response = client.post(reverse("invitations_import"), {"confirm": "1"})
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.last_name, invitation.roles) == ("Ķēniņa", ["educator", "mentor"])
    assert len(mail.outbox) == 1


def test_csv_with_a_utf8_bom_is_read(client, coordinator, valmiera_school):
    client.force_login(coordinator)
    text = (
        "\ufeffemail,first_name,last_name,organisation,roles\n"
        "zane@example.lv,Zane,Ērgle,Valmieras pamatskola,educator\n"
    )
    response = upload(client, csv_file(text))
    assert 'name="confirm"' in response.content.decode()


def test_csv_with_wrong_columns_is_refused_with_the_expected_ones_named(client, coordinator):
    client.force_login(coordinator)
    response = upload(client, csv_file("name,mail\nA,b@example.lv\n"))
    body = response.content.decode()
    assert "email, first_name, last_name" in body
    assert not Invitation.objects.exists()


def test_csv_confirmation_saves_nothing_when_a_row_stopped_being_valid(
    client, coordinator, valmiera_school, django_capture_on_commit_callbacks
):
    client.force_login(coordinator)
    text = (
        "email,first_name,last_name,organisation,roles\n"
        "a@example.lv,A,A,Valmieras pamatskola,educator\nb@example.lv,B,B,Valmieras pamatskola,educator\n"
    )
    upload(client, csv_file(text))
    User.objects.create_user(email="b@example.lv", password="x")  # joined some other way meanwhile
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("invitations_import"), {"confirm": "1"}, follow=True)
    assert callbacks == []
    assert "Nekas netika saglabāts" in response.content.decode()
    assert not Invitation.objects.exists()
    assert mail.outbox == []


def test_empty_csv_is_refused_clearly(client, coordinator):
    client.force_login(coordinator)
    response = upload(client, SimpleUploadedFile("e.csv", b"", content_type="text/csv"))
    assert response.status_code == 200
    assert not Invitation.objects.exists()


def test_csv_preview_of_a_file_without_an_organisation_column_lists_the_problems(client, coordinator):
    client.force_login(coordinator)
    response = upload(client, csv_file("email,first_name,last_name\nnot-an-email,Zane,Ozola\n"))
    assert response.status_code == 200
    assert not Invitation.objects.exists()
