"""Scheduling fixtures, shared by scheduling, attendance and certificate tests (a plugin of tests/conftest.py).

Ērika supervises "Valmiera staff group" with sessions from next week on, and "Valmiera cycle" for
attendance: one session held last week, one on now, one to come.
"""

from datetime import timedelta

import pytest

from scheduling.models import Room, Session, SupervisionGroup
from tests.factories import add_sessions, make_person, make_session, seat


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
