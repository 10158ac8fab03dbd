"""Periodic work of attendance: thin callers of the services."""

from celery import shared_task

from attendance import services
from notifications.services import EMAIL_TASK


@shared_task(**EMAIL_TASK)
def close_registers() -> int:
    """Beat: close the registers of sessions that ended ATTENDANCE_AUTO_ABSENT_HOURS ago. Returns how
    many people were marked."""
    return services.close_due_registers()
