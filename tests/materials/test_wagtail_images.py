"""Wagtail images in a private collection are kept outside MEDIA_ROOT and served only to their audience."""

import os
from io import BytesIO

import pytest
from django.conf import settings
from django.core.files.images import ImageFile
from wagtail.images import get_image_model
from wagtail.models import Collection

from materials import audiences, images
from materials.models import CollectionAudience
from tests.courses.conftest import build_course
from tests.materials.conftest import png_bytes

pytestmark = pytest.mark.django_db


def private_collection(name: str, roles: str) -> Collection:
    collection = Collection.get_first_root_node().add_child(name=name)
    CollectionAudience.objects.create(collection=collection, audience_kind=audiences.ROLES, audience_roles=roles)
    return collection


@pytest.fixture
def educators_collection(db):
    return private_collection("Pedagogiem", ",educator,")


@pytest.fixture
def mentors_collection(db):
    return private_collection("Mentoriem", ",mentor,")


def make_image(collection, title="Klases foto"):
    image = get_image_model()(title=title, collection=collection)
    image.file = ImageFile(BytesIO(png_bytes()), name="klase.png")
    image.save()
    return image


def guessable_urls(image, rendition) -> list[str]:
    """Every URL someone could try: the checked ones and the /media/ paths the files would have had."""
    bare_original = image.file.name.removeprefix(images.PRIVATE_PREFIX)
    bare_rendition = rendition.file.name.removeprefix(images.PRIVATE_PREFIX)
    return [
        image.file.url,
        rendition.url,
        f"{settings.MEDIA_URL}{bare_original}",
        f"{settings.MEDIA_URL}{bare_rendition}",
        f"{settings.MEDIA_URL}{image.file.name}",
        f"{settings.MEDIA_URL}{rendition.file.name}",
    ]


def test_a_private_images_files_live_outside_media_root(educators_collection):
    image = make_image(educators_collection)
    rendition = image.get_rendition("width-20")
    for field in (image.file, rendition.file):
        assert images.is_private_name(field.name)
        path = field.storage.path(field.name)
        assert path.startswith(str(settings.MATERIALS_ROOT))
        assert not path.startswith(str(settings.MEDIA_ROOT))
    assert image.file.url.startswith("/materials/images/")
    assert rendition.url.startswith("/materials/images/")


@pytest.mark.parametrize(
    ("persona", "collection", "allowed"),
    [
        (None, "educators_collection", False),
        ("outsider", "educators_collection", False),
        ("educator", "educators_collection", True),
        ("educator", "mentors_collection", False),
        ("editor", "educators_collection", True),
    ],
)
def test_a_private_image_and_its_rendition_reach_only_the_audience(db, client, request, persona, collection, allowed):
    image = make_image(request.getfixturevalue(collection))
    rendition = image.get_rendition("width-20")
    if persona:
        client.force_login(request.getfixturevalue(persona))
    for url in guessable_urls(image, rendition):
        response = client.get(url)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        if allowed and url in (image.file.url, rendition.url):
            assert response.status_code == 200, url
            assert body.startswith(b"\x89PNG"), url
        else:
            assert response.status_code in (403, 404), url
            assert b"\x89PNG" not in body, url  # the file signature; the HTML may contain "PNG" by chance


def test_a_public_image_keeps_its_media_url():
    image = make_image(Collection.get_first_root_node(), "Publisks foto")
    rendition = image.get_rendition("width-20")
    assert not images.is_private_name(image.file.name)
    assert image.file.url.startswith(settings.MEDIA_URL)
    assert rendition.url.startswith(settings.MEDIA_URL)
    assert image.file.storage.path(image.file.name).startswith(str(settings.MEDIA_ROOT))


def test_an_image_moved_into_a_private_collection_leaves_media_root(educators_collection, after_commit):
    image = make_image(Collection.get_first_root_node(), "Pārvietots foto")
    public_rendition = image.get_rendition("width-20")
    public_paths = [image.file.path, public_rendition.file.path]
    image.collection = educators_collection
    with after_commit():
        image.save()
    image.refresh_from_db()
    assert images.is_private_name(image.file.name)
    assert images.is_private_name(image.get_rendition("width-20").file.name)
    assert not image.renditions.filter(file=public_rendition.file.name).exists()
    assert not any(os.path.exists(p) for p in public_paths)


def test_giving_a_collection_an_audience_moves_its_images_and_removing_it_moves_them_back():
    collection = Collection.get_first_root_node().add_child(name="Vēlāk privāta")
    image = make_image(collection.add_child(name="Apakšmape"))
    assert not images.is_private_name(image.file.name)
    audience = CollectionAudience.objects.create(
        collection=collection, audience_kind=audiences.SIGNED_IN, audience_roles=""
    )
    image.refresh_from_db()
    assert images.is_private_name(image.file.name)
    audience.delete()
    image.refresh_from_db()
    assert not images.is_private_name(image.file.name)
    assert image.file.url.startswith(settings.MEDIA_URL)


def test_a_page_with_a_private_image_points_at_the_checked_url(client, editor, educators_collection):
    image = make_image(educators_collection)
    tree = build_course(modules=0, cover_image=image, cover_image_alt="Klase")
    client.force_login(editor)
    html = client.get(tree.course.url).content.decode()
    assert 'src="/materials/images/private-images/' not in html
    assert 'src="/materials/images/images/' in html
    assert "/media/" not in html.split("course-cover")[0].rsplit("<img", 1)[-1]


def test_on_s3_a_private_image_is_linked_through_the_checking_view_not_the_bucket():
    from materials.s3_storage import S3MediaStorage

    storage = S3MediaStorage(bucket_name="kopiena-test")
    assert storage.url("private-images/original_images/klase.png") == "/materials/images/original_images/klase.png"


def test_the_admins_bulk_move_into_a_private_collection_takes_the_files_out_of_media_root(
    client, editor, educators_collection
):
    image = make_image(Collection.get_first_root_node(), "Pārvietots kopā ar citiem")
    client.force_login(editor)
    response = client.post(
        f"/admin/bulk/materials/kopienaimage/add_to_collection/?id={image.pk}",
        {"collection": educators_collection.pk},
    )
    assert response.status_code == 302
    image.refresh_from_db()
    assert image.collection == educators_collection
    assert images.is_private_name(image.file.name)
    assert client.get(image.file.url).status_code == 200
    client.logout()
    assert client.get(image.file.url).status_code == 404


def test_moving_a_collection_under_a_private_one_takes_its_images_along(
    client, admin_user, educators_collection, after_commit
):
    collection = Collection.get_first_root_node().add_child(name="Pārvietojama mape")
    image = make_image(collection, "Mapes foto")
    assert not images.is_private_name(image.file.name)
    client.force_login(admin_user)
    with after_commit():
        response = client.post(
            f"/admin/collections/{collection.pk}/",
            {"name": "Pārvietojama mape", "parent": educators_collection.pk},
        )
    assert response.status_code == 302
    image.refresh_from_db()
    assert images.is_private_name(image.file.name)
    client.logout()
    assert client.get(image.file.url).status_code == 404
