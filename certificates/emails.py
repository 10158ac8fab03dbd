"""Renewal reminders: 60 and 14 days before a certificate expires, each sent once (send_once)."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from certificates.models import RENEWAL_REMINDER_DAYS, Certificate
from certificates.text import date_until
from notifications.services import render_email, send_once


def reminder_stage(days_left: int) -> int | None:
    """Which reminder is due with `days_left` until expiry: 60, 14, or None (too early or expired).

    A reminder missed on its exact day (beat was down) still goes within its stage, but only the
    latest stage: a certificate with 10 days left gets the 14-day reminder, not both.
    """
    if days_left < 0:
        return None
    stages = sorted(RENEWAL_REMINDER_DAYS)
    for stage in stages:
        if days_left <= stage:
            return stage
    return None


def refresher_links(certificate: Certificate) -> list[tuple[str, str]]:
    """(what to book, its address) for the programme's refresher course and group."""
    programme = certificate.programme
    links = []
    course = programme.refresher_course
    if course is not None:
        localised = course.get_translation_or_none(_locale(certificate.holder.preferred_language)) or course
        if localised.live:
            links.append((localised.title, localised.get_full_url() or settings.SITE_URL + localised.url))
    group = programme.refresher_group
    if group is not None:
        links.append((group.title, settings.SITE_URL + reverse("scheduling:group", args=[group.pk])))
    return links


def _locale(language: str):
    from wagtail.models import Locale

    return Locale.objects.filter(language_code=language).first()


def send_renewal_reminders(today=None) -> int:
    """Send the reminders that are due today; returns how many were sent now."""
    today = today or timezone.localdate()
    sent = 0
    due = (
        Certificate.objects.due_for_renewal(today)
        .filter(valid_until__gte=today)
        .select_related("holder", "programme", "programme__refresher_course", "programme__refresher_group")
    )
    for certificate in due.iterator(chunk_size=200):
        stage = reminder_stage((certificate.valid_until - today).days)
        if stage is None:
            continue

        def build(certificate=certificate, stage=stage):
            holder = certificate.holder
            language = holder.preferred_language
            with translation.override(language):
                context = {
                    "certificate": certificate,
                    "programme_title": certificate.programme.title_in(language),
                    "until": date_until(certificate.valid_until),
                    "days": (certificate.valid_until - today).days,
                    "refreshers": refresher_links(certificate),
                    "mine_url": settings.SITE_URL + reverse("my_certificates"),
                    "verify_url": settings.SITE_URL
                    + reverse("certificate_verify", args=[certificate.verification_code]),
                }
            return render_email("certificates/email/renewal", context, to=[holder.email], language=language)

        key = f"certificate-renewal:{certificate.pk}:{certificate.valid_until:%Y%m%d}:{stage}"
        sent += send_once(key, build)
    return sent
