"""Wagtail images in a collection whose audience is not public.

`KopienaImage.get_upload_to` names their original and renditions with PRIVATE_PREFIX. The media storage
keeps those under MATERIALS_ROOT, so no /media/ URL reaches them, and links them to `materials:image_file`,
which asks `access.can_open_in_collection`, the same rule as for Wagtail documents. Public images (the
root collection, collections without an audience or with a public one) keep their /media/ files and URLs.
When an image, a collection or an audience changes, image_signals.py moves the files.
"""

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.urls import reverse
from django.utils._os import safe_join
from django.utils.deconstruct import deconstructible

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
