"""Whether a person has completed a group's supervision cycle, and whether they still can.

`judge` and `judge_bookings` are pure reads: every page, export and task that shows a cycle's state
asks them, and they never write. `record_completions` is the one service that writes a
SupervisionCompletion (forward-only: once written it stays, with the rule version and date); it is
called where a cycle really ends — closing a register, a correction after the cycle, a rule change
— and by the beat task that closes registers.

A held session a person has no record for is *unmarked*: it counts neither way until its register
closes (ATTENDANCE_AUTO_ABSENT_HOURS after the end), then as absent — or as "not applicable" when
the person's seat was confirmed only after the session started, exactly as `close_register` marks it.

A judgement of a group's seats depends only on that group's rows and on the time. The group's rows
are counted by its standing generation (`STANDING`), which every saved or deleted seat, session,
record, rule or completion of the group bumps; the time only matters at the moments `next_changes`
names. A judgement worked out under the group's current number is the same until then. `ANY_STANDING`
counts every such change in any group, and any change to a group (its municipality decides whose
scope it is in).
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Min, Q, QuerySet
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from attendance.models import ATTENDED, AttendanceRecord, AttendanceStatus, CompletionRule, SupervisionCompletion
from attendance.signals import supervision_completed
from lms.cache import Generation, GenerationsOf
from scheduling.models import Booking, Session, SupervisionGroup, minutes_between

STANDING = GenerationsOf("attendance:standing")  # one number per supervision group
ANY_STANDING = Generation("attendance:standing-any")


@dataclass(frozen=True)
class CompletionResult:
    held: int  # sessions already held (ended, not cancelled)
    counted: int  # held sessions that count for this person (excused ones may leave the count)
    attended: int
    unmarked: int  # held sessions whose register is still open and has no status for this person
    remaining: int  # scheduled sessions not yet ended
    percent: Decimal
    clock_hours: Decimal
    rule: CompletionRule
    completion: SupervisionCompletion | None
    reachable: bool  # can the threshold still be met if the person attends everything left?
    meets_rule: bool  # the rule is met by what is recorded now

    @property
    def completed(self) -> bool:
        return self.completion is not None

    @property
    def cycle_over(self) -> bool:
        """Nothing left to hold or to mark: the cycle can be judged for good."""
        return self.remaining == 0 and self.unmarked == 0

    @property
    def can_be_recorded(self) -> bool:
        return not self.completed and self.cycle_over and self.meets_rule

    @property
    def at_risk(self) -> bool:
        """Can no longer reach the threshold although sessions remain: time to talk."""
        return not self.completed and not self.reachable and self.remaining > 0


@dataclass(frozen=True, slots=True)
class _Slot:
    """A scheduled session's times, all a judgement needs of it (loaded without building a model)."""

    pk: int
    starts_at: datetime
    ends_at: datetime
    minutes: int


@dataclass(frozen=True, slots=True)
class Seat:
    """A confirmed booking as a judgement reads it: whose, in which group, confirmed when."""

    pk: int
    group_id: int
    person_id: int
    confirmed_at: datetime | None


def auto_absent_after() -> timedelta:
    return timedelta(hours=settings.ATTENDANCE_AUTO_ABSENT_HOURS)


def register_closed(session: Session | _Slot, now: datetime | None = None) -> bool:
    """Whether the register of a held session is closed: unmarked people count as absent from then on."""
    now = now or timezone.now()
    return session.ends_at + auto_absent_after() <= now


def rule_for(group: SupervisionGroup) -> CompletionRule:
    """The group's rule, or the defaults (version 1) when it has none; never saves."""
    return CompletionRule.objects.filter(group=group).first() or CompletionRule(group=group)


