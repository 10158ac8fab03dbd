"""Wagtail's document and image choosers list only what the person may open."""

import pytest
from wagtail.models import Collection

from tests.materials.test_wagtail_documents import make_document, mentors_collection  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def documents(mentors_collection):  # noqa: F811
    return {
        "private": make_document(mentors_collection, title="Tikai mentoriem: gadījumu lapa"),
        "public": make_document(Collection.get_first_root_node(), title="Visiem: programmas apraksts"),
    }


@pytest.mark.parametrize(("persona", "sees_private"), [("coordinator", False), ("editor", True), ("admin_user", True)])
def test_the_document_chooser_lists_only_what_the_person_may_open(client, request, documents, persona, sees_private):
    client.force_login(request.getfixturevalue(persona))
    response = client.get("/admin/documents/chooser/")
    assert response.status_code == 200
    body = response.json()["html"]
    assert ("Tikai mentoriem: gadījumu lapa" in body) is sees_private
    assert "Visiem: programmas apraksts" in body


def test_the_openable_collections_follow_the_nearest_audience(coordinator, mentor, mentors_collection):  # noqa: F811
    from materials.access import openable_collection_ids

    child = mentors_collection.add_child(name="Mentoriem: pielikumi")
    assert child.pk not in openable_collection_ids(coordinator)
    assert mentors_collection.pk not in openable_collection_ids(coordinator)
    assert {child.pk, mentors_collection.pk} <= openable_collection_ids(mentor)
    assert Collection.get_first_root_node().pk in openable_collection_ids(coordinator)
