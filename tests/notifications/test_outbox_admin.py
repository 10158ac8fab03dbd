"""Stuck background work in the Wagtail admin: who sees it, what it shows, the retry action."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from accounts.tasks import send_invitation_email
from notifications.models import OutboxItem
from tests.notifications.test_outbox import invite

# Real commits; the data the migrations made (groups, the page tree) is restored after each test, as for
# every other transactional test of the suite (see tests/conftest.py).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def _real_commits(transactional_db):
    """Named here so that tests/conftest.py leaves on_commit as Django has it: the dispatch runs after commit."""


@pytest.fixture
def stuck_item(coordinator, valmiera_school):
    with mock.patch.object(send_invitation_email, "apply_async", side_effect=BrokerError("Error 111 refused")):
        invite(coordinator, valmiera_school)
    item = OutboxItem.objects.get()
    OutboxItem.objects.filter(pk=item.pk).update(created_at=timezone.now() - timedelta(hours=3))
    return item


def test_a_coordinator_sees_stuck_work_with_its_age_and_error_and_retries_it(client, coordinator, stuck_item):
    client.force_login(coordinator)
    response = client.get(reverse("notifications_outbox"))
    assert response.status_code == 200, response.get("Location")
    body = response.content.decode()
    assert "accounts.tasks.send_invitation_email" in body
    assert "Error 111 refused" in body
    assert re.search(r"<td>3\xa0(stund|hour)", body)  # waiting for 3 hours
    response = client.post(reverse("notifications_outbox_retry", args=[stuck_item.pk]))
    assert response.status_code == 302
    stuck_item.refresh_from_db()
    assert stuck_item.done_at is not None
    assert len(mail.outbox) == 1
    listing = client.get(reverse("notifications_outbox")).content.decode()
    assert "Error 111 refused" not in listing
    assert "Nothing is stuck" in listing or "Nekas nav iestrēdzis" in listing


@pytest.mark.parametrize("persona", ["mentor", "editor", "outsider"])
def test_people_who_do_not_coordinate_cannot_see_or_retry_stuck_work(client, request, persona, stuck_item):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("notifications_outbox")).status_code in {302, 404}
    response = client.post(reverse("notifications_outbox_retry", args=[stuck_item.pk]))
    assert response.status_code in {302, 404}
    stuck_item.refresh_from_db()
    assert stuck_item.done_at is None
    assert mail.outbox == []


def test_anonymous_visitors_are_sent_to_sign_in(client, stuck_item):
    response = client.get(reverse("notifications_outbox"))
    assert response.status_code == 302
    assert "/login" in response["Location"]


@pytest.mark.parametrize("pk", ["99999999999999999999", "0"])
def test_retry_of_an_unknown_or_oversized_id_is_not_found(client, coordinator, pk):
    client.force_login(coordinator)
    assert client.post(f"/admin/outbox/{pk}/retry/").status_code == 404
