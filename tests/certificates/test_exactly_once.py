"""Exactly once under real concurrency: PostgreSQL row locks, a real Celery worker on Redis, parallel threads."""

import threading
import time

import pytest
from django.db import connection

from certificates.models import Certificate, CertificateCounter
from certificates.services import issue_certificate
from certificates.tasks import issue_certificate_task
from tests.factories import make_person

# Said here as well as added by tests/conftest.py, so that pytest-django sees it when it orders the
# suite and runs these tests after the ones that expect the migrated data (a transactional test
# leaves the database empty; the next one of its kind reloads it).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def in_parallel(count: int, work) -> list:
    """Run work(i) in `count` threads that start together; each thread closes its own connection."""
    barrier = threading.Barrier(count)
    results: list = [None] * count
    errors: list = []

    def run(i: int) -> None:
        try:
            barrier.wait(timeout=10)
            results[i] = work(i)
        except Exception as exc:  # reported below, with the thread's own error
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    return results


@pytest.mark.postgres
def test_parallel_issues_for_different_people_get_gapless_unique_numbers(postgres, programme, valmiera_school):
    people = [make_person(f"parallel{i}.p@example.lv", ["mentor"], valmiera_school) for i in range(12)]
    in_parallel(len(people), lambda i: issue_certificate(people[i], programme, by=None).pk)
    serials = sorted(Certificate.objects.values_list("serial", flat=True))
    assert serials == list(range(1, 13))
    assert Certificate.objects.values("number").distinct().count() == 12
    assert CertificateCounter.objects.get(programme=programme).last_serial == 12


@pytest.mark.postgres
def test_parallel_issues_for_the_same_person_give_one_certificate(postgres, programme, mentor):
    ids = in_parallel(6, lambda i: issue_certificate(mentor, programme, by=None).pk)
    assert len(set(ids)) == 1
    assert Certificate.objects.count() == 1
    assert CertificateCounter.objects.get(programme=programme).last_serial == 1


@pytest.mark.worker
def test_the_issuing_task_sent_several_times_to_a_real_worker_gives_one_certificate(
    live_worker, programme, mentor, educator
):
    results = [issue_certificate_task.delay(mentor.pk, programme.pk) for _ in range(5)]
    results.append(issue_certificate_task.delay(educator.pk, programme.pk))
    ids = [r.get(timeout=60) for r in results]
    assert len(set(ids[:5])) == 1
    assert Certificate.objects.filter(holder=mentor).count() == 1
    assert sorted(Certificate.objects.values_list("serial", flat=True)) == [1, 2]
    # A retry arriving later still finds the same certificate.
    time.sleep(0.1)
    assert issue_certificate_task.delay(mentor.pk, programme.pk).get(timeout=30) == ids[0]
