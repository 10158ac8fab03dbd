"""Periodic work of ESF+ reporting. Thin tasks: each calls one service; emails are sent once per key."""

from celery import shared_task
from django.utils import timezone

from participants import emails, services

RETRY = {"autoretry_for": (ConnectionError,), "retry_backoff": True, "max_retries": 6}


@shared_task(**RETRY)
def update_records() -> dict[str, int]:
    """Beat, daily: open the records of people who have started, and fill in derivable exit data."""
    return {"opened": services.materialise_records(), "exits": services.apply_derived_exits()}


@shared_task(**RETRY)
def remind_missing_exits() -> int:
    """Beat, daily: tell coordinators about records whose exit data are due within a week (or overdue).
    Each coordinator hears about a record once (send_once); the record remembers it was reminded."""
    reminded = 0
    for record in services.records_needing_exit_reminder():
        for coordinator in services.coordinators_for(record.municipality_id):
            emails.send_exit_reminder(record, coordinator)
        record.exit_reminded_at = timezone.now()
        record.save(update_fields=["exit_reminded_at"])
        reminded += 1
    return reminded


@shared_task(**RETRY)
def remind_yearly_report() -> int:
    """Beat, daily: in January, until the 30th, national coordinators are told once that last year's
    indicator report is due (send_once per year and person). Returns how many were told now."""
    today = timezone.localdate()
    if today.month != 1 or today.day > 30:
        return 0
    return sum(emails.send_yearly_reminder(today.year - 1, person) for person in services.coordinators_for(None))
