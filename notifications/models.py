from datetime import timedelta

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SentEmail(models.Model):
    """One row per logical email; its unique key is what makes a retried task send it once."""

    key = models.CharField(max_length=200, unique=True)
    to = models.TextField(_("recipients"))
    subject = models.CharField(_("subject"), max_length=300)
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("sent email")
        verbose_name_plural = _("sent emails")

    def __str__(self) -> str:
        return self.key


class OutboxQuerySet(models.QuerySet):
    def open(self) -> "OutboxQuerySet":
        """Work not yet finished by a worker."""
        return self.filter(done_at__isnull=True)

    def stuck(self, now, *, after: timedelta) -> "OutboxQuerySet":
        """Open work older than `after`: the broker never took it, or no worker finished it."""
        return self.open().filter(created_at__lte=now - after)


class OutboxItem(models.Model):
    """One piece of background work ("send this email", "issue this certificate"), written in the same
    transaction as the change that needs it, so committed work is never lost with a broker outage.

    `task` is the registered name of a Celery task, taken from the task object in `enqueue`; `kwargs`
    are its JSON arguments. The worker marks the row done when the task succeeds; the tasks themselves
    are idempotent (send_once, locked issuing), so a repeated dispatch changes nothing.
    """

    task = models.CharField(_("task"), max_length=200)
    kwargs = models.JSONField(_("arguments"), default=dict)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_index=True)
    dispatched_at = models.DateTimeField(_("handed to the broker"), null=True, blank=True)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    last_error_at = models.DateTimeField(null=True, blank=True)
    done_at = models.DateTimeField(pgettext_lazy("outbox item", "done"), null=True, blank=True)

    objects = OutboxQuerySet.as_manager()

    class Meta:
        verbose_name = _("outbox item")
        verbose_name_plural = _("outbox items")
        indexes = [
            models.Index(fields=["created_at"], condition=models.Q(done_at__isnull=True), name="outbox_open_idx")
        ]

    def __str__(self) -> str:
        return f"{self.task} #{self.pk}"

    def age(self, now=None):
        return (now or timezone.now()) - self.created_at
