from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError
from django.utils import timezone

from attendance import emails, services, tasks
from attendance.models import AbsenceNotice, AttendanceChange, AttendanceRecord
from tests.factories import make_session, seat


@pytest.fixture(autouse=True)
def _english(speaks_english):
    pass


def test_marking_before_the_session_starts_is_refused(future_session, member, supervisor):
    with pytest.raises(services.AttendanceError) as error:
        services.record_attendance(future_session, member, "present", by=supervisor)
    assert error.value.code == "not_started"
    assert not AttendanceRecord.objects.exists()


def test_supervisor_marks_during_the_session_and_the_change_is_kept(live_session, member, supervisor):
    services.record_attendance(live_session, member, "late", by=supervisor)
    record = AttendanceRecord.objects.get(session=live_session, person=member)
    assert record.status == "late"
    change = AttendanceChange.objects.get(record=record)
    assert (change.changed_by, change.from_status, change.to_status, change.after_session) == (
        supervisor,
        "",
        "late",
        False,
    )


def test_a_correction_after_the_session_is_audited_with_who_and_from_what(past_session, member, supervisor):
    services.record_attendance(past_session, member, "absent", by=supervisor)
    services.record_attendance(past_session, member, "present", by=supervisor)
    last = AttendanceChange.objects.order_by("pk").last()
    assert (last.from_status, last.to_status, last.changed_by, last.after_session) == (
        "absent",
        "present",
        supervisor,
        True,
    )


def test_only_the_groups_supervisor_may_mark(past_session, member, coordinator, other_supervisor):
    for person in (coordinator, other_supervisor, member):
        with pytest.raises(services.AttendanceError) as error:
            services.record_attendance(past_session, member, "present", by=person)
        assert error.value.code == "forbidden"


def test_a_person_without_a_seat_cannot_be_marked(live_session, outsider, supervisor):
    with pytest.raises(services.AttendanceError) as error:
        services.record_attendance(live_session, outsider, "present", by=supervisor)
    assert error.value.code == "not_in_group"


def test_the_database_keeps_one_record_per_person_and_session(live_session, member):
    AttendanceRecord.objects.create(session=live_session, person=member, status="present")
    with pytest.raises(IntegrityError):
        AttendanceRecord.objects.create(session=live_session, person=member, status="absent")


def test_all_present_marks_only_the_unmarked(live_session, member, second_member, supervisor):
    services.record_attendance(live_session, member, "excused", by=supervisor)
    assert services.mark_all_present(live_session, by=supervisor) == 1
    statuses = dict(AttendanceRecord.objects.values_list("person_id", "status"))
    assert statuses == {member.pk: "excused", second_member.pk: "present"}


def test_notice_of_absence_makes_the_session_excused(future_session, member):
    services.give_notice(future_session, member, "illness", "Ārsta apmeklējums")
    assert AttendanceRecord.objects.get(session=future_session, person=member).status == "excused"
    assert AbsenceNotice.objects.get().note == "Ārsta apmeklējums"


def test_notice_after_the_start_is_refused(live_session, member):
    with pytest.raises(services.AttendanceError) as error:
        services.give_notice(live_session, member, "illness")
    assert error.value.code == "too_late"


def test_notice_needs_a_seat_in_the_group(future_session, outsider):
    with pytest.raises(services.AttendanceError) as error:
        services.give_notice(future_session, outsider, "illness")
    assert error.value.code == "not_in_group"


def test_unmarked_people_become_absent_and_the_supervisor_is_told_once(
    settings, cycle, member, valmiera_school, supervisor
):
    from tests.factories import make_person

    settings.ATTENDANCE_AUTO_ABSENT_HOURS = 2
    session = make_session(cycle, starts_in=-timedelta(hours=6))
    late_joiner = make_person("vēlais.dalibnieks@example.lv", ["educator"], valmiera_school)
    seat(cycle, late_joiner, confirmed_at=timezone.now() - timedelta(hours=1))
    assert tasks.close_registers.delay().get() == 2
    statuses = dict(AttendanceRecord.objects.filter(session=session).values_list("person_id", "status"))
    assert statuses == {member.pk: "absent", late_joiner.pk: "n_a"}
    assert AttendanceChange.objects.filter(changed_by=None, source="auto").count() == 2
    assert [m.to for m in mail.outbox] == [[supervisor.email]]
    tasks.close_registers.delay()
    emails.send_register_closed.delay(session.pk, supervisor.pk, [member.pk])
    assert len(mail.outbox) == 1


def test_registers_of_sessions_that_ended_recently_stay_open(settings, cycle, member):
    settings.ATTENDANCE_AUTO_ABSENT_HOURS = 12
    make_session(cycle, starts_in=-timedelta(hours=4))
    assert tasks.close_registers.delay().get() == 0
    assert not AttendanceRecord.objects.exists()
