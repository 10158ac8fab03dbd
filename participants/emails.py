"""Emails of ESF+ reporting, each sent once per key through notifications.send_once."""

from django.conf import settings
from django.urls import reverse

from notifications.services import render_email, send_once
from participants.reports import yearly_due_on


def send_exit_reminder(record, coordinator) -> bool:
    def build():
        return render_email(
            "participants/email/exit_reminder",
            {
                "record": record,
                "person": coordinator,
                "due_on": record.exit_due_on,
                "url": settings.SITE_URL + reverse("participants:record", args=[record.pk]),
            },
            to=[coordinator.email],
            language=coordinator.preferred_language,
        )

    return send_once(f"esf-exit-reminder:{record.pk}:{coordinator.pk}", build)


def send_yearly_reminder(year: int, coordinator) -> bool:

    def build():
        return render_email(
            "participants/email/yearly_report",
            {
                "year": year,
                "person": coordinator,
                "due_on": yearly_due_on(year),
                "url": settings.SITE_URL + reverse("participants:reports") + f"?start={year}-01-01&end={year}-12-31",
            },
            to=[coordinator.email],
            language=coordinator.preferred_language,
        )

    return send_once(f"esf-yearly-report:{year}:{coordinator.pk}", build)
