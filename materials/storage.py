"""Material files live outside MEDIA_ROOT, so no /media/ URL can ever reach them."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
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


private_storage = PrivateStorage()
