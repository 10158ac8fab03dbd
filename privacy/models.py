"""GDPR: retention settings, own-data downloads, erasure requests, and the log of who saw whose data."""

import secrets
from datetime import date, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from wagtail.admin.panels import FieldPanel, HelpPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.fields import StreamField
from wagtail.models import Page

from pages.blocks import PageBodyBlock
from privacy.notice import retention_lines
from privacy.storage import export_storage


def _days(label, default, help_text, maximum=36500):
    return models.PositiveIntegerField(
        label, default=default, validators=[MinValueValidator(1), MaxValueValidator(maximum)], help_text=help_text
    )


@register_setting(icon="lock")
class RetentionSettings(BaseGenericSetting):
    """How long each category of personal data is kept. The privacy notice prints these same values, and
    the daily retention task (privacy.tasks.apply_retention) deletes or anonymises what is older."""

    invitations_days = _days(
        _("invitations (days after they were accepted, withdrawn or expired)"),
        180,
        _("Names and email addresses in invitations that are no longer open are deleted after this."),
    )
    absence_notices_days = _days(
        _("notices of absence (days after the session)"),
        365,
        _("The notice and its note are deleted; the attendance register keeps “excused”."),
    )
    audit_trail_days = _days(
        _("audit trails (days)"),
        5 * 365,
        _("Changes to attendance registers and the log of who viewed or exported others' personal data."),
    )
    sent_email_days = _days(
        _("sent-email ledger (days)"),
        365,
        _("Recipients and subjects of sent emails are removed after this; the key that prevents resending stays."),
    )
    download_statistics_months = models.PositiveIntegerField(
        _("download statistics (months)"),
        default=36,
        validators=[MinValueValidator(1), MaxValueValidator(1200)],
        help_text=_("Monthly download counts of materials per role (they never name anyone)."),
    )
    own_data_download_days = _days(
        _("own-data downloads (days)"), 7, _("A person's ZIP of their own data is deleted after this."), maximum=90
    )
    esf_obligation_ends_on = models.DateField(
        _("ESF+ retention obligation ends on"),
        default=date(2035, 12, 31),
        help_text=_(
            "Participant records and the identity of participants must be kept for audits until this date "
            "(Regulation (EU) 2021/1060, Article 82). Erasure requests are scheduled for the day after it, "
            "and participant records are deleted then."
        ),
    )

    panels = [
        HelpPanel(content=_("These periods are printed in the privacy notice as they are set here.")),
        MultiFieldPanel(
            [
                FieldPanel("invitations_days"),
                FieldPanel("absence_notices_days"),
                FieldPanel("audit_trail_days"),
                FieldPanel("sent_email_days"),
                FieldPanel("download_statistics_months"),
                FieldPanel("own_data_download_days"),
            ],
            heading=_("Retention periods"),
        ),
        FieldPanel("esf_obligation_ends_on"),
    ]

    class Meta:
        verbose_name = _("data retention")

    @property
    def erasure_possible_on(self) -> date:
        return self.esf_obligation_ends_on + timedelta(days=1)

    def esf_obligation_applies(self, today: date | None = None) -> bool:
        return (today or timezone.localdate()) <= self.esf_obligation_ends_on


class PrivacyNoticePage(Page):
    """The privacy notice: the editors' text (controller, purposes, legal basis, recipients, rights) and,
    generated from RetentionSettings, how long each category is kept."""

    introduction = models.TextField(_("introduction"), blank=True)
    body = StreamField(PageBodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("introduction"), FieldPanel("body")]
    parent_page_types = ["pages.HomePage"]
    subpage_types: list[str] = []
    max_count_per_parent = 1
    template = "privacy/privacy_notice_page.html"

    class Meta:
        verbose_name = _("privacy notice")

    def get_context(self, request, *args, **kwargs):

        context = super().get_context(request, *args, **kwargs)
        retention = RetentionSettings.load(request_or_site=request)
        context["retention"] = retention
        context["retention_lines"] = retention_lines(retention)
        return context


