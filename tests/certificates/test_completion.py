"""Completing a course queues the certificate of the programme that names it."""

from certificates.models import Certificate
from courses.services import complete_lesson, evaluate_completion, open_lesson
from tests.courses.conftest import build_course, enrol_directly
from tests.scheduling.conftest import cycle, member  # noqa: F401  (fixtures)


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


def test_completing_a_supervision_cycle_issues_the_cycle_certificate(programme, cycle, member):  # noqa: F811
    from datetime import timedelta

    from scheduling.completion import evaluate_supervision_completion
    from scheduling.models import AttendanceRecord
    from tests.scheduling.conftest import make_session

    programme.supervision_groups.add(cycle)
    for days_ago in (30, 10):
        session = make_session(cycle, starts_in=-timedelta(days=days_ago))
        AttendanceRecord.objects.create(session=session, person=member, status="present")
    assert evaluate_supervision_completion(member, cycle).completed
    certificate = Certificate.objects.get(holder=member)
    assert certificate.programme == programme
    assert certificate.completed_on is not None
    # evaluating again (the register closes twice, a task retries) issues nothing more
    evaluate_supervision_completion(member, cycle)
    assert Certificate.objects.filter(holder=member).count() == 1
