"""The folded words as a stored tsvector with a GIN index, so a search on PostgreSQL reads the index and
the stored vectors instead of rebuilding every row's vector.

On PostgreSQL a trigger keeps `search_vector` equal to to_tsvector('simple', folded_text) on every insert
and update, whoever writes the row (services, bulk loads, the admin). SQLite keeps the column empty: its
search compares whole words of the folded text (see `MaterialQuerySet.matching`).
"""

import django.contrib.postgres.search
from django.db import migrations

INDEX = "material_search_vector_gin"
TRIGGER = "material_search_vector_update"


def create_trigger(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE TRIGGER {TRIGGER} BEFORE INSERT OR UPDATE ON materials_material FOR EACH ROW "
        "EXECUTE FUNCTION tsvector_update_trigger(search_vector, 'pg_catalog.simple', folded_text)"
    )
    schema_editor.execute("UPDATE materials_material SET search_vector = to_tsvector('simple', folded_text)")
    schema_editor.execute(f"CREATE INDEX {INDEX} ON materials_material USING gin (search_vector)")


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute(f"DROP TRIGGER IF EXISTS {TRIGGER} ON materials_material")


class Migration(migrations.Migration):
    dependencies = [("materials", "0004_files_follow_the_configured_storage")]

    operations = [
        migrations.AddField(
            model_name="material",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(editable=False, null=True),
        ),
        migrations.RunPython(create_trigger, drop_trigger),
    ]
