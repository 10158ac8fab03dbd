"""A GIN index on the folded words, so a search on PostgreSQL reads the index instead of every row.

The expression is `materials.models.FOLDED_VECTOR`. SQLite has no such index: its search compares whole
words in the folded text (see `MaterialQuerySet.matching`).
"""

from django.db import migrations

INDEX = "material_folded_text_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {INDEX} ON materials_material "
            "USING gin (to_tsvector('simple'::regconfig, COALESCE(folded_text, '')))"
        )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("materials", "0004_files_follow_the_configured_storage")]

    operations = [migrations.RunPython(create_index, drop_index)]
