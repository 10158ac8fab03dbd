import logging
from datetime import date

from celery import shared_task

from accounts.models import User
from certificates import services
from certificates.emails import send_renewal_reminders as send
from certificates.models import CertificateProgramme

logger = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=5, acks_late=True)
def issue_certificate_task(
    self,
    holder_id: int,
    programme_id: int,
    *,
    issued_by_id: int | None = None,
    completed_on: str | None = None,
    started_on: str | None = None,
    after_revocation: bool = False,
    override_reason: str = "",
) -> int | None:
    """Issue one certificate; safe to run twice, retried, or by two workers at once (see issue_certificate).

    A refusal (e.g. "revoked") is recorded for the coordinator and not retried; any other error
    (a PDF that fails to render, a lost database connection) is recorded and retried with backoff.
    Returns the certificate's id, or None when nothing was issued.
    """
    holder = User.objects.filter(pk=holder_id).first()
    programme = CertificateProgramme.objects.filter(pk=programme_id).first()
    if holder is None or programme is None:
        return None
    by = User.objects.filter(pk=issued_by_id).first() if issued_by_id else None
    try:
        certificate = services.issue_certificate(
            holder,
            programme,
            by=by,
            completed_on=date.fromisoformat(completed_on) if completed_on else None,
            started_on=date.fromisoformat(started_on) if started_on else None,
            after_revocation=after_revocation,
            override_reason=override_reason,
        )
    except services.CertificateError as error:
        services.record_issue_failure(holder_id, programme_id, code=error.code, detail=error.message)
        return None
    except Exception as exc:
        logger.exception("Certificate for person %s, programme %s failed", holder_id, programme_id)
        services.record_issue_failure(holder_id, programme_id, code="render", detail=f"{type(exc).__name__}: {exc}")
        raise self.retry(exc=exc, countdown=min(600, 30 * 2**self.request.retries)) from exc
    return certificate.pk


@shared_task(bind=True, max_retries=5, acks_late=True)
def renew_certificate_task(self, holder_id: int, programme_id: int, *, renewed_on: str | None = None) -> int | None:
    """Renew one certificate after its refresher was completed; safe to run twice (see renew_certificate)."""
    holder = User.objects.filter(pk=holder_id).first()
    programme = CertificateProgramme.objects.filter(pk=programme_id).first()
    if holder is None or programme is None:
        return None
    try:
        certificate = services.renew_certificate(
            holder, programme, renewed_on=date.fromisoformat(renewed_on) if renewed_on else None
        )
    except services.CertificateError as error:
        services.record_issue_failure(holder_id, programme_id, code=error.code, detail=error.message)
        return None
    except Exception as exc:
        logger.exception("Renewal for person %s, programme %s failed", holder_id, programme_id)
        services.record_issue_failure(holder_id, programme_id, code="render", detail=f"{type(exc).__name__}: {exc}")
        raise self.retry(exc=exc, countdown=min(600, 30 * 2**self.request.retries)) from exc
    return certificate.pk


@shared_task
def send_renewal_reminders() -> int:
    """Beat: remind holders 60 and 14 days before their certificate expires; each reminder goes once."""

    return send()
