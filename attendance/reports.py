"""Attendance figures and files: hours, CSV/XLSX exports, the printable sign-in sheet.

Exports carry statuses and times only: no free text about a participant (notice notes stay
with the supervisor). Rows are read with one query through `.iterator()`, so an export of any
size costs the same number of queries and keeps little in memory.
"""

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Page, Paginator
from django.db.models import Count, QuerySet
from django.template.loader import render_to_string
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from accounts import permissions
from attendance.completion import (
    ANY_STANDING,
    STANDING,
    CompletionResult,
    judge_bookings,
    next_changes,
    register_closed,
    seats,
)
from attendance.models import ATTENDED, AttendanceRecord, AttendanceStatus
from lms.pdf import PDF_TEMPLATES, render_pdf
from scheduling import access as scheduling_access
from scheduling.models import Booking, Session, SupervisionGroup

# Latvian teachers need 36 hours of professional development in three years.
PD_REQUIRED_HOURS = 36
PD_WINDOW_YEARS = 3


# --- hours --------------------------------------------------------------------------------------


def clock_hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"))


def academic_hours(minutes: int, hour_minutes: int) -> Decimal:
    return (Decimal(minutes) / Decimal(hour_minutes)).quantize(Decimal("0.01"))


@dataclass
class HoursLine:
    label: str
    sessions: int = 0
    minutes: int = 0
    academic: Decimal = field(default_factory=lambda: Decimal("0.00"))

    @property
    def clock(self) -> Decimal:
        return clock_hours(self.minutes)


@dataclass
class PersonHours:
    by_group: list[HoursLine]
    by_programme: list[HoursLine]
    total: HoursLine
    window_academic: Decimal
    window_clock: Decimal
    window_start: date

    @property
    def required(self) -> int:
        return PD_REQUIRED_HOURS

    @property
    def window_percent(self) -> int:
        return min(100, int(self.window_academic * 100 / PD_REQUIRED_HOURS))

    @property
    def requirement_met(self) -> bool:
        return self.window_academic >= PD_REQUIRED_HOURS

    @property
    def window_missing(self) -> Decimal:
        return max(Decimal(PD_REQUIRED_HOURS) - self.window_academic, Decimal("0.00"))


def attended_sessions(person) -> QuerySet[Session]:
    return (
        Session.objects.filter(attendance__person=person, attendance__status__in=ATTENDED)
        .select_related("group")
        .order_by("starts_at")
    )


def hours_for(person, today: date | None = None) -> PersonHours:
    """Attended hours per group and per programme (group kind), and the rolling three-year window."""
    today = today or timezone.localdate()
    window_start = today.replace(year=today.year - PD_WINDOW_YEARS) + timedelta(days=1)
    groups: dict[int, HoursLine] = {}
    programmes: dict[str, HoursLine] = {}
    total = HoursLine(_("All supervision"))
    window_minutes = 0
    window_academic = Decimal("0.00")
    kinds = dict(SupervisionGroup.Kind.choices)
    for session in attended_sessions(person):
        group = session.group
        minutes = session.minutes
        academic = academic_hours(minutes, group.academic_hour_minutes)
        for line in (
            groups.setdefault(group.pk, HoursLine(group.title)),
            programmes.setdefault(group.kind, HoursLine(str(kinds.get(group.kind, group.kind)))),
            total,
        ):
            line.sessions += 1
            line.minutes += minutes
            line.academic += academic
        if timezone.localdate(session.starts_at) >= window_start:
            window_minutes += minutes
            window_academic += academic
    return PersonHours(
        by_group=list(groups.values()),
        by_programme=list(programmes.values()),
        total=total,
        window_academic=window_academic,
        window_clock=clock_hours(window_minutes),
        window_start=window_start,
    )


# --- completion and registers ------------------------------------------------------------------


@dataclass(frozen=True)
class AtRisk:
    booking: Booking
    result: CompletionResult


AT_RISK_KEPT_FOR = timedelta(hours=12)


