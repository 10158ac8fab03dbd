"""Certificate programmes, the certificates issued under them, and the numbering that makes them unique.

A programme is what a certificate attests (the mentor training course, a supervision cycle). It names
what completes it: a course (in any of its languages) or one or more supervision groups. The app that
decides completion calls `certificates.services.issue_on_completion(person, obj)`, which queues the
issuing task for every programme that `obj` completes.
"""

import re
import secrets
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.images import get_image_model_string

from courses.models import CoursePage
from scheduling.models import SupervisionGroup

# Verification codes: 16 characters from a 32-letter alphabet without look-alikes (O/0, I/1) = 80 bits.
CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 16
CODE_PATTERN = re.compile(rf"^[{CODE_ALPHABET}]{{{CODE_LENGTH}}}$")


def new_verification_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(raw: str) -> str | None:
    """The code as stored, from what a person typed or a link carried; None when it cannot be one."""
    cleaned = re.sub(r"[\s\-]", "", (raw or "")[:64]).upper()
    return cleaned if CODE_PATTERN.match(cleaned) else None


class HoursUnit(models.TextChoices):
    ACADEMIC_45 = "academic_45", _("academic hours of 45 minutes")
    ACADEMIC_40 = "academic_40", _("academic hours of 40 minutes")
    CLOCK = "clock", _("clock hours")


class CertificateProgrammeQuerySet(models.QuerySet):
    def for_source(self, obj: models.Model) -> "CertificateProgrammeQuerySet":
        """Programmes completed by `obj`: a course page (any translation) or a supervision group."""

        if isinstance(obj, CoursePage):
            return self.filter(course__translation_key=obj.translation_key)
        if isinstance(obj, SupervisionGroup):
            return self.filter(supervision_groups=obj)
        return self.none()

    def renewed_by(self, obj: models.Model) -> "CertificateProgrammeQuerySet":
        """Programmes whose refresher is `obj`: a course page (any translation) or a supervision group."""
        from courses.models import CoursePage
        from scheduling.models import SupervisionGroup

        if isinstance(obj, CoursePage):
            return self.filter(refresher_course__translation_key=obj.translation_key)
        if isinstance(obj, SupervisionGroup):
            return self.filter(refresher_group=obj)
        return self.none()


class CertificateProgramme(models.Model):
    """What a certificate attests and how it looks; configured per programme by coordinators."""

    title_lv = models.CharField(_("title in Latvian"), max_length=250)
    title_en = models.CharField(_("title in English"), max_length=250, blank=True)
    approval_number = models.CharField(_("approval number"), max_length=100, blank=True)
    approving_body_lv = models.CharField(_("approving body in Latvian"), max_length=250, blank=True)
    approving_body_en = models.CharField(_("approving body in English"), max_length=250, blank=True)
    hours = models.DecimalField(
        _("hours"), max_digits=6, decimal_places=1, validators=[MinValueValidator(Decimal("0.5"))]
    )
    hours_unit = models.CharField(_("unit of hours"), max_length=20, choices=HoursUnit.choices)
    provider_lv = models.CharField(_("provider in Latvian"), max_length=250)
    provider_en = models.CharField(_("provider in English"), max_length=250, blank=True)
    provider_legal_identifier = models.CharField(
        _("provider's registration number"),
        max_length=40,
        blank=True,
        help_text=_("The legal identifier of the awarding body in the Register of Enterprises, e.g. 90001800413."),
    )
    number_prefix = models.CharField(
        _("number prefix"),
        max_length=10,
        unique=True,
        validators=[RegexValidator(r"^[A-Z]{2,10}$", _("Use 2 to 10 capital Latin letters, e.g. KOP."))],
        help_text=_("Certificates are numbered PREFIX-YEAR-000001."),
    )
    signatory_name = models.CharField(_("signatory's name"), max_length=200, blank=True)
    signatory_title_lv = models.CharField(_("signatory's title in Latvian"), max_length=250, blank=True)
    signatory_title_en = models.CharField(_("signatory's title in English"), max_length=250, blank=True)
    signature_image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("signature image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    logo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    show_approval = models.BooleanField(_("show the approval number and body"), default=True)
    show_hours = models.BooleanField(_("show the hours"), default=True)
    show_dates = models.BooleanField(_("show the dates of the programme"), default=True)
    show_provider = models.BooleanField(_("show the provider"), default=True)
    show_signatory = models.BooleanField(_("show the signatory"), default=True)
    show_signature = models.BooleanField(_("show the signature image"), default=True)
    show_logo = models.BooleanField(_("show the logo"), default=True)

    # What completes the programme (optional: without it, coordinators issue by hand).
    course = models.OneToOneField(
        "courses.CoursePage",
        verbose_name=_("completed by the course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="certificate_programme",
    )
    supervision_groups = models.ManyToManyField(
        "scheduling.SupervisionGroup",
        verbose_name=_("completed by attending the supervision group"),
        blank=True,
        related_name="certificate_programmes",
        help_text=_("A supervision cycle: completing any one of these groups earns the certificate."),
    )

    # Renewal: a certificate of a programme with a validity is "derīga līdz" a date; its holder is reminded
    # 60 and 14 days before and pointed to the refresher course or supervision group.
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(240)],
        help_text=_("Empty: certificates of this programme do not expire."),
    )
    refresher_course = models.ForeignKey(
        "courses.CoursePage",
        verbose_name=_("refresher course"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Named in renewal reminders; completing it renews the certificate."),
    )
    refresher_group = models.ForeignKey(
        "scheduling.SupervisionGroup",
        verbose_name=_("refresher supervision group"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Named in renewal reminders; completing it renews the certificate."),
    )

    created_at = models.DateTimeField(auto_now_add=True)

    objects = CertificateProgrammeQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate programme")
        verbose_name_plural = _("certificate programmes")
        ordering = ["title_lv"]

    def __str__(self) -> str:
        return self.title_lv

    def title_in(self, language: str) -> str:
        return self._in("title", language)

    def provider_in(self, language: str) -> str:
        return self._in("provider", language)

    def approving_body_in(self, language: str) -> str:
        return self._in("approving_body", language)

    def signatory_title_in(self, language: str) -> str:
        return self._in("signatory_title", language)

    def _in(self, field: str, language: str) -> str:
        """The English text when asked for and filled in, the Latvian one otherwise."""
        if language == "en":
            return getattr(self, f"{field}_en") or getattr(self, f"{field}_lv")
        return getattr(self, f"{field}_lv")


class CertificateCounter(models.Model):
    """The last number given per programme and year; its row is locked while a number is allocated."""

    programme = models.ForeignKey(CertificateProgramme, on_delete=models.CASCADE, related_name="counters")
    year = models.PositiveSmallIntegerField()
    last_serial = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["programme", "year"], name="certificatecounter_unique")]

    def __str__(self) -> str:
        return f"{self.programme.number_prefix}-{self.year}: {self.last_serial}"


