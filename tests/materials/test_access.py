"""Every file URL asks `can_download`; people outside a material's audience get 404, never the bytes."""

import pytest
from django.urls import reverse

from materials import audiences
from materials.access import can_download, materials_for
from tests.materials.conftest import make_material

pytestmark = pytest.mark.django_db

PERSONAS = [
    "mentor",
    "educator",
    "supervisor",
    "coordinator",
    "national_coordinator",
    "editor",
    "admin_user",
    "outsider",
]


def _client(client, request, persona):
    if persona is not None:
        client.force_login(request.getfixturevalue(persona))
    return client


@pytest.mark.parametrize("persona", [None, *PERSONAS])
def test_everyone_downloads_a_public_material(client, request, persona, public_material):
    response = _client(client, request, persona).get(reverse("materials:download", args=[public_material.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")


@pytest.mark.parametrize("persona", PERSONAS)
def test_every_signed_in_person_downloads_a_signed_in_material(client, request, persona, signed_in_material):
    response = _client(client, request, persona).get(reverse("materials:download", args=[signed_in_material.pk]))
    assert response.status_code == 200


def test_a_signed_out_visitor_guessing_urls_gets_404_not_the_file(client, signed_in_material, mentors_material):
    for material in (signed_in_material, mentors_material):
        for name in ("download", "detail", "preview"):
            response = client.get(reverse(f"materials:{name}", args=[material.pk]))
            assert response.status_code == 404
            assert b"%PDF" not in response.content
        response = client.get(reverse("materials:version_download", args=[material.pk, 1]))
        assert response.status_code == 404


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("mentor", True),
        ("educator", False),
        ("supervisor", False),
        ("coordinator", False),
        ("national_coordinator", False),
        ("outsider", False),
        ("editor", True),
        ("admin_user", True),
    ],
)
def test_a_mentors_only_material_is_for_mentors_and_editors(client, request, persona, allowed, mentors_material):
    response = _client(client, request, persona).get(reverse("materials:download", args=[mentors_material.pk]))
    assert response.status_code == (200 if allowed else 404)
    listing = client.get(reverse("materials:list"))
    assert (mentors_material.title in listing.content.decode()) is allowed


def test_tampered_or_unknown_ids_give_404(client, educator, mentors_material):
    client.force_login(educator)
    for path in (
        f"/materials/{mentors_material.pk + 999}/download/",
        f"/materials/{mentors_material.pk}/download/",
        "/materials/abc/download/",
        "/materials/-1/download/",
    ):
        assert client.get(path).status_code == 404


def test_older_versions_are_for_editors_only(client, educator, editor, signed_in_material):
    client.force_login(educator)
    assert client.get(reverse("materials:version_download", args=[signed_in_material.pk, 1])).status_code == 404
    client.force_login(editor)
    assert client.get(reverse("materials:version_download", args=[signed_in_material.pk, 1])).status_code == 200


def test_no_material_file_is_stored_under_media_root(settings, signed_in_material):
    path = signed_in_material.current_version.file.path
    assert not path.startswith(str(settings.MEDIA_ROOT))
    with pytest.raises(ValueError):
        signed_in_material.current_version.file.url  # noqa: B018


def test_a_kind_with_no_registered_checker_is_open_to_nobody_but_editors(educator, editor):
    material = make_material("Kursa materiāls", kind=audiences.PUBLIC)
    material.audience_kind, material.audience_key = "trial", "7"
    material.save()
    assert not can_download(educator, material)
    assert can_download(editor, material)
    assert material not in materials_for(educator)


def test_a_registered_membership_checker_opens_the_material_to_members(client, educator, mentor):
    audiences.register(
        "trial",
        label="Course",
        keys_for=lambda user: {"7"} if user.pk == educator.pk else set(),
        choices=lambda: [("7", "Mentoru apmācība"), ("8", "Cits kurss")],
    )
    try:
        material = make_material("Kursa materiāls", kind=audiences.PUBLIC)
        material.audience_kind, material.audience_key = "trial", "7"
        material.save()
        assert can_download(educator, material)
        assert not can_download(mentor, material)
        assert list(materials_for(educator)) == [material]
        assert list(materials_for(mentor)) == []
        client.force_login(educator)
        assert client.get(reverse("materials:download", args=[material.pk])).status_code == 200
    finally:
        audiences.unregister("trial")


def test_editors_are_only_offered_audiences_with_a_registered_checker(client, editor):
    client.force_login(editor)
    page = client.get(reverse("materials:create")).content.decode()
    assert 'value="trial"' not in page
    audiences.register("trial", label="Course", keys_for=lambda user: set(), choices=lambda: [("7", "Kurss")])
    try:
        page = client.get(reverse("materials:create")).content.decode()
        assert 'value="trial"' in page
    finally:
        audiences.unregister("trial")


def test_the_zip_refuses_a_selection_with_a_material_the_person_may_not_have(
    client, educator, signed_in_material, mentors_material
):
    client.force_login(educator)
    response = client.post(reverse("materials:zip"), {"material": [signed_in_material.pk, mentors_material.pk]})
    assert response.status_code == 404
    assert client.post(reverse("materials:zip"), {"material": ["1 OR 1=1"]}).status_code == 400


@pytest.mark.parametrize("persona", [None, "mentor", "educator", "coordinator", "outsider"])
def test_only_editors_may_add_or_replace_materials(client, request, persona, signed_in_material):
    c = _client(client, request, persona)
    for name, args in (("create", []), ("edit", [signed_in_material.pk]), ("version_create", [signed_in_material.pk])):
        response = c.get(reverse(f"materials:{name}", args=args))
        assert response.status_code in (302, 404)
        if response.status_code == 302:
            assert "login" in response["Location"]


@pytest.mark.parametrize("persona", PERSONAS)
def test_the_dashboard_links_every_signed_in_person_to_the_materials(client, request, persona):
    client.force_login(request.getfixturevalue(persona))
    assert reverse("materials:list") in client.get(reverse("dashboard")).content.decode()
