from datetime import date, time, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from scheduling import services
from scheduling.models import Session, SupervisionGroup
from scheduling.recurrence import Series
from scheduling.services import SchedulingError
from tests.factories import add_sessions, next_week_at


def code_of(callable_, *args, **kwargs) -> str:
    with pytest.raises(SchedulingError) as error:
        callable_(*args, **kwargs)
    return error.value.code


def next_year_series(**kwargs) -> Series:
    year = timezone.localdate().year + 1
    defaults = {
        "first_date": date(year, 10, 1),
        "start_time": time(17),
        "duration": timedelta(hours=3),
        "interval": 3,
        "count": 5,
    }
    return Series(**{**defaults, **kwargs})


def test_a_supervisor_creates_a_series_in_riga_wall_time(group, supervisor):
    created = services.create_series(group, next_year_series(), by=supervisor)
    assert len(created) == 5
    assert {timezone.localtime(s.starts_at).strftime("%H:%M") for s in created} == {"17:00"}
    assert all(s.room == group.room for s in created)


def test_a_series_with_a_nonexistent_time_is_refused_and_nothing_is_saved(group, supervisor):
    year = timezone.localdate().year + 1
    # The last Sunday of March of `year`.
    last_sunday = max(date(year, 3, d) for d in range(25, 32) if date(year, 3, d).weekday() == 6)
    before = Session.objects.count()
    series = next_year_series(first_date=last_sunday - timedelta(days=7), start_time=time(3, 30), interval=1, count=3)
    assert code_of(services.create_series, group, series, by=supervisor) == "nonexistent_time"
    assert Session.objects.count() == before


def test_another_supervisor_cannot_add_sessions_to_a_group(group, other_supervisor):
    assert code_of(services.create_series, group, next_year_series(), by=other_supervisor) == "forbidden"


def test_a_supervisor_is_never_in_two_overlapping_sessions(group, supervisor, valmiera):
    other = SupervisionGroup.objects.create(title="Second group", municipality=valmiera)
    other.supervisors.add(supervisor)
    first = group.sessions.order_by("starts_at").first()
    series = Series(
        first_date=timezone.localtime(first.starts_at).date(), start_time=time(16), duration=timedelta(hours=2), count=1
    )
    assert code_of(services.create_series, other, series, by=supervisor) == "supervisor_conflict"


def test_a_room_is_never_double_booked(group, room, other_supervisor, valmiera):
    other = SupervisionGroup.objects.create(title="Second group", municipality=valmiera, room=room)
    other.supervisors.add(other_supervisor)
    first = group.sessions.order_by("starts_at").first()
    series = Series(
        first_date=timezone.localtime(first.starts_at).date(), start_time=time(17), duration=timedelta(hours=2), count=1
    )
    assert code_of(services.create_series, other, series, by=other_supervisor) == "room_conflict"


def test_a_single_session_group_gets_exactly_one_session(group, supervisor):
    group.single_session = True
    group.save()
    assert code_of(services.create_series, group, next_year_series(count=1), by=supervisor) == "single_session"


def test_moving_a_session_raises_its_sequence_and_tells_participants(group, supervisor, educator):
    services.book_seat(group, educator)
    mail.outbox.clear()
    session = group.sessions.order_by("starts_at").first()
    new_start = session.starts_at + timedelta(days=1)
    moved = services.move_session(
        session,
        starts_at=new_start,
        ends_at=new_start + timedelta(hours=3),
        room=group.room,
        reason="Telpa aizņemta",
        by=supervisor,
    )
    assert moved.sequence == 1
    assert moved.change_reason == "Telpa aizņemta"
    assert len(mail.outbox) == 1
    assert b"SEQUENCE:1" in mail.outbox[0].attachments[0].get_payload(decode=True)


def test_a_session_cannot_end_before_it_starts(group, supervisor):
    session = group.sessions.first()
    assert (
        code_of(
            services.move_session,
            session,
            starts_at=session.starts_at,
            ends_at=session.starts_at - timedelta(hours=1),
            reason="x",
            by=supervisor,
        )
        == "end_before_start"
    )


def test_a_session_cannot_be_moved_into_the_past(group, supervisor):
    session = group.sessions.first()
    start = timezone.now() - timedelta(days=1)
    assert (
        code_of(
            services.move_session,
            session,
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            reason="x",
            by=supervisor,
        )
        == "in_past"
    )


def test_moving_a_session_onto_a_participants_other_group_is_refused(
    group, supervisor, educator, valmiera, other_supervisor
):
    other = SupervisionGroup.objects.create(
        title="Online group", municipality=valmiera, mode="online", meeting_link="https://meet.example.lv/b"
    )
    other.supervisors.add(other_supervisor)
    [other_session] = add_sessions(other, count=1, hour=9, first_day=9)
    services.book_seat(group, educator)
    services.book_seat(other, educator)
    session = group.sessions.order_by("starts_at").first()
    assert (
        code_of(
            services.move_session,
            session,
            starts_at=other_session.starts_at,
            ends_at=other_session.ends_at,
            room=group.room,
            reason="x",
            by=supervisor,
        )
        == "participant_conflict"
    )


def test_cancelling_a_session_keeps_the_row_and_sends_a_cancellation(group, supervisor, educator):
    services.book_seat(group, educator)
    mail.outbox.clear()
    session = group.sessions.order_by("starts_at").first()
    services.cancel_session(session, reason="Slimība", by=supervisor)
    session.refresh_from_db()
    assert (session.status, session.sequence) == ("cancelled", 1)
    ics = mail.outbox[0].attachments[0]
    assert ics.get_content_type() == "text/calendar"
    assert ics.get_param("method") == "CANCEL"
    assert b"STATUS:CANCELLED" in ics.get_payload(decode=True)


def test_a_cancelled_session_cannot_be_cancelled_again(group, supervisor):
    session = group.sessions.first()
    services.cancel_session(session, reason="x", by=supervisor)
    assert code_of(services.cancel_session, session, reason="x", by=supervisor) == "cancelled"


def test_a_supervisor_cannot_move_another_supervisors_session(group, other_supervisor):
    session = group.sessions.first()
    start = next_week_at(9, 30)
    assert (
        code_of(
            services.move_session,
            session,
            starts_at=start,
            ends_at=start + timedelta(hours=2),
            reason="x",
            by=other_supervisor,
        )
        == "forbidden"
    )