def _judged_at_risk(user) -> dict[int, CompletionResult]:
    """The judgement of every confirmed seat in the groups `user` coordinates that is at risk, keyed by
    booking id: thousands of seats are judged from plain values, not models.

    Judging a country's 6,000 seats takes half a second, and the coordinators' dashboards ask on every
    visit. Each group's judgement is kept, for every coordinator who sees the group, under the group's
    standing generation, which any change to what it reads bumps, and only until the next moment the
    time alone changes it (`next_changes`): a booking or a register marked in one group leaves the
    other groups' judgements kept. What a scope's coordinators see is kept too, under the generation
    of all groups' standing, so a page with nothing changed anywhere reads one entry; after a change
    it reads the groups' numbers and judgements and judges only the groups that changed. Whether the
    person may see the page is decided by the caller, on every request."""
    if not permissions.can_coordinate(user):
        return {}
    now = timezone.now()
    hours = settings.ATTENDANCE_AUTO_ABSENT_HOURS
    scope = permissions.coordinated_municipality_ids(user)
    scope_key = "attendance:at-risk-scope:{}:{}:{}".format(
        ANY_STANDING.current(), hours, "all" if scope is None else ",".join(map(str, sorted(scope)))
    )
    seen = cache.get(scope_key)
    if seen is not None and now < seen[0]:
        return seen[1]
    group_ids = sorted(
        scheduling_access.groups_coordinated_by(user)
        .filter(sessions__status=Session.Status.SCHEDULED, sessions__ends_at__gt=now)
        .values_list("pk", flat=True)
        .distinct()
    )
    stamps = STANDING.current(group_ids)
    keys = {g: f"attendance:at-risk:{g}:{stamps[g]}:{hours}" for g in group_ids}
    kept = cache.get_many(list(keys.values()))
    judged: dict[int, tuple[datetime, dict[int, CompletionResult]]] = {}
    for group_id, key in keys.items():
        found = kept.get(key)
        if found is not None and now < found[0]:
            judged[group_id] = found
    unjudged = [g for g in group_ids if g not in judged]
    if unjudged:
        judged_now = _judge_groups(unjudged, now)
        cache.set_many({keys[g]: judged_now[g] for g in unjudged}, timeout=int(AT_RISK_KEPT_FOR.total_seconds()))
        judged.update(judged_now)
    flagged = {pk: result for _until, found in judged.values() for pk, result in found.items()}
    until = min((until for until, _found in judged.values()), default=now + AT_RISK_KEPT_FOR)
    cache.set(scope_key, (until, flagged), timeout=int(AT_RISK_KEPT_FOR.total_seconds()))
    return flagged


def _judge_groups(group_ids: list[int], now: datetime) -> dict[int, tuple[datetime, dict[int, CompletionResult]]]:
    """For each group, until when its judgement holds and its seats at risk, in four queries."""
    group_seats = seats(Booking.objects.confirmed().filter(group_id__in=group_ids))
    results = judge_bookings(group_seats, now)
    flagged: dict[int, dict[int, CompletionResult]] = {g: {} for g in group_ids}
    for seat in group_seats:
        if results[seat.pk].at_risk:
            flagged[seat.group_id][seat.pk] = results[seat.pk]
    changes = next_changes(group_ids, now)
    longest = now + AT_RISK_KEPT_FOR
    return {g: (min(changes.get(g, longest), longest), flagged[g]) for g in group_ids}


AT_RISK_PAGE_SIZE = 50


def _flagged_bookings(results: dict[int, CompletionResult]) -> QuerySet[Booking]:
    return (
        Booking.objects.filter(pk__in=list(results))
        .select_related("person", "group", "group__municipality")
        .order_by("group__title", "person__last_name", "person__first_name", "pk")
    )


def at_risk_page(user, number) -> Page:
    """People in the groups `user` coordinates who can no longer reach their group's threshold while
    sessions remain, by group and name: page `number` (as the address gives it) of AT_RISK_PAGE_SIZE,
    in a fixed number of queries for any number of groups; only that page's people are loaded."""
    results = _judged_at_risk(user)
    page = Paginator(_flagged_bookings(results), AT_RISK_PAGE_SIZE).get_page(number)
    page.object_list = [AtRisk(b, results[b.pk]) for b in page.object_list]
    return page


def at_risk_count(user) -> int:
    """How many people `at_risk_page` lists, without loading them."""
    return len(_judged_at_risk(user))


def at_risk_by_municipality(user) -> list[tuple[str, int]]:
    """How many people `at_risk_page` lists in each municipality, most first, without loading them."""
    results = _judged_at_risk(user)
    if not results:
        return []
    return list(
        Booking.objects.filter(pk__in=list(results))
        .values_list("group__municipality__name")
        .annotate(n=Count("pk"))
        .order_by("-n", "group__municipality__name")
    )


@dataclass(frozen=True)
class RegisterToMark:
    session: Session
    unmarked: int
    closes_at: datetime


