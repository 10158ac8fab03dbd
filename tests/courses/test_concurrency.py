"""Parallel requests on PostgreSQL: one enrolment, one quiz attempt, however the clicks race."""

import threading
import uuid

import pytest
from django.db import connection

from courses.models import Enrolment, LessonProgress, QuizAttempt
from courses.services import CourseError, enrol, submit_quiz
from tests.courses.conftest import build_course

# The django_db marker here (not only conftest's) lets pytest-django run these after the rolled-back tests.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _race(target, count: int = 2) -> list:
    results: list = []
    barrier = threading.Barrier(count)

    def run():
        try:
            barrier.wait()
            results.append(target())
        except CourseError as error:
            results.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return results


def test_two_parallel_self_enrolments_make_one(postgres, mentor):
    tree = build_course(slug="paralels")
    results = _race(lambda: enrol(mentor, tree.course, by=mentor, source=Enrolment.Source.SELF))
    assert Enrolment.objects.filter(user=mentor).count() == 1
    assert "already_enrolled" in results


def test_a_double_submitted_quiz_is_one_attempt(postgres, mentor):
    from django.utils import timezone

    tree = build_course(slug="tests-paralels", quiz_lessons=(0,))
    Enrolment.objects.create(user=mentor, course=tree.course, course_key=tree.course.translation_key, source="self")
    lesson = tree.lesson(0)
    LessonProgress.objects.create(
        user=mentor, lesson_key=lesson.translation_key, course_key=tree.course.translation_key, opened_at=timezone.now()
    )
    token = str(uuid.uuid4())
    answers = {"q1": ["0"], "q2": ["false"]}
    _race(lambda: submit_quiz(mentor, lesson, "quiz1", answers, token))
    assert QuizAttempt.objects.filter(user=mentor).count() == 1
    assert LessonProgress.objects.get(user=mentor).completed_at is not None
