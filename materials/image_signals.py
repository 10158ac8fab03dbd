"""Keep each Wagtail image's files where its collection's audience wants them (see materials/images.py).

An image saved into another collection, an audience given, changed or taken away, and a collection saved
in the admin (which is how it moves under another parent) each place the images concerned again.
"""

from django.core.files.base import File
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import Collection

from materials.images import PRIVATE_PREFIX, is_private_name
from materials.models import CollectionAudience, KopienaImage


def place(image: KopienaImage) -> bool:
    """Move an image's original to where its collection's audience wants it; drop its renditions so they
    are made again in the right place. True when the file moved."""
    private = image.is_private
    if not image.file.name or is_private_name(image.file.name) == private:
        return False
    old_name = image.file.name
    storage = image.file.storage
    bare = old_name.removeprefix(PRIVATE_PREFIX)
    new_name = PRIVATE_PREFIX + bare if private else bare
    try:
        with storage.open(old_name, "rb") as handle:
            new_name = storage.save(new_name, File(handle))
    except FileNotFoundError:
        return False  # nothing on disk to protect or move
    KopienaImage.objects.filter(pk=image.pk).update(file=new_name)
    image.file.name = new_name
    for rendition in image.renditions.all():
        rendition.delete()
    transaction.on_commit(lambda: storage.delete(old_name))
    return True


def place_collection(collection: Collection) -> None:
    """Every image in the collection and its sub-collections."""
    for image in KopienaImage.objects.filter(collection__path__startswith=collection.path):
        place(image)


def _image_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        place(instance)


def _audience_changed(sender, instance, raw=False, **kwargs):
    # Looked up again: when a collection is deleted, its audience goes first and the collection after.
    collection = Collection.objects.filter(pk=instance.collection_id).first()
    if not raw and collection is not None:
        place_collection(collection)


def _collection_saved(sender, instance, created=False, raw=False, **kwargs):
    """The admin saves a collection and then moves it, in one transaction: its images are placed once that
    transaction commits, under the new parent's audience."""
    if raw or created:
        return
    pk = instance.pk

    def place_after_move():
        if (moved := Collection.objects.filter(pk=pk).first()) is not None:
            place_collection(moved)

    transaction.on_commit(place_after_move)


def connect() -> None:
    post_save.connect(_image_saved, sender=KopienaImage, dispatch_uid="materials_place_image")
    post_save.connect(_collection_saved, sender=Collection, dispatch_uid="materials_collection_saved")
    post_save.connect(_audience_changed, sender=CollectionAudience, dispatch_uid="materials_audience_saved")
    post_delete.connect(_audience_changed, sender=CollectionAudience, dispatch_uid="materials_audience_deleted")
