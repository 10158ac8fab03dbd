"""The certificate as a one-page PDF: data in, bytes out. No database, no storage.

The text is set in DejaVu Sans (shipped in lms/fonts/, Bitstream Vera licence) so Latvian
letters (ā č ē ģ ī ķ ļ ņ š ū ž) render on any machine; the QR code is drawn as vector squares.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from io import BytesIO

import segno
from django.utils import formats, translation
from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor, white
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.utils import ImageReader, simpleSplit
from reportlab.pdfgen.canvas import Canvas

from certificates.text import describe_dates, describe_hours, group_code
from lms.pdf import register_fonts

INK = HexColor("#1b1f24")
MUTED = HexColor("#4a5560")
BRAND = HexColor("#8a1538")
PAGE = landscape(A4)


REGULAR, BOLD = register_fonts()


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
    qr: tuple | None = None  # qr_matrix(verification_url), when worked out beforehand


def qr_matrix(url: str) -> tuple:
    """The QR code's modules (rows of 0/1). Costly enough to be worked out before taking a lock."""
    return tuple(tuple(row) for row in segno.make(url, error="m", micro=False).matrix)


def render(document: CertificateDocument) -> bytes:
    """Lay out `document` on an A4 landscape page in its own language; raises on unreadable images."""
    with translation.override(document.language):
        buffer = BytesIO()
        canvas = Canvas(buffer, pagesize=PAGE, invariant=True, lang=document.language)
        canvas.setTitle(_("Certificate %(number)s") % {"number": document.number})
        canvas.setAuthor(document.provider or "Kopiena")
        _draw(canvas, document)
        canvas.showPage()
        canvas.save()
        return buffer.getvalue()


def render_blank() -> bytes:
    """An empty page from the same library: the yardstick for render time."""
    buffer = BytesIO()
    canvas = Canvas(buffer, pagesize=PAGE, invariant=True)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _draw(canvas: Canvas, doc: CertificateDocument) -> None:
    width, height = PAGE
    margin = 36
    canvas.setStrokeColor(BRAND)
    canvas.setLineWidth(3)
    canvas.rect(margin / 2, margin / 2, width - margin, height - margin)
    canvas.setLineWidth(0.8)
    canvas.rect(margin / 2 + 6, margin / 2 + 6, width - margin - 12, height - margin - 12)

    if doc.logo:
        _image(canvas, doc.logo, x=margin + 10, y=height - margin - 70, max_w=150, max_h=60)

    centre = width / 2
    y = height - 110
    canvas.setFillColor(BRAND)
    canvas.setFont(BOLD, 34)
    canvas.drawCentredString(centre, y, _("CERTIFICATE"))
    y -= 24
    canvas.setFillColor(MUTED)
    canvas.setFont(REGULAR, 12)
    canvas.drawCentredString(centre, y, _("No. %(number)s") % {"number": doc.number})

    y -= 44
    canvas.setFillColor(INK)
    canvas.setFont(REGULAR, 13)
    canvas.drawCentredString(centre, y, _("This certifies that"))
    y -= 36
    y = _centred_lines(canvas, doc.holder_name, BOLD, 26, centre, y, width - 4 * margin, leading=30)
    y -= 6
    canvas.setFont(REGULAR, 13)
    canvas.drawCentredString(centre, y, _("has completed the programme"))
    y -= 28
    y = _centred_lines(canvas, f"“{doc.programme_title}”", BOLD, 17, centre, y, width - 4 * margin, leading=22)

    details = []
    if doc.hours is not None:
        details.append(_("Scope: %(hours)s") % {"hours": describe_hours(doc.hours, doc.hours_unit)})
    if doc.approval_number or doc.approving_body:
        approval = ", ".join(part for part in (doc.approval_number, doc.approving_body) if part)
        details.append(_("Programme approval: %(approval)s") % {"approval": approval})
    if doc.completed_on is not None:
        details.append(_("Dates: %(dates)s") % {"dates": describe_dates(doc.started_on, doc.completed_on)})
    if doc.provider:
        details.append(_("Provider: %(provider)s") % {"provider": doc.provider})
    y -= 4
    for line in details:
        y = _centred_lines(canvas, line, REGULAR, 11.5, centre, y, width - 4 * margin, leading=16)

    # Foot: issue date and signatory on the left, QR and verification on the right.
    foot = margin + 34
    left = margin + 24
    canvas.setFont(REGULAR, 11)
    canvas.setFillColor(INK)
    issued = formats.date_format(doc.issued_on, "DATE_FORMAT")
    canvas.drawString(left, foot + 96, _("Issued on %(date)s") % {"date": issued})
    if doc.version > 1:
        canvas.setFillColor(MUTED)
        canvas.setFont(REGULAR, 9)
        canvas.drawString(left, foot + 82, _("Version %(version)d") % {"version": doc.version})
        canvas.setFillColor(INK)
    if doc.signature_image:
        _image(canvas, doc.signature_image, x=left, y=foot + 22, max_w=160, max_h=50)
    if doc.signatory_name or doc.signatory_title:
        canvas.setStrokeColor(MUTED)
        canvas.setLineWidth(0.6)
        canvas.line(left, foot + 18, left + 220, foot + 18)
        canvas.setFont(BOLD, 11)
        canvas.drawString(left, foot + 4, doc.signatory_name or "")
        canvas.setFont(REGULAR, 9.5)
        for i, line in enumerate(simpleSplit(doc.signatory_title or "", REGULAR, 9.5, 300)[:2]):
            canvas.drawString(left, foot - 9 - i * 11, line)

    qr_size = 104
    qr_x = width - margin - 24 - qr_size
    qr_y = foot + 8
    _qr(canvas, doc.qr or qr_matrix(doc.verification_url), qr_x, qr_y, qr_size)
    canvas.setFont(REGULAR, 8.5)
    canvas.setFillColor(MUTED)
    right = width - margin - 24
    canvas.drawRightString(right, qr_y - 12, _("Verify: %(url)s") % {"url": doc.verification_url})
    canvas.drawRightString(
        right, qr_y - 23, _("Verification code: %(code)s") % {"code": group_code(doc.verification_code)}
    )


def _centred_lines(canvas: Canvas, text: str, font: str, size: float, x: float, y: float, width: float, *, leading):
    canvas.setFont(font, size)
    for line in simpleSplit(text, font, size, width)[:3]:
        canvas.drawCentredString(x, y, line)
        y -= leading
    return y


def _image(canvas: Canvas, data: bytes, *, x: float, y: float, max_w: float, max_h: float) -> None:
    reader = ImageReader(BytesIO(data))
    w, h = reader.getSize()
    scale = min(max_w / w, max_h / h)
    canvas.drawImage(reader, x, y, width=w * scale, height=h * scale, mask="auto")


def _qr(canvas: Canvas, matrix: tuple, x: float, y: float, size: float) -> None:
    """The QR code as filled squares (one path), with its white quiet zone."""
    modules = len(matrix)
    quiet = 4
    cell = size / (modules + 2 * quiet)
    canvas.setFillColor(white)
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColor(INK)
    path = canvas.beginPath()
    for r, row in enumerate(matrix):
        c = 0
        while c < modules:
            if row[c]:
                start = c
                while c < modules and row[c]:
                    c += 1
                path.rect(x + (quiet + start) * cell, y + size - (quiet + r + 1) * cell, (c - start) * cell, cell)
            else:
                c += 1
    canvas.drawPath(path, stroke=0, fill=1)
