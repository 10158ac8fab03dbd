"""Faults proved with real processes: the broker stops, a worker is killed, the database restarts."""

import logging
import tempfile
import time
from pathlib import Path

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse

from certificates.models import Certificate
from courses.services import open_lesson
from notifications.models import OutboxItem, SentEmail
from scheduling.models import Booking
from tests.courses.conftest import build_course, enrol_directly
from tests.reliability.processes import (
    RedisServer,
    celery_app_using,
    celery_worker,
    sent_messages,
    test_database_url,
    wait_until,
    worker_env,
)

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
figures = logging.getLogger("kopiena.figures")


@pytest.fixture
def course_with_programme(programme):
    tree = build_course(modules=1, lessons_per_module=2)
    programme.course = tree.course
    programme.save()
    return tree


def complete_through_the_site(client, person, tree) -> list[int]:
    enrolment = enrol_directly(person, tree.course)
    client.force_login(person)
    statuses = []
    for lesson in tree.lessons:
        open_lesson(person, lesson, tree.course, enrolment)
        statuses.append(client.post(reverse("lesson_complete", args=[lesson.pk])).status_code)
    return statuses


def test_with_the_broker_down_booking_and_completion_answer_and_the_work_arrives_once_it_is_back(
    postgres, client, group, educator, mentor, course_with_programme
):
    redis = RedisServer()
    redis.start()
    redis.stop()  # the broker goes down
    with tempfile.TemporaryDirectory() as directory, celery_app_using(redis.url):
        directory = Path(directory)
        client.force_login(educator)
        response = client.post(reverse("scheduling:book", args=[group.pk]), follow=True)
        assert response.status_code == 200
        assert (
            "Your seat is booked" in response.content.decode() or "Jūsu vieta ir rezervēta" in response.content.decode()
        )
        booking = Booking.objects.get(person=educator, group=group)
        assert booking.status == Booking.Status.CONFIRMED
        assert complete_through_the_site(client, mentor, course_with_programme) == [302, 302]

        items = list(OutboxItem.objects.order_by("pk"))
        assert [i.task for i in items] == [
            "scheduling.emails.send_booking_confirmation",
            "certificates.tasks.issue_certificate_task",
        ]
        assert [(i.done_at, i.dispatched_at, bool(i.last_error)) for i in items] == [(None, None, True)] * 2, [
            (i.done_at, i.dispatched_at, i.last_error) for i in items
        ]
        assert not Certificate.objects.exists() and not SentEmail.objects.filter(sent_at__isnull=False).exists()
        health = client.get("/healthz").json()
        assert (health["status"], health["broker"], health["outbox"]["pending"]) == ("degraded", "unreachable", 2)

        redis.start()  # the broker is back; a worker starts and takes over what is open
        started = time.monotonic()
        env = worker_env(test_database_url(), redis.url, directory, MEDIA_ROOT=str(default_storage.location))
        try:
            with celery_worker(env) as worker:
                assert wait_until(lambda: not OutboxItem.objects.open().exists(), timeout=60), Path(
                    worker.log_path
                ).read_text()[-3000:]
                figures.warning(
                    "outbox after the broker came back: all open work done %.2f s after the worker started",
                    time.monotonic() - started,
                )

                # With broker and worker up, new work goes through at once.
                second = time.monotonic()
                client.force_login(educator)
                client.post(reverse("scheduling:cancel_booking", args=[booking.pk]))
                assert wait_until(lambda: not OutboxItem.objects.open().exists(), timeout=30)
                figures.warning(
                    "outbox dispatch latency, broker up: %.0f ms from request to email sent",
                    (time.monotonic() - second) * 1000,
                )
        finally:
            redis.stop()

        certificate = Certificate.objects.get(holder=mentor)
        assert certificate.serial == 1
        confirmation = SentEmail.objects.get(key=f"booking-confirmed:{booking.pk}")
        assert confirmation.sent_at is not None
        to_educator = [m for m in sent_messages(directory) if educator.email.encode() in m]
        assert len(to_educator) == 2  # the confirmation, once, and the cancellation
        assert Certificate.objects.count() == 1