def _percent(part: int, whole: int) -> Decimal:
    if whole == 0:
        return Decimal("0.0")
    return (Decimal(part) * 100 / Decimal(whole)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def _meets(rule: CompletionRule, attended: int, counted: int, hours: Decimal) -> bool:
    if counted == 0:
        return False
    return attended * 100 >= rule.min_attendance_percent * counted and hours >= rule.min_clock_hours


def _hours(minutes: int) -> Decimal:
    return (Decimal(minutes) / 60).quantize(Decimal("0.01"))


def _result(
    rule: CompletionRule,
    sessions: list[_Slot],
    statuses: dict[int, str],
    confirmed_at: datetime | None,
    completion: SupervisionCompletion | None,
    now: datetime,
) -> CompletionResult:
    """The judgement itself, on rows already loaded: no queries."""
    held = [s for s in sessions if s.ends_at <= now]
    remaining = [s for s in sessions if s.ends_at > now]
    left_out = {AttendanceStatus.NOT_APPLICABLE}
    if rule.excused_leave_count:
        left_out.add(AttendanceStatus.EXCUSED)
    counted, attended, unmarked = [], [], []
    for session in held:
        status = statuses.get(session.pk)
        if status is None:
            if confirmed_at is not None and confirmed_at > session.starts_at:
                status = AttendanceStatus.NOT_APPLICABLE
            elif register_closed(session, now):
                status = AttendanceStatus.ABSENT
            else:
                unmarked.append(session)
                continue
        if status in ATTENDED:
            attended.append(session)
        if status not in left_out:
            counted.append(session)
    hours = _hours(sum(s.minutes for s in attended))
    open_sessions = remaining + unmarked
    best_hours = hours + _hours(sum(s.minutes for s in open_sessions))
    reachable = _meets(rule, len(attended) + len(open_sessions), len(counted) + len(open_sessions), best_hours)
    return CompletionResult(
        held=len(held),
        counted=len(counted),
        attended=len(attended),
        unmarked=len(unmarked),
        remaining=len(remaining),
        percent=_percent(len(attended), len(counted)),
        clock_hours=hours,
        rule=rule,
        completion=completion,
        reachable=completion is not None or reachable,
        meets_rule=_meets(rule, len(attended), len(counted), hours),
    )


def _scheduled_sessions(group_ids: Iterable[int]) -> dict[int, list[_Slot]]:
    by_group: dict[int, list[_Slot]] = {}
    for pk, group_id, starts_at, ends_at in Session.objects.filter(
        group_id__in=list(group_ids), status=Session.Status.SCHEDULED
    ).values_list("pk", "group_id", "starts_at", "ends_at"):
        by_group.setdefault(group_id, []).append(_Slot(pk, starts_at, ends_at, minutes_between(starts_at, ends_at)))
    return by_group


def seats(bookings: QuerySet[Booking]) -> list[Seat]:
    """The bookings as seats to judge, read as plain values: judging thousands of people at once does
    not build a model per booking."""
    return [Seat(*row) for row in bookings.values_list("pk", "group_id", "person_id", "confirmed_at")]


FEW_PEOPLE = 200  # up to this many, judge_bookings reads only their records


def judge_bookings(bookings: Iterable[Booking | Seat], now: datetime | None = None) -> dict[int, CompletionResult]:
    """Judge many people's cycles at once, keyed by booking id: four queries however many there are.

    Each booking (or `Seat`) names its group and person; the person's seat confirmation date decides
    which unmarked sessions are "not applicable" to them. For a few people, records and completions
    are read for them alone; for many, per group and matched to the bookings here: a list of
    thousands of ids in the SQL costs more to build than the rows it leaves out.
    """
    now = now or timezone.now()
    bookings = list(bookings)
    if not bookings:
        return {}
    group_ids = list({b.group_id for b in bookings})
    wanted = {(b.group_id, b.person_id) for b in bookings}
    rules = {r.group_id: r for r in CompletionRule.objects.filter(group_id__in=group_ids)}
    sessions = _scheduled_sessions(group_ids)
    records = AttendanceRecord.objects.filter(session__group_id__in=group_ids, session__status=Session.Status.SCHEDULED)
    completions_read = SupervisionCompletion.objects.filter(group_id__in=group_ids)
    person_ids = {b.person_id for b in bookings}
    if len(person_ids) <= FEW_PEOPLE:
        records = records.filter(person_id__in=person_ids)
        completions_read = completions_read.filter(person_id__in=person_ids)
    statuses: dict[tuple[int, int], dict[int, str]] = {}
    for group_id, person_id, session_id, status in records.values_list(
        "session__group_id", "person_id", "session_id", "status"
    ):
        key = (group_id, person_id)
        if key in wanted:
            statuses.setdefault(key, {})[session_id] = status
    completions = {}
    for completion in completions_read:
        key = (completion.group_id, completion.person_id)
        if key in wanted:
            completions[key] = completion
    results = {}
    for booking in bookings:
        key = (booking.group_id, booking.person_id)
        rule = rules.get(booking.group_id)
        if rule is None:  # the default rule, one per group (not a model per booking)
            rule = rules[booking.group_id] = CompletionRule(group_id=booking.group_id)
        results[booking.pk] = _result(
            rule,
            sessions.get(booking.group_id, []),
            statuses.get(key, {}),
            booking.confirmed_at,
            completions.get(key),
            now,
        )
    return results


def next_changes(group_ids: Iterable[int], now: datetime) -> dict[int, datetime]:
    """For each group, the next moment after `now` at which a judgement of its seats changes although
    nothing is written: a session ends (it is held from then on) or a held session's register closes
    (its unmarked people count as absent). Groups for which neither will happen are left out."""
    closing = auto_absent_after()
    rows = (
        Session.objects.filter(group_id__in=list(group_ids), status=Session.Status.SCHEDULED)
        .values("group_id")
        .annotate(
            ends=Min("ends_at", filter=Q(ends_at__gt=now)), closes=Min("ends_at", filter=Q(ends_at__gt=now - closing))
        )
        .order_by()
    )
    changes = {}
    for row in rows:
        moments = [row["ends"], row["closes"] and row["closes"] + closing]
        moments = [moment for moment in moments if moment is not None]
        if moments:
            changes[row["group_id"]] = min(moments)
    return changes


def _standing_changed(instance, **kwargs) -> None:
    STANDING.changed(instance.session.group_id if isinstance(instance, AttendanceRecord) else instance.group_id)
    ANY_STANDING.changed()


def _group_changed(**kwargs) -> None:
    ANY_STANDING.changed()


JUDGED_FROM = (
    Booking,
    Session,
    AttendanceRecord,
    CompletionRule,
    SupervisionCompletion,
)


def connect() -> None:
    """Every row a judgement of a group's seats reads, saved or deleted, starts a new standing
    generation of that group, and of all groups together. Those rows change only through the ORM's save
    and delete (no bulk update writes them); deleting a group deletes its rows one by one, each with
    its signal. A group saved or deleted starts a new generation of all groups only: nothing of the
    group itself is judged, but its municipality decides which coordinators see it. Organisations
    change no scope a group is in: a group belongs to a municipality, and municipalities have no
    parent."""
    for model in JUDGED_FROM:
        uid = f"attendance-standing-{model._meta.label_lower}"
        post_save.connect(_standing_changed, sender=model, dispatch_uid=f"{uid}-saved")
        post_delete.connect(_standing_changed, sender=model, dispatch_uid=f"{uid}-deleted")
    post_save.connect(_group_changed, sender=SupervisionGroup, dispatch_uid="attendance-standing-group-saved")
    post_delete.connect(_group_changed, sender=SupervisionGroup, dispatch_uid="attendance-standing-group-deleted")


def judge(booking: Booking, now: datetime | None = None) -> CompletionResult:
    """One person's cycle in the booking's group, as it stands now. Reads only."""
    return judge_bookings([booking], now)[booking.pk]


def cycle_bookings(group: SupervisionGroup):
    """The people whose cycle in `group` is judged: those holding a confirmed seat."""
    return Booking.objects.confirmed().filter(group=group)


def record_completions(group: SupervisionGroup, now: datetime | None = None) -> list[SupervisionCompletion]:
    """Record the completion of everyone in `group` whose cycle is over and meets the rule.

    Forward-only and idempotent: an existing completion stays as it is, a second call records
    nothing new. Each new completion sends `supervision_completed` inside the caller's transaction,
    so a certificate is queued only when the completion commits. Returns the new completions.
    """
    now = now or timezone.now()
    results = judge_bookings(cycle_bookings(group), now)
    recorded = []
    for booking in cycle_bookings(group).filter(pk__in=[pk for pk, r in results.items() if r.can_be_recorded]):
        result = results[booking.pk]
        try:
            with transaction.atomic():
                completion = SupervisionCompletion.objects.create(
                    group=group,
                    person_id=booking.person_id,
                    completed_on=timezone.localdate(now),
                    rule_version=result.rule.version,
                    attendance_percent=result.percent,
                    clock_hours=result.clock_hours,
                )
                supervision_completed.send(sender=SupervisionCompletion, completion=completion)
        except IntegrityError:  # recorded by a parallel call
            continue
        recorded.append(completion)
    return recorded
