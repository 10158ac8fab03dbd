"""Every certificate page, for every role that might open it."""

import csv
import io
import zipfile

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from certificates.limits import VERIFY
from certificates.models import Certificate
from certificates.services import issue_certificate, revoke_certificate
from tests.factories import make_person


@pytest.fixture
def certificate(mentor, programme) -> Certificate:
    return issue_certificate(mentor, programme, by=None)


@pytest.fixture
def jelgava_certificate(outsider, programme) -> Certificate:
    return issue_certificate(outsider, programme, by=None)


def verify_url(certificate, suffix=""):
    return reverse("certificate_verify", args=[certificate.verification_code]) + suffix


# --- Public verification -------------------------------------------------------------------


def test_anyone_sees_that_a_valid_certificate_is_valid(client, certificate):
    response = client.get(verify_url(certificate))
    assert response.status_code == 200
    body = response.content.decode()
    assert "Derīga" in body
    assert "Liga Mentore" in body
    assert "Jauniešu mentoringa pamati" in body
    assert "36 akadēmiskās stundas (45 min)" in body
    assert certificate.number in body


def test_verification_json_says_valid_with_holder_programme_hours_and_issue_date(client, certificate):
    data = client.get(verify_url(certificate, "?format=json")).json()
    assert data["status"] == "valid"
    assert data["holder"] == "Liga Mentore"
    assert data["number"] == certificate.number
    assert data["hours"] == "36"
    assert data["hours_unit"] == "academic_45"
    assert data["issued_on"] == certificate.issued_on.isoformat()
    assert data["revoked_on"] is None


def test_a_revoked_certificate_reads_as_revoked_with_its_date_but_no_reason_for_the_public(
    client, certificate, coordinator
):
    revoke_certificate(certificate, by=coordinator, reason="Dokumenti viltoti")
    response = client.get(verify_url(certificate))
    body = response.content.decode()
    assert "Atsaukta" in body
    assert "Dokumenti viltoti" not in body
    data = client.get(verify_url(certificate, "?format=json")).json()
    assert data["status"] == "revoked"
    assert data["revoked_on"]
    assert "revocation_reason" not in data


def test_the_coordinator_of_the_holder_sees_the_revocation_reason(client, certificate, coordinator):
    revoke_certificate(certificate, by=coordinator, reason="Dokumenti viltoti")
    client.force_login(coordinator)
    assert "Dokumenti viltoti" in client.get(verify_url(certificate)).content.decode()
    assert client.get(verify_url(certificate, "?format=json")).json()["revocation_reason"] == "Dokumenti viltoti"


def test_a_coordinator_elsewhere_does_not_see_the_revocation_reason(
    client, jelgava_certificate, national_coordinator, coordinator
):
    revoke_certificate(jelgava_certificate, by=national_coordinator, reason="Kļūda")
    client.force_login(coordinator)
    assert "Kļūda" not in client.get(verify_url(jelgava_certificate)).content.decode()


@pytest.mark.parametrize("code", ["X", "ABCDEFGH", "abcd-efgh", "'; DROP TABLE--", "Ā" * 16, "A" * 300])
def test_garbage_or_truncated_codes_are_clearly_not_found(client, certificate, code):
    response = client.get(reverse("certificate_verify", args=[code]))
    assert response.status_code == 404
    assert "Nav atrasta" in response.content.decode()
    json_response = client.get(reverse("certificate_verify", args=[code]) + "?format=json")
    assert json_response.status_code == 404
    assert json_response.json()["status"] == "not_found"


def test_a_truncated_real_code_is_not_found(client, certificate):
    response = client.get(reverse("certificate_verify", args=[certificate.verification_code[:-1]]))
    assert response.status_code == 404


def test_a_code_typed_in_lower_case_with_dashes_is_found(client, certificate):
    code = certificate.verification_code
    typed = "-".join(code[i : i + 4] for i in range(0, 16, 4)).lower()
    assert client.get(reverse("certificate_verify", args=[typed])).status_code == 200


def test_verification_is_rate_limited_per_address(client, certificate):
    for _ in range(VERIFY.attempts):
        assert client.get(verify_url(certificate)).status_code == 200
    response = client.get(verify_url(certificate, "?format=json"))
    assert response.status_code == 429
    assert response.json()["status"] == "rate_limited"
    other = client.get(verify_url(certificate), REMOTE_ADDR="10.1.2.3")
    assert other.status_code == 200


def test_lookup_by_number_and_code_opens_the_verification_page(client, certificate):
    response = client.get(
        reverse("certificate_lookup"), {"number": certificate.number.lower(), "code": certificate.verification_code}
    )
    assert response.status_code == 302
    assert response.url == verify_url(certificate)


