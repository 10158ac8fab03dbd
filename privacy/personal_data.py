"""privacy/'s own rows about the person (see privacy/registry.py): downloads, erasure requests, and the
log of who viewed or exported their data."""

from django.db import transaction

from privacy.models import DataExport, ErasureRequest
from privacy.services import access_log_about


def export(user) -> dict[str, list[dict]]:

    entries = access_log_about(user).select_related("viewer").order_by("at")
    return {
        "own_data_downloads": [
            {"requested": e.requested_at, "status": str(e.get_status_display()), "ready": e.ready_at}
            for e in DataExport.objects.filter(person=user).order_by("requested_at")
        ],
        "erasure_requests": [
            {"requested": r.requested_at, "status": str(r.get_status_display()), "scheduled_for": r.scheduled_for}
            for r in ErasureRequest.objects.filter(person=user).order_by("requested_at")
        ],
        "access_log": [
            {
                "when": e.at,
                "who": (e.viewer.get_full_name() or e.viewer.email) if e.viewer else "",
                "what": str(e.get_kind_display()),
                "page": e.path,
            }
            for e in entries
        ],
    }


@transaction.atomic
def erase(user) -> dict[str, int]:
    """The ZIPs go with their files; erasure requests and the access log stay, naming nobody but by id."""
    removed = 0
    for export in DataExport.objects.filter(person=user):
        if export.file.name:
            storage, name = export.file.storage, export.file.name
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
        export.delete()
        removed += 1
    return {"own_data_downloads": removed}
