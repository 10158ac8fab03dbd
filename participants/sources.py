"""What other apps already know about participation, read by query: never written from here.

Entry: a person enters supervision at their first attended session (present or late) and mentor
training at the first lesson they opened. Leaving and coming back keeps the first date (a minimum).
Exit: derived from completion records where they exist (SupervisionCompletion, a completed or left
enrolment, cancelled bookings); otherwise the person has left when every group they held a seat in is
over, and the coordinator records the result.

"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Max, Min, Q
from django.utils import timezone

from attendance.models import ATTENDED, AttendanceRecord, SupervisionCompletion
from certificates.models import Certificate
from courses.models import Enrolment, LessonProgress
from participants.models import Activity, ExitResult
from scheduling.models import Booking, Session


def _local(moment) -> date:
    return timezone.localdate(moment)


def first_attendance(person_ids=None) -> dict[tuple[int, str], date]:
    """{(person_id, activity): entry date} for everyone (or the given people) who has started."""
    found: dict[tuple[int, str], date] = {}
    attended = AttendanceRecord.objects.filter(status__in=ATTENDED, session__status=Session.Status.SCHEDULED)
    lessons = LessonProgress.objects.all()
    if person_ids is not None:
        attended = attended.filter(person_id__in=person_ids)
        lessons = lessons.filter(user_id__in=person_ids)
    for person_id, first in (
        attended.values("person_id").annotate(first=Min("session__starts_at")).values_list("person_id", "first")
    ):
        found[(person_id, Activity.SUPERVISION)] = _local(first)
    for person_id, first in lessons.values("user_id").annotate(first=Min("opened_at")).values_list("user_id", "first"):
        found[(person_id, Activity.MENTOR_TRAINING)] = _local(first)
    return found


def entry_date_for(person, activity: str) -> date | None:
    return first_attendance([person.pk]).get((person.pk, activity))


@dataclass(frozen=True)
class DerivedExit:
    left_on: date | None
    result: str  # "" when the result cannot be derived and a coordinator must record it
    certificate: bool


def _has_certificate(person_id: int, activity: str) -> bool:

    certificates = Certificate.objects.valid().filter(holder_id=person_id)
    if activity == Activity.SUPERVISION:
        return certificates.filter(programme__supervision_groups__isnull=False).exists()
    return certificates.filter(programme__course__isnull=False).exists()


def derived_exit(person_id: int, activity: str) -> DerivedExit | None:
    """How the person left the activity, as far as the records tell; None while they are still in it."""
    if activity == Activity.SUPERVISION:
        return _supervision_exit(person_id)
    return _training_exit(person_id)


def _supervision_exit(person_id: int) -> DerivedExit | None:
    bookings = Booking.objects.filter(person_id=person_id).exclude(status=Booking.Status.WAITING)
    if not bookings.exists():
        return None
    now = timezone.now()
    seat_groups = bookings.filter(status__in=Booking.HOLDS_SEAT).values("group_id")
    if Session.objects.scheduled().filter(group_id__in=seat_groups, ends_at__gt=now).exists():
        return None
    completion = SupervisionCompletion.objects.filter(person_id=person_id).order_by("completed_on").first()
    certificate = _has_certificate(person_id, Activity.SUPERVISION)
    if completion is not None:
        return DerivedExit(completion.completed_on, ExitResult.COMPLETED, certificate)
    held = Session.objects.scheduled().filter(group_id__in=seat_groups, ends_at__lte=now).aggregate(last=Max("ends_at"))
    if held["last"] is not None:
        return DerivedExit(_local(held["last"]), "", certificate)
    cancelled = bookings.filter(status=Booking.Status.CANCELLED).aggregate(last=Max("cancelled_at"))
    if cancelled["last"] is not None:
        return DerivedExit(_local(cancelled["last"]), ExitResult.LEFT_EARLY, certificate)
    return None


def _training_exit(person_id: int) -> DerivedExit | None:
    enrolments = Enrolment.objects.filter(user_id=person_id)
    if enrolments.filter(left_at__isnull=True, completed_at__isnull=True).exists():
        return None
    completed = enrolments.filter(completed_at__isnull=False).aggregate(first=Min("completed_at"))
    certificate = _has_certificate(person_id, Activity.MENTOR_TRAINING)
    if completed["first"] is not None:
        return DerivedExit(_local(completed["first"]), ExitResult.COMPLETED, certificate)
    left = enrolments.filter(Q(left_at__isnull=False)).aggregate(last=Max("left_at"))
    if left["last"] is not None:
        return DerivedExit(_local(left["last"]), ExitResult.LEFT_EARLY, certificate)
    return None
