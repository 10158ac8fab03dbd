"""On PostgreSQL, people submitting the same entry form at once confirm it exactly once."""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone

from accounts.models import Organisation
from participants import services
from participants.models import EntryVersion, ParticipantRecord
from privacy import services as privacy_services
from privacy.models import DataExport
from scheduling.models import SupervisionGroup
from tests.factories import make_person
from tests.participants.conftest import ENTRY, attend, held_session

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
RACERS = 8


def _race(target, count=RACERS) -> list[BaseException]:
    barrier = threading.Barrier(count)
    errors: list[BaseException] = []

    def run():
        try:
            barrier.wait()
            target()
        except BaseException as error:  # noqa: BLE001 - reported to the test
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return errors


def test_parallel_submissions_confirm_one_version(postgres):
    municipality = Organisation.objects.create(name="Valmieras novads", kind="municipality")
    school = Organisation.objects.create(name="Valmieras pamatskola", kind="school", parent=municipality)
    person = make_person("janis.skolotajs@example.lv", ["educator"], school)
    group = SupervisionGroup.objects.create(title="Sacensību grupa", municipality=municipality)
    attend(person, held_session(group, days_ago=10))

    errors = _race(lambda: services.submit_entry(person, "supervision", ENTRY, by=person))

    assert ParticipantRecord.objects.filter(person=person).count() == 1
    assert EntryVersion.objects.filter(record__person=person).count() == 1
    assert len(errors) == RACERS - 1
    assert {getattr(e, "code", repr(e)) for e in errors} == {"frozen"}
    record = ParticipantRecord.objects.get(person=person)
    assert record.entry_date == timezone.localdate(timezone.now() - timedelta(days=10))


def test_parallel_download_requests_prepare_one(postgres, monkeypatch):
    monkeypatch.setattr("privacy.tasks.build_export_task.delay", lambda export_id: None)  # stays queued
    municipality = Organisation.objects.create(name="Valmieras novads", kind="municipality")
    person = make_person("liga.mentore@example.lv", ["mentor"], municipality)

    errors = _race(lambda: privacy_services.request_export(person))

    assert DataExport.objects.filter(person=person).count() == 1
    assert [getattr(e, "code", repr(e)) for e in errors] == ["in_progress"] * (RACERS - 1)
