"""Bounds where input enters: dates, ids, CSV cells and lengths get clear messages, never a server error."""

import io
from datetime import date, datetime, time, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone, translation

from accounts.services import AccountError, invite_person, preview_invitations
from lms.bounds import parse_id
from lms.csvimport import CSVFormatError
from scheduling import services
from scheduling.models import CalendarFeed, Session
from scheduling.recurrence import RecurrenceError, Series, expand


@pytest.fixture(autouse=True)
def _english(speaks_english):
    pass


def csv_file(text: str, name="people.csv") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", 12),
        (" 7 ", 7),
        ("abc", None),
        ("", None),
        ("0", None),
        ("-3", None),
        ("1.5", None),
        ("99999999999999999999", None),
        (str(2**63 - 1), 2**63 - 1),
        (str(2**63), None),
        (None, None),
    ],
)
def test_ids_are_parsed_only_when_the_database_can_hold_them(value, expected):
    assert parse_id(value) == expected


def test_a_csv_cell_over_the_field_limit_is_reported_for_the_file(coordinator):
    huge = "x" * 140_000
    with translation.override("en"), pytest.raises(CSVFormatError, match="Line 2 has a cell longer than"):
        preview_invitations(csv_file(f'email,first name,last name\na@example.lv,"{huge}",B\n'), by=coordinator)


def test_the_invitation_import_page_shows_the_field_limit_message(client, coordinator):
    client.force_login(coordinator)
    huge = "y" * 140_000
    response = client.post(
        reverse("invitations_import"),
        {"file": csv_file(f'email,first name,last name\n"{huge}",A,B\n'), "language": "lv"},
    )
    assert response.status_code == 200
    assert "has a cell longer than" in response.content.decode()


def test_a_name_longer_than_the_model_keeps_is_refused_in_the_preview(coordinator, valmiera_school):
    long_name = "Ā" * 10_000
    preview = preview_invitations(
        csv_file(
            "email,first name,last name,organisation,roles\n"
            f"x@example.lv,{long_name},B,{valmiera_school.name},educator\n"
        ),
        by=coordinator,
    )
    assert preview.has_errors
    assert any("der ne vairāk kā 150" in e for e in preview.rows[0].errors)


def test_the_invitation_service_refuses_what_the_model_cannot_keep(coordinator, valmiera_school):
    with pytest.raises(AccountError) as error:
        invite_person(
            email="long@example.lv",
            first_name="A" * 10_000,
            last_name="B",
            organisation=valmiera_school,
            roles=["educator"],
            language="lv",
            by=coordinator,
        )
    assert error.value.code == "too_long"


@pytest.mark.parametrize("course", ["9223372036854775808", "99999999999999999999", "abc", "-1"])
def test_a_cohort_with_an_impossible_course_id_gets_a_form_message(client, coordinator, valmiera, course):
    client.force_login(coordinator)
    response = client.post(
        reverse("cohorts"),
        {
            "name": "Rudens",
            "course": course,
            "municipality": valmiera.pk,
            "starts_on": "2026-09-01",
            "ends_on": "2026-12-01",
        },
    )
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()


@pytest.mark.parametrize("year", [1999, 2101, 9999])
def test_a_cohort_outside_2000_to_2100_is_refused(client, coordinator, valmiera, year):
    client.force_login(coordinator)
    response = client.post(
        reverse("cohorts"),
        {"name": "Tālu", "municipality": valmiera.pk, "starts_on": f"{year}-01-10", "ends_on": f"{year}-02-10"},
    )
    assert response.status_code == 200
    assert "Enter a date from 01.01.2000. to 31.12.2100." in response.content.decode()


def test_moving_a_session_to_year_9999_is_refused_and_the_calendars_keep_answering(client, group, supervisor):
    session = group.sessions.order_by("starts_at").first()
    far = timezone.make_aware(datetime(9999, 12, 31, 10, 0))
    with pytest.raises(services.SchedulingError) as error:
        services.move_session(session, starts_at=far, ends_at=far + timedelta(hours=2), by=supervisor, reason="x")
    assert error.value.code == "date_range"
    client.force_login(supervisor)
    response = client.post(
        reverse("scheduling:move_session", args=[session.pk]),
        {"date": "9999-12-31", "start_time": "10:00", "end_time": "12:00", "reason": "Tālu nākotnē"},
    )
    assert response.status_code == 200
    assert "Enter a date from 01.01.2000. to 31.12.2100." in response.content.decode()


def test_a_session_stored_near_year_9999_before_the_bound_does_not_break_any_calendar(client, group, supervisor):
    session = group.sessions.order_by("starts_at").first()
    far = timezone.make_aware(datetime(9999, 12, 30, 10, 0))
    Session.objects.filter(pk=session.pk).update(starts_at=far, ends_at=far + timedelta(hours=3))
    feed = CalendarFeed.objects.create(user=supervisor)
    client.force_login(supervisor)
    for url in [
        reverse("scheduling:session_ics", args=[session.pk]),
        reverse("scheduling:feed", args=[feed.token]),
        reverse("scheduling:group_feed", args=[feed.token, group.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"BEGIN:VCALENDAR" in b"".join(getattr(response, "streaming_content", [response.content]))


@pytest.mark.parametrize(
    "series",
    [
        Series(first_date=date(2100, 6, 1), start_time=time(15), duration=timedelta(hours=3), interval=4, count=20),
        Series(first_date=date(2099, 1, 5), start_time=time(15), duration=timedelta(hours=3), until=date(2101, 1, 1)),
        Series(first_date=date(9999, 11, 1), start_time=time(15), duration=timedelta(hours=3), count=5),
    ],
)
def test_a_series_running_past_2100_is_refused_instead_of_silently_shortened(series):
    with pytest.raises(RecurrenceError) as error:
        expand(series)
    assert error.value.code == "date_range"


def test_a_series_ending_in_2100_is_whole():
    series = Series(first_date=date(2100, 1, 4), start_time=time(15), duration=timedelta(hours=3), count=12)
    assert len(expand(series)) == 12


def test_a_csv_with_a_nul_byte_is_refused_with_a_message(client, coordinator):
    with translation.override("en"), pytest.raises(CSVFormatError, match="NUL characters"):
        preview_invitations(csv_file("email,first name,last name\na\x00@example.lv,A,B\n"), by=coordinator)
    client.force_login(coordinator)
    response = client.post(
        reverse("invitations_import"),
        {"file": csv_file("email,first name,last name\na\x00@example.lv,A,B\n"), "language": "lv"},
    )
    assert response.status_code == 200
    assert "NUL" in response.content.decode()


def test_an_oversized_upload_is_refused_whole(coordinator):
    with pytest.raises(CSVFormatError):
        preview_invitations(io.BytesIO(b"email\n" + b"a" * (3 * 1024 * 1024)), by=coordinator)
