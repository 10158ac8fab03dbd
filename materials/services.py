"""Creating materials, replacing their files and counting downloads."""

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.permissions import roles_of
from materials import audiences, results
from materials.models import DownloadCount, Material, MaterialVersion
from materials.previews import make_preview
from materials.validation import check_upload


class MaterialError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _check_audience(material: Material) -> None:
    kind = material.audience_kind
    if kind not in dict(audiences.kind_choices()):
        raise MaterialError("audience", _("This audience is not available."))
    if kind == audiences.ROLES and not material.role_list:
        raise MaterialError("audience", _("Choose at least one role."))
    if kind not in {audiences.PUBLIC, audiences.SIGNED_IN, audiences.ROLES} and not material.audience_key:
        raise MaterialError("audience", _("Choose who this material is for."))


def _save_with_search_text(material: Material, tags: list[str] | None) -> None:
    if tags is not None:
        material.save()
        material.tags.set(tags, clear=True)
    names = tags if tags is not None else list(material.tags.names())
    material.refresh_folded_text(names)
    material.save()


@transaction.atomic
def create_material(material: Material, upload, *, tags: list[str], by) -> Material:
    """Save a new material with its first file. Raises MaterialError: "audience", "upload", "alt_text"."""
    _check_audience(material)
    _save_with_search_text(material, tags)
    add_version(material, upload, by=by)
    return material


@transaction.atomic
def update_material(material: Material, *, tags: list[str]) -> Material:
    """Save changed details. Raises MaterialError: "audience", "alt_text"."""
    _check_audience(material)
    if material.is_image and not material.alt_text.strip():
        raise MaterialError("alt_text", _("Describe the image in the alternative text."))
    _save_with_search_text(material, tags)
    return material


@transaction.atomic
def add_version(material: Material, upload, *, by) -> MaterialVersion:
    """Store `upload` as the material's newest version; readers get it from now on, editors keep the old ones.

    Raises MaterialError: "upload" (with the validator's message), "alt_text".
    """
    given = material
    material = Material.objects.select_for_update().get(pk=material.pk)
    try:
        checked = check_upload(upload)
    except ValidationError as error:
        raise MaterialError("upload", " ".join(error.messages)) from error
    if checked.is_image and not material.alt_text.strip():
        raise MaterialError("alt_text", _("Describe the image in the alternative text."))
    last = material.versions.order_by("-number").values_list("number", flat=True).first() or 0
    version = MaterialVersion(
        material=material,
        number=last + 1,
        original_name=checked.name,
        size=checked.size,
        content_type=checked.content_type,
        uploaded_by=by,
    )
    upload.seek(0)
    version.file.save(checked.name, upload, save=False)
    preview = make_preview(upload, checked.content_type)
    if preview:
        version.preview.save(checked.name.rsplit(".", 1)[0] + ".png", ContentFile(preview), save=False)
    version.save()
    Material.objects.filter(pk=material.pk).update(current_version=version, updated_at=timezone.now())
    results.changed()
    given.current_version = version
    return version


def record_downloads(materials, user) -> None:
    """Add one download per material to this month's count for each of the person's roles; nothing about who."""
    if not user.is_authenticated:
        buckets = [DownloadCount.ANONYMOUS]
    else:
        buckets = sorted(roles_of(user)) or [DownloadCount.NO_ROLE]
    month = DownloadCount.month_of(timezone.localtime())
    with transaction.atomic():
        for material in materials:
            for role in buckets:
                updated = DownloadCount.objects.filter(material=material, month=month, role=role).update(
                    count=F("count") + 1
                )
                if not updated:
                    _, created = DownloadCount.objects.get_or_create(
                        material=material, month=month, role=role, defaults={"count": 1}
                    )
                    if not created:
                        DownloadCount.objects.filter(material=material, month=month, role=role).update(
                            count=F("count") + 1
                        )
