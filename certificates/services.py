"""Issuing, revoking, reissuing and renewing certificates, and the checks that verifiers run.

Views, tasks, the admin and the demo all call these. Every version of a certificate is a PDF signed
with PAdES that carries its signed Open Badges credential; the file's SHA-256 is kept per version.
"""

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from certificates import access, credentials, eligibility, pdf, signing
from certificates.models import (
    Certificate,
    CertificateCounter,
    CertificateEvent,
    CertificateProgramme,
    CertificateVersion,
    IssueFailure,
    RevocationKind,
    StatusListIndex,
    new_verification_code,
)
from certificates.text import date_until, describe_dates, describe_hours
from notifications.services import enqueue


class CertificateError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


# Shown to coordinators next to a failed automatic issue, in their own language.
FAILURE_MESSAGES = {
    "forbidden": gettext_lazy("The person is outside the issuer's municipality."),
    "revoked": gettext_lazy("An earlier certificate of this programme was revoked; issue a new one by hand."),
    "no_name": gettext_lazy("The person has no name in their profile."),
    "render": gettext_lazy("The PDF could not be made; the system keeps trying."),
    "not_completed": gettext_lazy(
        "The person has not completed the programme; give the reason for issuing the certificate anyway."
    ),
    "not_held": gettext_lazy("The person holds no valid certificate of this programme to renew."),
}


def verification_url(certificate: Certificate) -> str:
    return settings.SITE_URL + reverse("certificate_verify", args=[certificate.verification_code])


