"""GDPR rules: the access log, own-data downloads, erasure and retention. Views, tasks and the demo call these."""

import logging
from datetime import date, datetime, timedelta

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.models import Invitation, User
from attendance.models import AbsenceNotice, AttendanceChange
from materials.models import DownloadCount
from notifications.models import SentEmail
from notifications.services import enqueue
from participants.models import ParticipantRecord
from privacy import bundle, emails, registry
from privacy.models import AccessLogEntry, DataExport, ErasureRequest, RetentionRun, RetentionSettings

log = logging.getLogger(__name__)


class PrivacyError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def retention() -> RetentionSettings:
    return RetentionSettings.load()


# --- access log -----------------------------------------------------------------------------------
# The one kind of write a page view makes: recording that someone looked at another person's data.


def log_access(viewer, *, kind: str, path: str, subject=None, municipality_id: int | None = None) -> None:
    """Record that `viewer` saw `subject`'s personal data (nothing when it is their own)."""
    if not viewer.is_authenticated or (subject is not None and subject.pk == viewer.pk):
        return
    AccessLogEntry.objects.create(
        viewer=viewer, subject=subject, municipality_id=municipality_id, kind=kind, path=path[:300]
    )


def log_export(viewer, *, path: str) -> None:
    """A list export: the municipality it covered is the coordinator's own (none for a national one)."""
    scope = permissions.coordinated_municipality_ids(viewer)
    municipality_id = next(iter(scope)) if scope and len(scope) == 1 else None
    log_access(viewer, kind=AccessLogEntry.Kind.EXPORT, path=path, municipality_id=municipality_id)


def access_log_about(person):
    """Entries about `person`: views of their own pages, and list exports whose scope covered them."""
    municipality_id = person.organisation.municipality_id if person.organisation_id else None
    exports = Q(kind=AccessLogEntry.Kind.EXPORT, subject__isnull=True) & (
        Q(municipality__isnull=True) | Q(municipality_id=municipality_id)
    )
    return AccessLogEntry.objects.filter(Q(subject=person) | exports).exclude(viewer=person)


# --- own-data download ----------------------------------------------------------------------------


@transaction.atomic
def request_export(person: User) -> DataExport:
    """Queue the building of `person`'s ZIP once the transaction commits.

    Raises PrivacyError "in_progress" when one is already being prepared."""
    from privacy.tasks import build_export_task  # the task calls back here

    try:
        with transaction.atomic():
            export = DataExport.objects.create(person=person)
    except IntegrityError as error:
        raise PrivacyError("in_progress", _("Your download is already being prepared.")) from error
    enqueue(build_export_task, export_id=export.pk)
    return export


def build_export(export: DataExport) -> DataExport:
    """Collect every category from every app, write the ZIP privately, and email the person.

    Idempotent: a finished export is returned as it is."""
    export = DataExport.objects.select_related("person").get(pk=export.pk)
    if export.status not in (DataExport.Status.QUEUED, DataExport.Status.BUILDING):
        return export
    providers = registry.providers()
    DataExport.objects.filter(pk=export.pk).update(
        status=DataExport.Status.BUILDING, categories_total=len(providers) + 1, categories_done=0
    )
    person = export.person
    categories: dict[str, list[dict]] = {}
    try:
        for done, provider in enumerate(providers, start=1):
            for key, rows in provider.export(person).items():
                categories.setdefault(key, []).extend(rows)
            DataExport.objects.filter(pk=export.pk).update(categories_done=done)
        content = bundle.zip_bytes(categories, language=person.preferred_language, generated_at=timezone.now())
        export.file.save("data.zip", ContentFile(content), save=False)
    except Exception:
        DataExport.objects.filter(pk=export.pk).update(status=DataExport.Status.FAILED)
        log.exception("privacy: own-data export %s failed", export.pk)
        raise
    now = timezone.now()
    export.status = DataExport.Status.READY
    export.size = len(content)
    export.ready_at = now
    export.expires_at = now + timedelta(days=retention().own_data_download_days)
    export.categories_done = export.categories_total = len(providers) + 1
    export.save(
        update_fields=["file", "status", "size", "ready_at", "expires_at", "categories_done", "categories_total"]
    )
    enqueue(emails.send_export_ready, export_id=export.pk)
    return export


