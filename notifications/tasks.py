from celery import shared_task

from notifications import services


@shared_task
def redispatch_outbox() -> int:
    """Beat, every minute: hand the broker again what it never took or no worker finished."""
    return services.redispatch_pending()
