import pytest
from django.utils import timezone

from courses.models import Enrolment, LessonProgress
from courses.services import CourseError, complete_lesson, evaluate_completion
from tests.courses.conftest import build_course, enrol_directly, publish, translate

pytestmark = pytest.mark.django_db


def test_a_lesson_cannot_be_marked_done_before_it_was_opened(client, mentor, enrolled, tree):
    client.force_login(mentor)
    response = client.post(f"/learning/lessons/{tree.lesson(0).pk}/complete/", follow=True)
    assert "Open and read the lesson" in response.content.decode()
    assert not LessonProgress.objects.filter(completed_at__isnull=False).exists()


def test_opening_then_marking_done_completes_the_lesson_and_moves_on(client, mentor, enrolled, tree):
    client.force_login(mentor)
    client.get(tree.lesson(0).url)
    response = client.post(f"/learning/lessons/{tree.lesson(0).pk}/complete/")
    assert response["Location"] == tree.lesson(1).url
    progress = LessonProgress.objects.get(user=mentor, lesson_key=tree.lesson(0).translation_key)
    assert progress.completed_at is not None
    assert progress.completed_how == "marked"


def test_a_quiz_lesson_is_not_completed_by_marking_it(client, mentor, enrolled, tree):
    client.force_login(mentor)
    client.get(tree.lesson(1).url)
    with pytest.raises(CourseError) as error:
        complete_lesson(mentor, tree.lesson(1))
    assert error.value.code == "quiz_required"


def test_someone_not_enrolled_cannot_complete_a_lesson(client, outsider, tree):
    client.force_login(outsider)
    assert client.post(f"/learning/lessons/{tree.lesson(0).pk}/complete/").status_code == 404
    with pytest.raises(CourseError):
        complete_lesson(outsider, tree.lesson(0))


def test_finishing_the_latvian_lesson_completes_the_english_one(client, mentor, enrolled, tree):
    english = translate(tree.lesson(0), title="Lesson 1", body=tree.lesson(0).body.raw_data)
    client.force_login(mentor)
    client.get(tree.lesson(0).url)
    client.post(f"/learning/lessons/{tree.lesson(0).pk}/complete/")
    client.cookies["kopiena_language"] = "en"
    body = client.get(english.url).content.decode()
    assert "You have completed this lesson." in body


def _finish(user, lessons, course):
    from django.utils import timezone

    for lesson in lessons:
        LessonProgress.objects.update_or_create(
            user=user,
            lesson_key=lesson.translation_key,
            defaults={
                "course_key": course.translation_key,
                "opened_at": timezone.now(),
                "completed_at": timezone.now(),
            },
        )


def test_course_completes_when_every_required_lesson_is_done_and_records_the_rule(mentor, db):
    tree = build_course(slug="pilns")
    enrolment = enrol_directly(mentor, tree.course)
    _finish(mentor, tree.lessons[:-1], tree.course)
    assert evaluate_completion(enrolment) is False
    _finish(mentor, tree.lessons[-1:], tree.course)
    assert evaluate_completion(enrolment) is True
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert enrolment.completion_rule == "lessons/v1"


def test_optional_lessons_are_not_needed_for_completion(mentor, db):
    tree = build_course(slug="izvele")
    optional = tree.lesson(3)
    optional.required = False
    publish(optional)
    enrolment = enrol_directly(mentor, tree.course)
    _finish(mentor, tree.lessons[:3], tree.course)
    assert evaluate_completion(enrolment) is True


def test_completion_is_forward_only_when_the_course_grows(mentor, db):
    from courses.models import LessonPage
    from tests.courses.conftest import lesson_body

    tree = build_course(slug="aug")
    enrolment = enrol_directly(mentor, tree.course)
    _finish(mentor, tree.lessons, tree.course)
    evaluate_completion(enrolment)
    new_lesson = LessonPage(title="Jauna", slug="jauna", locale=tree.course.locale, body=lesson_body())
    tree.modules[0].add_child(instance=new_lesson)
    publish(new_lesson)
    assert evaluate_completion(enrolment) is True
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None


