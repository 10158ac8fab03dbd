"""A site that already has Wagtail images keeps them, with their ids, tags and references, when the image
model becomes materials.KopienaImage (migrations materials 0006–0008, courses 0003, certificates 0007)."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [
    ("materials", "0006_wagtail_images_follow_their_collection"),
    ("courses", "0002_one_block_family"),
    ("certificates", "0006_credentials_signing_renewal"),
]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    executor.loader.build_graph()
    return executor.loader.project_state(targets).apps


def latest():
    return MigrationExecutor(connection).loader.graph.leaf_nodes()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_existing_images_keep_their_ids_tags_renditions_and_the_programmes_that_use_them():
    old = migrate(BEFORE)
    try:
        collection = old.get_model("wagtailcore", "Collection").objects.get(depth=1)
        image = old.get_model("wagtailimages", "Image").objects.create(
            id=41, title="Logotips", file="original_images/logo.png", width=40, height=20, collection=collection
        )
        old.get_model("wagtailimages", "Rendition").objects.create(
            image=image, filter_spec="width-20", file="images/logo.width-20.png", width=20, height=10
        )
        content_types = old.get_model("contenttypes", "ContentType").objects
        image_type = content_types.get_or_create(app_label="wagtailimages", model="image")[0]
        tag = old.get_model("taggit", "Tag").objects.create(name="zīmols", slug="zimols")
        old.get_model("taggit", "TaggedItem").objects.create(tag=tag, content_type=image_type, object_id=41)
        programme = old.get_model("certificates", "CertificateProgramme").objects.create(
            title_lv="Mentoru programma", hours=36, hours_unit="academic", provider_lv="Aģentūra", logo=image
        )
    finally:
        migrate(latest())

    from certificates.models import CertificateProgramme
    from materials.models import KopienaImage

    moved = KopienaImage.objects.get(pk=41)
    assert (moved.title, moved.file.name, moved.collection.depth) == ("Logotips", "original_images/logo.png", 1)
    assert [r.file.name for r in moved.renditions.all()] == ["images/logo.width-20.png"]
    assert list(moved.tags.names()) == ["zīmols"]
    assert CertificateProgramme.objects.get(pk=programme.pk).logo == moved
    with connection.cursor() as cursor:
        cursor.execute("SELECT COUNT(*) FROM wagtailimages_image")
        assert cursor.fetchone() == (0,)
    newer = KopienaImage.objects.create(title="Jauns", file="original_images/new.png", width=1, height=1)
    assert newer.pk > 41
