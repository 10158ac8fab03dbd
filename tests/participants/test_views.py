"""Every participants page for every role: anonymous, outsider, the person, coordinators in and out of scope."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from participants import services
from participants.models import ParticipantRecord, PublicEvent
from privacy.models import AccessLogEntry
from tests.participants.conftest import ENTRY

pytestmark = pytest.mark.django_db


@pytest.fixture
def record(attendee):
    return services.open_record(attendee, "supervision")


@pytest.fixture
def event(valmiera, coordinator):
    return PublicEvent.objects.create(
        title="Atvērtais seminārs", held_on=date(2026, 3, 3), municipality=valmiera, attendees=30
    )


COORDINATOR_PAGES = ["participants:records", "participants:events", "participants:reports", "participants:insight"]


@pytest.mark.parametrize("name", ["participants:mine", *COORDINATOR_PAGES])
def test_anonymous_people_are_sent_to_sign_in(client, name):
    response = client.get(reverse(name))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("name", COORDINATOR_PAGES)
def test_people_without_a_coordinator_role_get_404(client, outsider, educator, name):
    for person in (outsider, educator):
        client.force_login(person)
        assert client.get(reverse(name)).status_code == 404


@pytest.mark.parametrize("name", COORDINATOR_PAGES)
def test_coordinators_open_their_pages(client, coordinator, national_coordinator, attendee, name):
    for person in (coordinator, national_coordinator):
        client.force_login(person)
        assert client.get(reverse(name)).status_code == 200


def test_the_own_page_shows_only_the_persons_own_activities(client, attendee, outsider):
    client.force_login(outsider)
    assert "supervision-gender" not in client.get(reverse("participants:mine")).content.decode()
    client.force_login(attendee)
    assert "supervision-gender" in client.get(reverse("participants:mine")).content.decode()


def test_a_record_opens_for_its_coordinators_only(
    client, record, coordinator, national_coordinator, jelgava_coordinator, outsider, attendee
):
    url = reverse("participants:record", args=[record.pk])
    for person, status in (
        (coordinator, 200),
        (national_coordinator, 200),
        (jelgava_coordinator, 404),
        (outsider, 404),
        (attendee, 404),
    ):
        client.force_login(person)
        assert client.get(url).status_code == status, person


@pytest.mark.parametrize("pk", [0, 99999999, 2**63, 2**70])
def test_unknown_and_huge_ids_are_not_found(client, coordinator, pk):
    client.force_login(coordinator)
    assert client.get(f"/participants/{pk}/").status_code == 404
    assert client.post(f"/participants/events/{pk}/delete/").status_code == 404


def test_viewing_a_record_is_logged_for_the_person(client, record, coordinator):
    client.force_login(coordinator)
    client.get(reverse("participants:record", args=[record.pk]))
    entry = AccessLogEntry.objects.get()
    assert (entry.viewer, entry.subject, entry.kind) == (coordinator, record.person, "participant_record")


def test_a_coordinator_completes_and_corrects_through_the_record_page(client, record, coordinator):
    client.force_login(coordinator)
    url = reverse("participants:record_entry", args=[record.pk])
    assert (
        client.post(url, {"gender": "man", "birth_year": "", "labour_status": "", "education": ""}).status_code == 302
    )
    record.refresh_from_db()
    assert record.current_entry.gender == "man" and not record.is_complete
    response = client.post(url, {**ENTRY, "reason": ""})
    assert response.status_code == 400  # a correction needs its reason
    assert client.post(url, {**ENTRY, "reason": "Dalībniece precizēja datus"}).status_code == 302
    assert record.versions.count() == 2


def test_a_coordinator_of_another_municipality_cannot_write(client, record, jelgava_coordinator):
    client.force_login(jelgava_coordinator)
    assert client.post(reverse("participants:record_entry", args=[record.pk]), ENTRY).status_code == 404
    assert (
        client.post(reverse("participants:record_exit", args=[record.pk]), {"result": "completed"}).status_code == 404
    )
    assert record.versions.count() == 0


def test_exit_data_are_checked(client, record, coordinator):
    client.force_login(coordinator)
    url = reverse("participants:record_exit", args=[record.pk])
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    assert client.post(url, {"result": "completed", "left_on": future}).status_code == 400
    assert client.post(url, {"result": "<script>", "left_on": "9999-01-01"}).status_code == 400
    today = timezone.localdate().isoformat()
    assert client.post(url, {"result": "left_early", "left_on": today}).status_code == 302
    record.refresh_from_db()
    assert (record.exit_result, record.exit_source, record.exit_recorded_by) == (
        "left_early",
        "coordinator",
        coordinator,
    )


def test_the_own_forms_refuse_hostile_input_with_messages(client, attendee):
    client.force_login(attendee)
    url = reverse("participants:submit_entry", args=["supervision"])
    for year in ("9999", "abc", "", "1800"):
        response = client.post(
            url, {**{f"supervision-{k}": v for k, v in ENTRY.items()}, "supervision-birth_year": year}
        )
        assert response.status_code == 400
        assert "supervision-birth_year" in response.content.decode()
    assert client.post(reverse("participants:submit_entry", args=["<script>"]), {}).status_code == 404
    assert not ParticipantRecord.objects.exists()


def test_the_person_corrects_their_own_answers(client, attendee):
    services.submit_entry(attendee, "supervision", ENTRY, by=attendee)
    client.force_login(attendee)
    url = reverse("participants:correct_entry", args=["supervision"])
    fields = {f"supervision-fix-{k}": v for k, v in {**ENTRY, "gender": "non_binary"}.items()}
    assert client.post(url, fields).status_code == 400
    assert client.post(url, {**fields, "supervision-fix-reason": "Norādīju nepareizi"}).status_code == 302
    assert ParticipantRecord.objects.get().current_entry.gender == "non_binary"


def test_events_are_added_and_deleted_within_scope(client, coordinator, jelgava_coordinator, valmiera, jelgava, event):
    client.force_login(coordinator)
    data = {"title": "Informācijas diena", "kind": "information_day", "held_on": "2026-05-05", "attendees": "55"}
    assert client.post(reverse("participants:events"), {**data, "municipality": jelgava.pk}).status_code == 200
    assert (
        client.post(
            reverse("participants:events"), {**data, "municipality": valmiera.pk, "attendees": "10000000"}
        ).status_code
        == 200
    )
    assert client.post(reverse("participants:events"), {**data, "municipality": valmiera.pk}).status_code == 302
    assert PublicEvent.objects.count() == 2
    client.force_login(jelgava_coordinator)
    assert client.post(reverse("participants:event_delete", args=[event.pk])).status_code == 404
    client.force_login(coordinator)
    assert client.post(reverse("participants:event_delete", args=[event.pk])).status_code == 302
    assert not PublicEvent.objects.filter(pk=event.pk).exists()


def test_the_charts_page_has_an_svg_and_a_table_per_chart(client, coordinator, attendee, esf_group):
    client.force_login(coordinator)
    page = client.get(reverse("participants:insight")).content.decode()
    assert page.count('role="img" class="chart"') >= 3
    assert "Valmieras ESF+ grupa" in page  # the attendance table names the group
    assert page.count("<table") == page.count('role="img" class="chart"')


def test_opening_records_for_a_coordinators_people(client, coordinator, attendee):
    client.force_login(coordinator)
    assert client.get(reverse("participants:records")).status_code == 200
    assert not ParticipantRecord.objects.exists()  # a GET opens nothing
    assert client.post(reverse("participants:open_records")).status_code == 302
    assert ParticipantRecord.objects.filter(person=attendee).exists()