def _export_path(instance: "DataExport", filename: str) -> str:
    return f"exports/{instance.person_id}/{secrets.token_hex(16)}.zip"


class DataExport(models.Model):
    """A person's download of everything Kopiena holds about them, built in the background."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        BUILDING = "building", _("Being prepared")
        READY = "ready", _("Ready to download")
        FAILED = "failed", _("Could not be prepared")
        EXPIRED = "expired", _("Deleted after its retention period")

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="data_exports")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    categories_done = models.PositiveSmallIntegerField(default=0)
    categories_total = models.PositiveSmallIntegerField(default=0)
    file = models.FileField(storage=export_storage, upload_to=_export_path, blank=True, max_length=200)
    size = models.PositiveBigIntegerField(default=0)
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)
    expires_at = models.DateTimeField(_("available until"), null=True, blank=True)

    class Meta:
        verbose_name = _("own-data download")
        verbose_name_plural = _("own-data downloads")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=Q(status__in=["queued", "building"]), name="dataexport_one_in_progress"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.requested_at:%Y-%m-%d}"

    @property
    def in_progress(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.BUILDING)

    @property
    def percent(self) -> int:
        if self.status == self.Status.READY:
            return 100
        return round(100 * self.categories_done / self.categories_total) if self.categories_total else 0


class ErasureRequest(models.Model):
    """A person asks to be erased; a national coordinator decides. While an ESF+ retention obligation
    applies, approval schedules the erasure for the day after the obligation ends."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Waiting for a decision")
        SCHEDULED = "scheduled", pgettext_lazy("erasure request", "Scheduled")
        REFUSED = "refused", _("Refused")
        CANCELLED = "cancelled", _("Withdrawn")
        DONE = "done", _("Erased")

    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="erasure_requests")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.REQUESTED)
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    refusal_code = models.CharField(_("reason code"), max_length=30, blank=True)
    scheduled_for = models.DateField(_("scheduled for"), null=True, blank=True)
    completed_at = models.DateTimeField(_("erased at"), null=True, blank=True)
    counts = models.JSONField(_("rows changed"), default=dict, blank=True)

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(status__in=["requested", "scheduled"]),
                name="erasurerequest_one_open_per_person",
            ),
            models.CheckConstraint(
                condition=~Q(status="scheduled") | Q(scheduled_for__isnull=False), name="erasurerequest_scheduled_date"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person_id} {self.get_status_display()}"

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.REQUESTED, self.Status.SCHEDULED)


class AccessLogEntry(models.Model):
    """Who viewed or exported personal data of someone else, when, and which page or export.

    `subject` is the person whose data were seen; exports of a list have no single subject and record
    the municipality they covered (None for a national export) instead."""

    class Kind(models.TextChoices):
        PERSON_PAGE = "person_page", _("Viewed a person's page")
        PARTICIPANT_RECORD = "participant_record", _("Viewed a participant record")
        EXPORT = "export", _("Exported a list of people")
        REFLECTIONS = "reflections", _("Read a person's reflections")

    viewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+", verbose_name=_("viewer")
    )
    subject = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("person"),
    )
    municipality = models.ForeignKey(
        "accounts.Organisation", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    kind = models.CharField(_("what"), max_length=20, choices=Kind.choices)
    path = models.CharField(_("page"), max_length=300)
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["subject", "at"], name="accesslog_subject_idx")]

    def __str__(self) -> str:
        return f"{self.viewer_id} {self.kind} {self.subject_id}"


class RetentionRun(models.Model):
    """What one run of the retention task deleted or anonymised, per category."""

    ran_at = models.DateTimeField(default=timezone.now)
    counts = models.JSONField(default=dict)

    class Meta:
        ordering = ["-ran_at"]

    def __str__(self) -> str:
        return f"{self.ran_at:%Y-%m-%d %H:%M}"
