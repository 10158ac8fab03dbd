import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from courses.models import Cohort, Enrolment, LessonProgress
from tests.factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def cohort(tree, valmiera, coordinator) -> Cohort:
    return Cohort.objects.create(
        name="Valmieras mentori",
        course=tree.course,
        municipality=valmiera,
        starts_on="2026-03-01",
        ends_on="2026-06-30",
        created_by=coordinator,
    )


@pytest.fixture
def jelgava_cohort(tree, jelgava) -> Cohort:
    return Cohort.objects.create(
        name="Jelgavas mentori", course=tree.course, municipality=jelgava, starts_on="2026-03-01", ends_on="2026-06-30"
    )


def test_coordinator_creates_a_cohort_in_their_municipality(client, coordinator, tree, valmiera):
    client.force_login(coordinator)
    response = client.post(
        "/learning/cohorts/",
        {
            "name": "Pavasaris",
            "course": tree.course.pk,
            "municipality": valmiera.pk,
            "starts_on": "2026-03-01",
            "ends_on": "2026-05-01",
        },
    )
    assert response.status_code == 302
    assert Cohort.objects.get().name == "Pavasaris"


def test_coordinator_cannot_create_a_cohort_in_another_municipality(client, coordinator, tree, jelgava):
    client.force_login(coordinator)
    response = client.post(
        "/learning/cohorts/",
        {
            "name": "X",
            "course": tree.course.pk,
            "municipality": jelgava.pk,
            "starts_on": "2026-03-01",
            "ends_on": "2026-05-01",
        },
    )
    assert response.status_code == 200
    assert not Cohort.objects.exists()


def test_a_cohort_cannot_end_before_it_starts(client, coordinator, tree, valmiera):
    client.force_login(coordinator)
    response = client.post(
        "/learning/cohorts/",
        {
            "name": "X",
            "course": tree.course.pk,
            "municipality": valmiera.pk,
            "starts_on": "2026-05-01",
            "ends_on": "2026-03-01",
        },
    )
    assert "cannot end before" in response.content.decode()
    assert not Cohort.objects.exists()


def test_coordinator_sees_only_cohorts_of_their_municipality(client, coordinator, cohort, jelgava_cohort):
    client.force_login(coordinator)
    body = client.get("/learning/cohorts/").content.decode()
    assert "Valmieras mentori" in body and "Jelgavas mentori" not in body
    assert client.get(f"/learning/cohorts/{jelgava_cohort.pk}/").status_code == 404
    assert client.get(f"/learning/cohorts/{jelgava_cohort.pk}/export.csv").status_code == 404


def test_national_coordinator_sees_every_cohort(client, national_coordinator, cohort, jelgava_cohort):
    client.force_login(national_coordinator)
    body = client.get("/learning/cohorts/").content.decode()
    assert "Valmieras mentori" in body and "Jelgavas mentori" in body


def test_adding_a_member_enrols_them(client, coordinator, mentor, cohort):
    client.force_login(coordinator)
    response = client.post(f"/learning/cohorts/{cohort.pk}/", {"email": mentor.email})
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(user=mentor)
    assert enrolment.cohort == cohort and enrolment.source == "cohort"
    assert mentor in cohort.members.all()


def test_a_person_outside_the_municipality_cannot_be_added(client, coordinator, outsider, cohort):
    client.force_login(coordinator)
    response = client.post(f"/learning/cohorts/{cohort.pk}/", {"email": outsider.email})
    assert response.status_code == 200
    assert not Enrolment.objects.exists()


def _csv(rows: list[list[str]], delimiter=",") -> SimpleUploadedFile:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter).writerows([["email", "name", "organisation"], *rows])
    return SimpleUploadedFile("people.csv", buffer.getvalue().encode("utf-8"), content_type="text/csv")


def test_csv_preview_lists_every_problem_and_saves_nothing(client, coordinator, mentor, outsider, cohort):
    client.force_login(coordinator)
    upload = _csv(
        [
            ["not-an-email", "A", ""],
            [mentor.email, "Līga", "Valmieras pamatskola"],
            [mentor.email, "Līga", ""],
            ["nobody@example.lv", "Nav", ""],
            [outsider.email, "C", ""],
            [mentor.email.upper(), "L", "Nezināma skola"],
        ]
    )
    body = client.post(f"/learning/cohorts/{cohort.pk}/import/", {"file": upload}).content.decode()
    assert "is not a valid email address" in body
    assert "Same email as row 3" in body
    assert "Nobody has an account" in body
    assert "outside the municipalities" in body
    assert 'name="confirm"' not in body
    assert not Enrolment.objects.exists()


