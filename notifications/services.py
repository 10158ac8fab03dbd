from collections.abc import Callable, Sequence
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation

from notifications.models import SentEmail

# Celery options of every email task: a mail server or broker hiccup is retried with backoff; the
# send_once ledger makes the retry harmless.
EMAIL_TASK = {"autoretry_for": (SMTPException, ConnectionError), "retry_backoff": True, "max_retries": 6}


def send_once(key: str, build: Callable[[], EmailMultiAlternatives]) -> bool:
    """Send the message `build()` makes unless a message with this key was already sent.

    The ledger row is locked while sending, so two workers (or a retry racing the
    original) cannot both send. Returns True when this call sent the message.
    Errors from the mail server propagate and leave the row unsent, so a retry sends it.
    """
    with transaction.atomic():
        SentEmail.objects.get_or_create(key=key)
        entry = SentEmail.objects.select_for_update().get(key=key)
        if entry.sent_at is not None:
            return False
        message = build()
        message.send()
        entry.to = ", ".join(message.to)
        entry.subject = message.subject[:300]
        entry.sent_at = timezone.now()
        entry.save(update_fields=["to", "subject", "sent_at"])
    return True


def render_email(template_prefix: str, context: dict, *, to: Sequence[str], language: str) -> EmailMultiAlternatives:
    """Build a text+HTML message from `<prefix>_subject.txt`, `.txt` and `.html`, in `language`."""
    with translation.override(language):
        context = {"site_url": settings.SITE_URL, **context}
        subject = " ".join(render_to_string(f"{template_prefix}_subject.txt", context).split())
        text = render_to_string(f"{template_prefix}.txt", context)
        html = render_to_string(f"{template_prefix}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=list(to))
    message.attach_alternative(html, "text/html")
    return message