def registers_to_mark(supervisor) -> list[RegisterToMark]:
    """Held sessions of the supervisor's groups whose register is still open and has people without
    a status: the supervisor's to-do list before unmarked people count as absent (three queries)."""
    now = timezone.now()
    window = timedelta(hours=settings.ATTENDANCE_AUTO_ABSENT_HOURS)
    sessions = list(
        Session.objects.scheduled()
        .filter(group__supervisors=supervisor, ends_at__lte=now, ends_at__gt=now - window)
        .select_related("group")
        .order_by("starts_at")
    )
    booked: dict[int, set[int]] = defaultdict(set)
    for group_id, person_id in (
        Booking.objects.confirmed()
        .filter(group_id__in={s.group_id for s in sessions})
        .values_list("group_id", "person_id")
    ):
        booked[group_id].add(person_id)
    marked: dict[int, set[int]] = defaultdict(set)
    for session_id, person_id in AttendanceRecord.objects.filter(session__in=sessions).values_list(
        "session_id", "person_id"
    ):
        marked[session_id].add(person_id)
    items = []
    for session in sessions:
        unmarked = len(booked[session.group_id] - marked[session.pk])
        if unmarked and not register_closed(session, now):
            items.append(RegisterToMark(session, unmarked, session.ends_at + window))
    return items


# --- exports ------------------------------------------------------------------------------------

EXPORT_FIELDS = (
    "session__group__municipality__name",
    "session__group__title",
    "session__starts_at",
    "session__ends_at",
    "session__group__academic_hour_minutes",
    "person__first_name",
    "person__last_name",
    "person__email",
    "person__organisation__name",
    "status",
)


def export_header() -> list[str]:
    return [
        _("Municipality"),
        _("Group"),
        _("Date"),
        _("Start"),
        _("End"),
        _("First name"),
        _("Last name"),
        _("Email"),
        _("School"),
        _("Status"),
        _("Hours (clock)"),
        _("Academic hours"),
    ]


def export_records(records: QuerySet[AttendanceRecord]) -> Iterator[tuple]:
    """The rows of an attendance export, read in one query."""
    return (
        records.order_by("session__starts_at", "session_id", "person__last_name", "person__first_name", "person_id")
        .values_list(*EXPORT_FIELDS)
        .iterator(chunk_size=2000)
    )


def export_rows(records: QuerySet[AttendanceRecord]) -> Iterator[list]:
    labels = {value: str(label) for value, label in AttendanceStatus.choices}
    times: dict[tuple, tuple] = {}  # a session's local date and times, worked out once
    for municipality, title, starts, ends, hour_minutes, first, last, email, school, status in export_records(records):
        key = (starts, ends, hour_minutes)
        if key not in times:
            local_start, local_end = timezone.localtime(starts), timezone.localtime(ends)
            minutes = int((ends - starts).total_seconds() // 60)
            times[key] = (
                local_start.date().isoformat(),
                local_start.strftime("%H:%M"),
                local_end.strftime("%H:%M"),
                float(clock_hours(minutes)),
                float(academic_hours(minutes, hour_minutes)),
            )
        day, start, end, clock, academic = times[key]
        attended = status in ATTENDED
        yield [
            municipality,
            title,
            day,
            start,
            end,
            first,
            last,
            email,
            school or "",
            labels[status],
            clock if attended else 0.0,
            academic if attended else 0.0,
        ]


# --- sign-in sheet ------------------------------------------------------------------------------


def signin_sheet(session: Session, people: Iterable, *, supervisors: str) -> bytes:
    """A printable A4 sheet: the session, then one row per person with a signature column (tagged PDF)."""
    starts, ends = timezone.localtime(session.starts_at), timezone.localtime(session.ends_at)
    rows = [
        (person.get_full_name() or person.email, person.organisation.name if person.organisation_id else "")
        for person in people
    ]
    html = render_to_string(
        "pdf/signin_sheet.html",
        {
            "session": session,
            "when": f"{formats.date_format(starts, 'DATE_FORMAT')}, {starts:%H:%M}–{ends:%H:%M}",
            "place": session.place or session.meeting_link or "–",
            "supervisors": supervisors,
            "rows": rows,
        },
    )
    return render_pdf(html, stylesheets=[PDF_TEMPLATES / "signin_sheet.css"])


def group_matrix(group: SupervisionGroup):
    """Register overview for a group: sessions (columns) and each person's status per session."""
    sessions = list(group.sessions.scheduled().order_by("starts_at"))
    statuses = defaultdict(dict)
    for person_id, session_id, status in AttendanceRecord.objects.filter(session__group=group).values_list(
        "person_id", "session_id", "status"
    ):
        statuses[person_id][session_id] = status
    return sessions, statuses
