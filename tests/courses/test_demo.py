import io

import pytest
from django.core.management import call_command

from courses.models import Cohort, CoursePage, Enrolment, LessonPage, LessonProgress, ModulePage, QuizAttempt

pytestmark = pytest.mark.django_db


def counts():
    return tuple(
        model.objects.count()
        for model in (CoursePage, ModulePage, LessonPage, Enrolment, LessonProgress, QuizAttempt, Cohort)
    )


@pytest.fixture
def demo(db):
    call_command("seed_demo", password="demo-password-1", stdout=io.StringIO())


def test_demo_programme_exists_in_two_languages_with_every_block_type(demo):
    assert CoursePage.objects.filter(locale__language_code="lv").get().hours == 36
    assert LessonPage.objects.filter(locale__language_code="lv").count() == 15
    assert LessonPage.objects.filter(locale__language_code="en").count() == 15
    assert ModulePage.objects.filter(locale__language_code="en").count() == 5
    block_types = {
        b.block_type for lesson in LessonPage.objects.filter(locale__language_code="en") for b in lesson.body
    }
    assert block_types == {"heading", "paragraph", "image", "video", "document", "tip", "reflection", "quiz"}
    assert sum(len(lesson.quizzes) for lesson in LessonPage.objects.filter(locale__language_code="lv")) == 3


def test_seed_demo_twice_changes_no_course_data(demo):
    before = counts()
    call_command("seed_demo", stdout=io.StringIO())
    assert counts() == before


def test_demo_mentor_is_halfway_and_blocked_from_a_locked_module(client, demo):
    from accounts.models import User

    mentor = User.objects.get(email="mentor@demo.kopiena.lv")
    client.cookies.pop("kopiena_language")
    client.force_login(mentor)
    body = client.get("/learning/").content.decode()
    assert 'value="47"' in body
    assert "Turpināt, kur palikāt" in body
    locked = LessonPage.objects.filter(locale__language_code="lv").order_by("path")[9]
    assert client.get(locked.url).status_code == 403
    client.cookies["kopiena_language"] = "en"
    english = LessonPage.objects.filter(locale__language_code="en").order_by("path")[7]
    assert client.get(english.url).status_code == 200