def test_lookup_with_a_wrong_code_says_not_found(client, certificate):
    response = client.get(reverse("certificate_lookup"), {"number": certificate.number, "code": "AAAAAAAAAAAAAAAA"})
    assert response.status_code == 404
    assert "Neviena apliecība" in response.content.decode()


def test_lookup_form_is_shown_to_anyone(client, db):
    response = client.get(reverse("certificate_lookup"))
    assert response.status_code == 200
    assert 'name="code"' in response.content.decode()


# --- My certificates -----------------------------------------------------------------------


def test_my_certificates_asks_an_anonymous_visitor_to_sign_in(client):
    response = client.get(reverse("my_certificates"))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_the_holder_sees_and_downloads_their_certificate(client, certificate, mentor):
    client.force_login(mentor)
    response = client.get(reverse("my_certificates"))
    assert certificate.number in response.content.decode()
    download = client.get(reverse("certificate_download", args=[certificate.pk]))
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"
    assert b"".join(download.streaming_content).startswith(b"%PDF")


def test_a_person_without_certificates_sees_an_empty_list(client, educator, certificate):
    client.force_login(educator)
    response = client.get(reverse("my_certificates"))
    assert response.status_code == 200
    assert certificate.number not in response.content.decode()


@pytest.mark.parametrize("persona", ["educator", "supervisor", "outsider", "editor"])
def test_others_cannot_download_someone_elses_certificate(client, certificate, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("certificate_download", args=[certificate.pk])).status_code == 404


def test_the_holder_cannot_download_a_revoked_certificate(client, certificate, mentor, coordinator):
    revoke_certificate(certificate, by=coordinator, reason="x")
    client.force_login(mentor)
    assert client.get(reverse("certificate_download", args=[certificate.pk])).status_code == 404


@pytest.mark.parametrize("persona", ["coordinator", "national_coordinator", "admin_user"])
def test_coordinators_in_scope_download_any_certificate(client, certificate, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("certificate_download", args=[certificate.pk])).status_code == 200


def test_a_coordinator_cannot_download_outside_their_municipality(client, jelgava_certificate, coordinator):
    client.force_login(coordinator)
    assert client.get(reverse("certificate_download", args=[jelgava_certificate.pk])).status_code == 404


# --- Coordinator pages ---------------------------------------------------------------------

MANAGE_PAGES = ["certificates_manage", "certificate_issue"]


@pytest.mark.parametrize("persona", ["mentor", "educator", "supervisor", "editor", "outsider"])
@pytest.mark.parametrize("page", MANAGE_PAGES)
def test_people_who_do_not_coordinate_get_404_on_coordinator_pages(client, persona, page, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse(page)).status_code == 404


@pytest.mark.parametrize("page", MANAGE_PAGES)
def test_anonymous_visitors_are_sent_to_sign_in_from_coordinator_pages(client, page):
    assert client.get(reverse(page)).status_code == 302


def test_coordinator_lists_only_their_municipalitys_certificates(client, coordinator, certificate, jelgava_certificate):
    client.force_login(coordinator)
    body = client.get(reverse("certificates_manage")).content.decode()
    assert certificate.number in body
    assert jelgava_certificate.number not in body


def test_national_coordinator_lists_every_certificate(client, national_coordinator, certificate, jelgava_certificate):
    client.force_login(national_coordinator)
    body = client.get(reverse("certificates_manage")).content.decode()
    assert certificate.number in body and jelgava_certificate.number in body


def test_coordinator_filters_by_status_and_name(client, coordinator, certificate, educator, programme):
    other = issue_certificate(educator, programme, by=None)
    revoke_certificate(other, by=coordinator, reason="x")
    client.force_login(coordinator)
    body = client.get(reverse("certificates_manage"), {"status": "revoked"}).content.decode()
    assert other.number in body and certificate.number not in body
    body = client.get(reverse("certificates_manage"), {"q": "mentore"}).content.decode()
    assert certificate.number in body and other.number not in body


def test_csv_export_lists_the_filtered_certificates_safely(client, coordinator, mentor, programme):
    mentor.first_name = '=HYPERLINK("http://x")'
    mentor.save()
    certificate = issue_certificate(mentor, programme, by=None)
    client.force_login(coordinator)
    response = client.get(reverse("certificates_manage"), {"export": "csv"})
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[0][0] == "Numurs"
    assert rows[1][0] == certificate.number
    assert rows[1][1].startswith("'=HYPERLINK")


def test_xlsx_export_has_text_not_formulas(client, coordinator, mentor, programme):
    mentor.first_name = "=1+1"
    mentor.save()
    certificate = issue_certificate(mentor, programme, by=None)
    client.force_login(coordinator)
    response = client.get(reverse("certificates_manage"), {"export": "xlsx"})
    sheet = load_workbook(io.BytesIO(b"".join(response.streaming_content))).active
    assert sheet.cell(2, 1).value == certificate.number
    assert sheet.cell(2, 2).value.startswith("'=1+1")
    assert sheet.cell(2, 2).data_type == "s"


