"""Copies every Wagtail image and rendition row, with the same ids, from one pair of models to another, and
points generic references (tags, the reference and search indexes, log entries) at the new models.

0007 copies Wagtail's own rows to materials.KopienaImage; the foreign keys of courses and certificates
then move to the new model; 0008 removes the old rows. Backwards, 0008 copies back and 0007 removes.
Permissions stay on wagtailimages.Image: Wagtail checks image permissions against that model whatever the
image model is. Files are not touched: the rows keep their file names.
"""

from django.core.management.color import no_style

# Generic references are rows that point at a content type; these keep pointing at the old model.
NOT_REFERENCES = {"auth.permission", "contenttypes.contenttype"}


def copy(apps, schema_editor, source: tuple[str, str], target: tuple[str, str]) -> None:
    source_image, source_rendition = (apps.get_model(label) for label in source)
    target_image, target_rendition = (apps.get_model(label) for label in target)
    alias = schema_editor.connection.alias
    for source_model, target_model in [(source_image, target_image), (source_rendition, target_rendition)]:
        names = [f.attname for f in target_model._meta.concrete_fields]
        rows = source_model.objects.using(alias).order_by("pk").iterator(chunk_size=500)
        target_model.objects.using(alias).bulk_create(
            (target_model(**{name: getattr(row, name) for name in names}) for row in rows), batch_size=500
        )
        _repoint(apps, alias, source_model, target_model)
    for statement in schema_editor.connection.ops.sequence_reset_sql(no_style(), [target_image, target_rendition]):
        schema_editor.execute(statement)


def remove(apps, schema_editor, models: tuple[str, str]) -> None:
    """Deletes the rows of a pair once nothing points at them (renditions first)."""
    image, rendition = (apps.get_model(label) for label in models)
    rendition.objects.using(schema_editor.connection.alias).all().delete()
    image.objects.using(schema_editor.connection.alias).all().delete()


def _repoint(apps, alias, source_model, target_model) -> None:
    content_type = apps.get_model("contenttypes", "ContentType")
    old = content_type.objects.using(alias).filter(
        app_label=source_model._meta.app_label, model=source_model._meta.model_name
    )
    if not old.exists():
        return  # a new database: nothing can refer to the old model yet
    new, _created = content_type.objects.using(alias).get_or_create(
        app_label=target_model._meta.app_label, model=target_model._meta.model_name
    )
    for model in apps.get_models():
        if model._meta.label_lower in NOT_REFERENCES:
            continue
        for field in model._meta.concrete_fields:
            if field.is_relation and field.related_model is content_type:
                model.objects.using(alias).filter(**{field.name: old.get()}).update(**{field.name: new})
