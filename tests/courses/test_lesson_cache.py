"""The lesson body is rendered once per revision and language; what belongs to a person never is."""

import pytest
from django.utils import timezone

from courses.models import LessonProgress, Reflection
from tests.courses.conftest import enrol_directly, publish, translate
from tests.factories import make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_mentor(valmiera_school):
    return make_person("anna.otra@example.lv", ["mentor"], valmiera_school)


def _answer(person, lesson, text: str) -> None:
    Reflection.objects.create(user=person, lesson_key=lesson.translation_key, block_id="refl1", text=text)


def test_two_mentors_alternating_on_one_lesson_each_see_only_their_own_progress(client, mentor, second_mentor, tree):
    lesson = tree.lesson(0)
    for person in (mentor, second_mentor):
        enrol_directly(person, tree.course)
    _answer(mentor, lesson, "LĪGAS-ATBILDE")
    _answer(second_mentor, lesson, "ANNAS-ATBILDE")
    LessonProgress.objects.create(
        user=mentor,
        lesson_key=lesson.translation_key,
        course_key=tree.course.translation_key,
        opened_at=timezone.now(),
        completed_at=timezone.now(),
        completed_how="marked",
    )
    for _ in range(2):
        client.force_login(mentor)
        body = client.get(lesson.url).content.decode()
        assert "LESSON-CONTENT" in body
        assert "LĪGAS-ATBILDE" in body and "ANNAS-ATBILDE" not in body
        assert "You have completed this lesson." in body

        client.force_login(second_mentor)
        body = client.get(lesson.url).content.decode()
        assert "LESSON-CONTENT" in body
        assert "ANNAS-ATBILDE" in body and "LĪGAS-ATBILDE" not in body
        assert "You have completed this lesson." not in body


def test_a_published_edit_replaces_the_kept_body(client, enrolled, mentor, tree):
    lesson = tree.lesson(0)
    client.force_login(mentor)
    assert "LESSON-CONTENT" in client.get(lesson.url).content.decode()
    lesson.body = [{"type": "paragraph", "id": "p1", "value": "<p>NEW-CONTENT</p>"}]
    publish(lesson)
    body = client.get(lesson.url).content.decode()
    assert "NEW-CONTENT" in body and "LESSON-CONTENT" not in body


def test_each_language_keeps_its_own_body(client, enrolled, mentor, tree):
    lesson = tree.lesson(0)
    english = translate(lesson, body=[{"type": "paragraph", "id": "p1", "value": "<p>ENGLISH-CONTENT</p>"}])
    client.force_login(mentor)
    for _ in range(2):
        client.cookies["kopiena_language"] = "lv"
        body = client.get(lesson.url).content.decode()
        assert "LESSON-CONTENT" in body and "ENGLISH-CONTENT" not in body
        client.cookies["kopiena_language"] = "en"
        body = client.get(english.url).content.decode()
        assert "ENGLISH-CONTENT" in body and "LESSON-CONTENT" not in body


def test_an_unenrolled_person_after_a_kept_render_gets_the_access_page(client, enrolled, mentor, educator, tree):
    lesson = tree.lesson(0)
    client.force_login(mentor)
    assert "LESSON-CONTENT" in client.get(lesson.url).content.decode()
    client.force_login(educator)
    response = client.get(lesson.url)
    assert response.status_code == 403
    assert "LESSON-CONTENT" not in response.content.decode()
