"""Who viewed or exported others' personal data: logged for people pages, records and exports."""

import pytest
from django.urls import reverse

from privacy.models import AccessLogEntry
from privacy.services import access_log_about

pytestmark = pytest.mark.django_db


def test_a_coordinator_opening_a_persons_page_is_logged(client, coordinator, educator):
    client.force_login(coordinator)
    assert client.get(reverse("person_edit", args=[educator.pk])).status_code == 200
    entry = AccessLogEntry.objects.get()
    assert (entry.viewer, entry.subject, entry.kind, entry.path) == (
        coordinator,
        educator,
        "person_page",
        f"/people/{educator.pk}/",
    )


def test_a_refused_page_is_not_logged(client, coordinator, outsider):
    client.force_login(coordinator)
    assert client.get(reverse("person_edit", args=[outsider.pk])).status_code == 404
    assert not AccessLogEntry.objects.exists()


def test_exports_are_logged_with_the_municipality_they_covered(client, coordinator, valmiera, educator, outsider):
    client.force_login(coordinator)
    response = client.get(reverse("certificates_manage") + "?export=csv")
    assert response.status_code == 200
    entry = AccessLogEntry.objects.get()
    assert (entry.kind, entry.municipality, entry.subject) == ("export", valmiera, None)
    assert list(access_log_about(educator)) == [entry]
    assert list(access_log_about(outsider)) == []  # Jelgava: not in that export
    assert client.get(reverse("certificates_manage")).status_code == 200
    assert AccessLogEntry.objects.count() == 1  # looking at the list on screen is not an export


def test_the_log_page_is_for_national_coordinators(client, coordinator, national_coordinator, educator):
    client.force_login(coordinator)
    client.get(reverse("person_edit", args=[educator.pk]))
    assert client.get(reverse("privacy:access_log")).status_code == 404
    assert client.get(reverse("privacy:retention")).status_code == 404
    client.force_login(national_coordinator)
    page = client.get(reverse("privacy:access_log") + "?q=" + educator.last_name).content.decode()
    assert str(coordinator) in page and f"/people/{educator.pk}/" in page
    assert client.get(reverse("privacy:access_log") + "?q=<script>alert(1)</script>").status_code == 200
    assert client.get(reverse("privacy:retention")).status_code == 200


def test_seeing_ones_own_data_is_not_logged(client, national_coordinator):
    client.force_login(national_coordinator)
    client.get(reverse("person_edit", args=[national_coordinator.pk]))
    assert not AccessLogEntry.objects.exists()
