"""Personal data held by certificates/ (see privacy/registry.py).

On erasure a certificate keeps its number, programme, hours and dates in the register; it is revoked
with the reason kind "erased", its name and PDF are removed, and it verifies as "revoked: erased"."""

from django.db import transaction
from django.utils import timezone

from certificates.models import Certificate, CertificateEvent, IssueFailure, RevocationKind


def export(user) -> dict[str, list[dict]]:
    certificates = list(Certificate.objects.filter(holder=user).select_related("programme").order_by("issued_on"))
    return {
        "certificates": [
            {
                "number": c.number,
                "programme": c.programme.title_lv,
                "name_on_certificate": c.holder_name,
                "hours": c.hours,
                "hours_unit": str(c.get_hours_unit_display()),
                "completed": c.completed_on,
                "issued": c.issued_on,
                "status": str(c.get_status_display()),
                "revoked": c.revoked_at,
                "verification_code": c.verification_code,
            }
            for c in certificates
        ],
        "certificate_history": [
            {"number": e.certificate.number, "event": str(e.get_kind_display()), "version": e.version, "at": e.at}
            for e in CertificateEvent.objects.filter(certificate__holder=user).select_related("certificate")
        ],
    }


@transaction.atomic
def erase(user) -> dict[str, int]:
    now = timezone.now()
    # Earlier events may name the person (a reissue's old and new name) or say why it was revoked.
    history = CertificateEvent.objects.filter(certificate__holder=user).exclude(detail={}).update(detail={})
    changed = 0
    for certificate in Certificate.objects.select_for_update().filter(holder=user):
        name = certificate.pdf.name
        if name:
            storage = certificate.pdf.storage
            transaction.on_commit(lambda storage=storage, name=name: storage.delete(name))
        if certificate.is_valid:
            certificate.status = Certificate.Status.REVOKED
            certificate.revoked_at = now
            CertificateEvent.objects.create(
                certificate=certificate, kind="revoked", version=certificate.version, detail={"kind": "erased"}
            )
        certificate.revocation_kind = RevocationKind.ERASED
        certificate.revocation_reason = ""
        certificate.override_reason = ""
        certificate.holder_name = ""
        certificate.credential = ""  # it names the holder; the number and status index stay
        certificate.identity_salt = ""
        certificate.pdf = ""
        certificate.save(
            update_fields=[
                "status",
                "revoked_at",
                "revocation_kind",
                "revocation_reason",
                "override_reason",
                "holder_name",
                "credential",
                "identity_salt",
                "pdf",
            ]
        )
        changed += 1
    return {
        "certificates": changed,
        "certificate_history": history,
        "failed_issues": IssueFailure.objects.filter(holder=user).delete()[0],
    }
