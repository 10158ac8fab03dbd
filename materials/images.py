"""Wagtail images in a collection whose audience is not public.

Their original and renditions are stored under MATERIALS_ROOT (names start with PRIVATE_PREFIX), so no
/media/ URL reaches them, and their URLs point at `materials:image_file`, which asks
`access.can_open_in_collection` — the same rule as for Wagtail documents. Public images (the root
collection, collections without an audience or with a public one) keep their /media/ files and URLs.
"""

import os

from django.conf import settings
from django.core.files.base import File
from django.core.files.storage import FileSystemStorage
from django.db import transaction
from django.urls import reverse
from django.utils._os import safe_join
from django.utils.deconstruct import deconstructible

from materials import access, audiences

PRIVATE_PREFIX = "private-images/"


def is_private_name(name: str) -> bool:
    return bool(name) and name.startswith(PRIVATE_PREFIX)


def checked_url(name: str) -> str:
    return reverse("materials:image_file", args=[name[len(PRIVATE_PREFIX) :]])


@deconstructible
class MediaStorage(FileSystemStorage):
    """MEDIA_ROOT for everything, except private images, which live in MATERIALS_ROOT/wagtail-images."""

    @staticmethod
    def private_root() -> str:
        return os.path.join(str(settings.MATERIALS_ROOT), "wagtail-images")

    def path(self, name):
        if is_private_name(name):
            return safe_join(self.private_root(), name[len(PRIVATE_PREFIX) :])
        return super().path(name)

    def _save(self, name, content):
        saved = super()._save(name, content)
        if not is_private_name(name):
            return saved
        full_path = os.path.normpath(os.path.join(self.location, saved))
        return PRIVATE_PREFIX + os.path.relpath(full_path, self.private_root()).replace("\\", "/")

    def _ensure_location_group_id(self, full_path):
        # Django aligns a new file's group with MEDIA_ROOT's; private files keep MATERIALS_ROOT's own.
        if not full_path.startswith(self.private_root()):
            super()._ensure_location_group_id(full_path)

    def url(self, name):
        if is_private_name(name):
            return checked_url(name)
        return super().url(name)


def image_is_private(image) -> bool:

    audience = access.collection_audience(image.collection)
    return audience is not None and audience.audience_kind != audiences.PUBLIC


def _private_upload_to(original):
    def get_upload_to(self, filename):
        name = original(self, filename)
        image = self.image if getattr(self, "image_id", None) else self
        if image.collection_id and image_is_private(image):
            return PRIVATE_PREFIX + name
        return name

    return get_upload_to


def install() -> None:
    """New files of private images go straight to the private location (called from AppConfig.ready)."""
    from wagtail.images import get_image_model

    image_model = get_image_model()
    rendition_model = image_model.get_rendition_model()
    for model in (image_model, rendition_model):
        if not getattr(model.get_upload_to, "_kopiena_private", False):
            model.get_upload_to = _private_upload_to(model.get_upload_to)
            model.get_upload_to._kopiena_private = True
    install_collection_move()


def _move_then_place(original):
    def move(self, target, pos=None):
        result = original(self, target, pos)
        moved = type(self).objects.get(pk=self.pk)
        place_collection(moved)
        return result

    return move


def install_collection_move() -> None:
    """A collection moved under another parent may gain or lose an inherited audience."""
    from wagtail.models import Collection

    if not getattr(Collection.move, "_kopiena_private", False):
        Collection.move = _move_then_place(Collection.move)
        Collection.move._kopiena_private = True


def place(image) -> bool:
    """Move an image's original to where its collection's audience wants it; drop its renditions so they
    are made again in the right place. True when the file moved."""
    private = image_is_private(image)
    if not image.file.name or is_private_name(image.file.name) == private:
        return False
    old_name = image.file.name
    storage = image.file.storage
    bare = old_name[len(PRIVATE_PREFIX) :] if is_private_name(old_name) else old_name
    new_name = PRIVATE_PREFIX + bare if private else bare
    try:
        with storage.open(old_name, "rb") as handle:
            new_name = storage.save(new_name, File(handle))
    except FileNotFoundError:
        return False  # nothing on disk to protect or move
    type(image).objects.filter(pk=image.pk).update(file=new_name)
    image.file.name = new_name
    for rendition in image.renditions.all():
        rendition.delete()
    transaction.on_commit(lambda: storage.delete(old_name))
    return True


def place_collection(collection) -> None:
    """After an audience changed: every image in the collection and its sub-collections."""
    from wagtail.images import get_image_model

    for image in get_image_model().objects.filter(collection__path__startswith=collection.path):
        place(image)
