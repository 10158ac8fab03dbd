"""Material files are private: outside MEDIA_ROOT on disk, or under "materials/" in the private bucket when
one is configured, so no /media/ or bucket URL ever reaches them; the app's views stream them after an
access check. Which one is `STORAGES["materials"]` (lms/settings/base.py)."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage, storages
from django.utils.deconstruct import deconstructible


@deconstructible
class PrivateStorage(FileSystemStorage):
    """Files under MATERIALS_ROOT with no public URL; the app's views stream them after an access check."""

    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return str(settings.MATERIALS_ROOT)

    @property
    def location(self):
        return str(settings.MATERIALS_ROOT)

    def url(self, name):
        raise ValueError("Private material files have no public URL.")


def material_storage():
    """The storage of material files and their previews, as configured (a callable, so migrations do not
    record where the files live)."""
    return storages["materials"]
