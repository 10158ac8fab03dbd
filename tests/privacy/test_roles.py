"""Every privacy page for every role it should refuse."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

GET_PAGES = [
    ("privacy:my_data", []),
    ("privacy:export", [1]),
    ("privacy:export_download", [1]),
    ("privacy:erasure_requests", []),
    ("privacy:access_log", []),
    ("privacy:retention", []),
    ("participants:sensitive", ["supervision"]),
]
POST_ACTIONS = [
    ("privacy:request_export", []),
    ("privacy:request_erasure", []),
    ("privacy:withdraw_erasure", [1]),
    ("privacy:erasure_approve", [1]),
    ("privacy:erasure_refuse", [1]),
    ("participants:submit_entry", ["supervision"]),
    ("participants:correct_entry", ["supervision"]),
    ("participants:withdraw_sensitive", ["supervision"]),
    ("participants:open_records", []),
    ("participants:record_entry", [1]),
    ("participants:record_exit", [1]),
    ("participants:event_delete", [1]),
]


@pytest.mark.parametrize(("name", "args"), GET_PAGES + POST_ACTIONS)
def test_anonymous_people_are_sent_to_sign_in(client, name, args):
    method = client.post if (name, args) in POST_ACTIONS else client.get
    response = method(reverse(name, args=args))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", ["privacy:erasure_requests", "privacy:access_log", "privacy:retention"])
def test_only_national_coordinators_open_the_data_protection_pages(client, educator, coordinator, editor, name):
    for person in (educator, coordinator, editor):
        client.force_login(person)
        assert client.get(reverse(name)).status_code == 404


@pytest.mark.parametrize(("name", "args"), [(n, a) for n, a in POST_ACTIONS if n.startswith("participants:")])
def test_actions_refuse_get(client, coordinator, name, args):
    client.force_login(coordinator)
    assert client.get(reverse(name, args=args)).status_code == 405


def test_the_optional_questions_need_a_confirmed_record_of_ones_own(client, educator):
    client.force_login(educator)
    assert client.get(reverse("participants:sensitive", args=["supervision"])).status_code == 404
    assert client.get(reverse("participants:sensitive", args=["<b>"])).status_code == 404