def issue_certificate(
    holder: User,
    programme: CertificateProgramme,
    *,
    by: User | None,
    completed_on: date | None = None,
    started_on: date | None = None,
    after_revocation: bool = False,
    override_reason: str = "",
    issued_on: date | None = None,
) -> Certificate:
    """Give `holder` a certificate of `programme`, or return the valid one they already hold.

    `issued_on` is today unless an earlier issue is being recorded (the demo's history); the
    validity, if the programme has one, counts from it.

    Exactly once: the programme's counter row for the year is locked, the holder's certificates are
    read again under that lock, and a partial unique constraint backs it up, so parallel or repeated
    calls return the same certificate. The number comes from the same locked row in the same
    transaction, so numbers have no gaps or duplicates. The PDF is made inside the transaction: if it
    fails, the exception propagates and nothing is saved (no number used, no file left).
    `by` is None for automatic issue on completion; a coordinator issuing by hand to someone who has
    not completed the programme gives `override_reason`, which is kept with the certificate.

    Raises CertificateError: "forbidden", "revoked" (an earlier one was revoked and
    `after_revocation` is not set), "no_name", "dates", "not_completed" (no override reason).
    """
    if by is not None and not access.can_manage_holder(by, holder):
        raise CertificateError("forbidden", _("You may not issue certificates to this person."))
    override_reason = (override_reason or "").strip()
    if by is not None and not override_reason and eligibility.not_completed([holder.pk], programme):
        raise CertificateError("not_completed", str(FAILURE_MESSAGES["not_completed"]))
    existing = Certificate.objects.valid().filter(holder=holder, programme=programme).first()
    if existing is not None:
        return existing
    holder_name = holder.get_full_name().strip()
    if not holder_name:
        raise CertificateError("no_name", str(FAILURE_MESSAGES["no_name"]))
    today = timezone.localdate()
    issued_on = min(issued_on or today, today)
    completed_on = completed_on or issued_on
    if started_on is not None and started_on > completed_on or completed_on > issued_on:
        raise CertificateError("dates", _("The programme cannot end before it starts or after today."))

    # The code, and so the QR code, are known before the number: work them out before taking the lock.
    code = new_verification_code()
    prepared = {
        "qr": pdf.qr_matrix(settings.SITE_URL + reverse("certificate_verify", args=[code])),
        **programme_images(programme),
    }
    stored: list[Certificate] = []
    try:
        with transaction.atomic():
            CertificateCounter.objects.get_or_create(programme=programme, year=issued_on.year)
            counter = CertificateCounter.objects.select_for_update().get(programme=programme, year=issued_on.year)
            existing = Certificate.objects.valid().filter(holder=holder, programme=programme).first()
            if existing is not None:
                return existing
            if not after_revocation and Certificate.objects.filter(holder=holder, programme=programme).exists():
                raise CertificateError("revoked", str(FAILURE_MESSAGES["revoked"]))
            counter.last_serial += 1
            counter.save(update_fields=["last_serial"])
            certificate = Certificate(
                holder=holder,
                programme=programme,
                year=issued_on.year,
                serial=counter.last_serial,
                verification_code=code,
                number=Certificate.format_number(programme.number_prefix, issued_on.year, counter.last_serial),
                holder_name=holder_name,
                hours=programme.hours,
                hours_unit=programme.hours_unit,
                started_on=started_on,
                completed_on=completed_on,
                issued_on=issued_on,
                language=holder.preferred_language,
                issued_by=by,
                override_reason=override_reason,
                valid_until=valid_until_for(programme, issued_on),
                status_index=allocate_status_index(),
                identity_salt=credentials.new_identity_salt(),
            )
            digest = _store_pdf(certificate, stored, prepared)
            certificate.save()
            detail = {"override_reason": override_reason} if override_reason else {}
            CertificateEvent.objects.create(certificate=certificate, kind="issued", version=1, by=by, detail=detail)
            _record_version(certificate, digest)
            IssueFailure.objects.filter(holder=holder, programme=programme, resolved_at__isnull=True).update(
                resolved_at=timezone.now()
            )
            return certificate
    except IntegrityError:
        _discard(stored)
        # A parallel issue that this one did not see (e.g. across a change of year) won the constraint.
        existing = Certificate.objects.valid().filter(holder=holder, programme=programme).first()
        if existing is None:
            raise
        return existing
    except BaseException:
        _discard(stored)
        raise


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def _queue_for_each(task, programme_ids: Iterable[int], holder_ids: Iterable[int], **kwargs) -> int:
    """Write one outbox item of `task` per programme and holder; the work runs once the caller commits
    (a rolled-back change queues nothing, a committed one survives a broker outage). Returns how many."""
    count = 0
    for programme_id in programme_ids:
        for holder_id in holder_ids:
            enqueue(task, holder_id=holder_id, programme_id=programme_id, **kwargs)
            count += 1
    return count


def issue_on_completion(
    holder: User, completed: models.Model, *, completed_on: date | None = None, started_on: date | None = None
) -> int:
    """Queue automatic issue for every programme that `completed` (a course page, a supervision group …)
    completes, and renewal of the certificates it is the refresher of; the apps that decide completion
    call this. Returns how many tasks were queued.
    """
    from certificates.tasks import issue_certificate_task, renew_certificate_task  # the tasks call back here

    completes = CertificateProgramme.objects.for_source(completed).values_list("pk", flat=True)
    # A refresher renews the certificates it is the refresher of, if the person holds one.
    renews = (
        CertificateProgramme.objects.renewed_by(completed)
        .filter(certificates__holder=holder, certificates__status=Certificate.Status.VALID)
        .values_list("pk", flat=True)
        .distinct()
    )
    issued = _queue_for_each(
        issue_certificate_task, completes, [holder.pk], completed_on=_iso(completed_on), started_on=_iso(started_on)
    )
    return issued + _queue_for_each(renew_certificate_task, renews, [holder.pk], renewed_on=_iso(completed_on))


