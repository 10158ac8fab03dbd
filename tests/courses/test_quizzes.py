import uuid

import pytest

from courses.blocks import Option, Question, Quiz, QuizInputError, grade_quiz
from courses.models import LessonProgress, QuizAttempt

QUIZ = Quiz(
    id="quiz",
    title="T",
    pass_mark=66,
    questions=(
        Question("a", "single", "A?", (Option("0", "yes", True, "fa0"), Option("1", "no", False, "fa1"))),
        Question(
            "b",
            "multiple",
            "B?",
            (Option("0", "x", True, ""), Option("1", "y", True, ""), Option("2", "z", False, "")),
        ),
        Question("c", "true_false", "C.", (Option("true", "True", False, "ft"), Option("false", "False", True, "ff"))),
    ),
)


def test_grading_needs_exactly_the_correct_choices_and_applies_the_pass_mark():
    graded = grade_quiz(QUIZ, {"a": ["0"], "b": ["0", "1"], "c": ["false"]})
    assert (graded.score, graded.passed) == (3, True)
    graded = grade_quiz(QUIZ, {"a": ["0"], "b": ["0"], "c": ["true"]})
    assert (graded.score, graded.passed) == (1, False)
    assert graded.results[0]["chosen"][0]["feedback"] == "fa0"
    assert grade_quiz(QUIZ, {"a": ["0"], "b": ["0", "1"], "c": ["true"]}).passed is True  # 2 of 3 ≥ 66 %


@pytest.mark.parametrize(
    ("answers", "code"),
    [
        ({"a": ["0"], "b": ["0"], "c": ["true"], "zzz": ["0"]}, "unknown_question"),
        ({"a": ["7"], "b": ["0"], "c": ["true"]}, "unknown_answer"),
        ({"a": ["0", "1"], "b": ["0"], "c": ["true"]}, "too_many_answers"),
        ({"a": ["0"], "b": ["0"]}, "unanswered"),
    ],
)
def test_bad_submissions_are_refused_with_a_code(answers, code):
    with pytest.raises(QuizInputError) as error:
        grade_quiz(QUIZ, answers)
    assert error.value.code == code


def _open(client, mentor, tree):
    client.force_login(mentor)
    return client.get(tree.lesson(1).url).content.decode()


def _token(html: str) -> str:
    marker = 'name="token" value="'
    start = html.index(marker) + len(marker)
    return html[start : start + 36]


@pytest.mark.django_db
def test_correct_answers_never_reach_the_browser_before_submitting(client, mentor, enrolled, tree):
    html = _open(client, mentor, tree)
    assert "Uzticams pieaugušais" in html
    for secret in ("FEEDBACK-RIGHT", "FEEDBACK-WRONG", "NĒ-TF", "JĀ-TF", "correct"):
        assert secret not in html


@pytest.mark.django_db
def test_passing_the_quiz_completes_the_lesson_with_feedback(client, mentor, enrolled, tree):
    token = _token(_open(client, mentor, tree))
    response = client.post(
        f"/learning/lessons/{tree.lesson(1).pk}/quiz/quiz1/",
        {"token": token, "q-q1": "0", "q-q2": "false"},
        follow=True,
    )
    body = response.content.decode()
    assert "FEEDBACK-RIGHT" in body and "JĀ-TF" in body
    assert LessonProgress.objects.get(lesson_key=tree.lesson(1).translation_key).completed_how == "quiz"


@pytest.mark.django_db
def test_a_failed_attempt_is_kept_and_the_lesson_stays_open(client, mentor, enrolled, tree):
    token = _token(_open(client, mentor, tree))
    body = client.post(
        f"/learning/lessons/{tree.lesson(1).pk}/quiz/quiz1/", {"token": token, "q-q1": "1", "q-q2": "true"}, follow=True
    ).content.decode()
    assert "FEEDBACK-WRONG" in body
    attempt = QuizAttempt.objects.get()
    assert (attempt.score, attempt.passed) == (0, False)
    assert LessonProgress.objects.get().completed_at is None


@pytest.mark.django_db
def test_every_attempt_is_kept(client, mentor, enrolled, tree):
    for answer, statement in (("1", "true"), ("0", "false")):
        token = _token(_open(client, mentor, tree))
        client.post(
            f"/learning/lessons/{tree.lesson(1).pk}/quiz/quiz1/", {"token": token, "q-q1": answer, "q-q2": statement}
        )
    assert list(QuizAttempt.objects.order_by("pk").values_list("passed", flat=True)) == [False, True]


@pytest.mark.django_db
def test_a_double_submit_records_one_attempt(client, mentor, enrolled, tree):
    token = _token(_open(client, mentor, tree))
    data = {"token": token, "q-q1": "0", "q-q2": "false"}
    client.post(f"/learning/lessons/{tree.lesson(1).pk}/quiz/quiz1/", data)
    response = client.post(f"/learning/lessons/{tree.lesson(1).pk}/quiz/quiz1/", data, follow=True)
    assert QuizAttempt.objects.count() == 1
    assert "already submitted" in response.content.decode()


@pytest.mark.django_db
def test_answers_to_questions_not_in_the_quiz_save_nothing(client, mentor, enrolled, tree):
    token = _token(_open(client, mentor, tree))
    response = client.post(
        f"/learning/lessons/{tree.lesson(1).pk}/quiz/quiz1/",
        {"token": token, "q-q1": "0", "q-q2": "false", "q-other": "1"},
        follow=True,
    )
    assert "do not match" in response.content.decode()
    assert not QuizAttempt.objects.exists()


@pytest.mark.django_db
def test_an_unanswered_question_saves_nothing(client, mentor, enrolled, tree):
    token = _token(_open(client, mentor, tree))
    response = client.post(
        f"/learning/lessons/{tree.lesson(1).pk}/quiz/quiz1/", {"token": token, "q-q1": "0"}, follow=True
    )
    assert "Answer every question" in response.content.decode()
    assert not QuizAttempt.objects.exists()


@pytest.mark.django_db
def test_a_quiz_before_opening_the_lesson_or_with_a_bad_token_is_refused(client, mentor, enrolled, tree):
    from courses.services import CourseError, submit_quiz

    with pytest.raises(CourseError) as error:
        submit_quiz(mentor, tree.lesson(1), "quiz1", {"q1": ["0"], "q2": ["false"]}, str(uuid.uuid4()))
    assert error.value.code == "not_opened"
    with pytest.raises(CourseError) as error:
        submit_quiz(mentor, tree.lesson(1), "quiz1", {}, "not-a-token")
    assert error.value.code == "bad_token"


@pytest.mark.django_db
def test_someone_not_enrolled_cannot_submit_a_quiz(client, outsider, tree):
    client.force_login(outsider)
    response = client.post(f"/learning/lessons/{tree.lesson(1).pk}/quiz/quiz1/", {"token": str(uuid.uuid4())})
    assert response.status_code == 404
    assert not QuizAttempt.objects.exists()


@pytest.mark.django_db
def test_a_refused_submission_keeps_what_was_ticked(client, mentor, enrolled, tree):
    token = _token(_open(client, mentor, tree))
    response = client.post(
        f"/learning/lessons/{tree.lesson(1).pk}/quiz/quiz1/", {"token": token, "q-q1": "1"}, follow=True
    )
    body = response.content.decode()
    assert 'id="q-q1-1" name="q-q1" value="1" checked' in body
    assert 'id="q-q1-0" name="q-q1" value="0" checked' not in body
    again = client.get(tree.lesson(1).url).content.decode()
    assert "checked" not in again
