"""Renewal: "derīga līdz", expiry on the verification page and its JSON, reminders at 60 and 14 days
sent once and naming the refresher, coordinators seeing who is due, and renewal by the refresher."""

from datetime import date, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from certificates.emails import reminder_stage, send_renewal_reminders
from certificates.models import Certificate, CertificateEvent, CertificateVersion
from certificates.services import (
    CertificateError,
    issue_certificate,
    issue_on_completion,
    reissue_certificate,
    renew_certificate,
    revoke_certificate,
)
from certificates.text import date_until
from tests.courses.conftest import build_course


@pytest.fixture
def three_years(programme):
    programme.validity_months = 36
    programme.save()
    return programme


@pytest.fixture
def certificate(mentor, three_years) -> Certificate:
    return issue_certificate(mentor, three_years, by=None)


def expire_in(certificate: Certificate, days: int) -> Certificate:
    Certificate.objects.filter(pk=certificate.pk).update(valid_until=timezone.localdate() + timedelta(days=days))
    certificate.refresh_from_db()
    return certificate


def test_a_programme_with_a_validity_dates_its_certificates_to_the_day_before_the_anniversary(certificate):
    from dateutil.relativedelta import relativedelta

    assert certificate.valid_until == certificate.issued_on + relativedelta(years=3) - timedelta(days=1)
    assert f"Derīga līdz {date_until(certificate.valid_until)}" in _pdf_text(certificate)


def test_a_programme_without_validity_gives_no_end_date(mentor, programme):
    assert issue_certificate(mentor, programme, by=None).valid_until is None


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2029, 11, 14), "2029. gada 14. novembrim"),
        (date(2026, 1, 1), "2026. gada 1. janvārim"),
        (date(2027, 3, 31), "2027. gada 31. martam"),
    ],
)
def test_until_takes_the_dative_in_latvian(day, text):
    assert date_until(day) == text


def test_the_verification_page_and_its_json_both_say_expired_after_the_date(client, certificate):
    expire_in(certificate, -1)
    url = reverse("certificate_verify", args=[certificate.verification_code])
    page = client.get(url).content.decode()
    data = client.get(url + "?format=json").json()
    assert "Derīguma termiņš beidzies." in page
    assert "✔" not in page
    assert data["status"] == "expired"
    assert data["valid_until"] == certificate.valid_until.isoformat()


def test_on_its_last_day_the_certificate_is_still_valid_on_both(client, certificate):
    expire_in(certificate, 0)
    url = reverse("certificate_verify", args=[certificate.verification_code])
    assert client.get(url + "?format=json").json()["status"] == "valid"
    assert "Tā ir derīga līdz" in client.get(url).content.decode()


def test_revoked_wins_over_expired_on_both(client, certificate, coordinator):
    revoke_certificate(certificate, by=coordinator, reason="Kļūda")
    expire_in(certificate, -10)
    url = reverse("certificate_verify", args=[certificate.verification_code])
    assert client.get(url + "?format=json").json()["status"] == "revoked"
    assert "Atsaukta." in client.get(url).content.decode()


@pytest.mark.parametrize(("days", "stage"), [(61, None), (60, 60), (15, 60), (14, 14), (0, 14), (-1, None)])
def test_the_reminder_stage_by_days_left(days, stage):
    assert reminder_stage(days) == stage


def test_reminders_go_at_60_and_14_days_once_each(certificate, three_years):
    course = build_course(modules=1, lessons_per_module=1).course
    three_years.refresher_course = course
    three_years.save()
    expire_in(certificate, 60)
    assert send_renewal_reminders() == 1
    assert send_renewal_reminders() == 0  # beat runs again: nothing more
    (first,) = mail.outbox
    assert first.to == [certificate.holder.email]
    assert f"ir derīga līdz {date_until(certificate.valid_until)}" in first.subject
    assert course.title in first.body and course.url.strip("/") in first.body
    expire_in(certificate, 14)
    assert send_renewal_reminders() == 1
    assert send_renewal_reminders() == 0
    assert len(mail.outbox) == 2
    assert "atlikušas 14 dienas" in mail.outbox[1].body


