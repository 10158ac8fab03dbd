from django.db import migrations, models


def mark_existing(apps, schema_editor):
    """Certificates revoked before kinds existed were revoked by a coordinator."""
    Certificate = apps.get_model("certificates", "Certificate")
    Certificate.objects.filter(status="revoked", revocation_kind="").update(revocation_kind="revoked")


class Migration(migrations.Migration):
    dependencies = [
        ("certificates", "0004_override_reason"),
    ]

    operations = [
        migrations.AddField(
            model_name="certificate",
            name="revocation_kind",
            field=models.CharField(
                blank=True,
                choices=[
                    ("revoked", "Revoked by a coordinator"),
                    ("erased", "Revoked: the holder's personal data were erased"),
                ],
                max_length=10,
                verbose_name="kind of revocation",
            ),
        ),
        migrations.RunPython(mark_existing, migrations.RunPython.noop),
    ]
