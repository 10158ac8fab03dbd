"""Media on S3-compatible storage: private Wagtail images (see materials/images.py) are never handed out
as bucket URLs, only through the checking view. Imported only when AWS_STORAGE_BUCKET_NAME is set."""

from django.utils.deconstruct import deconstructible
from storages.backends.s3 import S3Storage

from materials.images import checked_url, is_private_name


@deconstructible
class S3MediaStorage(S3Storage):
    def url(self, name, *args, **kwargs):
        if is_private_name(name):
            return checked_url(name)
        return super().url(name, *args, **kwargs)
