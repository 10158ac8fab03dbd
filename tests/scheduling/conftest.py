"""Scheduling fixtures: Ērika supervises "Valmiera staff group" with sessions from next week on."""

from datetime import timedelta

import pytest
from django.utils import timezone

from scheduling.models import Room, Session, SupervisionGroup
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
