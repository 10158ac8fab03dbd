import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.courses.conftest import build_course, enrol_directly

pytestmark = pytest.mark.django_db


def _queries_for_lesson_page(client, user, lessons: int, slug: str) -> int:
    tree = build_course(modules=5, lessons_per_module=lessons // 5, quiz_lessons=(0,), slug=slug)
    enrol_directly(user, tree.course)
    lesson = tree.lesson(0)
    client.force_login(user)
    assert client.get(lesson.url).status_code == 200  # first visit records the opening
    cache.clear()  # the footer's site links are cached; both measurements start cold
    with CaptureQueriesContext(connection) as captured:
        assert client.get(lesson.url).status_code == 200
    return len(captured)


def test_a_lesson_page_costs_the_same_queries_with_5_or_50_lessons(client, mentor):
    small = _queries_for_lesson_page(client, mentor, 5, "mazs")
    large = _queries_for_lesson_page(client, mentor, 50, "liels")
    assert small == large


def test_course_overview_costs_the_same_queries_with_5_or_50_lessons(client, mentor):
    counts = []
    for lessons, slug in ((5, "a"), (50, "b")):
        tree = build_course(modules=5, lessons_per_module=lessons // 5, slug=slug)
        enrol_directly(mentor, tree.course)
        client.force_login(mentor)
        client.get(tree.course.url)
        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            client.get(tree.course.url)
        counts.append(len(captured))
    assert counts[0] == counts[1]
