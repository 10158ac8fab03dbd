"""Wagtail's images and renditions, copied with their ids to the project's image model (see _image_move)."""

from django.db import migrations

from materials.migrations._image_move import copy, remove

WAGTAIL = ("wagtailimages.Image", "wagtailimages.Rendition")
KOPIENA = ("materials.KopienaImage", "materials.KopienaRendition")


def forwards(apps, schema_editor):
    copy(apps, schema_editor, WAGTAIL, KOPIENA)


def backwards(apps, schema_editor):
    remove(apps, schema_editor, KOPIENA)


class Migration(migrations.Migration):
    dependencies = [
        ("materials", "0006_wagtail_images_follow_their_collection"),
        ("wagtailimages", "0027_image_description"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("taggit", "0006_rename_taggeditem_content_type_object_id_taggit_tagg_content_8fc721_idx"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
