"""Certificate lists as CSV and XLSX, and many PDFs as one ZIP; cells cannot start a spreadsheet formula."""

import csv
import zipfile
from collections.abc import Iterable, Iterator
from io import BytesIO
from tempfile import SpooledTemporaryFile

from django.utils import formats
from django.utils.translation import gettext as _
from openpyxl import Workbook

from certificates.models import Certificate
from certificates.text import describe_hours

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")


def safe_cell(value) -> str:
    """Text a spreadsheet shows as text: a leading formula character is escaped with an apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


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
        safe_cell(value)
        for value in (
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
        )
    ]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(certificates: Iterable[Certificate], language: str) -> Iterator[str]:
    """CSV text line by line with a BOM, so Excel opens the Latvian letters correctly."""
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(header())
    for certificate in certificates:
        yield writer.writerow(row(certificate, language))


def xlsx_bytes(certificates: Iterable[Certificate], language: str) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Certificates"))
    sheet.append(header())
    for certificate in certificates:
        sheet.append(row(certificate, language))
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_file(certificates: Iterable[Certificate]) -> SpooledTemporaryFile:
    """The stored PDFs, named by number; spills to disk past 20 MB. The caller closes it."""
    spool = SpooledTemporaryFile(max_size=20 * 1024 * 1024)
    with zipfile.ZipFile(spool, "w", zipfile.ZIP_STORED) as archive:
        for certificate in certificates:
            with certificate.pdf.open("rb") as handle:
                archive.writestr(f"{certificate.number}.pdf", handle.read())
    spool.seek(0)
    return spool
