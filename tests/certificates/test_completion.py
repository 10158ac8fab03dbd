"""Completing a course queues the certificate of the programme that names it."""

from certificates.models import Certificate
from courses.services import complete_lesson, evaluate_completion, open_lesson
from tests.courses.conftest import build_course, enrol_directly


def test_completing_the_course_issues_the_certificate_of_its_programme(mentor, programme):
    tree = build_course(modules=1, lessons_per_module=2)
    programme.course = tree.course
    programme.save()
    enrolment = enrol_directly(mentor, tree.course)
    for lesson in tree.lessons:
        open_lesson(mentor, lesson, tree.course, enrolment)
        complete_lesson(mentor, lesson)
    assert evaluate_completion(enrolment)
    certificate = Certificate.objects.get(holder=mentor)
    assert certificate.programme == programme
    assert certificate.status == Certificate.Status.VALID
    assert bytes(certificate.pdf.read()[:5]) == b"%PDF-"


def test_a_course_no_programme_names_issues_nothing(mentor, programme):
    tree = build_course(modules=1, lessons_per_module=1)
    enrolment = enrol_directly(mentor, tree.course)
    open_lesson(mentor, tree.lessons[0], tree.course, enrolment)
    complete_lesson(mentor, tree.lessons[0])
    assert evaluate_completion(enrolment)
    assert not Certificate.objects.exists()
