"""Scheduling fixtures: Ērika supervises "Valmiera staff group" with sessions from next week on."""

from datetime import timedelta

import pytest
from django.utils import timezone

from scheduling.models import Booking, Room, Session, SupervisionGroup
from tests.conftest import make_person


def next_week_at(hour: int, days: int = 7):
    local = timezone.localtime() + timedelta(days=days)
    return local.replace(hour=hour, minute=0, second=0, microsecond=0)


def add_sessions(group, count=3, *, hour=15, first_day=7, every_days=21, length_hours=3, room=None):
    sessions = []
    for i in range(count):
        starts_at = next_week_at(hour, first_day + i * every_days)
        sessions.append(
            Session.objects.create(
                group=group,
                starts_at=starts_at,
                ends_at=starts_at + timedelta(hours=length_hours),
                room=room,
                meeting_link=group.meeting_link,
            )
        )
    return sessions


@pytest.fixture
def room(valmiera) -> Room:
    return Room.objects.create(
        name="Valmieras novada pašvaldības zāle", address="Lāčplēša iela 2", municipality=valmiera
    )


@pytest.fixture
def group(valmiera, supervisor, room) -> SupervisionGroup:
    group = SupervisionGroup.objects.create(title="Valmiera staff group", municipality=valmiera, room=room, capacity=3)
    group.supervisors.add(supervisor)
    add_sessions(group, room=room)
    return group


@pytest.fixture
def teachers(valmiera_school):
    return [make_person(f"teacher{i}.valmiera@example.lv", ["educator"], valmiera_school) for i in range(6)]


@pytest.fixture
def other_supervisor(valmiera):
    return make_person("otto.supervizors@example.lv", ["supervisor"], valmiera)


# --- attendance: a group with one session held last week, one on now, one to come --------------


def make_session(group, *, starts_in: timedelta, hours: int = 2) -> Session:
    starts_at = (timezone.now() + starts_in).replace(second=0, microsecond=0)
    return Session.objects.create(group=group, starts_at=starts_at, ends_at=starts_at + timedelta(hours=hours))


def seat(group, person, confirmed_at=None) -> Booking:
    when = confirmed_at or timezone.now() - timedelta(days=30)
    return Booking.objects.create(
        group=group, person=person, status=Booking.Status.CONFIRMED, created_at=when, confirmed_at=when
    )


@pytest.fixture
def cycle(valmiera, supervisor) -> SupervisionGroup:
    group = SupervisionGroup.objects.create(title="Valmiera cycle", municipality=valmiera, capacity=10)
    group.supervisors.add(supervisor)
    return group


@pytest.fixture
def past_session(cycle) -> Session:
    return make_session(cycle, starts_in=-timedelta(days=7))


@pytest.fixture
def live_session(cycle) -> Session:
    return make_session(cycle, starts_in=-timedelta(minutes=30))


@pytest.fixture
def future_session(cycle) -> Session:
    return make_session(cycle, starts_in=timedelta(days=7))


@pytest.fixture
def member(cycle, educator):
    seat(cycle, educator)
    return educator


@pytest.fixture
def second_member(cycle, valmiera_school):
    person = make_person("ieva.berzina@example.lv", ["educator"], valmiera_school)
    seat(cycle, person)
    return person


@pytest.fixture
def speaks_english(monkeypatch):
    """People made after this speak English, so tests can read the screens' English wording."""
    from accounts.models import User

    monkeypatch.setattr(User._meta.get_field("preferred_language"), "default", "en")
