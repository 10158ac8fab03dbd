"""Issuing, revoking and reissuing certificates. Views, tasks, the admin and the demo all call these."""

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, models, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from certificates import access, pdf
from certificates.models import (
    Certificate,
    CertificateCounter,
    CertificateEvent,
    CertificateProgramme,
    IssueFailure,
    new_verification_code,
)
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
) -> Certificate:
    """Give `holder` a certificate of `programme`, or return the valid one they already hold.

    Exactly once: the programme's counter row for the year is locked, the holder's certificates are
    read again under that lock, and a partial unique constraint backs it up, so parallel or repeated
    calls return the same certificate. The number comes from the same locked row in the same
    transaction, so numbers have no gaps or duplicates. The PDF is made inside the transaction: if it
    fails, the exception propagates and nothing is saved (no number used, no file left).
    `by` is None for automatic issue on completion.

    Raises CertificateError: "forbidden", "revoked" (an earlier one was revoked and
    `after_revocation` is not set), "no_name", "dates".
    """
    if by is not None and not access.can_manage_holder(by, holder):
        raise CertificateError("forbidden", _("You may not issue certificates to this person."))
    existing = Certificate.objects.valid().filter(holder=holder, programme=programme).first()
    if existing is not None:
        return existing
    holder_name = holder.get_full_name().strip()
    if not holder_name:
        raise CertificateError("no_name", str(FAILURE_MESSAGES["no_name"]))
    issued_on = timezone.localdate()
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
            )
            _store_pdf(certificate, stored, prepared)
            certificate.save()
            CertificateEvent.objects.create(certificate=certificate, kind="issued", version=1, by=by)
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


def issue_on_completion(
    holder: User, completed: models.Model, *, completed_on: date | None = None, started_on: date | None = None
) -> int:
    """Queue automatic issue for every programme that `completed` (a course page, a supervision group …)
    completes; the apps that decide completion call this. Returns how many tasks were queued.

    The work is written to the outbox with the caller's change and runs after it commits: a rolled-back
    completion issues nothing, and a committed one is issued even if the broker was down.
    """
    from certificates.tasks import issue_certificate_task

    programme_ids = list(CertificateProgramme.objects.for_source(completed).values_list("pk", flat=True))
    for programme_id in programme_ids:
        kwargs = {
            "holder_id": holder.pk,
            "programme_id": programme_id,
            "completed_on": completed_on.isoformat() if completed_on else None,
            "started_on": started_on.isoformat() if started_on else None,
        }
        enqueue(issue_certificate_task, **kwargs)
    return len(programme_ids)


def issue_in_bulk(
    holders: Iterable[User],
    programme: CertificateProgramme,
    *,
    by: User,
    completed_on: date | None = None,
    started_on: date | None = None,
    after_revocation: bool = False,
) -> int:
    """Queue one issuing task per person through the outbox (run once the caller commits); returns how many.

    Raises CertificateError "forbidden" (before queuing anything) when any person is outside `by`'s scope.
    """
    holders = list(holders)
    outside = [h for h in holders if not access.can_manage_holder(by, h)]
    if outside:
        raise CertificateError(
            "forbidden",
            _("You may not issue certificates to: %(people)s") % {"people": ", ".join(h.email for h in outside)},
        )
    from certificates.tasks import issue_certificate_task

    for holder in holders:
        kwargs = {
            "holder_id": holder.pk,
            "programme_id": programme.pk,
            "issued_by_id": by.pk,
            "completed_on": completed_on.isoformat() if completed_on else None,
            "started_on": started_on.isoformat() if started_on else None,
            "after_revocation": after_revocation,
        }
        enqueue(issue_certificate_task, **kwargs)
    return len(holders)


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
    certificate.save(update_fields=["status", "revoked_at", "revoked_by", "revocation_reason"])
    CertificateEvent.objects.create(
        certificate=certificate, kind="revoked", version=certificate.version, by=by, detail={"reason": reason}
    )
    return certificate


def reissue_certificate(certificate: Certificate, *, by: User, holder_name: str) -> Certificate:
    """Make a new version of a valid certificate (e.g. after a name correction): same number and code,
    in the holder's current language.

    The new PDF replaces the stored one; the old file is removed once the change is committed.
    Raises CertificateError: "forbidden", "revoked", "no_name".
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
            holder_name = " ".join((holder_name or "").split())
            if not holder_name:
                raise CertificateError("no_name", _("Enter the name to print on the certificate."))
            old_name, old_file = certificate.holder_name, certificate.pdf.name
            certificate.holder_name = holder_name
            certificate.language = certificate.holder.preferred_language
            certificate.version += 1
            _store_pdf(certificate, stored)
            certificate.save(update_fields=["holder_name", "language", "version", "pdf"])
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


def _store_pdf(certificate: Certificate, stored: list[Certificate], prepared: dict | None = None) -> None:
    """Render and write the PDF; `stored` remembers it so a later failure can remove the file.

    `prepared` holds document fields worked out beforehand (the QR code, the images).
    """
    document = document_for(certificate, images=prepared) if prepared else document_for(certificate)
    if prepared and prepared.get("qr"):
        document = replace(document, qr=prepared["qr"])
    content = pdf.render(document)
    certificate.pdf.save(f"{certificate.number}.pdf", ContentFile(content), save=False)
    stored.append(certificate)


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
    )
