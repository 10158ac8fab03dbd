"""Completion elsewhere queues certificates here; the apps that decide completion only send signals."""

from django.utils import timezone


def on_course_completed(sender, enrolment, **kwargs) -> None:
    from certificates.services import issue_on_completion

    issue_on_completion(
        enrolment.user,
        enrolment.course,
        completed_on=timezone.localdate(enrolment.completed_at),
        started_on=timezone.localdate(enrolment.enrolled_at),
    )


def connect() -> None:
    from courses.signals import course_completed

    course_completed.connect(on_course_completed, dispatch_uid="certificates-course-completed")
