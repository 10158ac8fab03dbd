"""ESF+ participant records (Regulation (EU) 2021/1057, Annex I): one per person per activity.

A record is opened at the person's first attended session or lesson (the date is derived by query, see
participants/sources.py) and holds the entry data the common indicators need. Entry data are frozen:
each submission is an EntryVersion row that is never changed; a correction is a new version naming
who made it, when and why, and the record points at its current version. Sensitive indicators live in
their own table, readable only as aggregates by national coordinators with a dedicated permission.
Rules that write these rows live in participants/services.py.
"""

from datetime import date

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts.models import Organisation


class Activity(models.TextChoices):
    MENTOR_TRAINING = "mentor_training", _("Mentor training")
    SUPERVISION = "supervision", _("Group supervision")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    NON_BINARY = "non_binary", _("Non-binary")


class AgeBand(models.TextChoices):
    UNDER_18 = "under_18", _("Under 18")
    FROM_18_TO_29 = "18_29", _("18–29")
    FROM_30_TO_54 = "30_54", _("30–54")
    FROM_55 = "55_plus", _("55 and over")


class LabourStatus(models.TextChoices):
    EMPLOYED = "employed", _("Employed, including self-employed")
    UNEMPLOYED = "unemployed", _("Unemployed")
    LONG_TERM_UNEMPLOYED = "long_term_unemployed", _("Long-term unemployed")
    INACTIVE = "inactive", _("Inactive (neither working nor looking for work)")


class Education(models.TextChoices):
    ISCED_0_2 = "isced_0_2", _("Primary or lower secondary (ISCED 0–2)")
    ISCED_3_4 = "isced_3_4", _("Upper secondary or post-secondary (ISCED 3–4)")
    ISCED_5_8 = "isced_5_8", _("Tertiary (ISCED 5–8)")


class ExitResult(models.TextChoices):
    COMPLETED = "completed", _("Completed")
    LEFT_EARLY = "left_early", _("Left before completing")


class SensitiveAnswer(models.TextChoices):
    YES = "yes", _("Yes")
    NO = "no", _("No")
    PREFER_NOT = "prefer_not", _("I prefer not to say")


# The fields that must all be present for a record to count toward the breakdowns.
ENTRY_FIELDS = ("gender", "age_band", "labour_status", "education")
SENSITIVE_FIELDS = ("disability", "third_country_national", "foreign_background", "minority", "homeless", "rural")
EXIT_DEADLINE_DAYS = 28


def age_band_for(birth_year: int, on: date) -> str:
    """The Annex I age band at `on` for someone born in `birth_year` (the age they reach that year)."""
    age = on.year - birth_year
    if age < 18:
        return AgeBand.UNDER_18
    if age < 30:
        return AgeBand.FROM_18_TO_29
    if age < 55:
        return AgeBand.FROM_30_TO_54
    return AgeBand.FROM_55


class RecordQuerySet(models.QuerySet):
    def complete(self) -> "RecordQuerySet":
        """Records whose current entry data has every non-sensitive field: these count in breakdowns."""
        return self.filter(**{f"current_entry__{name}__gt": "" for name in ENTRY_FIELDS})

    def incomplete(self) -> "RecordQuerySet":
        condition = Q(current_entry__isnull=True)
        for name in ENTRY_FIELDS:
            condition |= Q(**{f"current_entry__{name}": ""})
        return self.filter(condition)

    def missing_exit(self) -> "RecordQuerySet":
        return self.filter(left_on__isnull=False, exit_result="")

    def entered_between(self, start: date, end: date) -> "RecordQuerySet":
        return self.filter(entry_date__gte=start, entry_date__lte=end)


