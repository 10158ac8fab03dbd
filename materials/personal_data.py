"""Materials keep who uploaded each file version (see privacy/registry.py); downloads are counted per
role and month, never per person."""

from materials.models import MaterialVersion


def export(user) -> dict[str, list[dict]]:
    versions = MaterialVersion.objects.filter(uploaded_by=user).select_related("material").order_by("uploaded_at")
    return {
        "uploaded_materials": [
            {"material": v.material.title, "version": v.number, "file": v.original_name, "uploaded": v.uploaded_at}
            for v in versions
        ]
    }


def erase(user) -> dict[str, int]:
    """Uploads are the programme's materials, not the person's: the link to the anonymised person stays."""
    return {}
