"""The certificate as a one-page tagged PDF: data in, bytes out. No database, no storage, no signing.

Laid out from certificates/pdf/certificate.html by WeasyPrint (lms/pdf.py): a structure tree in
reading order, /Lang of the certificate's language, its title, alternative text for the logo, the
signature image and the QR code (drawn as one vector path), and the signed Open Badges credential
attached as a file. Signing the PDF (PAdES) is a separate step, certificates/signing.py.
"""

import base64
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import BytesIO
from pathlib import Path

import segno
from django.template.loader import render_to_string
from django.utils import formats, translation
from django.utils.translation import gettext as _

from certificates.text import describe_dates, describe_hours, group_code, valid_until_text
from lms import pdf as lms_pdf

STYLESHEET = Path(__file__).resolve().parent / "templates" / "certificates" / "pdf" / "certificate.css"
QUIET_ZONE = 4


@dataclass(frozen=True)
class CertificateDocument:
    """Everything printed on a certificate, already chosen for its language; None fields are left out."""

    language: str
    number: str
    verification_code: str
    verification_url: str
    holder_name: str
    programme_title: str
    issued_on: date
    completed_on: date | None = None
    started_on: date | None = None
    hours: Decimal | None = None
    hours_unit: str = ""
    approval_number: str | None = None
    approving_body: str | None = None
    provider: str | None = None
    signatory_name: str | None = None
    signatory_title: str | None = None
    signature_image: bytes | None = None
    logo: bytes | None = None
    version: int = 1
    valid_until: date | None = None
    qr: tuple | None = None  # qr_matrix(verification_url), when worked out beforehand
    credential: str | None = None  # the signed Open Badges credential (compact JWS), attached to the PDF


def qr_matrix(url: str) -> tuple:
    """The QR code's modules (rows of 0/1). Costly enough to be worked out before taking a lock."""
    return tuple(tuple(row) for row in segno.make(url, error="m", micro=False).matrix)


def qr_svg_path(matrix: tuple) -> tuple[int, str]:
    """The dark modules as one stroked path, a horizontal line per run: (size with quiet zone, path data).

    One short command pair per run keeps the path small for the PDF and quick for WeasyPrint to read.
    """
    parts = []
    for row_number, row in enumerate(matrix):
        column, width = 0, len(row)
        while column < width:
            if row[column]:
                start = column
                while column < width and row[column]:
                    column += 1
                parts.append(f"M{start + QUIET_ZONE} {row_number + QUIET_ZONE}.5h{column - start}")
            else:
                column += 1
    return len(matrix) + 2 * QUIET_ZONE, "".join(parts)


def _data_uri(image: bytes) -> str:
    """A PNG/JPEG as a data: URI, after checking it is an image (WeasyPrint would skip a broken one)."""
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(BytesIO(image)) as opened:
            kind = opened.format
            opened.verify()
    except (UnidentifiedImageError, OSError) as error:
        raise ValueError("The certificate's image cannot be read.") from error
    mime = {"PNG": "image/png", "JPEG": "image/jpeg", "GIF": "image/gif", "WEBP": "image/webp"}.get(kind)
    if mime is None:
        raise ValueError(f"The certificate's image is a {kind}, not PNG or JPEG.")
    return f"data:{mime};base64,{base64.b64encode(image).decode()}"


def context_for(document: CertificateDocument) -> dict:
    """The template's fields in the active language; each line is one paragraph, in reading order."""
    size, path = qr_svg_path(document.qr or qr_matrix(document.verification_url))
    details = []
    if document.hours is not None:
        details.append(_("Scope: %(hours)s") % {"hours": describe_hours(document.hours, document.hours_unit)})
    if document.approval_number or document.approving_body:
        approval = ", ".join(part for part in (document.approval_number, document.approving_body) if part)
        details.append(_("Programme approval: %(approval)s") % {"approval": approval})
    if document.completed_on is not None:
        details.append(_("Dates: %(dates)s") % {"dates": describe_dates(document.started_on, document.completed_on)})
    if document.provider:
        details.append(_("Provider: %(provider)s") % {"provider": document.provider})
    return {
        "doc": document,
        "title": _("Certificate %(number)s") % {"number": document.number},
        "number_line": _("No. %(number)s") % {"number": document.number},
        "programme_line": f"“{document.programme_title}”",
        "details": details,
        "valid_until": valid_until_text(document.valid_until) if document.valid_until else "",
        "issued_line": _("Issued on %(date)s") % {"date": formats.date_format(document.issued_on, "DATE_FORMAT")},
        "version_line": _("Version %(version)d") % {"version": document.version} if document.version > 1 else "",
        "verify_line": _("Verify: %(url)s") % {"url": document.verification_url},
        "code_line": _("Verification code: %(code)s") % {"code": group_code(document.verification_code)},
        "qr_size": size,
        "qr_path": path,
        "qr_alt": _("QR code that opens the verification page of certificate %(number)s") % {"number": document.number},
        "logo": _data_uri(document.logo) if document.logo else None,
        "logo_alt": _("Logo of %(provider)s") % {"provider": document.provider or "Kopiena"},
        "signature": _data_uri(document.signature_image) if document.signature_image else None,
        "signature_alt": _("Signature of %(name)s") % {"name": document.signatory_name}
        if document.signatory_name
        else _("Signature"),
    }


def render(document: CertificateDocument) -> bytes:
    """Lay out `document` on an A4 landscape page in its own language; raises ValueError on unreadable images."""
    with translation.override(document.language):
        html = render_to_string("certificates/pdf/certificate.html", context_for(document))
        attachments = []
        if document.credential:
            attachments.append(
                lms_pdf.Attachment(
                    name=f"{document.number}.jwt",
                    content=document.credential.encode(),
                    description=_("Open Badges 3.0 credential of certificate %(number)s, signed (JWT)")
                    % {"number": document.number},
                )
            )
        return lms_pdf.render_pdf(html, stylesheets=[STYLESHEET], attachments=attachments)


def render_blank() -> bytes:
    """An empty page from the same library and stylesheets: the yardstick for render time."""
    return lms_pdf.blank_pdf(stylesheets=[STYLESHEET])