def _pdf_path(instance: "Certificate", filename: str) -> str:
    # The random part keeps stored files unguessable even where media is served directly.
    return f"certificates/{instance.year}/{instance.number}-v{instance.version}-{secrets.token_hex(8)}.pdf"


class RevocationKind(models.TextChoices):
    REVOKED = "revoked", _("Revoked by a coordinator")
    ERASED = "erased", _("Revoked: the holder's personal data were erased")


# Reminders go this many days before a certificate expires; coordinators see it as due from the first.
RENEWAL_REMINDER_DAYS = (60, 14)


class CertificateQuerySet(models.QuerySet):
    def valid(self) -> "CertificateQuerySet":
        """Not revoked (an expired certificate is still valid here: it is one the holder renews)."""
        return self.filter(status=Certificate.Status.VALID)

    def due_for_renewal(self, today: date) -> "CertificateQuerySet":
        """Not revoked, with a validity that ends within the first reminder's reach or has ended."""
        from datetime import timedelta

        horizon = today + timedelta(days=max(RENEWAL_REMINDER_DAYS))
        return self.valid().filter(valid_until__isnull=False, valid_until__lte=horizon)

    def expired(self, today: date) -> "CertificateQuerySet":
        return self.valid().filter(valid_until__lt=today)


class Certificate(models.Model):
    class Status(models.TextChoices):
        VALID = "valid", _("Valid")
        REVOKED = "revoked", _("Revoked")

    holder = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("holder"), on_delete=models.PROTECT, related_name="certificates"
    )
    programme = models.ForeignKey(
        CertificateProgramme, verbose_name=_("programme"), on_delete=models.PROTECT, related_name="certificates"
    )
    year = models.PositiveSmallIntegerField(_("year"))
    serial = models.PositiveIntegerField(_("serial number"))
    number = models.CharField(_("number"), max_length=40, unique=True)
    verification_code = models.CharField(
        _("verification code"), max_length=CODE_LENGTH, unique=True, default=new_verification_code, editable=False
    )
    holder_name = models.CharField(_("name on the certificate"), max_length=300)
    hours = models.DecimalField(_("hours"), max_digits=6, decimal_places=1)
    hours_unit = models.CharField(_("unit of hours"), max_length=20, choices=HoursUnit.choices)
    started_on = models.DateField(_("started on"), null=True, blank=True)
    completed_on = models.DateField(_("completed on"))
    issued_on = models.DateField(_("issued on"))
    language = models.CharField(_("language"), max_length=5, choices=settings.LANGUAGES)
    version = models.PositiveSmallIntegerField(_("version"), default=1)
    pdf = models.FileField(_("PDF file"), upload_to=_pdf_path, max_length=200)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.VALID)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    revocation_kind = models.CharField(
        _("kind of revocation"), max_length=10, choices=RevocationKind.choices, blank=True
    )
    override_reason = models.TextField(
        _("reason for issuing without completion"),
        blank=True,
        help_text=_("Given by the coordinator who issued it to someone who had not completed the programme."),
    )
    valid_until = models.DateField(_("valid until"), null=True, blank=True)
    # The certificate's place in the published revocation list, given once at issue and never reused.
    status_index = models.PositiveIntegerField(_("status list index"), unique=True, null=True, editable=False)
    # Salt of the hashed email in the Open Badges credential: the address is not readable from it.
    identity_salt = models.CharField(max_length=32, default="", blank=True, editable=False)
    # The signed Open Badges 3.0 credential (compact JWS) of the current version, as embedded in its PDF.
    credential = models.TextField(_("Open Badges credential"), blank=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "-serial"]
        constraints = [
            models.UniqueConstraint(
                fields=["holder", "programme"],
                condition=Q(status="valid"),
                name="certificate_one_valid_per_holder_and_programme",
            ),
            models.UniqueConstraint(fields=["programme", "year", "serial"], name="certificate_unique_serial"),
            models.CheckConstraint(
                condition=Q(status="valid", revoked_at__isnull=True) | Q(status="revoked", revoked_at__isnull=False),
                name="certificate_revocation_has_date",
            ),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_valid(self) -> bool:
        """Not revoked (nor erased); see `public_status` for what a verifier is told."""
        return self.status == self.Status.VALID

    @property
    def is_erased(self) -> bool:
        return self.revocation_kind == RevocationKind.ERASED

    def is_expired(self, today: date) -> bool:
        return self.valid_until is not None and self.valid_until < today

    def public_status(self, today: date) -> str:
        """What the verification page, its JSON and the credential check all say: one rule, one place.

        "valid", "expired" (validity ended, not revoked), or the stored status ("revoked", or any later
        non-valid status such as an erasure), which wins over expiry.
        """
        if not self.is_valid:
            return self.status
        return "expired" if self.is_expired(today) else "valid"

    @staticmethod
    def format_number(prefix: str, year: int, serial: int) -> str:
        return f"{prefix}-{year}-{serial:06d}"


class CertificateVersion(models.Model):
    """Each signed PDF ever handed out, by its SHA-256: an old version stays recognisable as superseded.

    Only the hash is kept, not the old file: it may carry a misspelt name the holder asked to correct,
    and a hash is enough to tell which version a file someone holds is and whether it is current.
    """

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="versions")
    version = models.PositiveSmallIntegerField(_("version"))
    pdf_sha256 = models.CharField(max_length=64, blank=True)
    credential_id = models.CharField(max_length=100, blank=True)
    valid_until = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    superseded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["certificate", "version"]
        constraints = [
            models.UniqueConstraint(fields=["certificate", "version"], name="certificateversion_unique"),
        ]
        indexes = [models.Index(fields=["pdf_sha256"]), models.Index(fields=["credential_id"])]

    def __str__(self) -> str:
        return f"{self.certificate} v{self.version}"


