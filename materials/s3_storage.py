"""Media and material files on S3-compatible storage. Private Wagtail images (see materials/images.py) and
material files are never handed out as bucket URLs, only through the checking views. Imported only when
AWS_STORAGE_BUCKET_NAME is set."""

from django.utils.deconstruct import deconstructible
from storages.backends.s3 import S3Storage

from materials.images import checked_url, is_private_name


@deconstructible
class S3MediaStorage(S3Storage):
    def url(self, name, *args, **kwargs):
        if is_private_name(name):
            return checked_url(name)
        return super().url(name, *args, **kwargs)


@deconstructible
class PrivateS3Storage(S3Storage):
    """Material files under "materials/" in the bucket; no URL, the materials views stream them."""

    location = "materials"
    default_acl = "private"
    file_overwrite = False

    def url(self, name, *args, **kwargs):
        raise ValueError("Private material files have no public URL.")
