import time

import pytest
from django.core import mail

from accounts.services import invite_person
from accounts.tasks import send_invitation_email
from notifications.models import SentEmail

pytestmark = pytest.mark.worker


def wait_for(predicate, timeout=20.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.05)
    return False


def test_invitation_email_goes_through_the_worker_once_even_when_the_task_runs_three_times(
    live_worker, coordinator, valmiera_school
):
    invitation = invite_person(
        email="worker@example.lv",
        first_name="W",
        last_name="K",
        organisation=valmiera_school,
        roles=["educator"],
        language="lv",
        by=coordinator,
    )
    assert wait_for(lambda: SentEmail.objects.filter(sent_at__isnull=False).exists())
    repeats = [send_invitation_email.delay(invitation.pk, invitation.key) for _ in range(2)]
    assert [r.get(timeout=20) for r in repeats] == [False, False]
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["worker@example.lv"]
    assert SentEmail.objects.count() == 1