def issue_in_bulk(
    holders: Iterable[User],
    programme: CertificateProgramme,
    *,
    by: User,
    completed_on: date | None = None,
    started_on: date | None = None,
    after_revocation: bool = False,
    override_reason: str = "",
) -> int:
    """Queue one issuing task per person (run once the caller commits); returns how many.

    Raises CertificateError (before queuing anything): "forbidden" when any person is outside `by`'s
    scope, "not_completed" when any has not completed the programme and no override reason is given.
    """
    from certificates.tasks import issue_certificate_task  # the task calls back here

    holders = list(holders)
    outside = [h for h in holders if not access.can_manage_holder(by, h)]
    if outside:
        raise CertificateError(
            "forbidden",
            _("You may not issue certificates to: %(people)s") % {"people": ", ".join(h.email for h in outside)},
        )
    override_reason = (override_reason or "").strip()
    if not override_reason and eligibility.not_completed([h.pk for h in holders], programme):
        raise CertificateError("not_completed", str(FAILURE_MESSAGES["not_completed"]))
    return _queue_for_each(
        issue_certificate_task,
        [programme.pk],
        [h.pk for h in holders],
        issued_by_id=by.pk,
        completed_on=_iso(completed_on),
        started_on=_iso(started_on),
        after_revocation=after_revocation,
        override_reason=override_reason,
    )


@transaction.atomic
def revoke_certificate(certificate: Certificate, *, by: User, reason: str) -> Certificate:
    """Mark a certificate revoked, keeping who, when and why; the verification page says so from now on.

    Raises CertificateError: "forbidden", "reason_required", "already_revoked".
    """
    certificate = Certificate.objects.select_for_update(of=("self",)).select_related("holder").get(pk=certificate.pk)
    if not access.can_manage_certificate(by, certificate):
        raise CertificateError("forbidden", _("You may not revoke this certificate."))
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError("reason_required", _("Give the reason for revoking the certificate."))
    if not certificate.is_valid:
        raise CertificateError("already_revoked", _("This certificate has already been revoked."))
    certificate.status = Certificate.Status.REVOKED
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = by
    certificate.revocation_reason = reason
    certificate.revocation_kind = RevocationKind.REVOKED
    certificate.save(update_fields=["status", "revoked_at", "revoked_by", "revocation_reason", "revocation_kind"])
    CertificateEvent.objects.create(
        certificate=certificate, kind="revoked", version=certificate.version, by=by, detail={"reason": reason}
    )
    return certificate


def reissue_certificate(certificate: Certificate, *, by: User, holder_name: str) -> Certificate:
    """Make a new version of a valid certificate (e.g. after a name correction): same number and code,
    in the holder's current language.

    The new PDF replaces the stored one; the old file is removed once the change is committed and
    its SHA-256 stays in CertificateVersion, so a copy someone kept is recognised as superseded.
    Raises CertificateError: "forbidden", "revoked", "expired", "no_name".
    """
    stored: list[Certificate] = []
    try:
        with transaction.atomic():
            certificate = (
                Certificate.objects.select_for_update(of=("self",)).select_related("holder").get(pk=certificate.pk)
            )
            if not access.can_manage_certificate(by, certificate):
                raise CertificateError("forbidden", _("You may not reissue this certificate."))
            if not certificate.is_valid:
                raise CertificateError("revoked", _("A revoked certificate cannot be reissued."))
            if certificate.is_expired(timezone.localdate()):
                raise CertificateError("expired", _expired_message(certificate))
            holder_name = " ".join((holder_name or "").split())
            if not holder_name:
                raise CertificateError("no_name", _("Enter the name to print on the certificate."))
            old_name, old_file = certificate.holder_name, certificate.pdf.name
            certificate.holder_name = holder_name
            certificate.language = certificate.holder.preferred_language
            certificate.version += 1
            digest = _store_pdf(certificate, stored)
            certificate.save(update_fields=["holder_name", "language", "version", "pdf", "credential"])
            _record_version(certificate, digest)
            CertificateEvent.objects.create(
                certificate=certificate,
                kind="reissued",
                version=certificate.version,
                by=by,
                detail={"old_name": old_name, "new_name": holder_name},
            )
            storage = certificate.pdf.storage
            transaction.on_commit(lambda: storage.delete(old_file))
            return certificate
    except BaseException:
        _discard(stored)
        raise


