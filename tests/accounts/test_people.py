import pytest
from django.urls import reverse

from accounts.permissions import roles_of


def test_coordinator_lists_people_of_their_municipality_only(client, coordinator, educator, outsider):
    client.force_login(coordinator)
    body = client.get(reverse("people")).content.decode()
    assert educator.email in body
    assert outsider.email not in body


def test_coordinator_finds_people_by_name(client, coordinator, educator, mentor):
    client.force_login(coordinator)
    body = client.get(reverse("people"), {"q": "janis"}).content.decode()
    assert educator.email in body
    assert mentor.email not in body


def test_coordinator_gives_a_person_another_role_and_school(client, coordinator, educator, valmiera):
    client.force_login(coordinator)
    response = client.post(
        reverse("person_edit", args=[educator.pk]), {"organisation": valmiera.pk, "roles": ["educator", "mentor"]}
    )
    assert response.status_code == 302
    educator.refresh_from_db()
    assert educator.organisation == valmiera
    assert roles_of(educator) == {"educator", "mentor"}


def test_coordinator_cannot_open_a_person_of_another_municipality(client, coordinator, outsider):
    client.force_login(coordinator)
    assert client.get(reverse("person_edit", args=[outsider.pk])).status_code == 404
    assert client.post(reverse("person_edit", args=[outsider.pk]), {"roles": ["educator"]}).status_code == 404
    assert roles_of(outsider) == set()


def test_municipal_coordinator_cannot_make_someone_an_editor(client, coordinator, educator, valmiera_school):
    client.force_login(coordinator)
    response = client.post(
        reverse("person_edit", args=[educator.pk]), {"organisation": valmiera_school.pk, "roles": ["editor"]}
    )
    assert response.status_code == 200
    educator.refresh_from_db()
    assert roles_of(educator) == {"educator"}


def test_coordinator_cannot_change_their_own_roles(client, coordinator, valmiera):
    client.force_login(coordinator)
    response = client.post(reverse("person_edit", args=[coordinator.pk]), {"organisation": valmiera.pk, "roles": []})
    assert response.status_code == 200
    assert "savas lomas" in response.content.decode()
    assert roles_of(coordinator) == {"coordinator"}


@pytest.mark.parametrize("persona", ["mentor", "educator", "supervisor", "editor", "outsider"])
def test_people_pages_are_hidden_from_non_coordinators(db, client, request, persona, educator):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("people")).status_code == 404
    assert client.get(reverse("person_edit", args=[educator.pk])).status_code == 404
