"""Issuing, revoking and reissuing through the services and the task."""

from datetime import date
from io import BytesIO

import pytest
from django.utils import timezone
from pypdf import PdfReader

from certificates import services
from certificates.models import Certificate, CertificateCounter, CertificateEvent, IssueFailure
from certificates.services import CertificateError, issue_certificate, reissue_certificate, revoke_certificate
from certificates.tasks import issue_certificate_task


def pdf_text(certificate: Certificate) -> str:
    with certificate.pdf.open("rb") as handle:
        return PdfReader(BytesIO(handle.read())).pages[0].extract_text()


def test_issuing_numbers_the_certificate_per_programme_and_year_and_stores_its_pdf(mentor, programme, coordinator):
    certificate = issue_certificate(mentor, programme, by=coordinator, completed_on=date(2026, 1, 1))
    year = timezone.localdate().year
    assert certificate.number == f"KOP-{year}-000001"
    assert len(certificate.verification_code) == 16
    assert certificate.holder_name == "Liga Mentore"
    assert certificate.language == "lv"
    assert "Liga Mentore" in pdf_text(certificate)
    assert CertificateEvent.objects.filter(certificate=certificate, kind="issued", by=coordinator).exists()


def test_issuing_again_returns_the_same_certificate_and_uses_no_number(mentor, educator, programme):
    first = issue_certificate(mentor, programme, by=None)
    again = issue_certificate(mentor, programme, by=None)
    second = issue_certificate(educator, programme, by=None)
    assert again.pk == first.pk
    assert Certificate.objects.count() == 2
    assert second.serial == first.serial + 1


def test_the_pdf_is_made_once_and_not_remade_when_issuing_again(mentor, programme):
    first = issue_certificate(mentor, programme, by=None)
    assert issue_certificate(mentor, programme, by=None).pdf.name == first.pdf.name


def test_certificate_is_in_the_holders_preferred_language(mentor, programme):
    mentor.preferred_language = "en"
    mentor.save()
    certificate = issue_certificate(mentor, programme, by=None)
    text = pdf_text(certificate)
    assert "Foundations of youth mentoring" in text
    assert "36 academic hours (45 min)" in text


def test_signature_image_is_printed_when_the_programme_has_one(mentor, programme, signature_image):
    programme.signature_image = signature_image
    programme.save()
    certificate = issue_certificate(mentor, programme, by=None)
    with certificate.pdf.open("rb") as handle:
        assert len(PdfReader(BytesIO(handle.read())).pages[0].images) == 1


def test_coordinator_cannot_issue_outside_their_municipality(outsider, programme, coordinator):
    with pytest.raises(CertificateError) as error:
        issue_certificate(outsider, programme, by=coordinator)
    assert error.value.code == "forbidden"
    assert not Certificate.objects.exists()


def test_a_person_without_a_name_gets_no_certificate(mentor, programme):
    mentor.first_name = mentor.last_name = ""
    mentor.save()
    with pytest.raises(CertificateError) as error:
        issue_certificate(mentor, programme, by=None)
    assert error.value.code == "no_name"


def test_a_failing_pdf_leaves_no_certificate_no_number_and_no_file(mentor, educator, programme, monkeypatch, settings):
    def broken(document):
        raise OSError("cannot identify image file")

    monkeypatch.setattr("certificates.pdf.render", broken)
    with pytest.raises(OSError):
        issue_certificate(mentor, programme, by=None)
    assert not Certificate.objects.exists()
    assert CertificateCounter.objects.filter(last_serial__gt=0).count() == 0
    monkeypatch.undo()
    assert issue_certificate(educator, programme, by=None).serial == 1


def test_a_failure_after_the_file_was_written_removes_the_file(mentor, programme, monkeypatch):
    from django.core.files.storage import default_storage

    written = []
    original_save = Certificate.save

    def save_then_fail(self, *args, **kwargs):
        written.append(self.pdf.name)
        raise RuntimeError("database went away")

    monkeypatch.setattr(Certificate, "save", save_then_fail)
    with pytest.raises(RuntimeError):
        issue_certificate(mentor, programme, by=None)
    monkeypatch.setattr(Certificate, "save", original_save)
    assert written and not default_storage.exists(written[0])


@pytest.fixture
def retries_in_process():
    """Eager tasks re-run their retries in-process when errors are not propagated, as a worker would."""
    from lms.celery import app

    app.conf.task_eager_propagates = False
    yield
    app.conf.task_eager_propagates = True


def test_the_task_retries_a_failing_pdf_and_the_coordinator_sees_the_failure(
    mentor, programme, monkeypatch, retries_in_process
):
    calls = []
    real_render = services.pdf.render

    def flaky(document):
        calls.append(1)
        if len(calls) < 3:
            raise OSError("font file unreadable")
        return real_render(document)

    monkeypatch.setattr("certificates.pdf.render", flaky)
    result = issue_certificate_task.delay(mentor.pk, programme.pk)
    assert Certificate.objects.get(pk=result.get()).holder == mentor
    failure = IssueFailure.objects.get()
    assert failure.attempts == 2
    assert failure.resolved_at is not None


