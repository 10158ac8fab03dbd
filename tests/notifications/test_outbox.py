"""The outbox: work is written with the change, handed over after commit, kept when the broker is down."""

from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from accounts.services import invite_person
from accounts.tasks import send_invitation_email
from notifications import services
from notifications.models import OutboxItem, SentEmail

# Real commits; the data the migrations made (groups, the page tree) is restored after each test, as for
# every other transactional test of the suite (see tests/conftest.py).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _real_commits(transactional_db):
    """Commit for real, so the outbox's after-commit dispatch runs as it does in the site."""


def invite(coordinator, school, email="outbox.person@example.lv"):
    return invite_person(
        email=email,
        first_name="Ilze",
        last_name="O'Brien",
        organisation=school,
        roles=["educator"],
        language="lv",
        by=coordinator,
    )


def test_work_of_a_rolled_back_change_is_neither_recorded_nor_sent(coordinator, valmiera_school):
    with pytest.raises(RuntimeError), transaction.atomic():
        invite(coordinator, valmiera_school)
        raise RuntimeError("the view failed after the invitation")
    assert OutboxItem.objects.count() == 0
    assert mail.outbox == []


def test_committed_work_is_dispatched_after_commit_and_marked_done(coordinator, valmiera_school):
    with transaction.atomic():
        invitation = invite(coordinator, valmiera_school)
        item = OutboxItem.objects.get()
        assert item.dispatched_at is None  # nothing is handed over before the commit
        assert mail.outbox == []
    item.refresh_from_db()
    assert item.task == send_invitation_email.name
    assert item.kwargs == {"invitation_id": invitation.pk, "key": invitation.key}
    assert item.done_at is not None and item.dispatched_at is not None
    assert [m.to for m in mail.outbox] == [["outbox.person@example.lv"]]


def test_a_broker_error_is_logged_and_kept_and_the_change_stands(coordinator, valmiera_school, caplog):
    with mock.patch.object(send_invitation_email, "apply_async", side_effect=BrokerError("Connection refused")):
        invitation = invite(coordinator, valmiera_school)
    item = OutboxItem.objects.get()
    assert invitation.pk is not None
    assert item.done_at is None and item.dispatched_at is None
    assert item.attempts == 1
    assert "Connection refused" in item.last_error
    assert "not dispatched" in caplog.text
    assert mail.outbox == []

    # Beat, a minute later, hands it over; the email goes once.
    later = timezone.now() + timedelta(minutes=1)
    assert services.redispatch_pending(now=later) == 1
    item.refresh_from_db()
    assert item.done_at is not None
    assert len(mail.outbox) == 1
    assert services.redispatch_pending(now=later + timedelta(hours=1)) == 0


def test_a_repeated_dispatch_still_sends_the_email_once(coordinator, valmiera_school):
    invite(coordinator, valmiera_school)
    item = OutboxItem.objects.get()
    OutboxItem.objects.filter(pk=item.pk).update(done_at=None)  # as if the worker died before reporting
    services.redispatch_pending(now=timezone.now() + timedelta(hours=1))
    assert len(mail.outbox) == 1
    assert SentEmail.objects.filter(sent_at__isnull=False).count() == 1


def test_enqueue_refuses_a_task_name_string():
    with pytest.raises(TypeError):
        services.enqueue("accounts.tasks.send_invitation_email", invitation_id=1, key="x")


def test_beat_leaves_fresh_and_recently_dispatched_items_alone(coordinator, valmiera_school):
    with mock.patch.object(send_invitation_email, "apply_async", side_effect=BrokerError("down")):
        invite(coordinator, valmiera_school)
    # Created moments ago: the first dispatch after commit owns it for 30 seconds.
    assert services.redispatch_pending() == 0


def test_automatic_dispatch_stops_after_many_attempts_and_a_retry_starts_again(coordinator, valmiera_school):
    with mock.patch.object(send_invitation_email, "apply_async", side_effect=BrokerError("down")):
        invite(coordinator, valmiera_school)
    item = OutboxItem.objects.get()
    OutboxItem.objects.filter(pk=item.pk).update(attempts=services.MAX_AUTOMATIC_ATTEMPTS)
    assert services.redispatch_pending(now=timezone.now() + timedelta(hours=1)) == 0
    assert services.retry(item) is True
    item.refresh_from_db()
    assert item.done_at is not None and item.attempts == 1
    assert len(mail.outbox) == 1


def test_healthz_counts_open_and_stuck_work(client, coordinator, valmiera_school):
    with mock.patch.object(send_invitation_email, "apply_async", side_effect=BrokerError("down")):
        invite(coordinator, valmiera_school, "a@example.lv")
        invite(coordinator, valmiera_school, "b@example.lv")
    OutboxItem.objects.filter(kwargs__key__isnull=False).update(created_at=timezone.now() - timedelta(hours=2))
    invite(coordinator, valmiera_school, "c@example.lv")  # handed over and done
    outbox = client.get("/healthz").json()["outbox"]
    assert outbox["pending"] == 2
    assert outbox["stuck"] == 2
    assert 7100 < outbox["oldest_seconds"] < 7300
