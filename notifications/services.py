"""Outgoing email sent once (`send_once`) and background work that survives a broker outage (the outbox)."""

import logging
from collections.abc import Callable, Sequence
from datetime import timedelta
from smtplib import SMTPException

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import F
from django.template import Context, engines
from django.template.loader import render_to_string
from django.utils import timezone, translation

from lms.celery import app
from notifications.models import OutboxItem, SentEmail

logger = logging.getLogger(__name__)

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
        subject = " ".join(render_plain_text(f"{template_prefix}_subject.txt", context).split())
        text = render_plain_text(f"{template_prefix}.txt", context)
        html = render_to_string(f"{template_prefix}.html", context)
    message = EmailMultiAlternatives(subject=subject, body=text, to=list(to))
    message.attach_alternative(html, "text/html")
    return message


def render_plain_text(template_name: str, context: dict) -> str:
    """Render a text/plain template without HTML escaping: "O'Brien" stays "O'Brien" in a plain email.

    Only the .txt parts go through here; the .html part is rendered with Django's autoescaping.
    """
    template = engines["django"].engine.get_template(template_name)
    return template.render(Context(context, autoescape=False))


# --- The outbox --------------------------------------------------------------------------------------
# A row per piece of background work, committed with the change that needs it; handed to the broker
# after the commit; re-handed by beat and at worker start-up until a worker has finished it.

OUTBOX_HEADER = "kopiena_outbox"
# Not re-handed sooner: the first dispatch after commit, or the worker, may still be on it.
REDISPATCH_AFTER = timedelta(minutes=10)
# Shown to coordinators as stuck once open this long.
STUCK_AFTER = timedelta(minutes=15)
# Beat stops re-handing an item after this many dispatches; a coordinator's retry starts it again.
MAX_AUTOMATIC_ATTEMPTS = 12


def enqueue(task, **kwargs) -> OutboxItem:
    """Record that `task` (a Celery task object, imported where it is defined) must run with `kwargs`,
    and hand it to the broker once the caller's transaction commits.

    The row commits or rolls back with the caller's change: work for a rolled-back change never runs,
    work for a committed change is never lost. `kwargs` must be JSON (ids, ISO dates, strings).
    """
    name = getattr(task, "name", None)
    if not name or not hasattr(task, "apply_async"):
        raise TypeError(f"enqueue() takes a Celery task object, not {task!r}")
    item = OutboxItem.objects.create(task=name, kwargs=kwargs)
    transaction.on_commit(lambda: dispatch(item.pk), robust=True)
    return item


def dispatch(item_id: int) -> bool:
    """Hand one open item to the broker (or run it, in the embedded set-up without one).

    Never raises: a broker or task error is logged and kept on the row for beat and for coordinators,
    so the person whose request queued it gets their answer. Returns True when the broker took it.
    """

    item = OutboxItem.objects.filter(pk=item_id, done_at__isnull=True).first()
    if item is None:
        return False
    OutboxItem.objects.filter(pk=item.pk).update(attempts=F("attempts") + 1)
    try:
        task = app.tasks[item.task]
        task.apply_async(kwargs=item.kwargs, headers={OUTBOX_HEADER: item.pk}, retry=False)
    except Exception as exc:  # broker unreachable, or (eager) the task itself failed
        logger.warning("Outbox item %s (%s) not dispatched: %s", item.pk, item.task, exc, exc_info=True)
        record_failure(item.pk, exc)
        return False
    OutboxItem.objects.filter(pk=item.pk).update(dispatched_at=timezone.now())
    return True


def record_failure(item_id: int, exc: BaseException) -> None:
    OutboxItem.objects.filter(pk=item_id).update(
        last_error=f"{type(exc).__name__}: {exc}"[:2000], last_error_at=timezone.now()
    )


def mark_done(item_id: int) -> None:
    OutboxItem.objects.filter(pk=item_id, done_at__isnull=True).update(done_at=timezone.now())


def redispatch_pending(*, now=None, include_recent: bool = False) -> int:
    """Hand again every open item the broker never took, or that no worker finished in REDISPATCH_AFTER.

    Beat runs this every minute; a worker runs it once at start-up with `include_recent`, which takes
    every open item, even one created or dispatched moments ago (a restarted broker may have lost it).
    Returns how many were handed to the broker.
    """
    now = now or timezone.now()
    # Beat leaves items of the last 30 seconds to the dispatch after their commit; a starting worker
    # takes everything open (a duplicate is harmless: the tasks are idempotent).
    fresh = now if include_recent else now - timedelta(seconds=30)
    recent = now if include_recent else now - REDISPATCH_AFTER
    candidates = (
        OutboxItem.objects.open()
        .filter(attempts__lt=MAX_AUTOMATIC_ATTEMPTS, created_at__lte=fresh)
        .exclude(dispatched_at__gt=recent)
        .order_by("created_at")
        .values_list("pk", flat=True)[:500]
    )
    return sum(dispatch(pk) for pk in list(candidates))


def retry(item: OutboxItem) -> bool:
    """A coordinator's retry: the automatic attempts start again and the item is handed over now."""
    OutboxItem.objects.filter(pk=item.pk, done_at__isnull=True).update(attempts=0)
    return dispatch(item.pk)


def outbox_backlog(now=None) -> dict:
    """Open items, stuck items and the age in seconds of the oldest open one (for /healthz)."""
    now = now or timezone.now()
    oldest = OutboxItem.objects.open().order_by("created_at").values_list("created_at", flat=True).first()
    return {
        "pending": OutboxItem.objects.open().count(),
        "stuck": OutboxItem.objects.stuck(now, after=STUCK_AFTER).count(),
        "oldest_seconds": int((now - oldest).total_seconds()) if oldest else 0,
    }
