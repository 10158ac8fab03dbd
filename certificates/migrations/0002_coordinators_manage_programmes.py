from django.db import migrations


def grant(apps, schema_editor):
    """Coordinators set up certificate programmes in the Wagtail admin."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="certificates", model="certificateprogramme")
    coordinators, _ = Group.objects.get_or_create(name="Coordinators")
    for action in ("add", "change", "view"):
        permission, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_certificateprogramme",
            defaults={"name": f"Can {action} certificate programme"},
        )
        coordinators.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0001_initial"),
        ("accounts", "0002_coordinator_group"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