def renew_certificate(
    holder: User, programme: CertificateProgramme, *, renewed_on: date | None = None, by: User | None = None
) -> Certificate:
    """Extend the holder's certificate of `programme` from `renewed_on` (the refresher's completion):
    a new signed version with a new "valid until", same number and code. Renewing twice on the same
    day changes nothing the second time. An expired certificate can be renewed; a revoked one cannot.

    Raises CertificateError: "forbidden", "not_held", "dates".
    """
    renewed_on = renewed_on or timezone.localdate()
    if renewed_on > timezone.localdate():
        raise CertificateError("dates", _("The programme cannot end before it starts or after today."))
    stored: list[Certificate] = []
    try:
        with transaction.atomic():
            certificate = (
                Certificate.objects.select_for_update(of=("self",))
                .select_related("holder", "programme")
                .filter(holder=holder, programme=programme, status=Certificate.Status.VALID)
                .first()
            )
            if certificate is None:
                raise CertificateError("not_held", str(FAILURE_MESSAGES["not_held"]))
            if by is not None and not access.can_manage_certificate(by, certificate):
                raise CertificateError("forbidden", _("You may not renew this certificate."))
            valid_until = valid_until_for(programme, renewed_on)
            if valid_until is None or (certificate.valid_until and valid_until <= certificate.valid_until):
                return certificate
            old_file = certificate.pdf.name
            certificate.valid_until = valid_until
            certificate.version += 1
            digest = _store_pdf(certificate, stored)
            certificate.save(update_fields=["valid_until", "version", "pdf", "credential"])
            _record_version(certificate, digest)
            CertificateEvent.objects.create(
                certificate=certificate,
                kind="renewed",
                version=certificate.version,
                by=by,
                detail={"renewed_on": renewed_on.isoformat(), "valid_until": valid_until.isoformat()},
            )
            storage = certificate.pdf.storage
            transaction.on_commit(lambda: storage.delete(old_file))
            return certificate
    except BaseException:
        _discard(stored)
        raise


def valid_until_for(programme: CertificateProgramme, start: date) -> date | None:
    """The last day a certificate counted from `start` is valid, or None when the programme sets no validity."""
    if not programme.validity_months:
        return None
    return start + relativedelta(months=programme.validity_months) - relativedelta(days=1)


def allocate_status_index() -> int:
    """A status list index no certificate has had or will have (a fresh row id, counted from 0)."""
    return StatusListIndex.objects.create().pk - 1


def _expired_message(certificate: Certificate) -> str:

    return _(
        "This certificate was valid until %(date)s and has expired. It cannot be reissued: it is renewed "
        "when the holder completes the refresher course or supervision group."
    ) % {"date": date_until(certificate.valid_until)}


def _record_version(certificate: Certificate, digest: str) -> None:
    now = timezone.now()
    CertificateVersion.objects.filter(certificate=certificate, superseded_at__isnull=True).update(superseded_at=now)
    CertificateVersion.objects.create(
        certificate=certificate,
        version=certificate.version,
        pdf_sha256=digest,
        credential_id=credentials.credential_id(certificate.verification_code, certificate.version),
        valid_until=certificate.valid_until,
    )


def record_issue_failure(holder_id: int, programme_id: int, *, code: str, detail: str) -> IssueFailure:
    """Count a failed automatic issue so coordinators see it (one open record per person and programme)."""
    with transaction.atomic():
        failure = (
            IssueFailure.objects.select_for_update()
            .filter(holder_id=holder_id, programme_id=programme_id, resolved_at__isnull=True)
            .first()
        )
        now = timezone.now()
        if failure is None:
            try:
                with transaction.atomic():
                    return IssueFailure.objects.create(
                        holder_id=holder_id,
                        programme_id=programme_id,
                        code=code,
                        error=detail[:2000],
                        last_failed_at=now,
                    )
            except IntegrityError:  # another worker recorded it first
                failure = IssueFailure.objects.select_for_update().get(
                    holder_id=holder_id, programme_id=programme_id, resolved_at__isnull=True
                )
        failure.attempts += 1
        failure.code = code
        failure.error = detail[:2000]
        failure.last_failed_at = now
        failure.save(update_fields=["attempts", "code", "error", "last_failed_at"])
        return failure


