"""The PDF layout on its own: Latvian letters come through, the QR opens the verification page."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import pypdfium2
import zxingcpp
from pypdf import PdfReader

from certificates.models import HoursUnit
from certificates.pdf import CertificateDocument, render, render_blank
from tests.certificates.conftest import png_bytes

URL = "http://testserver/certificates/verify/ABCDEFGHJKLMNPQR/"


def document(**overrides) -> CertificateDocument:
    values = {
        "language": "lv",
        "number": "KOP-2026-000123",
        "verification_code": "ABCDEFGHJKLMNPQR",
        "verification_url": URL,
        "holder_name": "Ģirts Čākurs-Ņikitins Šķēle Žūriņa Ļaudiņa Īva",
        "programme_title": "Jauniešu mentoringa pamati",
        "issued_on": date(2026, 11, 14),
        "completed_on": date(2026, 11, 12),
        "started_on": date(2026, 10, 1),
        "hours": Decimal("36"),
        "hours_unit": HoursUnit.ACADEMIC_45,
        "approval_number": "VIAA-2026/17",
        "approving_body": "Valsts izglītības attīstības aģentūra",
        "provider": "Programma “Skola – kopienā”",
        "signatory_name": "Žanete Ģērmane",
        "signatory_title": "Programmas vadītāja",
    }
    values.update(overrides)
    return CertificateDocument(**values)


def text_of(pdf: bytes) -> str:
    return PdfReader(BytesIO(pdf)).pages[0].extract_text()


def qr_codes_in(pdf: bytes) -> list[str]:
    page = pypdfium2.PdfDocument(pdf)[0]
    image = page.render(scale=3).to_pil()
    return [result.text for result in zxingcpp.read_barcodes(image)]


def test_pdf_text_keeps_every_latvian_letter():
    text = text_of(render(document()))
    for word in ("APLIECĪBA", "Ģirts", "Čākurs-Ņikitins", "Šķēle", "Žūriņa", "Ļaudiņa", "Īva", "aģentūra"):
        assert word in text
    assert "36 akadēmiskās stundas (45 min)" in text
    assert "2026. gada 14. novembris" in text
    assert "KOP-2026-000123" in text


def test_pdf_is_in_the_holders_language():
    text = text_of(render(document(language="en", programme_title="Foundations of youth mentoring")))
    assert "CERTIFICATE" in text
    assert "36 academic hours (45 min)" in text
    assert "Foundations of youth mentoring" in text


def test_pdf_qr_code_decodes_to_the_verification_url():
    assert qr_codes_in(render(document())) == [URL]


def test_fields_left_out_by_the_programme_are_not_printed():
    text = text_of(render(document(hours=None, approval_number=None, approving_body=None, provider=None)))
    assert "akadēmisk" not in text
    assert "VIAA-2026/17" not in text
    assert "Ģirts" in text


def test_signature_and_logo_images_are_placed_on_the_page():
    pdf = render(document(signature_image=png_bytes(), logo=png_bytes((300, 100))))
    assert len(PdfReader(BytesIO(pdf)).pages[0].images) == 2


def test_an_unreadable_image_fails_the_render_loudly():
    import pytest

    with pytest.raises(ValueError):
        render(document(logo=b"not an image"))


def test_the_validity_is_printed_with_the_date_in_the_dative():
    text = text_of(render(document(valid_until=date(2029, 11, 13))))
    assert "Derīga līdz 2029. gada 13. novembrim" in text


def test_the_validity_reads_in_english_on_an_english_certificate():
    text = text_of(render(document(language="en", valid_until=date(2029, 11, 13))))
    assert "Valid until 13 November 2029" in text


def test_a_certificate_without_validity_prints_no_end_date():
    assert "Derīga līdz" not in text_of(render(document()))


def test_the_qr_code_is_vector_not_an_image():
    pdf = render(document())
    assert len(PdfReader(BytesIO(pdf)).pages[0].images) == 0
    assert qr_codes_in(pdf) == [URL]


def test_the_pdf_carries_the_credential_it_is_given():
    import pikepdf

    with pikepdf.open(BytesIO(render(document(credential="eyJhbGciOiJFZDI1NTE5In0.e30.c2ln")))) as pdf:
        assert pdf.attachments["KOP-2026-000123.jwt"].get_file().read_bytes() == b"eyJhbGciOiJFZDI1NTE5In0.e30.c2ln"


def test_a_blank_page_is_a_valid_pdf_to_compare_render_time_with():
    assert len(PdfReader(BytesIO(render_blank())).pages) == 1
