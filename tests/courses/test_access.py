import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from tests.courses.conftest import build_course, enrol_directly, publish

pytestmark = pytest.mark.django_db


def test_course_overview_is_public(client, tree):
    response = client.get(tree.course.url)
    assert response.status_code == 200
    assert "Kursa apraksts." in response.content.decode()


def test_anonymous_visitor_is_asked_to_sign_in_and_never_sees_the_lesson(client, tree):
    response = client.get(tree.lesson(0).url)
    body = response.content.decode()
    assert response.status_code == 403
    assert "LESSON-CONTENT" not in body
    assert "/accounts/login/" in body


@pytest.mark.parametrize(
    "persona", ["mentor", "educator", "supervisor", "coordinator", "national_coordinator", "outsider"]
)
def test_a_person_not_enrolled_is_told_how_to_enrol_and_sees_no_content(client, tree, persona, request):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(tree.lesson(0).url)
    body = response.content.decode()
    assert response.status_code == 403
    assert "LESSON-CONTENT" not in body
    assert tree.course.url in body


@pytest.mark.parametrize("persona", ["editor", "admin_user"])
def test_editors_read_lessons_without_enrolling(client, tree, persona, request):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(tree.lesson(2).url)
    assert response.status_code == 200
    assert "LESSON-CONTENT" in response.content.decode()


def test_enrolled_mentor_reads_the_lesson(client, mentor, enrolled, tree):
    client.force_login(mentor)
    response = client.get(tree.lesson(0).url)
    assert response.status_code == 200
    assert "LESSON-CONTENT" in response.content.decode()


def test_a_mentor_who_left_the_course_no_longer_reads_its_lessons(client, mentor, enrolled, tree):
    from courses.services import leave

    leave(enrolled, by=mentor)
    client.force_login(mentor)
    assert client.get(tree.lesson(0).url).status_code == 403


def test_locked_module_cannot_be_opened_by_url_and_says_what_to_finish(client, mentor, enrolled, tree):
    client.force_login(mentor)
    response = client.get(tree.lesson(2).url)
    body = response.content.decode()
    assert response.status_code == 403
    assert "LESSON-CONTENT" not in body
    assert "Modulis 1" in body


def test_locked_module_opens_once_the_earlier_module_is_done(client, mentor, enrolled, tree):
    from django.utils import timezone

    from courses.models import LessonProgress

    for lesson in tree.lessons[:2]:
        LessonProgress.objects.create(
            user=mentor,
            lesson_key=lesson.translation_key,
            course_key=tree.course.translation_key,
            opened_at=timezone.now(),
            completed_at=timezone.now(),
        )
    client.force_login(mentor)
    assert client.get(tree.lesson(2).url).status_code == 200


def test_preview_shows_the_lesson_to_anyone_allowed_to_preview(rf, tree):
    from django.contrib.auth.models import AnonymousUser

    from courses.access import lesson_verdict

    assert lesson_verdict(AnonymousUser(), tree.lesson(0), preview=True).allowed
    assert not lesson_verdict(AnonymousUser(), tree.lesson(0)).allowed


def test_editor_preview_of_a_lesson_renders(client, editor, tree):
    editor.is_staff = True
    editor.save()
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get(f"/admin/pages/{tree.lesson(0).pk}/edit/preview/")
    assert response.status_code in (200, 302)


def _lesson_with_document(tree):
    document = Document.objects.create(title="Veidne", file=ContentFile(b"secret template", name="veidne.txt"))
    lesson = tree.lesson(0)
    lesson.body = [
        {"type": "paragraph", "id": "p1", "value": "<p>LESSON-CONTENT</p>"},
        {"type": "document", "id": "d1", "value": {"document": document.pk, "title": "Veidne", "description": ""}},
    ]
    publish(lesson)
    return document


def test_a_lesson_document_is_refused_to_people_not_enrolled(client, outsider, tree):
    document = _lesson_with_document(tree)
    client.force_login(outsider)
    response = client.get(document.url)
    assert response.status_code == 403


def test_a_lesson_document_is_served_to_the_enrolled_mentor(client, mentor, enrolled, tree):
    document = _lesson_with_document(tree)
    client.force_login(mentor)
    response = client.get(document.url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"secret template"


def test_a_lesson_id_from_another_course_is_refused(client, mentor, enrolled, tree):
    other = build_course(slug="cits-kurss")
    client.force_login(mentor)
    response = client.post(f"/learning/lessons/{other.lesson(0).pk}/complete/")
    assert response.status_code == 404


def test_enrolment_in_one_course_does_not_open_another(client, mentor, tree):
    other = build_course(slug="cits-kurss")
    enrol_directly(mentor, other.course)
    client.force_login(mentor)
    assert client.get(tree.lesson(0).url).status_code == 403
