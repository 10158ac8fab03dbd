"""On PostgreSQL: parallel marks keep one record per person and session; the beat task runs
through a real worker and tells the supervisor once."""

import threading
import time
from datetime import timedelta

import pytest
from django.core import mail
from django.db import connection
from django.utils import timezone

from accounts.models import Organisation
from attendance import checkin, services, tasks
from attendance.models import AttendanceChange, AttendanceRecord
from scheduling.models import Booking, Session, SupervisionGroup
from tests.factories import make_person

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def committed_cycle(*, starts_in: timedelta):
    municipality = Organisation.objects.create(name="Valmieras novads", kind="municipality")
    school = Organisation.objects.create(name="Valmieras pamatskola", kind="school", parent=municipality)
    supervisor = make_person("erika.supervizore@example.lv", ["supervisor"], municipality)
    group = SupervisionGroup.objects.create(title="Cycle", municipality=municipality)
    group.supervisors.add(supervisor)
    starts_at = timezone.now() + starts_in
    session = Session.objects.create(group=group, starts_at=starts_at, ends_at=starts_at + timedelta(hours=2))
    people = [make_person(f"p{i}@example.lv", ["educator"], school) for i in range(6)]
    for person in people:
        Booking.objects.create(
            group=group, person=person, status="confirmed", confirmed_at=timezone.now() - timedelta(days=9)
        )
    return session, supervisor, people


@pytest.mark.postgres
def test_parallel_check_ins_and_all_present_leave_one_record_each(postgres):
    session, supervisor, people = committed_cycle(starts_in=-timedelta(minutes=5))
    code = checkin.current_code(session.pk)
    barrier = threading.Barrier(len(people) + 2)
    errors: list[BaseException] = []

    def run(action):
        try:
            barrier.wait()
            action()
        except services.AttendanceError as error:
            if error.code != "already_marked":
                errors.append(error)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    actions = [lambda p=p: services.check_in(session, p, code) for p in people]
    actions += [lambda: services.mark_all_present(session, by=supervisor)] * 2
    threads = [threading.Thread(target=run, args=(a,)) for a in actions]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert AttendanceRecord.objects.filter(session=session).count() == len(people)
    assert AttendanceChange.objects.filter(record__session=session).count() == len(people)


@pytest.mark.worker
def test_the_register_closes_through_a_real_worker_and_the_supervisor_hears_once(live_worker, settings):
    settings.ATTENDANCE_AUTO_ABSENT_HOURS = 1
    session, supervisor, people = committed_cycle(starts_in=-timedelta(hours=5))
    first = tasks.close_registers.delay().get(timeout=30)
    second = tasks.close_registers.delay().get(timeout=30)
    assert (first, second) == (len(people), 0)
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and not mail.outbox:
        time.sleep(0.05)
    time.sleep(0.5)
    assert [m.to for m in mail.outbox] == [[supervisor.email]]
    assert set(AttendanceRecord.objects.values_list("status", flat=True)) == {"absent"}
