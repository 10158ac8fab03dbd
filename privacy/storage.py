"""Own-data ZIPs live under PRIVACY_ROOT, outside MEDIA_ROOT: no /media/ URL can reach them; the
download view streams a file to its owner only."""

from django.conf import settings
from django.core.files.storage import FileSystemStorage
from django.utils.deconstruct import deconstructible


@deconstructible
class ExportStorage(FileSystemStorage):
    def __init__(self):
        super().__init__(base_url=None)

    @property
    def base_location(self):
        return str(settings.PRIVACY_ROOT)

    @property
    def location(self):
        return str(settings.PRIVACY_ROOT)

    def url(self, name):
        raise ValueError("Own-data downloads have no public URL.")


export_storage = ExportStorage()
