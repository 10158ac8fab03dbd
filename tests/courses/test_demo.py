import io

import pytest
from django.core.management import call_command

from courses.demo import MENTORING, SAFETY
from courses.models import (
    Cohort,
    CoursePage,
    Enrolment,
    LessonPage,
    LessonProgress,
    ModulePage,
    QuizAttempt,
    Reflection,
)

pytestmark = pytest.mark.django_db

MENTOR = "mentor@demo.kopiena.lv"


def counts():
    return tuple(
        model.objects.count()
        for model in (CoursePage, ModulePage, LessonPage, Enrolment, LessonProgress, QuizAttempt, Reflection, Cohort)
    )


def course(spec: dict, language: str = "lv") -> CoursePage:
    return CoursePage.objects.get(locale__language_code=language, slug=spec["slug"][language])


def lessons_of(page: CoursePage):
    return LessonPage.objects.descendant_of(page).order_by("path")


def test_demo_programme_exists_in_two_languages_with_every_block_type(demo):
    mentoring = course(MENTORING["course"])
    assert mentoring.hours == 36
    assert lessons_of(mentoring).count() == 15
    english = course(MENTORING["course"], "en")
    assert english.translation_key == mentoring.translation_key
    assert lessons_of(english).count() == 15
    assert ModulePage.objects.descendant_of(english).count() == 5
    block_types = {b.block_type for lesson in lessons_of(english) for b in lesson.body}
    assert block_types == {"heading", "paragraph", "image", "video", "document", "callout", "reflection", "quiz"}
    assert sum(len(lesson.quizzes) for lesson in lessons_of(mentoring)) == 3


def test_demo_short_course_is_four_academic_hours_in_two_languages_with_a_quiz(demo):
    safety = course(SAFETY["course"])
    english = course(SAFETY["course"], "en")
    assert safety.title == "Konfidencialitāte un drošība darbā ar jauniešiem"
    assert english.title == "Confidentiality and safety in youth work"
    assert english.translation_key == safety.translation_key
    assert (safety.hours, safety.hour_unit, safety.academic_hour_minutes) == (4, "academic", 45)
    assert safety.completion_rule == course(MENTORING["course"]).completion_rule
    assert ModulePage.objects.descendant_of(safety).count() == 1
    for page in (safety, english):
        lessons = list(lessons_of(page).live())
        assert len(lessons) == 3
        assert sum(lesson.minutes for lesson in lessons) == 4 * 45
        assert [len(lesson.quizzes) for lesson in lessons] == [0, 0, 1]
    assert lessons_of(english)[2].quizzes[0].title == "Self-check: safety and confidentiality"


def test_seed_demo_twice_changes_no_course_data(demo):
    before = counts()
    completed_at = Enrolment.objects.get(user__email=MENTOR, completed_at__isnull=False).completed_at
    call_command("seed_demo", stdout=io.StringIO())
    assert counts() == before
    assert Enrolment.objects.get(user__email=MENTOR, completed_at__isnull=False).completed_at == completed_at


def test_demo_mentor_is_halfway_through_the_programme_and_has_completed_the_short_course(demo):
    mentoring, safety = course(MENTORING["course"]), course(SAFETY["course"])
    halfway = Enrolment.objects.get(user__email=MENTOR, course_key=mentoring.translation_key)
    assert halfway.completed_at is None
    done = LessonProgress.objects.filter(
        user__email=MENTOR, course_key=mentoring.translation_key, completed_at__isnull=False
    )
    assert done.count() == 7

    finished = Enrolment.objects.get(user__email=MENTOR, course_key=safety.translation_key)
    assert finished.completed_at is not None
    assert finished.completion_rule == "lessons/v1"
    assert finished.left_at is None
    progress = LessonProgress.objects.filter(user__email=MENTOR, course_key=safety.translation_key)
    assert sorted(progress.values_list("completed_how", flat=True)) == ["marked", "marked", "quiz"]
    assert all(row.completed_at for row in progress)
    (attempt,) = QuizAttempt.objects.filter(user__email=MENTOR, quiz_id="quiz-safety")
    assert attempt.passed and attempt.score == attempt.total == 3
    assert Reflection.objects.filter(user__email=MENTOR, block_id="k2-refl").exists()


def test_demo_mentor_is_halfway_and_blocked_from_a_locked_module(client, demo):
    from accounts.models import User

    mentor = User.objects.get(email=MENTOR)
    client.cookies.pop("kopiena_language")
    client.force_login(mentor)
    body = client.get("/learning/").content.decode()
    assert 'value="47"' in body
    assert 'value="100"' in body
    assert "Turpināt, kur palikāt" in body
    assert "Konfidencialitāte un drošība darbā ar jauniešiem" in body
    locked = lessons_of(course(MENTORING["course"]))[9]
    assert client.get(locked.url).status_code == 403
    client.cookies["kopiena_language"] = "en"
    english = lessons_of(course(MENTORING["course"], "en"))[7]
    assert client.get(english.url).status_code == 200