# --- erasure --------------------------------------------------------------------------------------


def esf_obligation_applies(person: User, today: date | None = None) -> bool:
    """Whether ESF+ audit rules still require the person's identity: they took part and the period runs."""

    return retention().esf_obligation_applies(today) and ParticipantRecord.objects.filter(person=person).exists()


@transaction.atomic
def request_erasure(person: User) -> ErasureRequest:
    """Raises PrivacyError "open" when the person already has a request waiting or scheduled."""
    try:
        with transaction.atomic():
            return ErasureRequest.objects.create(person=person)
    except IntegrityError as error:
        raise PrivacyError("open", _("Your erasure request is already waiting or scheduled.")) from error


@transaction.atomic
def withdraw_erasure(request: ErasureRequest, *, by: User) -> ErasureRequest:
    """Raises PrivacyError: "forbidden", "closed"."""
    request = ErasureRequest.objects.select_for_update().get(pk=request.pk)
    if request.person_id != by.pk:
        raise PrivacyError("forbidden", _("Only the person can withdraw their request."))
    if not request.is_open:
        raise PrivacyError("closed", _("This request is no longer open."))
    request.status = ErasureRequest.Status.CANCELLED
    request.save(update_fields=["status"])
    return request


def _require_national(by: User) -> None:
    if not permissions.is_national_coordinator(by):
        raise PrivacyError("forbidden", _("Only national coordinators decide on erasure."))


@transaction.atomic
def approve_erasure(request: ErasureRequest, *, by: User) -> ErasureRequest:
    """Erase the person now, or, while an ESF+ retention obligation applies, refuse it for now and
    schedule it for the day after the obligation ends (status "scheduled", refusal_code "esf_obligation").

    Raises PrivacyError: "forbidden", "closed", "own" (nobody approves their own erasure).
    """
    _require_national(by)
    request = ErasureRequest.objects.select_for_update().select_related("person").get(pk=request.pk)
    if request.status != ErasureRequest.Status.REQUESTED:
        raise PrivacyError("closed", _("This request has already been decided."))
    if request.person_id == by.pk:
        raise PrivacyError("own", _("Another national coordinator must decide on your own request."))
    request.decided_by = by
    request.decided_at = timezone.now()
    if esf_obligation_applies(request.person):
        request.status = ErasureRequest.Status.SCHEDULED
        request.refusal_code = "esf_obligation"
        request.scheduled_for = retention().erasure_possible_on
        request.save(update_fields=["decided_by", "decided_at", "status", "refusal_code", "scheduled_for"])
        return request
    request.save(update_fields=["decided_by", "decided_at"])
    return _erase(request)


@transaction.atomic
def refuse_erasure(request: ErasureRequest, *, by: User, code: str) -> ErasureRequest:
    """Refuse for a stated reason (REFUSAL_REASONS). Raises PrivacyError: "forbidden", "closed", "reason"."""
    _require_national(by)
    if code not in REFUSAL_REASONS:
        raise PrivacyError("reason", _("Choose the reason."))
    request = ErasureRequest.objects.select_for_update().get(pk=request.pk)
    if not request.is_open:
        raise PrivacyError("closed", _("This request has already been decided."))
    request.status = ErasureRequest.Status.REFUSED
    request.refusal_code = code
    request.decided_by = by
    request.decided_at = timezone.now()
    request.save(update_fields=["status", "refusal_code", "decided_by", "decided_at"])
    return request


def refusal_reasons() -> dict[str, str]:
    return {
        "esf_obligation": _("ESF+ audit rules require the programme to keep participants' records until %(date)s.")
        % {"date": _local_date(retention().esf_obligation_ends_on)},
        "legal_claim": _("The data are needed to establish, exercise or defend a legal claim."),
        "identity": _("We could not confirm that the request came from the person."),
    }


REFUSAL_REASONS = ("esf_obligation", "legal_claim", "identity")


