"""Cached routes and sites: the same pages, answers and access checks as Wagtail's own routing."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.courses.conftest import build_course, enrol_directly, publish

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(db):
    return build_course(modules=1, lessons_per_module=2, slug="marsruts")


def _get(client, url):
    client.get(url)  # Wagtail works the route out, and it is kept
    client.get(url)  # the page is read by id, and this fresh copy is kept in the route
    return client.get(url)


def _sql(client, url) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [q["sql"] for q in captured.captured_queries]


def test_a_cached_route_reads_the_page_once_then_neither_page_nor_site_but_checks_access_each_time(
    client, mentor, tree
):
    enrol_directly(mentor, tree.course)
    client.force_login(mentor)
    lesson = tree.lesson(0)
    client.get(lesson.url)
    by_id = f'"courses_lessonpage"."page_ptr_id" = {lesson.pk}'
    for sql, page_reads in (
        (_sql(client, lesson.url), 1),
        (_sql(client, lesson.url), 0),
        (_sql(client, lesson.url), 0),
    ):
        assert not [q for q in sql if 'FROM "wagtailcore_site"' in q]
        assert not [q for q in sql if '"wagtailcore_page"."slug" =' in q]  # no walk down the tree by slug
        assert len([q for q in sql if by_id in q and "NOT (" not in q]) == page_reads
        assert [q for q in sql if 'FROM "courses_enrolment"' in q]  # the person's access, read every time


def test_an_edit_is_shown_right_after_it_is_published(client, mentor, tree):
    enrol_directly(mentor, tree.course)
    client.force_login(mentor)
    lesson = tree.lesson(0)
    assert b"LESSON-CONTENT" in _get(client, lesson.url).content
    lesson.title = "Jauns virsraksts"
    lesson.body = [{"type": "paragraph", "id": "p1", "value": "<p>EDITED-CONTENT</p>"}]
    publish(lesson)
    response = client.get(lesson.url)
    assert b"EDITED-CONTENT" in response.content
    assert b"LESSON-CONTENT" not in response.content
    assert "Jauns virsraksts" in response.content.decode()


def test_an_unpublished_page_is_not_found_after_its_route_was_cached(client, tree):
    course = tree.course
    assert _get(client, course.url).status_code == 200
    course.unpublish()
    assert client.get(course.url).status_code == 404


def test_a_page_whose_slug_changed_answers_only_at_its_new_address(client, tree):
    course = tree.course
    old_url = course.url
    assert _get(client, old_url).status_code == 200
    course.slug = "jauns-marsruts"
    publish(course)
    assert client.get(old_url).status_code == 404
    assert client.get(course.url).status_code == 200


def test_an_unenrolled_person_gets_the_access_page_after_an_enrolled_one_was_served(client, mentor, educator, tree):
    enrol_directly(mentor, tree.course)
    lesson = tree.lesson(0)
    client.force_login(mentor)
    assert b"LESSON-CONTENT" in _get(client, lesson.url).content
    client.force_login(educator)
    response = client.get(lesson.url)
    assert response.status_code == 403
    assert b"LESSON-CONTENT" not in response.content
    client.logout()
    response = client.get(lesson.url)
    assert response.status_code == 403
    assert b"LESSON-CONTENT" not in response.content
