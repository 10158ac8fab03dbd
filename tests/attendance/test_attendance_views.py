from datetime import timedelta

import pytest
from django.urls import reverse

from attendance import checkin, services
from attendance.models import AttendanceRecord


@pytest.fixture(autouse=True)
def _english(speaks_english):
    pass


# --- the register -----------------------------------------------------------------------------------


def test_supervisor_sees_the_register_with_all_present_and_one_button_per_status(
    client, live_session, member, supervisor
):
    client.force_login(supervisor)
    page = client.get(reverse("attendance:register", args=[live_session.pk])).content.decode()
    assert "All present" in page
    assert 'name="status" value="absent"' in page
    assert str(member) in page


def test_supervisor_marks_everyone_then_taps_one_exception(client, live_session, member, second_member, supervisor):
    client.force_login(supervisor)
    url = reverse("attendance:register", args=[live_session.pk])
    client.post(url, {"all_present": "1"})
    client.post(url, {"person": second_member.pk, "status": "late"})
    statuses = dict(AttendanceRecord.objects.values_list("person_id", "status"))
    assert statuses == {member.pk: "present", second_member.pk: "late"}


def test_marking_before_the_start_shows_a_message_and_saves_nothing(client, future_session, member, supervisor):
    client.force_login(supervisor)
    url = reverse("attendance:register", args=[future_session.pk])
    response = client.post(url, {"person": member.pk, "status": "present"}, follow=True)
    assert "has not started yet" in response.content.decode()
    assert not AttendanceRecord.objects.exists()


