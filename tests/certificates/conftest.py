from decimal import Decimal
from io import BytesIO

import pytest
from django.core.files.images import ImageFile
from PIL import Image as PILImage

from certificates.models import CertificateProgramme, HoursUnit


def png_bytes(size=(240, 80), colour=(27, 31, 36)) -> bytes:
    buffer = BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


@pytest.fixture
def programme(db) -> CertificateProgramme:
    return CertificateProgramme.objects.create(
        title_lv="Jauniešu mentoringa pamati",
        title_en="Foundations of youth mentoring",
        approval_number="VIAA-2026/17",
        approving_body_lv="Valsts izglītības attīstības aģentūra",
        approving_body_en="State Education Development Agency",
        hours=Decimal("36"),
        hours_unit=HoursUnit.ACADEMIC_45,
        provider_lv="Programma “Skola – kopienā”",
        provider_en="Programme “School – in the community”",
        number_prefix="KOP",
        signatory_name="Žanete Ģērmane-Ķīsēna",
        signatory_title_lv="Programmas vadītāja",
        signatory_title_en="Programme director",
    )


@pytest.fixture
def signature_image(db):
    from wagtail.images import get_image_model

    Image = get_image_model()

    return Image.objects.create(title="Paraksts", file=ImageFile(BytesIO(png_bytes()), name="signature.png"))
