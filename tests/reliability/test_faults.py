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
