import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from attendance.models import AttendanceRecord
from lms import spreadsheets
from tests.factories import make_person, make_session, seat


@pytest.fixture(autouse=True)
def _english(speaks_english):
    pass


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def csv_rows(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body(response).decode("utf-8-sig")), delimiter=";"))


@pytest.fixture
def marked(past_session, member, second_member):
    AttendanceRecord.objects.create(session=past_session, person=member, status="present")
    AttendanceRecord.objects.create(session=past_session, person=second_member, status="absent")
    return past_session


def test_session_export_lists_people_statuses_and_hours(client, marked, member, supervisor):
    client.force_login(supervisor)
    rows = csv_rows(client.get(reverse("attendance:attendance_export", args=["session", marked.pk, "csv"])))
    assert rows[0][:3] == ["Municipality", "Group", "Date"]
    by_email = {r[7]: r for r in rows[1:]}
    assert by_email[member.email][9:] == ["Present", "2.0", "2.67"]
    assert by_email["ieva.berzina@example.lv"][9:] == ["Absent", "0.0", "0.0"]


def test_cells_that_look_like_formulas_are_neutralised(client, cycle, past_session, valmiera_school, supervisor):
    for i, first in enumerate(['=HYPERLINK("http://x")', "+1", "-2", "@SUM(A1)", "\tTab", "\rCR"]):
        person = make_person(f"p{i}.x@example.lv", ["educator"], valmiera_school)
        person.first_name = first
        person.save()
        seat(cycle, person)
        AttendanceRecord.objects.create(session=past_session, person=person, status="present")
    client.force_login(supervisor)
    rows = csv_rows(client.get(reverse("attendance:attendance_export", args=["session", past_session.pk, "csv"])))
    assert sorted(r[5] for r in rows[1:]) == sorted(
        ['\'=HYPERLINK("http://x")', "'+1", "'-2", "'@SUM(A1)", "'\tTab", "'\rCR"]
    )
    response = client.get(reverse("attendance:attendance_export", args=["session", past_session.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(body(response))).active
    names = [row[5] for row in sheet.iter_rows(min_row=2, values_only=True)]
    assert all(name.startswith("'") for name in names)
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_xlsx_export_opens_with_the_same_rows(client, marked, coordinator):
    client.force_login(coordinator)
    response = client.get(reverse("attendance:attendance_export", args=["group", marked.group_id, "xlsx"]))
    sheet = load_workbook(io.BytesIO(body(response))).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 3
    assert rows[0][9] == "Status"


def test_export_costs_the_same_queries_for_two_rows_or_two_hundred(
    client, cycle, past_session, marked, supervisor, valmiera_school, django_assert_num_queries
):
    url = reverse("attendance:attendance_export", args=["group", cycle.pk, "csv"])
    client.force_login(supervisor)
    client.get(url)  # warm the session and permission caches

    def count() -> int:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as queries:
            body(client.get(url))
        return len(queries)

    few = count()
    sessions = [make_session(cycle, starts_in=-timedelta(days=d)) for d in range(20, 30)]
    for i in range(20):
        person = make_person(f"bulk{i}.x@example.lv", ["educator"], valmiera_school)
        AttendanceRecord.objects.bulk_create(
            AttendanceRecord(session=s, person=person, status="present") for s in sessions
        )
    assert count() == few


@pytest.mark.parametrize(
    "persona,kind,status",
    [
        ("supervisor", "session", 200),
        ("supervisor", "group", 200),
        ("supervisor", "municipality", 404),
        ("coordinator", "session", 200),
        ("coordinator", "group", 200),
        ("coordinator", "municipality", 200),
        ("national_coordinator", "municipality", 200),
        ("other_supervisor", "group", 404),
        ("educator", "group", 404),
        ("educator", "session", 404),
        ("outsider", "municipality", 404),
        ("mentor", "session", 404),
    ],
)
def test_who_may_export_what(db, client, request, marked, persona, kind, status):
    client.force_login(request.getfixturevalue(persona))
    pk = {"session": marked.pk, "group": marked.group_id, "municipality": marked.group.municipality_id}[kind]
    for fmt in ("csv", "xlsx"):
        assert client.get(reverse("attendance:attendance_export", args=[kind, pk, fmt])).status_code == status


def test_jelgava_coordinator_cannot_export_valmiera(client, marked, jelgava):
    other = make_person("jelgavas.koordinators@example.lv", ["coordinator"], jelgava)
    client.force_login(other)
    url = reverse("attendance:attendance_export", args=["municipality", marked.group.municipality_id, "csv"])
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "persona,status", [("educator", 200), ("supervisor", 200), ("coordinator", 200), ("outsider", 404), ("mentor", 404)]
)
def test_person_export_is_for_oneself_and_those_who_manage_the_group(
    db, client, request, marked, member, persona, status
):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(reverse("attendance:attendance_export", args=["person", member.pk, "csv"]))
    assert response.status_code == status
    if status == 200:
        assert member.email in body(response).decode("utf-8-sig")


def test_sign_in_sheet_is_a_pdf_with_an_embedded_font_for_latvian(
    client, cycle, past_session, supervisor, valmiera_school
):
    person = make_person("ķēniņš.žūžiņa@example.lv", ["educator"], valmiera_school)
    person.first_name, person.last_name = "Ģirts", "Ķēniņš-Žūžiņa"
    person.save()
    seat(cycle, person)
    client.force_login(supervisor)
    response = client.get(reverse("attendance:signin_sheet", args=[past_session.pk]))
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert b"DejaVuSans" in response.content


@pytest.mark.parametrize(
    "persona,status", [("supervisor", 200), ("coordinator", 200), ("educator", 404), ("outsider", 404)]
)
def test_sign_in_sheet_per_role(db, client, request, past_session, member, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("attendance:signin_sheet", args=[past_session.pk])).status_code == status


def test_safe_cell_leaves_ordinary_text_and_numbers_alone():
    assert spreadsheets.safe_cell("Ilze") == "Ilze"
    assert spreadsheets.safe_cell(3) == 3
    assert spreadsheets.safe_cell("=1+1") == "'=1+1"