def test_zip_holds_the_pdfs_of_the_filtered_certificates(client, coordinator, certificate, educator, programme):
    second = issue_certificate(educator, programme, by=None)
    client.force_login(coordinator)
    response = client.get(reverse("certificates_manage"), {"export": "zip"})
    archive = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    assert sorted(archive.namelist()) == sorted([f"{certificate.number}.pdf", f"{second.number}.pdf"])
    assert archive.read(f"{certificate.number}.pdf").startswith(b"%PDF")


def test_zip_of_nothing_explains_itself(client, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("certificates_manage"), {"export": "zip"}, follow=True)
    assert "Neviena apliecība neatbilst" in response.content.decode()


def test_coordinator_issues_certificates_in_bulk(client, coordinator, mentor, educator, programme, after_commit):
    client.force_login(coordinator)
    form = {
        "programme": programme.pk,
        "emails": f"{mentor.email}\n{educator.email.upper()}",
        "started_on": "2026-01-12",
        "completed_on": "2026-02-14",
    }
    checked = client.post(reverse("certificate_issue"), form)
    assert checked.status_code == 200 and not Certificate.objects.exists()  # first the people are shown
    assert "Liga Mentore" in checked.content.decode()
    with after_commit():
        response = client.post(reverse("certificate_issue"), {**form, "confirm": "1"})
    assert response.status_code == 302
    assert Certificate.objects.filter(programme=programme).count() == 2
    assert Certificate.objects.filter(started_on="2026-01-12", completed_on="2026-02-14").count() == 2
    assert sorted(Certificate.objects.values_list("serial", flat=True)) == [1, 2]
    assert mail.outbox == []


def test_bulk_issue_refuses_people_outside_the_coordinators_municipality_and_issues_nothing(
    client, coordinator, mentor, outsider, programme
):
    client.force_login(coordinator)
    response = client.post(
        reverse("certificate_issue"), {"programme": programme.pk, "emails": f"{mentor.email}, {outsider.email}"}
    )
    assert response.status_code == 200
    assert outsider.email in response.content.decode()
    assert not Certificate.objects.exists()


def test_bulk_issue_refuses_a_future_completion_date(client, coordinator, mentor, programme):
    client.force_login(coordinator)
    response = client.post(
        reverse("certificate_issue"),
        {"programme": programme.pk, "emails": mentor.email, "completed_on": "01.01.2099."},
    )
    assert response.status_code == 200
    assert not Certificate.objects.exists()


def test_bulk_issue_refuses_a_date_before_the_programme_existed(client, coordinator, mentor, programme):
    client.force_login(coordinator)
    response = client.post(
        reverse("certificate_issue"),
        {"programme": programme.pk, "emails": mentor.email, "started_on": "01.01.0001.", "completed_on": ""},
    )
    assert response.status_code == 200
    assert "01.01.2025." in response.content.decode()
    assert not Certificate.objects.exists()


def test_coordinator_sees_failed_issues_on_the_list(client, coordinator, mentor, programme):
    from certificates.services import record_issue_failure

    record_issue_failure(mentor.pk, programme.pk, code="render", detail="OSError")
    client.force_login(coordinator)
    body = client.get(reverse("certificates_manage")).content.decode()
    assert "Apliecības, kuras neizdevās izsniegt" in body
    assert "Liga Mentore" in body


