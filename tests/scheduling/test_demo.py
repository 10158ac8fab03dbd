from io import StringIO

import pytest
from django.core.management import call_command

from attendance.completion import judge
from attendance.models import AbsenceNotice, AttendanceChange, AttendanceRecord
from scheduling.models import (
    Booking,
    Room,
    Session,
    SupervisionGroup,
)

# seed_demo needs the page tree that migrations create. A transactional test elsewhere may have
# flushed it; serialized_rollback reloads it at the start of each test here.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def snapshot():
    return (
        list(SupervisionGroup.objects.values_list("title", "capacity").order_by("pk")),
        list(Session.objects.values_list("pk", "starts_at", "status", "sequence").order_by("pk")),
        list(Booking.objects.values_list("pk", "person_id", "status").order_by("pk")),
        Room.objects.count(),
        list(AttendanceRecord.objects.values_list("pk", "session_id", "person_id", "status").order_by("pk")),
        AttendanceChange.objects.count(),
        list(AbsenceNotice.objects.values_list("pk", "reason").order_by("pk")),
    )


def test_seed_demo_builds_groups_and_a_second_run_changes_nothing():
    call_command("seed_demo", stdout=StringIO())
    first = snapshot()
    assert 7 <= SupervisionGroup.objects.count() <= 9
    assert {"staff", "leaders"} <= set(SupervisionGroup.objects.values_list("kind", flat=True))
    assert {"in_person", "online"} <= set(SupervisionGroup.objects.values_list("mode", flat=True))
    assert Session.objects.filter(status="cancelled").exists()
    assert Session.objects.filter(status="scheduled", sequence__gt=0).exists()
    assert Booking.objects.filter(person__email="educator@demo.kopiena.lv", status="confirmed").count() >= 2
    full = [g for g in SupervisionGroup.objects.with_seat_counts() if g.seats_taken >= g.capacity]
    assert full and full[0].waiting_count >= 1
    call_command("seed_demo", stdout=StringIO())
    assert snapshot() == first


def test_demo_supervisors_never_have_overlapping_sessions():
    call_command("seed_demo", stdout=StringIO())
    for session in Session.objects.scheduled().select_related("group"):
        supervisors = session.group.supervisors.all()
        clash = Session.objects.overlapping(session.starts_at, session.ends_at).exclude(pk=session.pk)
        assert not clash.filter(group__supervisors__in=supervisors).exists(), session


def test_demo_educator_has_a_supervision_cycle_with_mixed_statuses_a_notice_and_completion_in_progress():
    call_command("seed_demo", stdout=StringIO())
    educator = "educator@demo.kopiena.lv"
    statuses = set(AttendanceRecord.objects.filter(person__email=educator).values_list("status", flat=True))
    assert {"present", "excused"} <= statuses and len(statuses) >= 2
    assert AbsenceNotice.objects.filter(person__email=educator).count() == 1
    others = set(AttendanceRecord.objects.exclude(person__email=educator).values_list("status", flat=True))
    assert "absent" in others
    booking = Booking.objects.get(person__email=educator, group__title="Valmieras pedagogu supervīzijas grupa A")
    result = judge(booking)
    assert not result.completed and result.remaining > 0
