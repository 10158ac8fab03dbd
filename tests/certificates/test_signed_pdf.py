"""The stored certificate PDF: signed (PAdES, checked with pyHanko's validator), tagged for screen
readers (checked with pikepdf and pypdf), carrying its credential; old versions recognised as superseded."""

from io import BytesIO

import pikepdf
import pytest
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives.serialization import Encoding
from django.urls import reverse
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext
from pypdf import PdfReader

from certificates import signing
from certificates.models import Certificate
from certificates.services import issue_certificate, reissue_certificate
from tests.certificates.conftest import png_bytes


@pytest.fixture
def certificate(mentor, programme) -> Certificate:
    return issue_certificate(mentor, programme, by=None, started_on=None)


@pytest.fixture
def illustrated(mentor, programme, signature_image) -> Certificate:
    from django.core.files.images import ImageFile
    from wagtail.images import get_image_model

    Image = get_image_model()

    programme.signature_image = signature_image
    programme.logo = Image.objects.create(title="Logo", file=ImageFile(BytesIO(png_bytes((300, 100))), name="logo.png"))
    programme.save()
    return issue_certificate(mentor, programme, by=None)


def stored(certificate: Certificate) -> bytes:
    with certificate.pdf.open("rb") as handle:
        return handle.read()


def signature_status(pdf: bytes):
    trust = asn1_x509.Certificate.load(signing.keys().pdf_certificate.public_bytes(Encoding.DER))
    reader = PdfFileReader(BytesIO(pdf))
    (signature,) = reader.embedded_signatures
    return validate_pdf_signature(signature, ValidationContext(trust_roots=[trust]))


def test_the_pdf_signature_is_intact_trusted_and_covers_the_whole_file(certificate):
    status = signature_status(stored(certificate))
    assert status.intact and status.valid and status.trusted
    assert status.coverage == SignatureCoverageLevel.ENTIRE_FILE


def test_one_changed_byte_breaks_the_signature(certificate):
    pdf = bytearray(stored(certificate))
    position = pdf.index(b"stream\n") + 20  # inside the first stream the signature covers
    pdf[position] ^= 0x01
    assert not signature_status(bytes(pdf)).intact


def test_the_embedded_set_up_says_in_the_signature_that_it_is_a_development_key(certificate):
    reader = PdfFileReader(BytesIO(stored(certificate)))
    (signature,) = reader.embedded_signatures
    assert signing.keys().development
    assert "Izstrādes paraksts" in str(signature.sig_object["/Reason"])


def test_the_pdf_is_tagged_with_language_title_and_marked_content(certificate):
    with pikepdf.open(BytesIO(stored(certificate))) as pdf:
        assert "/StructTreeRoot" in pdf.Root
        assert bool(pdf.Root.MarkInfo.Marked) is True
        assert str(pdf.Root.Lang) == "lv"
        assert str(pdf.docinfo["/Title"]) == f"Apliecība {certificate.number}"
        assert bool(pdf.Root.ViewerPreferences.DisplayDocTitle) is True
        with pdf.open_metadata() as xmp:
            assert xmp.get("pdfuaid:part") == "1"


def figures(node, found):
    if isinstance(node, pikepdf.Array):
        for child in node:
            figures(child, found)
    elif isinstance(node, pikepdf.Dictionary):
        if node.get("/S") == "/Figure":
            found.append(str(node.get("/Alt", "")))
        if "/K" in node:
            figures(node.K, found)
    return found


def test_the_qr_code_logo_and_signature_image_have_alternative_text(illustrated):
    with pikepdf.open(BytesIO(stored(illustrated))) as pdf:
        alts = figures(pdf.Root.StructTreeRoot.K, [])
    assert f"QR kods, kas atver apliecības {illustrated.number} pārbaudes lapu" in alts
    assert "Logotips: Programma “Skola – kopienā”" in alts
    assert "Paraksts: Žanete Ģērmane-Ķīsēna" in alts
    assert len(alts) == 3


def test_text_in_reading_order_is_the_certificates_fields(certificate):
    text = PdfReader(BytesIO(stored(certificate))).pages[0].extract_text()
    expected = [
        "APLIECĪBA",
        f"Nr. {certificate.number}",
        "Apliecina, ka",
        "Liga Mentore",
        "apguva programmu",
        "“Jauniešu mentoringa pamati”",
        "Apjoms: 36 akadēmiskās stundas (45 min)",
        "Programmas apstiprinājums: VIAA-2026/17, Valsts izglītības attīstības aģentūra",
        "Īstenotājs: Programma “Skola – kopienā”",
        "Izsniegšanas datums:",
        "Žanete Ģērmane-Ķīsēna",
        "Programmas vadītāja",
        "Pārbaudīt: http://testserver/certificates/verify/",
        "Pārbaudes kods:",
    ]
    position = 0
    for field in expected:
        found = text.find(field, position)
        assert found >= 0, f"{field!r} missing or out of order in {text!r}"
        position = found + len(field)


def test_the_signed_credential_is_attached_to_the_pdf(certificate):
    with pikepdf.open(BytesIO(stored(certificate))) as pdf:
        (name,) = pdf.attachments.keys()
        content = pdf.attachments[name].get_file().read_bytes()
    assert name == f"{certificate.number}.jwt"
    assert content.decode() == certificate.credential


def test_a_reissue_is_a_new_signed_file_and_the_old_one_reads_as_superseded(client, certificate, coordinator):
    old = stored(certificate)
    again = reissue_certificate(certificate, by=coordinator, holder_name="Līga Mentore")
    new = stored(again)
    assert new != old and signature_status(new).intact
    assert signature_status(old).intact  # the old file still verifies cryptographically …
    response = client.post(reverse("certificate_check"), {"file": _upload(old)})
    assert response.status_code == 200
    assert "aizstāta" in response.content.decode()  # … and the site says it was superseded
    current = client.post(reverse("certificate_check"), {"file": _upload(new)})
    assert "Īsta un derīga" in current.content.decode()


def test_a_pdf_changed_by_one_byte_is_not_recognised(client, certificate):
    pdf = bytearray(stored(certificate))
    pdf[-10] ^= 0x01
    response = client.post(reverse("certificate_check"), {"file": _upload(bytes(pdf))})
    assert response.status_code == 404
    assert "Nav atpazīts" in response.content.decode()


def _upload(content: bytes, name: str = "apliecība.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, content, content_type="application/pdf")
