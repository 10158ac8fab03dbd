from io import StringIO

from django.core.management import call_command

from certificates.models import Certificate, CertificateEvent, CertificateProgramme


def snapshot():
    from wagtail.images.models import Image

    return (
        list(CertificateProgramme.objects.order_by("pk").values_list("pk", "number_prefix", "hours")),
        list(Certificate.objects.order_by("pk").values_list("pk", "number", "status", "version", "pdf")),
        CertificateEvent.objects.count(),
        Image.objects.count(),
    )


def test_seed_demo_gives_the_mentor_a_certificate_and_shows_a_revoked_one_and_changes_nothing_when_run_again(db):
    call_command("seed_demo", stdout=StringIO())
    first = snapshot()
    mentor_certificate = Certificate.objects.get(holder__email="mentor@demo.kopiena.lv")
    assert mentor_certificate.is_valid
    assert mentor_certificate.programme.title_lv == "Jauniešu mentoringa pamati"
    assert mentor_certificate.programme.hours_unit == "academic_45"
    assert mentor_certificate.holder_name == "Līga Ozoliņa"
    revoked = Certificate.objects.get(status="revoked")
    assert revoked.holder.email != "mentor@demo.kopiena.lv"
    assert revoked.revocation_reason
    assert CertificateProgramme.objects.filter(number_prefix="SUP", hours_unit="clock").exists()

    call_command("seed_demo", stdout=StringIO())
    assert snapshot() == first


def test_the_demo_mentors_certificate_qr_opens_a_page_that_says_valid(db, client):
    import pypdfium2
    import zxingcpp

    call_command("seed_demo", stdout=StringIO())
    certificate = Certificate.objects.get(holder__email="mentor@demo.kopiena.lv")
    with certificate.pdf.open("rb") as handle:
        image = pypdfium2.PdfDocument(handle.read())[0].render(scale=3).to_pil()
    (url,) = [result.text for result in zxingcpp.read_barcodes(image)]
    assert url.startswith("http://testserver/certificates/verify/")
    response = client.get(url.removeprefix("http://testserver"))
    assert response.status_code == 200
    assert "Derīga." in response.content.decode()