def test_completing_the_last_lesson_through_the_site_completes_the_course(client, mentor, db):
    tree = build_course(slug="viens", modules=1, lessons_per_module=1)
    enrolment = enrol_directly(mentor, tree.course)
    client.force_login(mentor)
    client.get(tree.lesson(0).url)
    client.post(f"/learning/lessons/{tree.lesson(0).pk}/complete/")
    enrolment.refresh_from_db()
    assert enrolment.completed_at is not None
    assert "You completed this course" in client.get(tree.course.url).content.decode()


def test_progress_rises_on_my_learning_with_continue_link(client, mentor, enrolled, tree):
    client.force_login(mentor)
    before = client.get("/learning/").content.decode()
    assert 'value="0"' in before
    client.get(tree.lesson(0).url)
    client.post(f"/learning/lessons/{tree.lesson(0).pk}/complete/")
    after = client.get("/learning/").content.decode()
    assert 'value="25"' in after  # 1 of 4 lessons
    assert tree.lesson(1).url in after


def test_reflection_is_saved_and_shown_only_to_its_author(client, mentor, enrolled, tree, editor):
    client.force_login(mentor)
    client.get(tree.lesson(0).url)
    client.post(f"/learning/lessons/{tree.lesson(0).pk}/reflection/refl1/", {"text": "MANA-ATBILDE"})
    assert "MANA-ATBILDE" in client.get(tree.lesson(0).url).content.decode()
    client.force_login(editor)
    assert "MANA-ATBILDE" not in client.get(tree.lesson(0).url).content.decode()


def test_reflection_for_an_unknown_prompt_is_refused(client, mentor, enrolled, tree):
    from courses.models import Reflection

    client.force_login(mentor)
    response = client.post(f"/learning/lessons/{tree.lesson(0).pk}/reflection/nav/", {"text": "x"}, follow=True)
    assert "not in the lesson" in response.content.decode()
    assert not Reflection.objects.exists()


def test_enrolment_rows_are_unique_while_active(mentor, enrolled, tree):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Enrolment.objects.create(user=mentor, course=tree.course, course_key=tree.course.translation_key, source="self")


def test_a_module_of_optional_lessons_only_reads_the_same_on_every_page(client, mentor, coordinator, valmiera, db):
    """Completion, the mentor's bar, My learning and the cohort view apply one rule of required lessons."""
    from courses.models import Cohort
    from courses.progress import outline

    tree = build_course(slug="neobligats")
    for lesson in tree.lessons[2:]:  # module 2: optional lessons only
        lesson.required = False
        publish(lesson)
    enrolment = enrol_directly(mentor, tree.course)
    today = timezone.localdate()
    cohort = Cohort.objects.create(
        name="Valmiera 2026", course=tree.course, municipality=valmiera, starts_on=today, ends_on=today
    )
    cohort.members.add(mentor)
    _finish(mentor, tree.lessons[:2], tree.course)
    assert evaluate_completion(enrolment) is True
    assert outline(tree.course, mentor).percent == 100
    client.force_login(mentor)
    learning = client.get("/learning/").content.decode()
    assert 'value="100"' in learning and "2 of 2 required lessons done" in learning
    client.force_login(coordinator)
    cohort_page = client.get(f"/learning/cohorts/{cohort.pk}/").content.decode()
    assert 'value="100"' in cohort_page and "2/2" in cohort_page


def test_leaving_a_course_asks_first_and_says_progress_is_kept(client, mentor, enrolled, tree):
    client.force_login(mentor)
    url = f"/learning/courses/{tree.course.pk}/leave/"
    page = client.get(url)
    assert page.status_code == 200
    assert "Your progress, quiz results and reflections are kept" in page.content.decode()
    enrolled.refresh_from_db()
    assert enrolled.left_at is None
    client.post(url)
    enrolled.refresh_from_db()
    assert enrolled.left_at is not None
