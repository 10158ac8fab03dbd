"""Emails of privacy/, each sent once per key through notifications.send_once."""

from django.conf import settings
from django.urls import reverse

from notifications.services import render_email, send_once


def send_export_ready(export) -> bool:
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
