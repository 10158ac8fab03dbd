"""Checks on an uploaded file before it becomes a material version.

Each refusal is a ValidationError with a translated message and a `code` the tests assert on.
"""

import os
import unicodedata
import warnings
import zipfile
from dataclasses import dataclass

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from PIL import Image

MAX_IMAGE_SIDE = 10_000

# extension -> (content type served, how the content is recognised)
ALLOWED: dict[str, tuple[str, str]] = {
    "pdf": ("application/pdf", "pdf"),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "ooxml"),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "ooxml"),
    "pptx": ("application/vnd.openxmlformats-officedocument.presentationml.presentation", "ooxml"),
    "odt": ("application/vnd.oasis.opendocument.text", "odf"),
    "ods": ("application/vnd.oasis.opendocument.spreadsheet", "odf"),
    "odp": ("application/vnd.oasis.opendocument.presentation", "odf"),
    "doc": ("application/msword", "ole"),
    "xls": ("application/vnd.ms-excel", "ole"),
    "ppt": ("application/vnd.ms-powerpoint", "ole"),
    "jpg": ("image/jpeg", "image"),
    "jpeg": ("image/jpeg", "image"),
    "png": ("image/png", "image"),
    "gif": ("image/gif", "image"),
    "webp": ("image/webp", "image"),
    "mp3": ("audio/mpeg", "media"),
    "m4a": ("audio/mp4", "media"),
    "ogg": ("audio/ogg", "media"),
    "wav": ("audio/wav", "media"),
    "mp4": ("video/mp4", "media"),
    "webm": ("video/webm", "media"),
    "mov": ("video/quicktime", "media"),
}

_EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"#!", b"\xfe\xed\xfa", b"\xcf\xfa\xed\xfe", b"\xca\xfe\xba\xbe")
_IMAGE_MIME = {"jpg": "image/jpeg", "jpeg": "image/jpeg", "png": "image/png", "gif": "image/gif", "webp": "image/webp"}
_MEDIA_MIME = {
    "mp3": {"audio/mpeg"},
    "m4a": {"audio/mp4", "audio/m4a", "video/mp4"},
    "ogg": {"audio/ogg", "video/ogg"},
    "wav": {"audio/x-wav", "audio/wav"},
    "mp4": {"video/mp4", "audio/mp4", "video/x-m4v"},
    "webm": {"video/webm"},
    "mov": {"video/quicktime"},
}


@dataclass(frozen=True)
class CheckedFile:
    name: str
    extension: str
    content_type: str
    size: int
    is_image: bool


def safe_name(raw: str) -> str:
    """The file's own name without any directory part, in plain safe characters, or a ValidationError."""
    base = os.path.basename((raw or "").replace("\\", "/")).strip()
    base = unicodedata.normalize("NFC", base)
    name = get_valid_filename(base) if base and base not in {".", ".."} else ""
    stem, _dot, ext = name.rpartition(".")
    if not stem or not ext or stem.startswith(".") or "\x00" in raw:
        raise ValidationError(_("The file name “%(name)s” cannot be used.") % {"name": base[:80]}, code="bad_name")
    return name[:150]


def check_upload(upload) -> CheckedFile:
    name = safe_name(upload.name)
    extension = name.rsplit(".", 1)[1].lower()
    if extension == "svg":
        raise ValidationError(
            _("SVG drawings are not accepted because they can carry scripts. Upload a PNG or PDF instead."),
            code="svg",
        )
    if extension not in ALLOWED:
        raise ValidationError(
            _("Files of type .%(ext)s are not accepted. Allowed: %(allowed)s.")
            % {"ext": extension, "allowed": ", ".join(sorted(ALLOWED))},
            code="type",
        )
    size = upload.size
    if not size:
        raise ValidationError(_("The file is empty."), code="empty")
    limit = settings.MATERIALS_MAX_UPLOAD_SIZE
    if size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": filesizeformat(size), "limit": filesizeformat(limit)},
            code="too_large",
        )
    upload.seek(0)
    head = upload.read(8192)
    upload.seek(0)
    if head.startswith(_EXECUTABLE_MAGIC):
        raise ValidationError(_("The file is a program, not a document; it was refused."), code="executable")
    content_type, family = ALLOWED[extension]
    if not _content_matches(upload, head, extension, family):
        raise ValidationError(
            _("The file’s content does not match its .%(ext)s extension.") % {"ext": extension}, code="mismatch"
        )
    if family == "image":
        _check_image(upload, extension)
    return CheckedFile(name, extension, content_type, size, family == "image")


def _content_matches(upload, head: bytes, extension: str, family: str) -> bool:
    if family == "pdf":
        return head.lstrip()[:5] == b"%PDF-"
    if family == "ole":
        return head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")
    if family in {"ooxml", "odf"}:
        if not head.startswith(b"PK\x03\x04"):
            return False
        try:
            with zipfile.ZipFile(upload) as archive:
                names = set(archive.namelist())
                if family == "ooxml":
                    return "[Content_Types].xml" in names
                return "mimetype" in names and archive.read("mimetype").decode("ascii", "replace").endswith(
                    {"odt": "text", "ods": "spreadsheet", "odp": "presentation"}[extension]
                )
        except (zipfile.BadZipFile, KeyError, OSError):
            return False
        finally:
            upload.seek(0)
    if family == "image":
        kind = filetype.guess(head)
        return kind is not None and kind.mime == _IMAGE_MIME[extension]
    kind = filetype.guess(head)
    return kind is not None and kind.mime in _MEDIA_MIME[extension]


def _check_image(upload, extension: str) -> None:
    refused = ValidationError(
        _("The image is too large (%(max)s pixels on a side at most); please scale it down.")
        % {"max": f"{MAX_IMAGE_SIDE:,}".replace(",", " ")},
        code="image_too_large",
    )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(upload) as image:
                width, height = image.size
                if width > MAX_IMAGE_SIDE or height > MAX_IMAGE_SIDE:
                    raise refused
                image.verify()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as error:
        raise refused from error
    except ValidationError:
        raise
    except Exception as error:  # Pillow raises many kinds for broken files
        raise ValidationError(_("The image could not be read; it may be damaged."), code="broken_image") from error
    finally:
        upload.seek(0)
