"""Background work of privacy/. Thin tasks that take ids and call one service."""

from celery import shared_task

from privacy import services
from privacy.models import DataExport

RETRY = {"autoretry_for": (ConnectionError,), "retry_backoff": True, "max_retries": 6}


@shared_task(**RETRY)
def build_export_task(export_id: int) -> str:
    export = DataExport.objects.filter(pk=export_id).first()
    if export is None:
        return "missing"
    return services.build_export(export).status


@shared_task(**RETRY)
def apply_retention() -> dict[str, int]:
    """Beat, daily."""
    return services.apply_retention()


@shared_task(**RETRY)
def erase_due() -> int:
    """Beat, daily: scheduled erasures whose day has come."""
    return services.erase_due()
