"""Wagtail documents are streamed by Django's view, which refuses them outside their collection's audience."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection

from materials import audiences
from materials.models import CollectionAudience
from tests.materials.conftest import pdf_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def mentors_collection(db):
    collection = Collection.get_first_root_node().add_child(name="Mentoriem")
    CollectionAudience.objects.create(collection=collection, audience_kind=audiences.ROLES, audience_roles=",mentor,")
    return collection


def make_document(collection, title="Mentoru darba lapa"):
    document = get_document_model()(title=title, collection=collection)
    document.file.save("darba-lapa.pdf", ContentFile(pdf_bytes(title)), save=False)
    document.save()
    return document


def test_wagtail_documents_are_served_through_the_checking_view(settings):
    assert settings.WAGTAILDOCS_SERVE_METHOD == "serve_view"


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        (None, False),
        ("outsider", False),
        ("educator", False),
        ("coordinator", False),
        ("mentor", True),
        ("editor", True),
    ],
)
def test_a_document_in_a_mentors_collection_is_served_to_mentors_only(
    client, request, persona, allowed, mentors_collection
):
    document = make_document(mentors_collection)
    if persona:
        client.force_login(request.getfixturevalue(persona))
    response = client.get(document.url)
    assert response.status_code == (200 if allowed else 404)
    if allowed:
        assert b"".join(response.streaming_content).startswith(b"%PDF-")
    else:
        assert b"%PDF" not in response.content


def test_a_sub_collection_inherits_the_audience(client, educator, mentors_collection):
    document = make_document(mentors_collection.add_child(name="Apakšmape"))
    client.force_login(educator)
    assert client.get(document.url).status_code == 404


def test_a_document_in_a_collection_without_an_audience_stays_public(client):
    document = make_document(Collection.get_first_root_node(), "Publiska lapa")
    assert client.get(document.url).status_code == 200


def test_editors_set_a_collection_audience_in_the_admin(client, editor):
    collection = Collection.get_first_root_node().add_child(name="Pedagogiem")
    client.force_login(editor)
    response = client.post(
        "/admin/snippets/materials/collectionaudience/add/",
        {"collection": collection.pk, "audience_kind": audiences.ROLES, "audience_roles": ["educator"]},
    )
    assert response.status_code == 302
    audience = CollectionAudience.objects.get(collection=collection)
    assert audience.role_list == ["educator"]
    response = client.post(
        "/admin/snippets/materials/collectionaudience/add/",
        {"collection": Collection.get_first_root_node().pk, "audience_kind": audiences.ROLES},
    )
    assert response.status_code == 200
    assert not CollectionAudience.objects.filter(collection__depth=1).exists()
