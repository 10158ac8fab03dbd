"""Completion elsewhere queues certificates here; the apps that decide completion only send signals."""

from django.utils import timezone

from attendance.signals import supervision_completed
from certificates.services import issue_on_completion
from courses.signals import course_completed
from scheduling.models import Session


def on_course_completed(sender, enrolment, **kwargs) -> None:

    issue_on_completion(
        enrolment.user,
        enrolment.course,
        completed_on=timezone.localdate(enrolment.completed_at),
        started_on=timezone.localdate(enrolment.enrolled_at),
    )


def on_supervision_completed(sender, completion, **kwargs) -> None:
    from certificates.services import issue_on_completion

    first = Session.objects.filter(group=completion.group_id).order_by("starts_at").first()
    issue_on_completion(
        completion.person,
        completion.group,
        completed_on=completion.completed_on,
        started_on=timezone.localdate(first.starts_at) if first else None,
    )


def connect() -> None:

    course_completed.connect(on_course_completed, dispatch_uid="certificates-course-completed")
    supervision_completed.connect(on_supervision_completed, dispatch_uid="certificates-supervision-completed")
