"""Wagtail's own image rows, copied by 0007 and no longer pointed at by any page or programme, are removed.
Their files stay: the copies use the same file names."""

from django.db import migrations

from materials.migrations._image_move import copy, remove

WAGTAIL = ("wagtailimages.Image", "wagtailimages.Rendition")
KOPIENA = ("materials.KopienaImage", "materials.KopienaRendition")


def forwards(apps, schema_editor):
    remove(apps, schema_editor, WAGTAIL)


def backwards(apps, schema_editor):
    copy(apps, schema_editor, KOPIENA, WAGTAIL)


class Migration(migrations.Migration):
    dependencies = [
        ("materials", "0007_copy_wagtail_images"),
        ("courses", "0003_images_of_the_project_model"),
        ("certificates", "0007_images_of_the_project_model"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