def test_a_reminder_names_the_refresher_group_to_book(certificate, three_years, cycle):  # noqa: F811
    three_years.refresher_group = cycle
    three_years.save()
    expire_in(certificate, 30)
    send_renewal_reminders()
    assert cycle.title in mail.outbox[0].body
    assert reverse("scheduling:group", args=[cycle.pk]) in mail.outbox[0].body


def test_without_a_refresher_the_reminder_says_to_ask_the_coordinator(certificate):
    expire_in(certificate, 20)
    send_renewal_reminders()
    assert "jautājiet programmas koordinatoram" in mail.outbox[0].body


def test_no_reminder_for_revoked_expired_or_far_off_certificates(certificate, coordinator, educator, three_years):
    expire_in(certificate, 100)
    other = expire_in(issue_certificate(educator, three_years, by=None), -3)
    assert send_renewal_reminders() == 0
    expire_in(certificate, 10)
    revoke_certificate(certificate, by=coordinator, reason="Kļūda")
    assert send_renewal_reminders() == 0
    assert other.is_expired(timezone.localdate())


def test_coordinators_see_who_is_due(client, coordinator, certificate, educator, three_years):
    expire_in(certificate, 30)
    issue_certificate(educator, three_years, by=None)  # three years left: not due
    client.force_login(coordinator)
    page = client.get(reverse("certificates_manage")).content.decode()
    assert "1 apliecība jāatjauno" in page
    due = client.get(reverse("certificates_manage"), {"renewal": "due"})
    assert due.context["page"].paginator.count == 1
    assert certificate.number in due.content.decode()


def test_a_coordinator_elsewhere_does_not_count_my_municipalitys_due_certificates(client, certificate, jelgava):
    from tests.factories import make_person

    expire_in(certificate, 30)
    client.force_login(make_person("ieva.jelgava@example.lv", ["coordinator"], jelgava))
    assert "jāatjauno" not in client.get(reverse("certificates_manage")).content.decode()


def test_reissuing_an_expired_certificate_is_refused_and_writes_nothing(certificate, coordinator):
    expire_in(certificate, -1)
    before = (certificate.version, certificate.pdf.name, CertificateVersion.objects.count())
    with pytest.raises(CertificateError) as refused:
        reissue_certificate(certificate, by=coordinator, holder_name="Līga Mentore")
    assert refused.value.code == "expired"
    certificate.refresh_from_db()
    assert (certificate.version, certificate.pdf.name, CertificateVersion.objects.count()) == before
    assert not CertificateEvent.objects.filter(kind="reissued").exists()


def test_the_reissue_form_of_an_expired_certificate_says_why(client, certificate, coordinator):
    expire_in(certificate, -1)
    client.force_login(coordinator)
    response = client.post(reverse("certificate_reissue", args=[certificate.pk]), {"holder_name": "Līga"}, follow=True)
    assert "To nevar izsniegt atkārtoti" in response.content.decode()


def test_renewal_is_a_new_signed_version_with_a_later_end_and_the_same_number(certificate, three_years, mentor):
    expire_in(certificate, -5)
    renewed = renew_certificate(mentor, three_years)
    assert renewed.pk == certificate.pk and renewed.number == certificate.number
    assert renewed.version == 2
    assert renewed.valid_until > timezone.localdate() + timedelta(days=3 * 365 - 5)
    assert renewed.credential != certificate.credential
    assert renew_certificate(mentor, three_years).version == 2  # the same day again changes nothing


def test_completing_the_refresher_course_renews_the_certificate(certificate, three_years, mentor, after_commit):
    course = build_course(modules=1, lessons_per_module=1).course
    three_years.refresher_course = course
    three_years.save()
    expire_in(certificate, 10)
    with after_commit():
        assert issue_on_completion(mentor, course) == 1
    certificate.refresh_from_db()
    assert certificate.version == 2
    assert certificate.events.filter(kind="renewed").exists()


def test_a_refresher_completed_by_someone_without_the_certificate_renews_nothing(educator, three_years):
    course = build_course(modules=1, lessons_per_module=1).course
    three_years.refresher_course = course
    three_years.save()
    assert issue_on_completion(educator, course) == 0
    assert not Certificate.objects.filter(holder=educator).exists()


def _pdf_text(certificate: Certificate) -> str:
    from io import BytesIO

    from pypdf import PdfReader

    with certificate.pdf.open("rb") as handle:
        return PdfReader(BytesIO(handle.read())).pages[0].extract_text()
