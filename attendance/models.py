"""Attendance of supervision sessions: who attended which session, when and for how long.

A register records who attended, when and for how long, never what was discussed. The only free
text about a participant is AbsenceNotice.note, which only the group's supervisors see.

Tables keep the names they had when attendance lived inside scheduling (`db_table`), so moving the
models between apps copied no data.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from scheduling.models import Session, SupervisionGroup


class AttendanceStatus(models.TextChoices):
    PRESENT = "present", _("Present")
    LATE = "late", _("Late")
    EXCUSED = "excused", _("Excused")
    ABSENT = "absent", _("Absent")
    NOT_APPLICABLE = "n_a", _("Not applicable")


ATTENDED = (AttendanceStatus.PRESENT, AttendanceStatus.LATE)


class AttendanceRecord(models.Model):
    """One person's status at one session. Changed only through attendance.services; every change
    leaves an AttendanceChange row."""

    wagtail_reference_index_ignore = True

    class Source(models.TextChoices):
        REGISTER = "register", _("Register")
        CHECKIN = "checkin", _("Self check-in")
        NOTICE = "notice", _("Notice of absence")
        AUTOMATIC = "auto", _("Automatic")

    session = models.ForeignKey(Session, verbose_name=_("session"), on_delete=models.PROTECT, related_name="attendance")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="attendance"
    )
    status = models.CharField(_("status"), max_length=10, choices=AttendanceStatus.choices)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices, default=Source.REGISTER)
    marked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    marked_at = models.DateTimeField(_("marked"), default=timezone.now)

    class Meta:
        db_table = "scheduling_attendancerecord"
        verbose_name = _("attendance record")
        verbose_name_plural = _("attendance records")
        constraints = [
            models.UniqueConstraint(fields=["session", "person"], name="attendance_one_per_person_session"),
            models.CheckConstraint(
                condition=Q(status__in=["present", "late", "excused", "absent", "n_a"]),
                name="attendance_status_valid",
            ),
        ]
        indexes = [models.Index(fields=["person", "status"], name="attendance_person_idx")]

    def __str__(self) -> str:
        return f"{self.person} – {self.session} ({self.get_status_display()})"

    @property
    def attended(self) -> bool:
        return self.status in ATTENDED


class AttendanceChange(models.Model):
    """The audit trail: who changed whose status at which session, when, from what to what."""

    wagtail_reference_index_ignore = True

    record = models.ForeignKey(AttendanceRecord, on_delete=models.CASCADE, related_name="changes")
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed"), default=timezone.now)
    from_status = models.CharField(_("from"), max_length=10, blank=True, choices=AttendanceStatus.choices)
    to_status = models.CharField(_("to"), max_length=10, choices=AttendanceStatus.choices)
    source = models.CharField(_("source"), max_length=10, choices=AttendanceRecord.Source.choices)
    after_session = models.BooleanField(_("correction after the session"), default=False)

    class Meta:
        db_table = "scheduling_attendancechange"
        verbose_name = _("attendance change")
        verbose_name_plural = _("attendance changes")
        ordering = ["changed_at", "pk"]

    def __str__(self) -> str:
        return f"{self.record}: {self.from_status or '–'} → {self.to_status}"


class AbsenceNotice(models.Model):
    """A participant's advance notice that they will miss a session. `note` is seen only by the
    group's supervisors: never exported, never shown to coordinators."""

    wagtail_reference_index_ignore = True

    class Reason(models.TextChoices):
        ILLNESS = "illness", _("Illness")
        FAMILY = "family", _("Family reasons")
        WORK = "work", _("Duties at school")
        TRAINING = "training", _("Other training at the same time")
        OTHER = "other", _("Other reason")

    session = models.ForeignKey(Session, verbose_name=_("session"), on_delete=models.PROTECT, related_name="notices")
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=10, choices=Reason.choices)
    note = models.TextField(_("note for the supervisor"), blank=True, max_length=1000)
    created_at = models.DateTimeField(_("given"), default=timezone.now)

    class Meta:
        db_table = "scheduling_absencenotice"
        verbose_name = _("notice of absence")
        verbose_name_plural = _("notices of absence")
        constraints = [models.UniqueConstraint(fields=["session", "person"], name="notice_one_per_person_session")]

    def __str__(self) -> str:
        return f"{self.person} – {self.session}"


class CompletionRule(models.Model):
    """What completing a group's supervision cycle takes. Each change raises `version`; a
    completion records the version it was judged by."""

    wagtail_reference_index_ignore = True

    group = models.OneToOneField(SupervisionGroup, on_delete=models.CASCADE, related_name="completion_rule")
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("minimum attendance (%)"), default=80, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    excused_leave_count = models.BooleanField(
        _("excused sessions leave the count"),
        default=True,
        help_text=_("When on, an excused session counts neither as attended nor as held for this person."),
    )
    min_clock_hours = models.DecimalField(_("minimum hours (clock)"), max_digits=5, decimal_places=1, default=0)
    version = models.PositiveIntegerField(_("version"), default=1)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        db_table = "scheduling_completionrule"
        verbose_name = _("completion rule")
        verbose_name_plural = _("completion rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_attendance_percent__gte=1, min_attendance_percent__lte=100),
                name="completion_rule_percent_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} v{self.version}"


class SupervisionCompletion(models.Model):
    """A person completed a group's supervision cycle. Forward-only: never deleted or undone."""

    wagtail_reference_index_ignore = True

    group = models.ForeignKey(SupervisionGroup, on_delete=models.PROTECT, related_name="completions")
    person = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    completed_on = models.DateField(_("completed on"))
    rule_version = models.PositiveIntegerField(_("rule version"))
    attendance_percent = models.DecimalField(_("attendance (%)"), max_digits=5, decimal_places=1)
    clock_hours = models.DecimalField(_("hours (clock)"), max_digits=6, decimal_places=2)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        db_table = "scheduling_supervisioncompletion"
        verbose_name = _("supervision completion")
        verbose_name_plural = _("supervision completions")
        constraints = [models.UniqueConstraint(fields=["group", "person"], name="completion_one_per_person_group")]

    def __str__(self) -> str:
        return f"{self.person} – {self.group}"
