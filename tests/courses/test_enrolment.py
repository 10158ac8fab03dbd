from datetime import date, timedelta

import pytest
from django.utils import timezone

from courses.models import Enrolment, LessonProgress
from courses.services import CourseError, enrol, leave
from tests.courses.conftest import build_course

pytestmark = pytest.mark.django_db


def test_mentor_enrols_themselves_by_post_within_the_window(client, mentor, tree):
    client.force_login(mentor)
    response = client.post(f"/learning/courses/{tree.course.pk}/enrol/")
    assert response.status_code == 302
    assert Enrolment.objects.active().for_course(tree.course).filter(user=mentor).exists()


def test_enrolling_by_get_is_refused(client, mentor, tree):
    client.force_login(mentor)
    assert client.get(f"/learning/courses/{tree.course.pk}/enrol/").status_code == 405
    assert not Enrolment.objects.exists()


def test_anonymous_visitor_cannot_enrol(client, tree):
    response = client.post(f"/learning/courses/{tree.course.pk}/enrol/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Enrolment.objects.exists()


def test_enrolment_outside_the_window_is_refused_with_a_message(client, mentor, db):
    closed = build_course(slug="slegts", enrolment_closes=timezone.localdate() - timedelta(days=1))
    client.force_login(mentor)
    response = client.post(f"/learning/courses/{closed.course.pk}/enrol/", follow=True)
    assert "not open now" in response.content.decode()
    assert not Enrolment.objects.exists()


def test_enrolment_before_the_window_opens_is_refused(mentor, db):
    later = build_course(slug="velak", enrolment_opens=date.today() + timedelta(days=5))
    with pytest.raises(CourseError) as error:
        enrol(mentor, later.course, by=mentor, source=Enrolment.Source.SELF)
    assert error.value.code == "enrolment_closed"


def test_course_without_self_enrolment_refuses_it(mentor, db):
    course = build_course(slug="bez", self_enrolment=False).course
    with pytest.raises(CourseError) as error:
        enrol(mentor, course, by=mentor, source=Enrolment.Source.SELF)
    assert error.value.code == "enrolment_closed"


def test_enrolling_twice_is_refused(mentor, enrolled, tree):
    with pytest.raises(CourseError) as error:
        enrol(mentor, tree.course, by=mentor, source=Enrolment.Source.SELF)
    assert error.value.code == "already_enrolled"


def test_coordinator_enrols_a_person_of_their_municipality_only(coordinator, mentor, outsider, tree):
    enrol(mentor, tree.course, by=coordinator, source=Enrolment.Source.COORDINATOR)
    with pytest.raises(CourseError) as error:
        enrol(outsider, tree.course, by=coordinator, source=Enrolment.Source.COORDINATOR)
    assert error.value.code == "not_allowed"


def test_leaving_keeps_the_enrolment_and_progress_and_allows_return(client, mentor, enrolled, tree):
    client.force_login(mentor)
    client.get(tree.lesson(0).url)
    response = client.post(f"/learning/courses/{tree.course.pk}/leave/")
    assert response.status_code == 302
    enrolled.refresh_from_db()
    assert enrolled.left_at is not None
    assert LessonProgress.objects.filter(user=mentor).count() == 1
    page = client.get("/learning/").content.decode()
    assert tree.course.title in page
    again = enrol(mentor, tree.course, by=mentor, source=Enrolment.Source.SELF)
    assert again.pk != enrolled.pk
    assert Enrolment.objects.filter(user=mentor).count() == 2


def test_leaving_twice_is_refused(mentor, enrolled):
    leave(enrolled, by=mentor)
    with pytest.raises(CourseError) as error:
        leave(enrolled, by=mentor)
    assert error.value.code == "already_left"


def test_course_page_offers_enrolment_or_explains_who_enrols(client, mentor, db):
    open_course = build_course(slug="atverts")
    closed_course = build_course(slug="slegts2", self_enrolment=False)
    client.force_login(mentor)
    assert f"/learning/courses/{open_course.course.pk}/enrol/" in client.get(open_course.course.url).content.decode()
    body = client.get(closed_course.course.url).content.decode()
    assert "/enrol/" not in body
    assert "coordinator" in body