def _children(pid: int) -> list[int]:
    path = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(p) for p in path.read_text().split()] if path.exists() else []


def _waiting_on_a_lock(database: str) -> bool:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND wait_event_type = 'Lock'", [database]
        )
        return cursor.fetchone()[0] > 0


def test_a_worker_killed_in_the_middle_of_issuing_leaves_one_certificate_with_one_number(postgres, programme, mentor):
    import os
    import signal

    import psycopg
    from django.db import connection, transaction
    from django.utils import timezone

    from certificates.models import CertificateCounter
    from certificates.tasks import issue_certificate_task
    from notifications.services import enqueue

    CertificateCounter.objects.create(programme=programme, year=timezone.localdate().year)
    redis = RedisServer()
    redis.start()
    blocker = psycopg.connect(test_database_url(), autocommit=False)
    try:
        with tempfile.TemporaryDirectory() as directory, celery_app_using(redis.url):
            env = worker_env(test_database_url(), redis.url, Path(directory), MEDIA_ROOT=str(default_storage.location))
            with celery_worker(env, concurrency=1) as worker:
                assert wait_until(lambda: "ready." in Path(worker.log_path).read_text(), timeout=60)
                # Hold the counter row, so the worker stops in the middle of issuing, inside its transaction.
                blocker.execute("SELECT * FROM certificates_certificatecounter FOR UPDATE")
                with transaction.atomic():
                    enqueue(issue_certificate_task, holder_id=mentor.pk, programme_id=programme.pk)
                assert wait_until(lambda: _waiting_on_a_lock(connection.settings_dict["NAME"]), timeout=30)
                (child,) = _children(worker.pid)
                os.kill(child, signal.SIGKILL)
                assert wait_until(lambda: child not in _children(worker.pid), timeout=30)
                blocker.commit()  # the lock goes; the redelivered task runs in a fresh child
                assert wait_until(lambda: not OutboxItem.objects.open().exists(), timeout=60), Path(
                    worker.log_path
                ).read_text()[-3000:]
                log = Path(worker.log_path).read_text()
    finally:
        blocker.close()
        redis.stop()
    assert "SIGKILL" in log or "signal 9" in log
    certificate = Certificate.objects.get(holder=mentor, programme=programme)
    assert certificate.serial == 1
    assert CertificateCounter.objects.get(programme=programme).last_serial == 1
    assert Certificate.objects.count() == 1


def test_the_site_answers_503_while_postgresql_restarts_and_recovers_without_a_restart(postgres, group, educator):
    from tests.reliability.processes import Browser, PostgresCluster, gunicorn, signed_in_session, site_env

    session_key = signed_in_session(educator)
    cluster = PostgresCluster()
    try:
        cluster.init()
        cluster.start()
        cluster.copy_database_from(test_database_url(), "kopiena")
        env = site_env(cluster.url("kopiena"), DATABASE_CONN_MAX_AGE="60")
        with gunicorn(env, workers=1, threads=4) as base:
            person = Browser(base, session_key=session_key)
            assert person.request("GET", "/supervision/")[0] == 200

            cluster.stop("fast")
            for path in ("/supervision/", "/healthz", f"/supervision/groups/{group.pk}/"):
                status, body = person.request("GET", path)
                assert status == 503, (path, body[:300])
            status, body = person.request("GET", "/supervision/")
            assert "Kopiena īslaicīgi nav pieejama" in body.decode()
            status, _body = person.request("POST", f"/supervision/groups/{group.pk}/book/")
            assert status == 503

            cluster.start()
            assert wait_until(lambda: person.request("GET", "/healthz")[0] == 200, timeout=30)
            assert person.request("GET", "/supervision/")[0] == 200
            assert person.request("POST", f"/supervision/groups/{group.pk}/book/")[0] == 302
    finally:
        cluster.remove()
