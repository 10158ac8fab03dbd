"""Whether people have completed what a certificate programme certifies: read only.

A programme is completed by its course (courses decides) or by a cycle of one of its supervision
groups (attendance decides); this module only asks those apps. A coordinator issuing by hand sees
each person's state, and gives a reason when issuing to someone who has not completed.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.models import User
from attendance.completion import judge_bookings
from attendance.models import SupervisionCompletion
from certificates.models import Certificate, CertificateProgramme
from courses.models import Enrolment
from courses.services import course_states
from scheduling.models import Booking


@dataclass(frozen=True)
class Eligibility:
    completed: bool
    completed_on: date | None
    summary: str  # what the coordinator reads beside the name


def states(people_ids: list[int], programme: CertificateProgramme) -> dict[int, Eligibility]:
    """Each person's completion of `programme`, in a fixed number of queries for any number of people.

    A programme that names neither a course nor groups has no completion to check: everyone counts
    as eligible and the summary says so.
    """
    result: dict[int, Eligibility] = {}
    pending = list(people_ids)
    if programme.course_id:
        for person_id, state in course_states(pending, programme.course).items():
            if state.completed_on:
                summary = _("Course completed on %(date)s") % {"date": state.completed_on.strftime("%d.%m.%Y.")}
                result[person_id] = Eligibility(True, state.completed_on, summary)
            elif state.enrolled:
                summary = _("Course not completed: %(percent)d %% of the required lessons") % {"percent": state.percent}
                result[person_id] = Eligibility(False, None, summary)
            else:
                result[person_id] = Eligibility(False, None, _("Not enrolled in the course"))
        pending = [p for p in pending if not result[p].completed]
    group_ids = list(programme.supervision_groups.values_list("pk", flat=True))
    if group_ids:
        for completion in SupervisionCompletion.objects.filter(group_id__in=group_ids, person_id__in=pending):
            summary = _("Supervision cycle completed on %(date)s") % {
                "date": completion.completed_on.strftime("%d.%m.%Y.")
            }
            result[completion.person_id] = Eligibility(True, completion.completed_on, summary)
        pending = [p for p in pending if not (p in result and result[p].completed)]
        bookings = list(Booking.objects.confirmed().filter(group_id__in=group_ids, person_id__in=pending))
        judged = judge_bookings(bookings)
        for booking in bookings:
            cycle = judged[booking.pk]
            summary = _("Supervision cycle in progress: attended %(attended)d of %(counted)d (%(percent)s %%)") % {
                "attended": cycle.attended,
                "counted": cycle.counted,
                "percent": cycle.percent,
            }
            result[booking.person_id] = Eligibility(False, None, summary)
        for person_id in pending:
            result.setdefault(person_id, Eligibility(False, None, _("No place in the programme's groups")))
    if not programme.course_id and not group_ids:
        for person_id in people_ids:
            result[person_id] = Eligibility(True, None, _("The programme names no course or group to complete"))
    return result


def not_completed(people_ids: list[int], programme: CertificateProgramme) -> list[int]:
    return [person_id for person_id, state in states(people_ids, programme).items() if not state.completed]


@dataclass(frozen=True)
class Unissued:
    person: User
    title: str  # the course or supervision group completed
    completed_on: date | None


def completed_without_certificate(user) -> list[Unissued]:
    """People `user` coordinates who completed a programme's course or a cycle of one of its groups and
    were never given a certificate of that programme (a revoked one was a decision, so it does not count
    here): what a coordinator still has to issue, or what failed to issue by itself. Two queries."""
    by_course = (
        Enrolment.objects.filter(completed_at__isnull=False)
        .filter(Exists(CertificateProgramme.objects.filter(course__translation_key=OuterRef("course_key"))))
        .exclude(
            Exists(
                Certificate.objects.filter(
                    holder_id=OuterRef("user_id"), programme__course__translation_key=OuterRef("course_key")
                )
            )
        )
        .select_related("course", "user")
        .order_by("completed_at")
    )
    through = CertificateProgramme.supervision_groups.through
    by_group = (
        SupervisionCompletion.objects.filter(Exists(through.objects.filter(supervisiongroup_id=OuterRef("group_id"))))
        .exclude(
            Exists(
                Certificate.objects.filter(
                    holder_id=OuterRef("person_id"), programme__supervision_groups=OuterRef("group_id")
                )
            )
        )
        .select_related("group", "person")
        .order_by("completed_on")
    )
    found = [
        Unissued(e.user, e.course.title, timezone.localdate(e.completed_at))
        for e in permissions.in_scope(by_course, user, via="user__organisation")
    ]
    found += [
        Unissued(c.person, c.group.title, c.completed_on)
        for c in permissions.in_scope(by_group, user, via="person__organisation")
    ]
    return found
