"""Certificate lists as CSV and XLSX, and many PDFs as one ZIP; cells cannot start a spreadsheet formula."""

import zipfile
from collections.abc import Iterable, Iterator
from tempfile import SpooledTemporaryFile

from django.utils import formats
from django.utils.translation import gettext as _

from certificates.models import Certificate
from certificates.text import describe_hours
from lms import spreadsheets


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


def csv_lines(certificates: Iterable[Certificate], language: str) -> Iterator[str]:
    return spreadsheets.csv_lines(header(), (row(c, language) for c in certificates))


def xlsx_bytes(certificates: Iterable[Certificate], language: str) -> bytes:
    return spreadsheets.xlsx_bytes(_("Certificates"), header(), (row(c, language) for c in certificates))


def zip_file(certificates: Iterable[Certificate]) -> SpooledTemporaryFile:
    """The stored PDFs, named by number; spills to disk past 20 MB. The caller closes it."""
    spool = SpooledTemporaryFile(max_size=20 * 1024 * 1024)
    with zipfile.ZipFile(spool, "w", zipfile.ZIP_STORED) as archive:
        for certificate in certificates:
            if not certificate.pdf:  # erased: the register keeps the number, not the document
                continue
            with certificate.pdf.open("rb") as handle:
                archive.writestr(f"{certificate.number}.pdf", handle.read())
    spool.seek(0)
    return spool
