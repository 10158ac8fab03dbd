from io import StringIO

from django.core.management import call_command
from django.utils import timezone

from certificates.models import Certificate, CertificateEvent, CertificateProgramme


def snapshot():
    from wagtail.images import get_image_model

    Image = get_image_model()

    return (
        list(CertificateProgramme.objects.order_by("pk").values_list("pk", "number_prefix", "hours")),
        list(Certificate.objects.order_by("pk").values_list("pk", "number", "status", "version", "pdf")),
        CertificateEvent.objects.count(),
        Image.objects.count(),
    )


def test_seed_demo_gives_the_mentor_a_certificate_and_shows_a_revoked_one_and_changes_nothing_when_run_again(demo):
    first = snapshot()
    mentor_certificate = Certificate.objects.get(holder__email="mentor@demo.kopiena.lv")
    assert mentor_certificate.is_valid
    assert mentor_certificate.programme.title_lv == "Konfidencialitāte un drošība darbā ar jauniešiem"
    assert mentor_certificate.programme.hours_unit == "academic_45"
    assert mentor_certificate.holder_name == "Līga Ozoliņa"
    revoked = Certificate.objects.get(status="revoked", revocation_kind="revoked")
    assert revoked.holder.email != "mentor@demo.kopiena.lv"
    assert revoked.programme.number_prefix == "KOP"
    assert revoked.revocation_reason
    assert CertificateProgramme.objects.filter(number_prefix="SUP", hours_unit="clock").exists()

    call_command("seed_demo", stdout=StringIO())
    assert snapshot() == first


def test_the_demo_mentors_only_certificate_is_for_the_short_course_she_completed_not_the_one_she_is_halfway_in(demo):
    from courses.demo import MENTORING, SAFETY
    from courses.models import CoursePage, Enrolment

    safety = CoursePage.objects.get(locale__language_code="lv", slug=SAFETY["course"]["slug"]["lv"])
    mentoring = CoursePage.objects.get(locale__language_code="lv", slug=MENTORING["course"]["slug"]["lv"])
    (certificate,) = Certificate.objects.valid().filter(holder__email="mentor@demo.kopiena.lv")
    assert certificate.programme.course == safety
    assert certificate.programme.number_prefix == "KDR"
    assert certificate.number.startswith("KDR-")
    assert certificate.issued_by is None  # issued automatically for the completion
    assert (certificate.hours, certificate.hours_unit) == (4, "academic_45")
    completion = Enrolment.objects.get(user=certificate.holder, course_key=safety.translation_key)
    assert certificate.completed_on == timezone.localdate(completion.completed_at)
    assert certificate.started_on == timezone.localdate(completion.enrolled_at)

    kop = CertificateProgramme.objects.get(number_prefix="KOP")
    assert kop.course == mentoring
    assert not Certificate.objects.filter(holder=certificate.holder, programme=kop).exists()
    assert Enrolment.objects.get(user=certificate.holder, course_key=mentoring.translation_key).completed_at is None
    assert Certificate.objects.get(programme=kop).holder.email == "karlis.abele@demo.kopiena.lv"

    call_command("seed_demo", stdout=StringIO())
    assert list(Certificate.objects.valid().filter(holder__email="mentor@demo.kopiena.lv")) == [certificate]


def test_the_demo_mentors_certificate_qr_opens_a_page_that_says_valid(demo, client):
    import pypdfium2
    import zxingcpp

    certificate = Certificate.objects.get(holder__email="mentor@demo.kopiena.lv")
    with certificate.pdf.open("rb") as handle:
        image = pypdfium2.PdfDocument(handle.read())[0].render(scale=3).to_pil()
    (url,) = [result.text for result in zxingcpp.read_barcodes(image)]
    assert url.startswith("http://testserver/certificates/verify/")
    response = client.get(url.removeprefix("http://testserver"))
    assert response.status_code == 200
    assert "Derīga." in response.content.decode()


def test_the_demo_shows_credentials_signing_and_renewal(demo, client):
    from datetime import timedelta

    from certificates.models import CertificateVersion

    today = timezone.localdate()
    erased = Certificate.objects.filter(revocation_kind="erased")
    assert erased.exists() and all(not c.credential and not c.pdf for c in erased)  # nothing names the erased
    for certificate in Certificate.objects.exclude(pk__in=erased):
        assert certificate.credential.count(".") == 2  # every certificate carries its signed credential
        with certificate.pdf.open("rb") as handle:
            assert b"/ByteRange" in handle.read()  # and its PDF is signed
    due = Certificate.objects.due_for_renewal(today)
    expiring = due.get(holder__email="ieva.kalnina@demo.kopiena.lv")
    assert today <= expiring.valid_until <= today + timedelta(days=60)
    assert expiring.programme.refresher_course is not None
    assert CertificateVersion.objects.filter(certificate=expiring, superseded_at__isnull=False).exists()
    expired = due.get(holder__email="andris.ozols@demo.kopiena.lv")
    assert expired.valid_until < today
    assert expired.programme.refresher_group is not None
    url = "/certificates/verify/" + expired.verification_code + "/?format=json"
    assert client.get(url).json()["status"] == "expired"
    client.force_login(expired.holder.__class__.objects.get(email="coordinator@demo.kopiena.lv"))
    assert "jāatjauno" in client.get("/certificates/manage/").content.decode()
