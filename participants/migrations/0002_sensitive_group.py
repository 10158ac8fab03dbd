from django.db import migrations

GROUP = "ESF+ sensitive indicators"


def create_group(apps, schema_editor):
    """Admins add the national coordinators who may see aggregates of sensitive indicators to this group."""
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    content_type, _ = ContentType.objects.get_or_create(app_label="participants", model="participantrecord")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="view_sensitive_aggregates",
        defaults={"name": "Can see aggregates of sensitive ESF+ indicators"},
    )
    group, _ = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(permission)


class Migration(migrations.Migration):
    dependencies = [
        ("participants", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(create_group, migrations.RunPython.noop)]