def test_csv_with_unknown_organisation_is_refused(client, coordinator, mentor, cohort):
    client.force_login(coordinator)
    body = client.post(
        f"/learning/cohorts/{cohort.pk}/import/", {"file": _csv([[mentor.email, "L", "Nezināma skola"]])}
    ).content.decode()
    assert "Unknown organisation" in body
    assert not Enrolment.objects.exists()


def test_csv_enrolment_after_confirming(client, coordinator, mentor, educator, cohort):
    client.force_login(coordinator)
    body = client.post(
        f"/learning/cohorts/{cohort.pk}/import/",
        {"file": _csv([[mentor.email, "Līga", "Valmieras pamatskola"], [educator.email, "Jānis", ""]], ";")},
    ).content.decode()
    assert 'name="confirm"' in body
    assert not Enrolment.objects.exists()
    response = client.post(f"/learning/cohorts/{cohort.pk}/import/", {"confirm": "1"})
    assert response.status_code == 302
    assert set(Enrolment.objects.values_list("user__email", "source")) == {
        (mentor.email, "csv"),
        (educator.email, "csv"),
    }


def test_confirming_without_a_preview_saves_nothing(client, coordinator, cohort):
    client.force_login(coordinator)
    response = client.post(f"/learning/cohorts/{cohort.pk}/import/", {"confirm": "1"}, follow=True)
    assert "expired" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_cohort_progress_export_is_formula_safe(client, coordinator, valmiera_school, cohort, tree):
    from courses.services import add_to_cohort

    sly = make_person("sly@example.lv", ["mentor"], valmiera_school)
    sly.first_name = '=HYPERLINK("http://x")'
    sly.save()
    add_to_cohort(cohort, [sly], by=coordinator)
    from django.utils import timezone

    LessonProgress.objects.create(
        user=sly,
        lesson_key=tree.lesson(0).translation_key,
        course_key=tree.course.translation_key,
        opened_at=timezone.now(),
        completed_at=timezone.now(),
    )
    client.force_login(coordinator)
    response = client.get(f"/learning/cohorts/{cohort.pk}/export.csv")
    assert response["Content-Type"].startswith("text/csv")
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows[1][0].startswith("'=HYPERLINK")
    assert rows[1][3:6] == ["1", "4", "25"]


def test_cohort_view_shows_progress_and_last_activity(client, coordinator, mentor, cohort, tree):
    from courses.services import add_to_cohort

    add_to_cohort(cohort, [mentor], by=coordinator)
    client.force_login(mentor)
    client.get(tree.lesson(0).url)
    client.post(f"/learning/lessons/{tree.lesson(0).pk}/complete/")
    client.force_login(coordinator)
    body = client.get(f"/learning/cohorts/{cohort.pk}/").content.decode()
    assert 'value="25"' in body
    assert "1/4" in body


def test_trainer_reads_reflections_only_when_the_course_allows(client, coordinator, mentor, supervisor, cohort, tree):
    from courses.services import add_to_cohort

    add_to_cohort(cohort, [mentor], by=coordinator)
    cohort.trainer = supervisor
    cohort.save()
    client.force_login(mentor)
    client.get(tree.lesson(0).url)
    client.post(f"/learning/lessons/{tree.lesson(0).pk}/reflection/refl1/", {"text": "DOMAS"})
    url = f"/learning/cohorts/{cohort.pk}/reflections/{mentor.pk}/"
    client.force_login(supervisor)
    assert client.get(url).status_code == 404
    course = tree.course
    course.reflections_visible_to_trainer = True
    course.save_revision().publish()
    assert "DOMAS" in client.get(url).content.decode()
    client.force_login(coordinator)
    assert client.get(url).status_code == 404


def test_csv_preview_of_a_file_with_only_an_email_column_lists_the_problems(client, coordinator, cohort):
    client.force_login(coordinator)
    upload = SimpleUploadedFile("people.csv", b"email\nnobody@example.lv\n", content_type="text/csv")
    response = client.post(f"/learning/cohorts/{cohort.pk}/import/", {"file": upload})
    assert response.status_code == 200
    assert "Nobody has an account" in response.content.decode()
    assert not Enrolment.objects.exists()
