"""ESF+ fixtures: a Valmiera supervision cycle whose sessions started a month ago, and helpers that
make people attend or open a lesson (the facts a record's entry date is derived from)."""

import uuid
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone

from attendance.models import AttendanceRecord
from courses.models import LessonProgress
from scheduling.models import Booking, Session, SupervisionGroup
from tests.factories import make_person

ENTRY = {"gender": "woman", "birth_year": 1984, "labour_status": "employed", "education": "isced_5_8"}


def held_session(group, *, days_ago: int, hours: int = 3) -> Session:
    starts_at = (timezone.now() - timedelta(days=days_ago)).replace(second=0, microsecond=0)
    return Session.objects.create(group=group, starts_at=starts_at, ends_at=starts_at + timedelta(hours=hours))


def attend(person, session, status="present") -> AttendanceRecord:
    Booking.objects.get_or_create(
        group=session.group,
        person=person,
        defaults={"status": Booking.Status.CONFIRMED, "confirmed_at": timezone.now() - timedelta(days=60)},
    )
    return AttendanceRecord.objects.create(session=session, person=person, status=status)


def open_lesson(person, *, days_ago: int = 10) -> LessonProgress:
    return LessonProgress.objects.create(
        user=person,
        lesson_key=uuid.uuid4(),
        course_key=uuid.uuid4(),
        opened_at=timezone.now() - timedelta(days=days_ago),
    )


@pytest.fixture
def esf_group(valmiera, supervisor) -> SupervisionGroup:
    group = SupervisionGroup.objects.create(title="Valmieras ESF+ grupa", municipality=valmiera, capacity=10)
    group.supervisors.add(supervisor)
    return group


@pytest.fixture
def first_session(esf_group) -> Session:
    return held_session(esf_group, days_ago=30)


@pytest.fixture
def attendee(educator, first_session):
    """The educator attended the cycle's first session a month ago."""
    attend(educator, first_session)
    return educator


@pytest.fixture
def jelgava_coordinator(jelgava) -> object:
    return make_person("dace.jelgava@example.lv", ["coordinator"], jelgava)


@pytest.fixture
def sensitive_reader(national_coordinator):
    """A national coordinator given the dedicated permission (through its group)."""
    national_coordinator.groups.add(Group.objects.get(name="ESF+ sensitive indicators"))
    return national_coordinator
