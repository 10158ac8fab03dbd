"""Each role against each courses view: who gets the page, who gets 404 or is sent to sign in."""

import pytest

from courses.models import Cohort, Enrolment, LessonProgress, QuizAttempt, Reflection

pytestmark = pytest.mark.django_db

ROLES = ["mentor", "educator", "supervisor", "coordinator", "national_coordinator", "editor", "admin_user", "outsider"]


@pytest.fixture
def cohort(tree, valmiera) -> Cohort:
    return Cohort.objects.create(
        name="Kohorta", course=tree.course, municipality=valmiera, starts_on="2026-03-01", ends_on="2026-06-30"
    )


COORDINATOR_VIEWS = ["/learning/cohorts/", "cohort", "cohort/export.csv", "cohort/import/"]


def _url(path: str, cohort: Cohort) -> str:
    return (
        path.replace("cohort", f"/learning/cohorts/{cohort.pk}/", 1).replace("//", "/")
        if path.startswith("cohort")
        else path
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("path", COORDINATOR_VIEWS)
def test_coordinator_views_per_role(client, request, role, path, cohort):
    client.force_login(request.getfixturevalue(role))
    expected = 200 if role in {"coordinator", "national_coordinator", "admin_user"} else 404
    assert client.get(_url(path, cohort)).status_code == expected


@pytest.mark.parametrize("path", COORDINATOR_VIEWS + ["/learning/"])
def test_anonymous_visitors_are_sent_to_sign_in(client, path, cohort):
    response = client.get(_url(path, cohort))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ROLES)
def test_my_learning_opens_for_every_signed_in_person(client, request, role):
    client.force_login(request.getfixturevalue(role))
    assert client.get("/learning/").status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_course_overview_per_role(client, request, role, tree):
    client.force_login(request.getfixturevalue(role))
    assert client.get(tree.course.url).status_code == 200


@pytest.mark.parametrize("role", ROLES)
def test_lesson_per_role_without_enrolment(client, request, role, tree):
    client.force_login(request.getfixturevalue(role))
    expected = 200 if role in {"editor", "admin_user"} else 403
    assert client.get(tree.lesson(0).url).status_code == expected


@pytest.mark.parametrize("role", ROLES)
def test_lesson_actions_per_role_without_enrolment(client, request, role, tree):
    client.force_login(request.getfixturevalue(role))
    lesson = tree.lesson(0)
    for url in (
        f"/learning/lessons/{lesson.pk}/complete/",
        f"/learning/lessons/{lesson.pk}/quiz/quiz1/",
        f"/learning/lessons/{lesson.pk}/reflection/refl1/",
    ):
        response = client.post(url, {"token": "x", "text": "x"})
        # Editors may read the lesson but have no enrolment: the service refuses and nothing is recorded.
        assert response.status_code == (302 if role in {"editor", "admin_user"} else 404), url
    assert not LessonProgress.objects.exists()
    assert not QuizAttempt.objects.exists()
    assert not Reflection.objects.exists()
    assert not Enrolment.objects.exists()


@pytest.mark.parametrize("role", ROLES)
def test_cohort_reflections_are_for_the_trainer_only(client, request, role, cohort, mentor, tree, valmiera):
    from tests.factories import make_person

    trainer = make_person("treneris.kohortai@example.lv", ["mentor"], valmiera)
    cohort.trainer = trainer
    cohort.save()
    tree.course.reflections_visible_to_trainer = True
    tree.course.save()
    cohort.members.add(mentor)
    url = f"/learning/cohorts/{cohort.pk}/reflections/{mentor.pk}/"
    client.force_login(trainer)
    assert client.get(url).status_code == 200  # the trainer reads them: the rule admits someone
    client.force_login(request.getfixturevalue(role))
    assert client.get(url).status_code == 404


def test_dashboard_shows_my_learning_to_mentors_and_cohorts_to_coordinators(client, mentor, coordinator):
    client.force_login(mentor)
    body = client.get("/dashboard/").content.decode()
    assert "/learning/" in body and "/learning/cohorts/" not in body
    client.force_login(coordinator)
    assert "/learning/cohorts/" in client.get("/dashboard/").content.decode()
