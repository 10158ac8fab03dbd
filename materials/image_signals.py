"""Keep each Wagtail image's files where its collection's audience wants them (see materials/images.py)."""

from django.db.models.signals import post_delete, post_save
from wagtail.models import Collection

from materials import images
from materials.models import CollectionAudience


def _image_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        images.place(instance)


def _audience_changed(sender, instance, raw=False, **kwargs):
    # Looked up again: when a collection is deleted, its audience goes first and the collection after.
    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if not raw and collection is not None:
        images.place_collection(collection)


def connect() -> None:
    from wagtail.images import get_image_model

    post_save.connect(_image_saved, sender=get_image_model(), dispatch_uid="materials_place_image")
    post_save.connect(_audience_changed, sender=CollectionAudience, dispatch_uid="materials_audience_saved")
    post_delete.connect(_audience_changed, sender=CollectionAudience, dispatch_uid="materials_audience_deleted")
