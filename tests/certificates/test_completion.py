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


def test_completing_a_supervision_cycle_issues_the_cycle_certificate(
    programme, cycle, member, django_capture_on_commit_callbacks
):
    from datetime import timedelta

    from attendance.completion import record_completions
    from attendance.models import AttendanceRecord
    from tests.factories import make_session

    programme.supervision_groups.add(cycle)
    for days_ago in (30, 10):
        session = make_session(cycle, starts_in=-timedelta(days=days_ago))
        AttendanceRecord.objects.create(session=session, person=member, status="present")
    assert not Certificate.objects.exists()  # judging the cycle on a page issues nothing
    with django_capture_on_commit_callbacks(execute=True):
        assert len(record_completions(cycle)) == 1
    certificate = Certificate.objects.get(holder=member)
    assert certificate.programme == programme
    assert certificate.completed_on is not None
    # recording again (the register closes twice, a task retries) issues nothing more
    with django_capture_on_commit_callbacks(execute=True):
        assert record_completions(cycle) == []
    assert Certificate.objects.filter(holder=member).count() == 1