def test_coordinator_revokes_with_a_reason_after_confirming(client, coordinator, certificate):
    client.force_login(coordinator)
    url = reverse("certificate_revoke", args=[certificate.pk])
    asked = client.post(url, {"reason": "Kļūdaini izsniegta"})
    assert asked.status_code == 200
    assert "Jā, atsaukt" in asked.content.decode()
    certificate.refresh_from_db()
    assert certificate.status == "valid"  # nothing happens before the confirmation
    response = client.post(url, {"reason": "Kļūdaini izsniegta", "confirm": "1"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == "revoked"
    assert certificate.revoked_by == coordinator
    assert certificate.revocation_reason == "Kļūdaini izsniegta"


def test_revoking_without_a_reason_changes_nothing(client, coordinator, certificate):
    client.force_login(coordinator)
    response = client.post(reverse("certificate_revoke", args=[certificate.pk]), {"reason": ""}, follow=True)
    assert "Norādiet" in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.status == "valid"


def test_coordinator_reissues_after_a_name_correction(client, coordinator, certificate):
    client.force_login(coordinator)
    response = client.post(reverse("certificate_reissue", args=[certificate.pk]), {"holder_name": "Līga Mentore"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert (certificate.version, certificate.holder_name) == (2, "Līga Mentore")


@pytest.mark.parametrize("persona", ["mentor", "educator", "outsider", "editor"])
def test_non_coordinators_cannot_open_revoke_or_reissue(client, certificate, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("certificate_detail", args=[certificate.pk])).status_code == 404
    assert client.post(reverse("certificate_revoke", args=[certificate.pk]), {"reason": "x"}).status_code == 404
    assert client.post(reverse("certificate_reissue", args=[certificate.pk]), {"holder_name": "X"}).status_code == 404
    certificate.refresh_from_db()
    assert certificate.status == "valid" and certificate.version == 1


def test_a_coordinator_cannot_touch_a_certificate_outside_their_municipality(client, coordinator, jelgava_certificate):
    client.force_login(coordinator)
    assert client.get(reverse("certificate_detail", args=[jelgava_certificate.pk])).status_code == 404
    assert client.post(reverse("certificate_revoke", args=[jelgava_certificate.pk]), {"reason": "x"}).status_code == 404


@pytest.mark.parametrize("persona", ["coordinator", "national_coordinator", "admin_user"])
def test_coordinators_open_the_certificate_page_with_its_history(client, certificate, persona, request):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("certificate_detail", args=[certificate.pk]))
    assert response.status_code == 200
    assert "Izsniegta" in response.content.decode()


def test_dashboard_shows_my_certificates_to_a_mentor_and_certificates_to_a_coordinator(client, mentor, coordinator):
    client.force_login(mentor)
    assert reverse("my_certificates") in client.get(reverse("dashboard")).content.decode()
    client.force_login(coordinator)
    assert reverse("certificates_manage") in client.get(reverse("dashboard")).content.decode()


def test_the_list_page_uses_the_same_number_of_queries_for_few_or_many_certificates(
    client, coordinator, programme, valmiera_school
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for_list() -> int:
        for _ in range(2):  # the first visits create per-user rows and fill the footer cache
            client.get(reverse("certificates_manage"))
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("certificates_manage")).status_code == 200
        return len(captured)

    client.force_login(coordinator)
    issue_certificate(make_person("p0.x@example.lv", ["mentor"], valmiera_school), programme, by=None)
    few = queries_for_list()
    for i in range(1, 8):
        issue_certificate(make_person(f"p{i}.x@example.lv", ["mentor"], valmiera_school), programme, by=None)
    assert queries_for_list() == few


@pytest.mark.parametrize("persona", ["national_coordinator", "admin_user"])
def test_national_coordinators_configure_programmes_in_the_cms(db, client, programme, persona, request):
    client.force_login(request.getfixturevalue(persona))
    listing = client.get("/admin/snippets/certificates/certificateprogramme/")
    assert listing.status_code == 200
    assert "Jauniešu mentoringa pamati" in listing.content.decode()
    edit = client.get(f"/admin/snippets/certificates/certificateprogramme/edit/{programme.pk}/")
    assert edit.status_code == 200


@pytest.mark.parametrize("persona", ["mentor", "educator", "editor", "coordinator"])
def test_others_cannot_configure_programmes(db, client, programme, persona, request):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(f"/admin/snippets/certificates/certificateprogramme/edit/{programme.pk}/")
    assert response.status_code in (302, 403)


def test_a_municipal_coordinator_cannot_change_a_national_programme_through_the_cms(db, client, coordinator, programme):
    client.force_login(coordinator)
    url = f"/admin/snippets/certificates/certificateprogramme/edit/{programme.pk}/"
    response = client.post(url, {"title_lv": "Pārdēvēta", "hours": "1", "hours_unit": programme.hours_unit})
    assert response.status_code in (302, 403)
    programme.refresh_from_db()
    assert programme.title_lv == "Jauniešu mentoringa pamati"
    assert client.get("/admin/snippets/certificates/certificateprogramme/").status_code in (302, 403)


def test_csv_export_uses_the_same_number_of_queries_for_few_or_many_certificates(
    client, coordinator, programme, valmiera_school
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries_for_export() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(reverse("certificates_manage"), {"export": "csv"})
            b"".join(response.streaming_content)
        return len(captured)

    client.force_login(coordinator)
    issue_certificate(make_person("q0.x@example.lv", ["mentor"], valmiera_school), programme, by=None)
    few = queries_for_export()
    for i in range(1, 8):
        issue_certificate(make_person(f"q{i}.x@example.lv", ["mentor"], valmiera_school), programme, by=None)
    assert queries_for_export() == few


def test_a_bad_filter_value_is_explained_and_the_good_ones_still_apply(
    client, coordinator, certificate, educator, programme
):
    second = issue_certificate(educator, programme, by=None)
    client.force_login(coordinator)
    response = client.get(reverse("certificates_manage"), {"year": "99999", "q": certificate.number})
    assert response.status_code == 200
    page = response.content.decode()
    assert certificate.number in page and second.number not in page
    assert 'aria-invalid="true"' in page or "errorlist" in page