def _local_date(value: date) -> str:
    from django.utils.formats import date_format

    return date_format(value, "SHORT_DATE_FORMAT")


def _erase(request: ErasureRequest) -> ErasureRequest:
    """Anonymise the person in every app. The anonymous rows ESF+ reports and certificate numbering need
    stay; names, email addresses and free text go."""
    person = request.person
    emails.send_erasure_done(request)  # before the address is gone; its ledger row is cleared below
    counts = registry.erase_all(person)
    request.status = ErasureRequest.Status.DONE
    request.completed_at = timezone.now()
    request.counts = counts
    request.save(update_fields=["status", "completed_at", "counts"])
    log.info("privacy: erased person %s: %s", person.pk, counts)
    return request


def erase_due(today: date | None = None) -> int:
    """Beat: carry out the scheduled erasures whose day has come. Returns how many."""
    today = today or timezone.localdate()
    done = 0
    for request in ErasureRequest.objects.filter(status=ErasureRequest.Status.SCHEDULED, scheduled_for__lte=today):
        with transaction.atomic():
            locked = ErasureRequest.objects.select_for_update().select_related("person").get(pk=request.pk)
            if locked.status != ErasureRequest.Status.SCHEDULED or esf_obligation_applies(locked.person, today):
                continue
            _erase(locked)
            done += 1
    return done


# --- retention ------------------------------------------------------------------------------------


def apply_retention(now: datetime | None = None) -> dict[str, int]:
    """Delete or anonymise what is past its retention period, per category; log and keep the counts."""
    from participants.models import ParticipantRecord

    now = now or timezone.now()
    settings_row = retention()
    counts: dict[str, int] = {}

    with transaction.atomic():
        cutoff = now - timedelta(days=settings_row.invitations_days)
        closed = Invitation.objects.filter(
            Q(accepted_at__lt=cutoff)
            | Q(revoked_at__lt=cutoff)
            | Q(accepted_at__isnull=True, revoked_at__isnull=True, expires_at__lt=cutoff)
        )
        counts["invitations"] = closed.delete()[0]

        cutoff = now - timedelta(days=settings_row.absence_notices_days)
        counts["absence_notices"] = AbsenceNotice.objects.filter(session__ends_at__lt=cutoff).delete()[0]

        cutoff = now - timedelta(days=settings_row.audit_trail_days)
        counts["attendance_changes"] = AttendanceChange.objects.filter(changed_at__lt=cutoff).delete()[0]
        counts["access_log"] = AccessLogEntry.objects.filter(at__lt=cutoff).delete()[0]

        cutoff = now - timedelta(days=settings_row.sent_email_days)
        counts["sent_emails"] = (
            SentEmail.objects.filter(created_at__lt=cutoff).exclude(to="", subject="").update(to="", subject="")
        )

        first_kept = _months_before(timezone.localdate(now), settings_row.download_statistics_months)
        counts["download_statistics"] = DownloadCount.objects.filter(month__lt=first_kept).delete()[0]

        expired = DataExport.objects.filter(
            Q(status=DataExport.Status.READY, expires_at__lt=now)
            | Q(
                status=DataExport.Status.FAILED,
                requested_at__lt=now - timedelta(days=settings_row.own_data_download_days),
            )
        )
        counts["own_data_downloads"] = 0
        for export in expired:
            name = export.file.name
            if name:
                storage = export.file.storage
                transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
            export.file = ""
            export.status = DataExport.Status.EXPIRED
            export.save(update_fields=["file", "status"])
            counts["own_data_downloads"] += 1

        if not settings_row.esf_obligation_applies(timezone.localdate(now)):
            counts["participant_records"] = (
                ParticipantRecord.objects.all().delete()[1].get("participants.ParticipantRecord", 0)
            )
        else:
            counts["participant_records"] = 0

        RetentionRun.objects.create(ran_at=now, counts=counts)
    log.info("privacy: retention removed %s", counts)
    return counts


def _months_before(today: date, months: int) -> date:
    """The first day of the month `months` months before `today`'s month."""
    index = today.year * 12 + (today.month - 1) - months
    return date(index // 12, index % 12 + 1, 1)
