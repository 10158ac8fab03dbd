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