class StatusListIndex(models.Model):
    """A ticket dispenser for status list indices: a row's id is handed out once, never again.

    A sequence rather than a counter row, so issuing under different programmes takes no shared lock;
    a rolled-back issue leaves an unused index behind, which no credential points to.
    """

    allocated_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return str(self.pk)


class CertificateEvent(models.Model):
    """What happened to a certificate, by whom and when: issued, reissued, revoked."""

    class Kind(models.TextChoices):
        ISSUED = "issued", _("Issued")
        REISSUED = "reissued", _("Reissued")
        RENEWED = "renewed", _("Renewed")
        REVOKED = "revoked", _("Revoked")

    certificate = models.ForeignKey(Certificate, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(_("event"), max_length=10, choices=Kind.choices)
    version = models.PositiveSmallIntegerField(_("version"))
    by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    at = models.DateTimeField(_("time"), auto_now_add=True)
    detail = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.certificate} {self.kind} v{self.version}"


class IssueFailure(models.Model):
    """An automatic issue that failed (e.g. the PDF could not be made); shown to coordinators until it succeeds."""

    holder = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    programme = models.ForeignKey(CertificateProgramme, on_delete=models.CASCADE, related_name="failures")
    code = models.CharField(_("reason"), max_length=20)
    error = models.TextField(_("error"))
    attempts = models.PositiveIntegerField(_("attempts"), default=1)
    first_failed_at = models.DateTimeField(auto_now_add=True)
    last_failed_at = models.DateTimeField(_("last failed"))
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-last_failed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["holder", "programme"],
                condition=Q(resolved_at__isnull=True),
                name="issuefailure_one_open_per_holder_and_programme",
            )
        ]

    def __str__(self) -> str:
        return f"{self.holder} – {self.programme}"