def _store_pdf(certificate: Certificate, stored: list[Certificate], prepared: dict | None = None) -> str:
    """Sign the credential, render and sign the PDF, write it; returns the file's SHA-256.

    `stored` remembers the file so a later failure can remove it; `prepared` holds document fields
    worked out beforehand (the QR code, the images).
    """
    certificate.credential = credentials.sign(credentials.credential(credential_facts(certificate)))
    document = document_for(certificate, images=prepared) if prepared else document_for(certificate)
    if prepared and prepared.get("qr"):
        document = replace(document, qr=prepared["qr"])
    with translation.override(certificate.language):
        content = signing.sign_pdf(pdf.render(document), reason=signature_reason())
    certificate.pdf.save(f"{certificate.number}.pdf", ContentFile(content), save=False)
    stored.append(certificate)
    return hashlib.sha256(content).hexdigest()


def signature_reason() -> str:
    """Why the PDF is signed, in the active language; a development key says it is one."""
    if signing.keys().development:
        return _("Development signature: a self-signed key made by the embedded set-up, not valid outside development")
    return _("Issued and signed by %(issuer)s") % {"issuer": settings.CERTIFICATE_ISSUER_NAME}


def _discard(stored: list[Certificate]) -> None:
    for certificate in stored:
        certificate.pdf.storage.delete(certificate.pdf.name)


def programme_images(programme: CertificateProgramme) -> dict[str, bytes | None]:
    """The signature and logo the programme prints, read from storage."""

    def image_bytes(image) -> bytes | None:
        if image is None:
            return None
        with image.file.open("rb") as handle:
            return handle.read()

    return {
        "signature_image": image_bytes(programme.signature_image) if programme.show_signature else None,
        "logo": image_bytes(programme.logo) if programme.show_logo else None,
    }


def document_for(certificate: Certificate, *, images: dict | None = None) -> pdf.CertificateDocument:
    """What the PDF shows, chosen by the programme's settings, in the certificate's language."""
    programme = certificate.programme
    language = certificate.language
    images = images if images is not None else programme_images(programme)
    return pdf.CertificateDocument(
        language=language,
        number=certificate.number,
        verification_code=certificate.verification_code,
        verification_url=verification_url(certificate),
        holder_name=certificate.holder_name,
        programme_title=programme.title_in(language),
        issued_on=certificate.issued_on,
        completed_on=certificate.completed_on if programme.show_dates else None,
        started_on=certificate.started_on if programme.show_dates else None,
        hours=certificate.hours if programme.show_hours else None,
        hours_unit=certificate.hours_unit,
        approval_number=(programme.approval_number or None) if programme.show_approval else None,
        approving_body=(programme.approving_body_in(language) or None) if programme.show_approval else None,
        provider=programme.provider_in(language) if programme.show_provider else None,
        signatory_name=(programme.signatory_name or None) if programme.show_signatory else None,
        signatory_title=(programme.signatory_title_in(language) or None) if programme.show_signatory else None,
        signature_image=images["signature_image"],
        logo=images["logo"],
        version=certificate.version,
        valid_until=certificate.valid_until,
        credential=certificate.credential or None,
    )


