"""Figures for the coordinators' charts page, within the coordinator's municipalities. Read-only."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from accounts import permissions
from accounts.models import Organisation
from attendance.models import ATTENDED, AttendanceRecord, AttendanceStatus
from attendance.reports import at_risk_by_municipality
from certificates.models import Certificate
from participants.models import ExitResult, ParticipantRecord
from scheduling.models import Booking, Session, SupervisionGroup

MONTHS = 12


@dataclass
class Figures:
    months: list[date]
    entries: list[int]
    completions: list[int]
    certificates: list[int]
    attendance: list[tuple[str, float, int, int]]  # group, percent, attended, counted
    waiting: list[tuple[str, int]]  # municipality, people waiting
    at_risk: list[tuple[str, int]]  # municipality, people


def _months(today: date) -> list[date]:
    first = today.replace(day=1)
    months = []
    year, month = first.year, first.month
    for _i in range(MONTHS):
        months.append(date(year, month, 1))
        month -= 1
        if month == 0:
            year, month = year - 1, 12
    return list(reversed(months))


def _by_month(rows, months: list[date]) -> list[int]:
    counts = {(m.date() if hasattr(m, "date") else m).replace(day=1): n for m, n in rows if m is not None}
    return [counts.get(m, 0) for m in months]


def figures_for(user, today: date | None = None) -> Figures:

    today = today or timezone.localdate()
    months = _months(today)
    scope = permissions.coordinated_municipality_ids(user)
    records = ParticipantRecord.objects.all()
    groups = SupervisionGroup.objects.all()
    certificates = Certificate.objects.all()
    if scope is not None:
        records = records.filter(municipality_id__in=scope)
        groups = groups.filter(municipality_id__in=scope)
        certificates = certificates.filter(holder__organisation__in=Organisation.objects.within(scope))
    since = months[0]

    entries = _by_month(
        records.filter(entry_date__gte=since)
        .annotate(m=TruncMonth("entry_date"))
        .values("m")
        .annotate(n=Count("pk"))
        .values_list("m", "n")
        .order_by(),
        months,
    )
    completions = _by_month(
        records.filter(left_on__gte=since, exit_result=ExitResult.COMPLETED)
        .annotate(m=TruncMonth("left_on"))
        .values("m")
        .annotate(n=Count("pk"))
        .values_list("m", "n")
        .order_by(),
        months,
    )
    issued = _by_month(
        certificates.filter(issued_on__gte=since)
        .annotate(m=TruncMonth("issued_on"))
        .values("m")
        .annotate(n=Count("pk"))
        .values_list("m", "n")
        .order_by(),
        months,
    )

    counted_statuses = [*ATTENDED, AttendanceStatus.ABSENT]
    attendance_rows = (
        AttendanceRecord.objects.filter(
            session__group__in=groups,
            session__status=Session.Status.SCHEDULED,
            session__ends_at__lte=timezone.now(),
            status__in=counted_statuses,
        )
        .values("session__group__title")
        .annotate(attended=Count("pk", filter=Q(status__in=ATTENDED)), counted=Count("pk"))
        .order_by("session__group__title")
    )
    attendance = [
        (
            row["session__group__title"],
            round(100 * row["attended"] / row["counted"], 1),
            row["attended"],
            row["counted"],
        )
        for row in attendance_rows
        if row["counted"]
    ]

    waiting = list(
        Booking.objects.filter(group__in=groups, status=Booking.Status.WAITING)
        .values("group__municipality__name")
        .annotate(n=Count("person", distinct=True))
        .order_by("-n", "group__municipality__name")
        .values_list("group__municipality__name", "n")
    )

    return Figures(
        months=months,
        entries=entries,
        completions=completions,
        certificates=issued,
        attendance=attendance,
        waiting=waiting,
        at_risk=at_risk_by_municipality(user),
    )
