"""Whether a person has completed a group's supervision cycle, and whether they still can.

`evaluate_supervision_completion` is the one place that judges a supervision cycle. It reads the
group's CompletionRule (defaults when the group has none), counts the person's attendance over
the sessions held so far, and when the cycle is over and the rule is met records a
SupervisionCompletion row (forward-only: once written it stays, with the rule version and date).

Certificates should hook here: an issuing step calls this function (or reads
SupervisionCompletion rows) and issues a certificate when `result.completed` is true; course
completion (lessons and quizzes) is judged elsewhere and combined by the programme's own rule.
"""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db import IntegrityError, transaction
from django.utils import timezone

from scheduling.models import (
    ATTENDED,
    AttendanceRecord,
    AttendanceStatus,
    Booking,
    CompletionRule,
    Session,
    SupervisionCompletion,
    SupervisionGroup,
)
from scheduling.signals import supervision_completed


@dataclass(frozen=True)
class CompletionResult:
    held: int  # sessions already held (ended, not cancelled)
    counted: int  # held sessions that count for this person (excused ones may leave the count)
    attended: int
    remaining: int  # scheduled sessions not yet ended
    percent: Decimal
    clock_hours: Decimal
    rule: CompletionRule
    completed: bool
    completion: SupervisionCompletion | None
    reachable: bool  # can the threshold still be met if the person attends everything left?

    @property
    def at_risk(self) -> bool:
        """Can no longer reach the threshold although sessions remain: time to talk."""
        return not self.completed and not self.reachable and self.remaining > 0


def _rule_for(group: SupervisionGroup) -> CompletionRule:
    rule = CompletionRule.objects.filter(group=group).first()
    return rule or CompletionRule(group=group)


def _percent(part: int, whole: int) -> Decimal:
    if whole == 0:
        return Decimal("0.0")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _meets(rule: CompletionRule, attended: int, counted: int, hours: Decimal) -> bool:
    if counted == 0:
        return False
    return attended * 100 >= rule.min_attendance_percent * counted and hours >= rule.min_clock_hours


def evaluate_supervision_completion(booking_or_person, group: SupervisionGroup | None = None) -> CompletionResult:
    """Judge one person's supervision cycle in `group` (a Booking carries its own group).

    Counts only sessions that have ended and were not cancelled. Present and late count as
    attended (the whole session's length in hours). Excused sessions leave both sides of the
    percentage when the rule says so; "not applicable" sessions (joined later) always do.
    Completion is recorded only when no scheduled session remains and the rule is met; an
    existing completion is returned as it is, whatever the rule says now.
    """
    if isinstance(booking_or_person, Booking):
        person, group = booking_or_person.person, booking_or_person.group
    else:
        person = booking_or_person
    if group is None:
        raise ValueError("group is required when a person is given")
    rule = _rule_for(group)
    now = timezone.now()
    sessions = list(Session.objects.filter(group=group, status=Session.Status.SCHEDULED).only("starts_at", "ends_at"))
    held = [s for s in sessions if s.ends_at <= now]
    remaining = [s for s in sessions if s.ends_at > now]
    statuses = dict(
        AttendanceRecord.objects.filter(session__in=[s.pk for s in held], person=person).values_list(
            "session_id", "status"
        )
    )
    left_out = {AttendanceStatus.NOT_APPLICABLE}
    if rule.excused_leave_count:
        left_out.add(AttendanceStatus.EXCUSED)
    counted = [s for s in held if statuses.get(s.pk) not in left_out]
    attended = [s for s in held if statuses.get(s.pk) in ATTENDED]
    minutes = sum(s.minutes for s in attended)
    hours = (Decimal(minutes) / 60).quantize(Decimal("0.01"))
    percent = _percent(len(attended), len(counted))

    best_attended = len(attended) + len(remaining)
    best_counted = len(counted) + len(remaining)
    best_hours = hours + Decimal(sum(s.minutes for s in remaining)) / 60
    reachable = _meets(rule, best_attended, best_counted, best_hours)

    completion = SupervisionCompletion.objects.filter(group=group, person=person).first()
    if completion is None and not remaining and _meets(rule, len(attended), len(counted), hours):
        try:
            with transaction.atomic():
                completion = SupervisionCompletion.objects.create(
                    group=group,
                    person=person,
                    completed_on=timezone.localdate(),
                    rule_version=rule.version,
                    attendance_percent=percent,
                    clock_hours=hours,
                )
                supervision_completed.send(sender=SupervisionCompletion, completion=completion)
        except IntegrityError:
            completion = SupervisionCompletion.objects.get(group=group, person=person)
    return CompletionResult(
        held=len(held),
        counted=len(counted),
        attended=len(attended),
        remaining=len(remaining),
        percent=percent,
        clock_hours=hours,
        rule=rule,
        completed=completion is not None,
        completion=completion,
        reachable=completion is not None or reachable,
    )