def test_the_task_gives_up_after_its_retries_and_the_failure_stays_open(
    mentor, programme, monkeypatch, retries_in_process
):
    monkeypatch.setattr("certificates.pdf.render", lambda document: (_ for _ in ()).throw(OSError("broken")))
    result = issue_certificate_task.delay(mentor.pk, programme.pk)
    assert result.failed()
    failure = IssueFailure.objects.get()
    assert failure.resolved_at is None
    assert failure.attempts == issue_certificate_task.max_retries + 1
    assert failure.code == "render"
    assert not Certificate.objects.exists()


def test_the_task_run_twice_issues_one_certificate(mentor, programme):
    first = issue_certificate_task.delay(mentor.pk, programme.pk).get()
    second = issue_certificate_task.delay(mentor.pk, programme.pk).get()
    assert first == second
    assert Certificate.objects.count() == 1


def test_revoking_keeps_who_when_and_why(mentor, programme, coordinator):
    certificate = issue_certificate(mentor, programme, by=None)
    revoked = revoke_certificate(certificate, by=coordinator, reason="Issued by mistake")
    assert revoked.status == "revoked"
    assert revoked.revoked_by == coordinator
    assert revoked.revoked_at is not None
    assert revoked.revocation_reason == "Issued by mistake"
    with pytest.raises(CertificateError) as error:
        revoke_certificate(certificate, by=coordinator, reason="again")
    assert error.value.code == "already_revoked"


def test_revoking_needs_a_reason_and_the_right_coordinator(mentor, outsider, programme, coordinator):
    certificate = issue_certificate(mentor, programme, by=None)
    with pytest.raises(CertificateError) as error:
        revoke_certificate(certificate, by=coordinator, reason="  ")
    assert error.value.code == "reason_required"
    other = issue_certificate(outsider, programme, by=None)
    with pytest.raises(CertificateError) as error:
        revoke_certificate(other, by=coordinator, reason="x")
    assert error.value.code == "forbidden"


def test_after_revocation_automatic_issue_is_refused_but_a_coordinator_may_issue_anew(mentor, programme, coordinator):
    first = issue_certificate(mentor, programme, by=None)
    revoke_certificate(first, by=coordinator, reason="Wrong programme")
    assert issue_certificate_task.delay(mentor.pk, programme.pk).get() is None
    assert IssueFailure.objects.get().code == "revoked"
    fresh = issue_certificate(mentor, programme, by=coordinator, after_revocation=True)
    assert fresh.number != first.number
    assert fresh.status == "valid"


def test_reissue_after_a_name_correction_keeps_the_number_and_makes_a_new_version(
    mentor, programme, coordinator, after_commit
):
    from django.core.files.storage import default_storage

    certificate = issue_certificate(mentor, programme, by=None)
    old_file = certificate.pdf.name
    with after_commit():
        reissued = reissue_certificate(certificate, by=coordinator, holder_name="Līga Mentore-Ozoliņa")
    assert reissued.number == certificate.number
    assert reissued.verification_code == certificate.verification_code
    assert reissued.version == 2
    assert "Līga Mentore-Ozoliņa" in pdf_text(reissued)
    assert not default_storage.exists(old_file)
    event = CertificateEvent.objects.get(kind="reissued")
    assert event.detail == {"old_name": "Liga Mentore", "new_name": "Līga Mentore-Ozoliņa"}


def test_a_revoked_certificate_cannot_be_reissued(mentor, programme, coordinator):
    certificate = issue_certificate(mentor, programme, by=None)
    revoke_certificate(certificate, by=coordinator, reason="x")
    with pytest.raises(CertificateError) as error:
        reissue_certificate(certificate, by=coordinator, holder_name="New Name")
    assert error.value.code == "revoked"


def test_completing_a_supervision_group_a_programme_names_issues_its_certificate(
    mentor, programme, valmiera, after_commit
):
    from certificates.models import CertificateProgramme
    from certificates.services import issue_on_completion
    from scheduling.models import SupervisionGroup

    group = SupervisionGroup.objects.create(title="Valmieras grupa", municipality=valmiera)
    other = SupervisionGroup.objects.create(title="Cita grupa", municipality=valmiera)
    programme.supervision_groups.add(group)
    assert list(CertificateProgramme.objects.for_source(group)) == [programme]
    assert list(CertificateProgramme.objects.for_source(other)) == []
    with after_commit():
        assert issue_on_completion(mentor, group, completed_on=date(2026, 3, 1)) == 1
    certificate = Certificate.objects.get(holder=mentor)
    assert certificate.programme == programme
    assert certificate.completed_on == date(2026, 3, 1)
    assert certificate.issued_by is None
    assert issue_on_completion(mentor, other) == 0


def test_a_reissued_certificate_is_in_the_holders_current_language(mentor, programme, coordinator):
    certificate = issue_certificate(mentor, programme, by=None)
    mentor.preferred_language = "en"
    mentor.save()
    reissued = reissue_certificate(certificate, by=coordinator, holder_name="Liga Mentore")
    assert reissued.language == "en"
    assert "CERTIFICATE" in pdf_text(reissued)
