"""What each person's dashboard shows: what is next for them, in a fixed number of queries.

Every figure comes from the helper that owns its rule (confirmed seats, queue places, hours in the
rolling window, registers to mark, people at risk, certificates still to issue); this module only
chooses what applies to the person and reads, never writes. Panels that do not apply are None.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.core.cache import cache
from django.db.models import F
from django.utils import timezone, translation

from accounts import permissions
from accounts.models import Invitation, Role
from attendance import reports
from attendance.models import AttendanceRecord
from certificates.eligibility import Unissued, completed_without_certificate
from certificates.models import Certificate
from courses.models import CourseIndexPage, Enrolment
from courses.progress import Outline, outline
from pages.tree import tree_generation
from scheduling import access as scheduling_access
from scheduling.models import Booking, Session, SupervisionGroup

NEXT_SESSIONS = 3
SUPERVISOR_GROUPS = 10


@dataclass
class Learning:
    enrolment: Enrolment
    outline: Outline
    others: int  # further courses in progress, listed on "My learning"


@dataclass
class ParticipantPanel:
    next_sessions: list[Session]
    offers: list[Booking]
    waiting: list[Booking]
    learning: Learning | None
    hours: reports.PersonHours | None
    certificate: Certificate | None
    has_groups: bool
    catalogue_url: str = ""  # where to find a course, when none is in progress


@dataclass
class SupervisorPanel:
    today: list[Session]
    this_week: list[Session]
    registers: list[reports.RegisterToMark]
    groups: list[SupervisionGroup]

    @property
    def unmarked_registers(self) -> int:
        return len(self.registers)


@dataclass
class CoordinatorPanel:
    groups: int
    capacity: int
    seats_taken: int
    waiting: int
    groups_with_waiting: int
    at_risk: int
    unissued: list[Unissued] = field(default_factory=list)
    invitations_open: int = 0

    @property
    def fill_percent(self) -> int:
        return round(100 * self.seats_taken / self.capacity) if self.capacity else 0


@dataclass
class Dashboard:
    participant: ParticipantPanel | None
    supervisor: SupervisorPanel | None
    coordinator: CoordinatorPanel | None


def _takes_part(user) -> bool:
    """Mentors and educators, and anyone else who holds a seat or a course (two queries at most)."""
    if permissions.has_role(user, Role.MENTOR, Role.EDUCATOR):
        return True
    return Booking.objects.active().filter(person=user).exists() or Enrolment.objects.filter(user=user).exists()


def _catalogue_url() -> str:
    """Where the courses are listed, in the current language: the same for everyone, so worked out once
    per page-tree generation."""
    key = f"course-catalogue-url:{tree_generation()}:{translation.get_language()}"
    url = cache.get(key)
    if url is None:
        catalogue = CourseIndexPage.objects.live().public().first()
        url = catalogue.localized.url if catalogue else ""
        cache.set(key, url, timeout=24 * 3600)
    return url


def participant_panel(user) -> ParticipantPanel:
    """Next sessions (check-in open while one is on), offers and waiting places, the course to continue,
    hours against the 36-hour requirement and the latest certificate: about ten queries."""
    next_sessions = list(
        Session.objects.for_participant(user)
        .upcoming()
        .select_related("group", "room")
        .order_by("starts_at", "pk")[:NEXT_SESSIONS]
    )
    bookings = list(
        Booking.objects.active()
        .filter(person=user)
        .with_queue_place()
        .select_related("group")
        .order_by("offer_expires_at", "created_at", "pk")
    )
    offers = [b for b in bookings if b.status == Booking.Status.OFFERED]
    waiting = [b for b in bookings if b.status == Booking.Status.WAITING]
    has_groups = any(b.status == Booking.Status.CONFIRMED for b in bookings)

    learning = None
    active = list(
        Enrolment.objects.active()
        .filter(user=user, completed_at__isnull=True)
        .select_related("course")
        .order_by(F("last_activity_at").desc(nulls_last=True), "-enrolled_at", "pk")
    )
    catalogue_url = ""
    if active:
        enrolment = active[0]
        learning = Learning(enrolment, outline(enrolment.course.localized, user), len(active) - 1)
    else:
        catalogue_url = _catalogue_url()

    hours = None
    if has_groups or permissions.has_role(user, Role.EDUCATOR) or AttendanceRecord.objects.filter(person=user).exists():
        hours = reports.hours_for(user)
    certificate = Certificate.objects.valid().filter(holder=user).select_related("programme").first()
    return ParticipantPanel(next_sessions, offers, waiting, learning, hours, certificate, has_groups, catalogue_url)


def _week_bounds(now: datetime) -> tuple[datetime, datetime, datetime]:
    """The start of today, of tomorrow, and of next Monday, in local time."""
    today = timezone.localdate(now)
    tz = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(today, datetime.min.time()), tz)
    tomorrow = timezone.make_aware(datetime.combine(today + timedelta(days=1), datetime.min.time()), tz)
    monday = today + timedelta(days=7 - today.weekday())
    week_end = timezone.make_aware(datetime.combine(monday, datetime.min.time()), tz)
    return start, tomorrow, week_end


def supervisor_panel(user, now: datetime | None = None) -> SupervisorPanel:
    """Today's and the rest of this week's sessions, registers still unmarked, and groups with free
    seats or a waiting list: six queries."""
    now = now or timezone.now()
    start, tomorrow, week_end = _week_bounds(now)
    sessions = list(
        Session.objects.filter(group__supervisors=user, starts_at__gte=start, starts_at__lt=week_end)
        .select_related("group", "room")
        .order_by("starts_at", "pk")
    )
    today = [s for s in sessions if s.starts_at < tomorrow]
    this_week = [s for s in sessions if s.starts_at >= tomorrow]
    groups = [
        g
        for g in SupervisionGroup.objects.supervised_by(user)
        .with_seat_counts()
        .with_next_session()
        .filter(next_start__isnull=False)
        .order_by("next_start", "title")
        if g.seats_taken < g.capacity or g.waiting_count
    ][:SUPERVISOR_GROUPS]
    return SupervisorPanel(today, this_week, reports.registers_to_mark(user), groups)


def coordinator_panel(user) -> CoordinatorPanel:
    """The municipality at a glance: groups still meeting and their fill rate, waiting lists, people at
    risk, certificates still to issue and invitations not yet accepted. A fixed number of queries."""
    groups = list(  # as plain values: a national coordinator's 600 groups need no models
        scheduling_access.groups_coordinated_by(user)
        .with_seat_counts()
        .with_next_session()
        .filter(next_start__isnull=False)
        .values_list("capacity", "seats_taken", "waiting_count")
    )
    return CoordinatorPanel(
        groups=len(groups),
        capacity=sum(capacity for capacity, _taken, _waiting in groups),
        seats_taken=sum(min(taken, capacity) for capacity, taken, _waiting in groups),
        waiting=sum(waiting for _capacity, _taken, waiting in groups),
        groups_with_waiting=sum(1 for _capacity, _taken, waiting in groups if waiting),
        at_risk=reports.at_risk_count(user),
        unissued=completed_without_certificate(user),
        invitations_open=permissions.in_scope(Invitation.objects.pending(), user, via="organisation").count(),
    )


def dashboard_for(user) -> Dashboard:
    supervisor = scheduling_access.is_supervisor(user)
    return Dashboard(
        participant=participant_panel(user) if _takes_part(user) else None,
        supervisor=supervisor_panel(user) if supervisor else None,
        coordinator=coordinator_panel(user) if permissions.can_coordinate(user) else None,
    )
