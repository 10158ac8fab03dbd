from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import vobject
from django.urls import reverse
from django.utils import timezone

from scheduling import ical, services
from scheduling.models import CalendarFeed, Session

RIGA = ZoneInfo("Europe/Riga")


def parse(body: bytes):
    """Parse with vobject, an independent parser used by CalDAV servers and clients."""
    return vobject.readOne(body.decode("utf-8"))


def make_session(group, start_local: datetime, **extra) -> Session:
    start = start_local.replace(tzinfo=RIGA)
    return Session.objects.create(group=group, starts_at=start, ends_at=start + timedelta(hours=3), **extra)


def feed_url(user) -> str:
    feed, _ = CalendarFeed.objects.get_or_create(user=user)
    return reverse("scheduling:feed", args=[feed.token])


@pytest.fixture
def booked(group, educator):
    services.book_seat(group, educator)
    return educator


def test_every_event_starts_at_the_right_instant_in_winter_and_summer(group, booked, client):
    year = timezone.localdate().year + 1
    winter = make_session(group, datetime(year, 1, 14, 17, 0))
    summer = make_session(group, datetime(year, 6, 10, 17, 0))
    body = client.get(feed_url(booked)).content
    events = {e.uid.value: e for e in parse(body).vevent_list}
    winter_event = events[ical.session_uid(winter.pk, "http://testserver")]
    summer_event = events[ical.session_uid(summer.pk, "http://testserver")]
    assert winter_event.dtstart.value.astimezone(UTC) == datetime(year, 1, 14, 15, 0, tzinfo=UTC)
    assert summer_event.dtstart.value.astimezone(UTC) == datetime(year, 6, 10, 14, 0, tzinfo=UTC)
    assert b"BEGIN:VTIMEZONE" in body and b"TZID:Europe/Riga" in body


def test_the_feed_has_a_name_refresh_interval_and_published_ttl(booked, client):
    response = client.get(feed_url(booked))
    assert response["Content-Type"].startswith("text/calendar")
    body = response.content
    for line in (b"NAME:", b"X-WR-CALNAME:", b"REFRESH-INTERVAL;VALUE=DURATION:PT1H", b"X-PUBLISHED-TTL:PT1H"):
        assert line in body


def test_a_person_with_no_sessions_still_gets_a_valid_calendar(educator, client):
    calendar = parse(client.get(feed_url(educator)).content)
    assert calendar.name == "VCALENDAR"
    assert not hasattr(calendar, "vevent")


def test_an_unknown_token_and_a_regenerated_token_get_the_same_404(booked, client):
    old = feed_url(booked)
    feed = CalendarFeed.objects.get(user=booked)
    feed.regenerate()
    feed.save()
    unknown = client.get(reverse("scheduling:feed", args=["not-a-token"]))
    stale = client.get(old)
    assert unknown.status_code == stale.status_code == 404
    assert unknown.content == stale.content
    assert client.get(feed_url(booked)).status_code == 200


def test_a_cancelled_session_stays_in_the_feed_as_cancelled_unless_hidden(group, booked, supervisor, client):
    session = group.sessions.order_by("starts_at").first()
    services.cancel_session(session, reason="Slimība", by=supervisor)
    events = {e.uid.value: e for e in parse(client.get(feed_url(booked)).content).vevent_list}
    event = events[ical.session_uid(session.pk, "http://testserver")]
    assert event.status.value == "CANCELLED"
    assert event.sequence.value == "1"
    CalendarFeed.objects.filter(user=booked).update(hide_cancelled=True)
    events = parse(client.get(feed_url(booked)).content).vevent_list
    assert ical.session_uid(session.pk, "http://testserver") not in {e.uid.value for e in events}


def test_moving_a_session_keeps_the_uid_and_raises_the_sequence(group, booked, supervisor, client):
    session = group.sessions.order_by("starts_at").first()
    uid = ical.session_uid(session.pk, "http://testserver")
    start = session.starts_at + timedelta(hours=2)
    services.move_session(
        session, starts_at=start, ends_at=start + timedelta(hours=2), room=group.room, reason="x", by=supervisor
    )
    events = {e.uid.value: e for e in parse(client.get(feed_url(booked)).content).vevent_list}
    assert events[uid].sequence.value == "1"
    assert events[uid].dtstart.value == start


def test_an_unchanged_feed_answers_304_and_a_change_gives_a_new_etag(group, booked, supervisor, client):
    url = feed_url(booked)
    first = client.get(url)
    assert client.get(url, headers={"if-none-match": first["ETag"]}).status_code == 304
    services.cancel_session(group.sessions.first(), reason="x", by=supervisor)
    second = client.get(url, headers={"if-none-match": first["ETag"]})
    assert second.status_code == 200
    assert second["ETag"] != first["ETag"]
    assert "Last-Modified" in second


def test_long_and_multi_line_titles_are_escaped_correctly(group, booked, client):
    group.title = "Pirmā rinda;\notrā, rinda " + "ā" * 170
    group.save()
    body = client.get(feed_url(booked)).content
    assert all(len(line) <= 75 for line in body.split(b"\r\n"))
    summary = parse(body).vevent_list[0].summary.value
    assert "\n" not in summary and summary.startswith("Pirmā rinda; otrā, rinda ā")


def test_a_supervisor_gets_a_feed_for_their_group_and_others_get_404(group, supervisor, other_supervisor, client):
    mine = CalendarFeed.objects.create(user=supervisor)
    theirs = CalendarFeed.objects.create(user=other_supervisor)
    ok = client.get(reverse("scheduling:group_feed", args=[mine.token, group.pk]))
    assert ok.status_code == 200
    assert len(parse(ok.content).vevent_list) == 3
    assert client.get(reverse("scheduling:group_feed", args=[theirs.token, group.pk])).status_code == 404


def test_a_personal_feed_of_500_sessions_takes_a_constant_number_of_queries(
    group, booked, client, django_assert_max_num_queries
):
    url = feed_url(booked)
    start = timezone.now() + timedelta(days=60)
    Session.objects.bulk_create(
        Session(group=group, starts_at=start + timedelta(hours=6 * i), ends_at=start + timedelta(hours=6 * i + 2))
        for i in range(497)
    )
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert len(parse(response.content).vevent_list) == 500


def test_the_single_session_download_is_an_ics_file(group, booked, client):
    client.force_login(booked)
    session = group.sessions.first()
    response = client.get(reverse("scheduling:session_ics", args=[session.pk]))
    assert response["Content-Disposition"].startswith("attachment")
    assert parse(response.content).vevent.uid.value == ical.session_uid(session.pk, "http://testserver")


def test_the_feed_is_in_the_persons_language(group, booked, client):
    booked.preferred_language = "en"
    booked.save()
    assert b"X-WR-CALNAME:Kopiena \xe2\x80\x93 my supervisions" in client.get(feed_url(booked)).content
