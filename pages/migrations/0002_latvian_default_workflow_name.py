"""Wagtail's default workflow and its task are created as "Moderators approval"; editors see the name
in the page editor, the workflow reports and the moderation emails. Name them in Latvian (only while
they still carry Wagtail's name: a name someone chose is left alone)."""

from django.db import migrations

WAGTAIL_NAME = "Moderators approval"
LATVIAN_NAME = "Moderatoru apstiprinājums"


def rename(apps, old: str, new: str) -> None:
    apps.get_model("wagtailcore", "Workflow").objects.filter(name=old).update(name=new)
    apps.get_model("wagtailcore", "Task").objects.filter(name=old).update(name=new)


def to_latvian(apps, schema_editor):
    rename(apps, WAGTAIL_NAME, LATVIAN_NAME)


def to_english(apps, schema_editor):
    rename(apps, LATVIAN_NAME, WAGTAIL_NAME)


class Migration(migrations.Migration):
    dependencies = [
        ("pages", "0001_initial"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]

    operations = [migrations.RunPython(to_latvian, to_english)]