def credential_facts(certificate: Certificate) -> credentials.CredentialFacts:
    """What the Open Badges credential of the certificate's current version says, in its language."""
    programme = certificate.programme
    language = certificate.language
    with translation.override(language):
        hours = describe_hours(certificate.hours, certificate.hours_unit)
        dates = describe_dates(certificate.started_on, certificate.completed_on)
        title = programme.title_in(language)
        criteria = _("Completed the programme “%(title)s”: %(hours)s, %(dates)s.") % {
            "title": title,
            "hours": hours,
            "dates": dates,
        }
        approval = ", ".join(p for p in (programme.approval_number, programme.approving_body_in(language)) if p)
        description = criteria + (
            " " + _("Programme approval: %(approval)s") % {"approval": approval} if approval else ""
        )
    return credentials.CredentialFacts(
        number=certificate.number,
        verification_code=certificate.verification_code,
        version=certificate.version,
        language=language,
        holder_name=certificate.holder_name,
        holder_email=certificate.holder.email,
        identity_salt=certificate.identity_salt,
        programme_key=programme.number_prefix,
        programme_title=title,
        description=description,
        criteria=criteria,
        provider=programme.provider_in(language),
        approval_number=programme.approval_number or None,
        issued_on=certificate.issued_on,
        started_on=certificate.started_on,
        completed_on=certificate.completed_on,
        valid_until=certificate.valid_until,
        status_index=certificate.status_index,
        verification_url=verification_url(certificate),
    )


# --- what verifiers are told (reads only) ----------------------------------------------------------


def status_list(list_number: int) -> tuple[str, str]:
    """The signed status list credential number `list_number` and the stamp it is cached under.

    The bits are the certificates in the list's range whose status is not valid (revoked, or erased
    later), read from the database on each call; the stamp is a hash of them, so any revocation
    changes it and the costly part (compress, sign) is redone only then. Writes only to the cache.
    Raises CertificateError "not_found" for a list number no certificate has reached.
    """
    size = credentials.STATUS_LIST_SIZE
    highest = StatusListIndex.objects.aggregate(top=Max("pk"))["top"] or 1
    if list_number < 0 or list_number > (highest - 1) // size:
        raise CertificateError("not_found", _("There is no status list with this number."))
    start = list_number * size
    positions = sorted(
        index - start
        for index in Certificate.objects.filter(status_index__gte=start, status_index__lt=start + size)
        .exclude(status=Certificate.Status.VALID)
        .values_list("status_index", flat=True)
    )
    material = json.dumps([settings.SITE_URL, signing.keys().credential_thumbprint, positions])
    stamp = hashlib.sha256(material.encode()).hexdigest()[:32]
    key = f"certificates:status-list:{list_number}:{stamp}"
    token = cache.get(key)
    if token is None:
        body = credentials.status_list_credential(list_number, positions, built_at=timezone.now())
        token = credentials.sign(body)
        cache.set(key, token, timeout=24 * 60 * 60)
    return stamp, token


@dataclass(frozen=True)
class Check:
    """The answer to "is this file or credential ours, and does it still hold?"."""

    status: str  # valid, expired, revoked (or another stored status), superseded, tampered, unknown
    certificate: Certificate | None = None
    version: CertificateVersion | None = None


def _check_version(version: CertificateVersion | None) -> Check:
    if version is None:
        return Check("unknown")
    certificate = version.certificate
    status = certificate.public_status(timezone.localdate())
    if status in ("valid", "expired") and version.version != certificate.version:
        status = "superseded"
    return Check(status, certificate, version)


def check_credential(token: str) -> Check:
    """Check a credential someone holds: our signature, then which certificate and version it is."""
    try:
        payload = credentials.read(token)
    except credentials.CredentialError as error:
        return Check("tampered" if error.code == "tampered" else "unknown")
    version = (
        CertificateVersion.objects.select_related("certificate__programme")
        .filter(credential_id=str(payload.get("jti") or payload.get("id") or ""))
        .first()
    )
    return _check_version(version)


def check_pdf(content: bytes) -> Check:
    """Check a certificate PDF someone holds by its SHA-256: one changed byte and it is not ours."""
    digest = hashlib.sha256(content).hexdigest()
    version = CertificateVersion.objects.select_related("certificate__programme").filter(pdf_sha256=digest).first()
    return _check_version(version)
