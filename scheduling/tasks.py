"""Periodic work of scheduling (Celery beat): thin callers of the services and emails."""

from celery import shared_task

from notifications.services import EMAIL_TASK
from scheduling import emails, services


@shared_task
def expire_offers() -> int:
    return services.expire_offers()


@shared_task(**EMAIL_TASK)
def send_reminders() -> int:
    """Remind participants of sessions starting within the reminder window (beat runs this hourly)."""
    return emails.send_reminders()