@pytest.mark.parametrize("persona", ["coordinator", "national_coordinator"])
def test_coordinators_read_the_register_but_cannot_change_it(db, client, request, live_session, member, persona):
    client.force_login(request.getfixturevalue(persona))
    url = reverse("attendance:register", args=[live_session.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "All present" not in page.content.decode()
    assert client.post(url, {"all_present": "1"}).status_code == 404
    assert not AttendanceRecord.objects.exists()


@pytest.mark.parametrize("persona", ["educator", "mentor", "outsider", "other_supervisor", "editor"])
def test_others_do_not_find_the_register(db, client, request, live_session, member, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("attendance:register", args=[live_session.pk])).status_code == 404
    assert client.get(reverse("attendance:checkin_code", args=[live_session.pk])).status_code == 404


def test_anonymous_visitors_are_sent_to_sign_in(client, live_session):
    for name in ("attendance:register", "attendance:checkin_code", "attendance:notice"):
        assert "/accounts/login/" in client.get(reverse(name, args=[live_session.pk]))["Location"]
    assert "/accounts/login/" in client.get(reverse("attendance:checkin"))["Location"]


# --- the check-in code screen -------------------------------------------------------------------


def test_supervisor_shows_the_current_code_and_a_qr_that_reloads_each_minute(client, live_session, supervisor):
    client.force_login(supervisor)
    page = client.get(reverse("attendance:checkin_code", args=[live_session.pk])).content.decode()
    code = checkin.current_code(live_session.pk)
    assert f"{code[:3]} {code[3:]}" in page
    assert "<svg" in page
    assert 'http-equiv="refresh"' in page


def test_the_code_screen_says_when_check_in_is_closed(client, past_session, supervisor):
    client.force_login(supervisor)
    page = client.get(reverse("attendance:checkin_code", args=[past_session.pk])).content.decode()
    assert "<svg" not in page
    assert "only while the session is on" in page


def test_coordinators_do_not_get_the_code(client, live_session, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("attendance:checkin_code", args=[live_session.pk])).status_code == 404


# --- notice of absence and confidentiality ------------------------------------------------------


def test_participant_gives_notice_from_the_list(client, future_session, member):
    client.force_login(member)
    url = reverse("attendance:notice", args=[future_session.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"reason": "family", "note": "Bērna izlaidums"})
    assert AttendanceRecord.objects.get(person=member).status == "excused"


@pytest.mark.parametrize("persona", ["mentor", "outsider", "coordinator"])
def test_people_without_a_seat_cannot_give_notice(db, client, request, future_session, member, persona):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("attendance:notice", args=[future_session.pk])).status_code == 404


def test_the_note_is_seen_by_the_supervisor_only(client, cycle, future_session, member, supervisor, coordinator):
    services.give_notice(future_session, member, "illness", "Slimības lapa — ļoti personīgi")
    future_session.starts_at = future_session.starts_at.replace(year=2020)
    future_session.ends_at = future_session.ends_at.replace(year=2020)
    future_session.save()
    secret = "ļoti personīgi"
    client.force_login(supervisor)
    assert secret in client.get(reverse("attendance:register", args=[future_session.pk])).content.decode()
    client.force_login(coordinator)
    urls = [
        reverse("attendance:register", args=[future_session.pk]),
        reverse("attendance:group_attendance", args=[cycle.pk]),
        reverse("attendance:at_risk"),
    ]
    for kind, pk in (("session", future_session.pk), ("group", cycle.pk), ("municipality", cycle.municipality_id)):
        for fmt in ("csv", "xlsx"):
            urls.append(reverse("attendance:attendance_export", args=[kind, pk, fmt]))
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        body = b"".join(response.streaming_content) if response.streaming else response.content
        assert secret.encode() not in body, url
        assert "Slimības".encode() not in body, url
        assert b"illness" not in body and b"Illness" not in body, url


# --- hours page -----------------------------------------------------------------------------------


def test_participant_sees_their_hours_against_the_36_hour_requirement(client, cycle, past_session, member, supervisor):
    services.record_attendance(past_session, member, "present", by=supervisor)
    client.force_login(member)
    page = client.get(reverse("attendance:my_hours")).content.decode()
    assert "2.67 academic hours" in page  # 120 min in 45-minute academic hours
    assert "2.00 clock hours" in page
    assert "Required: 36; 33.33 still to go." in page


def test_hours_beyond_the_requirement_say_it_is_met_not_n_of_36(client, cycle, member, supervisor):
    from tests.factories import make_session

    for days_ago in range(1, 15):
        session = make_session(cycle, starts_in=-timedelta(days=days_ago), hours=3)
        services.record_attendance(session, member, "present", by=supervisor)
    client.force_login(member)
    page = client.get(reverse("attendance:my_hours")).content.decode()
    assert "56.00 academic hours" in page  # 14 × 180 min in 45-minute hours
    assert "The requirement of 36 hours is met." in page
    assert "of 36 academic hours" not in page


@pytest.mark.parametrize("persona", ["supervisor", "coordinator", "outsider"])
def test_the_hours_page_shows_only_ones_own_attendance(db, client, request, past_session, member, persona):
    AttendanceRecord.objects.create(session=past_session, person=member, status="present")
    client.force_login(request.getfixturevalue(persona))
    page = client.get(reverse("attendance:my_hours"))
    assert page.status_code == 200
    assert "Valmiera cycle" not in page.content.decode()


# --- group attendance and at-risk ----------------------------------------------------------------


@pytest.mark.parametrize(
    "persona,status",
    [("supervisor", 200), ("coordinator", 200), ("educator", 404), ("other_supervisor", 404), ("outsider", 404)],
)
def test_group_attendance_per_role(db, client, request, cycle, past_session, member, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("attendance:group_attendance", args=[cycle.pk])).status_code == status


@pytest.mark.parametrize(
    "persona,status",
    [("coordinator", 200), ("national_coordinator", 200), ("supervisor", 404), ("educator", 404), ("outsider", 404)],
)
def test_at_risk_page_per_role(db, client, request, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("attendance:at_risk")).status_code == status


def test_an_admin_can_correct_the_register_but_does_not_see_notice_notes(client, future_session, member, admin_user):
    services.give_notice(future_session, member, "illness", "Tikai supervizoram")
    client.force_login(admin_user)
    page = client.get(reverse("attendance:register", args=[future_session.pk])).content.decode()
    assert "Tikai supervizoram" not in page
