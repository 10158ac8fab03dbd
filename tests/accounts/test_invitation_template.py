import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from accounts import services


def test_the_csv_template_previews_as_one_valid_row(client, coordinator, valmiera_school):
    client.force_login(coordinator)
    response = client.get(reverse("invitations_template", args=["csv"]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="kopiena-invitations.csv"'
    upload = SimpleUploadedFile("kopiena-invitations.csv", response.content, content_type="text/csv")
    preview = services.preview_invitations(upload, by=coordinator)
    assert [row.errors for row in preview.rows] == [[]]
    assert preview.rows[0].values["organisation_name"] == str(valmiera_school)


def test_the_xlsx_template_has_the_same_columns(client, coordinator, valmiera_school):
    client.force_login(coordinator)
    response = client.get(reverse("invitations_template", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0] == services.TEMPLATE_HEADER
    assert rows[1][3] == valmiera_school.name


def test_only_coordinators_get_the_template(client, mentor):
    client.force_login(mentor)
    assert client.get(reverse("invitations_template", args=["csv"])).status_code == 404


def test_the_xlsx_template_filled_in_previews_like_the_csv(client, coordinator, valmiera_school):
    client.force_login(coordinator)
    response = client.get(reverse("invitations_template", args=["xlsx"]))
    upload = SimpleUploadedFile("kopiena-invitations.xlsx", response.content)
    preview = services.preview_invitations(upload, by=coordinator)
    assert [row.errors for row in preview.rows] == [[]]
    assert preview.rows[0].values["email"] == "vards.uzvards@skola.lv"
    assert preview.rows[0].values["roles"] == "educator"


def test_a_damaged_workbook_is_refused_with_a_message(coordinator):
    from lms.csvimport import CSVFormatError

    upload = SimpleUploadedFile("broken.xlsx", b"PK\x03\x04 not really a workbook")
    try:
        services.preview_invitations(upload, by=coordinator)
    except CSVFormatError as error:
        assert "XLSX" in str(error)
    else:
        raise AssertionError("a damaged workbook was read")
