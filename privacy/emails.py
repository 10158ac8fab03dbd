"""Emails of privacy/, each sent once per key through notifications.send_once."""

from celery import shared_task
from django.conf import settings
from django.urls import reverse

from notifications.services import EMAIL_TASK, render_email, send_once
from privacy.models import DataExport


@shared_task(**EMAIL_TASK)
def send_export_ready(export_id: int) -> bool:
    export = DataExport.objects.select_related("person").filter(pk=export_id).first()
    if export is None or export.status != DataExport.Status.READY:
        return False
    person = export.person

    def build():
        return render_email(
            "privacy/email/export_ready",
            {
                "person": person,
                "export": export,
                "url": settings.SITE_URL + reverse("privacy:export", args=[export.pk]),
            },
            to=[person.email],
            language=person.preferred_language,
        )

    return send_once(f"privacy-export-ready:{export.pk}", build)


def send_erasure_done(request) -> bool:
    person = request.person

    def build():
        return render_email(
            "privacy/email/erased", {"person": person}, to=[person.email], language=person.preferred_language
        )

    return send_once(f"privacy-erased:{request.pk}", build)
