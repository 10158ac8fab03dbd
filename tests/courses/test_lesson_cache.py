"""The lesson body is rendered once per revision and language; what belongs to a person never is."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from courses.models import Reflection
from tests.courses.conftest import enrol_directly, mark_done, publish, translate
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
    mark_done(mentor, lesson, tree.course)
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


class _OutlineRows(HTMLParser):
    """(lesson title, status) for each lesson of the outline, in order: the status is the row's class."""

    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self.in_row = False

    def handle_starttag(self, tag, attrs):
        classes = dict(attrs).get("class") or ""
        if tag == "li" and classes.startswith("lesson-"):
            self.rows.append(["", classes.removeprefix("lesson-")])
            self.in_row = True

    def handle_endtag(self, tag):
        if tag == "li":
            self.in_row = False

    def handle_data(self, data):
        text = data.strip()
        if self.in_row and text and not self.rows[-1][0]:
            self.rows[-1][0] = text


def _outline(body: str) -> dict[str, str]:
    parser = _OutlineRows()
    parser.feed(body)
    return dict(parser.rows)


def test_the_outline_shows_each_mentor_their_own_progress_when_they_alternate(client, mentor, second_mentor, tree):
    """The outline's HTML is kept by what it shows: one person's step forward never shows on another's page."""
    lesson, done = tree.lesson(1), tree.lesson(0)
    for person in (mentor, second_mentor):
        enrol_directly(person, tree.course)
    mark_done(mentor, done, tree.course)
    for page in (lesson, tree.course):
        for _ in range(2):
            client.force_login(mentor)
            mine = _outline(client.get(page.url).content.decode())
            client.force_login(second_mentor)
            theirs = _outline(client.get(page.url).content.decode())
            assert mine[done.title] == "done"
            assert theirs[done.title] != "done"


def test_completing_a_lesson_shows_in_the_outline_at_once(client, enrolled, mentor, tree):
    lesson = tree.lesson(0)
    client.force_login(mentor)
    assert _outline(client.get(tree.course.url).content.decode())[lesson.title] == "new"
    assert _outline(client.get(lesson.url).content.decode())[lesson.title] == "opened"
    assert client.post(reverse("lesson_complete", args=[lesson.pk])).status_code == 302
    assert _outline(client.get(lesson.url).content.decode())[lesson.title] == "done"
    assert _outline(client.get(tree.course.url).content.decode())[lesson.title] == "done"


def test_a_published_title_shows_in_the_kept_outline(client, enrolled, mentor, tree):
    lesson, other = tree.lesson(0), tree.lesson(1)
    client.force_login(mentor)
    assert other.title in _outline(client.get(lesson.url).content.decode())
    other.title = "JAUNS-NOSAUKUMS"
    publish(other)
    titles = _outline(client.get(lesson.url).content.decode())
    assert "JAUNS-NOSAUKUMS" in titles


def test_each_language_keeps_its_own_outline(client, enrolled, mentor, tree):
    client.force_login(mentor)
    for _ in range(2):
        client.cookies["kopiena_language"] = "lv"
        body = client.get(tree.course.url).content.decode()
        assert "(nav sākta)" in body and "(not started)" not in body
        client.cookies["kopiena_language"] = "en"
        body = client.get(tree.course.url).content.decode()
        assert "(not started)" in body and "(nav sākta)" not in body
