"""What a certificate list holds in CSV and XLSX, and which PDFs go into a ZIP (sent by lms.downloads)."""

from collections.abc import Iterable, Iterator

from django.utils import formats
from django.utils.translation import gettext as _

from certificates.models import Certificate
from certificates.text import describe_hours


def header() -> list[str]:
    return [
        _("Number"),
        _("Name on the certificate"),
        _("Email address"),
        _("Organisation"),
        _("Programme"),
        _("Hours"),
        _("Completed on"),
        _("Issued on"),
        _("Version"),
        _("Status"),
        _("Revoked on"),
    ]


def row(certificate: Certificate, language: str) -> list[str]:
    revoked = certificate.revoked_at
    return [
        certificate.number,
        certificate.holder_name,
        certificate.holder.email,
        certificate.holder.organisation or "",
        certificate.programme.title_in(language),
        describe_hours(certificate.hours, certificate.hours_unit),
        formats.date_format(certificate.completed_on, "SHORT_DATE_FORMAT"),
        formats.date_format(certificate.issued_on, "SHORT_DATE_FORMAT"),
        certificate.version,
        certificate.get_status_display(),
        formats.date_format(revoked, "SHORT_DATE_FORMAT") if revoked else "",
    ]


def rows(certificates: Iterable[Certificate], language: str) -> Iterator[list[str]]:
    return (row(c, language) for c in certificates)


def zip_entries(certificates: Iterable[Certificate]) -> list[tuple[str, object, int]]:
    """The stored PDFs for lms.downloads.zip_download, named by number; erased ones have no document."""
    return [(f"{c.number}.pdf", c.pdf, c.pdf.size) for c in certificates if c.pdf]