class ParticipantRecord(models.Model):
    """A person's participation in one activity: when they entered, their entry data, how they left."""

    wagtail_reference_index_ignore = True

    class ExitSource(models.TextChoices):
        DERIVED = "derived", _("From completion records")
        COORDINATOR = "coordinator", _("Entered by a coordinator")

    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="esf_records"
    )
    activity = models.CharField(_("activity"), max_length=20, choices=Activity.choices)
    municipality = models.ForeignKey(
        Organisation,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The person's municipality when the record was opened; reports are broken down by it."),
    )
    entry_date = models.DateField(_("entry date"))
    current_entry = models.OneToOneField(
        "EntryVersion", null=True, blank=True, on_delete=models.SET_NULL, related_name="+", editable=False
    )
    left_on = models.DateField(_("left on"), null=True, blank=True)
    exit_result = models.CharField(_("result"), max_length=20, choices=ExitResult.choices, blank=True)
    exit_certificate = models.BooleanField(_("certificate received"), default=False)
    exit_source = models.CharField(_("exit data from"), max_length=20, choices=ExitSource.choices, blank=True)
    exit_recorded_at = models.DateTimeField(_("exit data recorded"), null=True, blank=True)
    exit_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    exit_reminded_at = models.DateTimeField(null=True, blank=True, editable=False)
    created_at = models.DateTimeField(pgettext_lazy("participant record", "opened"), auto_now_add=True)

    objects = RecordQuerySet.as_manager()

    class Meta:
        verbose_name = _("participant record")
        verbose_name_plural = _("participant records")
        ordering = ["entry_date", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["person", "activity"], name="participantrecord_one_per_activity"),
            models.CheckConstraint(
                condition=Q(activity__in=["mentor_training", "supervision"]), name="participantrecord_activity_valid"
            ),
            models.CheckConstraint(
                condition=Q(exit_result="") | Q(left_on__isnull=False), name="participantrecord_exit_has_date"
            ),
        ]
        indexes = [models.Index(fields=["entry_date", "activity"], name="participantrecord_entry_idx")]
        permissions = [
            ("view_sensitive_aggregates", "Can see aggregates of sensitive ESF+ indicators"),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_activity_display()}"

    @property
    def is_confirmed(self) -> bool:
        return self.current_entry_id is not None

    @property
    def is_complete(self) -> bool:
        entry = self.current_entry
        return entry is not None and all(getattr(entry, name) for name in ENTRY_FIELDS)

    @property
    def exit_due_on(self) -> date | None:
        from datetime import timedelta

        return self.left_on + timedelta(days=EXIT_DEADLINE_DAYS) if self.left_on else None

    @property
    def has_exit(self) -> bool:
        return bool(self.exit_result)


class EntryVersion(models.Model):
    """One frozen version of a record's entry data. Never updated: a correction is a new row."""

    wagtail_reference_index_ignore = True

    record = models.ForeignKey(ParticipantRecord, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveSmallIntegerField(_("version"), validators=[MinValueValidator(1)])
    gender = models.CharField(_("gender"), max_length=20, choices=Gender.choices, blank=True)
    birth_year = models.PositiveSmallIntegerField(_("year of birth"), null=True, blank=True)
    age_band = models.CharField(_("age band"), max_length=20, choices=AgeBand.choices, blank=True)
    labour_status = models.CharField(_("labour-market status"), max_length=30, choices=LabourStatus.choices, blank=True)
    education = models.CharField(_("education level"), max_length=20, choices=Education.choices, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    entered_at = models.DateTimeField(_("entered"), auto_now_add=True)
    reason = models.CharField(_("reason for the correction"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("entry data version")
        verbose_name_plural = _("entry data versions")
        ordering = ["record", "number"]
        constraints = [
            models.UniqueConstraint(fields=["record", "number"], name="entryversion_unique_number"),
            models.CheckConstraint(condition=Q(number=1) | ~Q(reason=""), name="entryversion_correction_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.record} v{self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None and not kwargs.pop("erasing", False):
            raise ValueError("Entry data are frozen: add a new version instead of changing this one.")
        super().save(*args, **kwargs)


class SensitiveIndicators(models.Model):
    """Optional answers, given with explicit consent. Read only as aggregates (participants/reports.py)
    by national coordinators holding `participants.view_sensitive_aggregates`; never exported per person
    to anyone but the person themselves."""

    wagtail_reference_index_ignore = True

    record = models.OneToOneField(ParticipantRecord, on_delete=models.CASCADE, related_name="sensitive")
    consent_at = models.DateTimeField(_("consent given"))
    disability = models.CharField(_("disability"), max_length=12, choices=SensitiveAnswer.choices, blank=True)
    third_country_national = models.CharField(
        _("third-country national"), max_length=12, choices=SensitiveAnswer.choices, blank=True
    )
    foreign_background = models.CharField(
        _("foreign background"), max_length=12, choices=SensitiveAnswer.choices, blank=True
    )
    minority = models.CharField(
        _("minority (including Roma)"), max_length=12, choices=SensitiveAnswer.choices, blank=True
    )
    homeless = models.CharField(
        _("homeless or affected by housing exclusion"), max_length=12, choices=SensitiveAnswer.choices, blank=True
    )
    rural = models.CharField(_("from a rural area"), max_length=12, choices=SensitiveAnswer.choices, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("sensitive indicators")
        verbose_name_plural = _("sensitive indicators")

    def __str__(self) -> str:
        return f"#{self.record_id}"


class PublicEvent(models.Model):
    """An open seminar or information day: counted as attendance numbers, never as participants."""

    wagtail_reference_index_ignore = True

    class Kind(models.TextChoices):
        SEMINAR = "seminar", _("Open seminar")
        INFORMATION_DAY = "information_day", _("Information day")
        OTHER = "other", _("Other public event")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SEMINAR)
    held_on = models.DateField(_("date"))
    municipality = models.ForeignKey(
        Organisation,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": Organisation.Kind.MUNICIPALITY},
    )
    attendees = models.PositiveIntegerField(_("number of attendees"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("public event")
        verbose_name_plural = _("public events")
        ordering = ["-held_on", "title"]

    def __str__(self) -> str:
        return self.title
