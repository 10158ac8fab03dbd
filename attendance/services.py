"""The rules of attendance. Views, tasks, the admin and the demo all call these.

Every change of a status takes the session's row lock, writes the record and one AttendanceChange
row (who, when, from what to what), so the register and its audit trail never disagree.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from accounts.models import User
from attendance import access, checkin, emails
from attendance.completion import record_completions
from attendance.models import (
    ATTENDED,
    AbsenceNotice,
    AttendanceChange,
    AttendanceRecord,
    AttendanceStatus,
    CompletionRule,
)
from lms.ratelimit import Limit
from notifications.services import enqueue
from scheduling import access as scheduling_access
from scheduling.models import Booking, Session, SupervisionGroup


class AttendanceError(Exception):
    """A rule refused the change. `code` is stable for tests and callers; `message` is translated."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def _set_status(session: Session, person, status: str, *, by, source: str) -> AttendanceRecord:
    """Write one status and its audit row. The caller has checked the rules and holds the session lock."""
    now = timezone.now()
    record = AttendanceRecord.objects.select_for_update().filter(session=session, person=person).first()
    previous = record.status if record else ""
    if record is None:
        record = AttendanceRecord(session=session, person=person)
    if previous == status and record.pk:
        return record
    record.status = status
    record.source = source
    record.marked_by = by
    record.marked_at = now
    record.save()
    AttendanceChange.objects.create(
        record=record,
        changed_by=by,
        changed_at=now,
        from_status=previous,
        to_status=status,
        source=source,
        after_session=session.ends_at <= now,
    )
    return record


def _lock_session(session: Session) -> Session:
    return Session.objects.select_for_update().select_related("group").get(pk=session.pk)


def _check_register(session: Session, by) -> None:
    if not access.can_mark(by, session.group):
        raise AttendanceError("forbidden", _("Only the group's supervisor can mark attendance."))
    if session.is_cancelled:
        raise AttendanceError("cancelled", _("This session was cancelled, so it has no register."))
    if timezone.now() < session.starts_at:
        raise AttendanceError("not_started", _("The session has not started yet, so attendance cannot be marked."))


def _cycle_may_have_ended(session: Session) -> None:
    """After a change to a held session, record any completion it makes possible (a no-op while
    sessions of the group remain)."""
    if session.ends_at <= timezone.now():
        record_completions(session.group)


def register_people(session: Session):
    """Who belongs on a session's register: confirmed seats now, plus anyone already recorded."""
    booked = Booking.objects.confirmed().filter(group_id=session.group_id).values("person_id")
    recorded = AttendanceRecord.objects.filter(session=session).values("person_id")
    return User.objects.filter(Q(pk__in=booked) | Q(pk__in=recorded)).order_by("last_name", "first_name", "email")


def unmarked_count(session: Session) -> int:
    """People on the register with no status yet."""
    return register_people(session).exclude(attendance__session=session).count()


@transaction.atomic
def record_attendance(session: Session, person, status: str, *, by) -> AttendanceRecord:
    """Set `person`'s status at `session`, keeping the change in the audit trail.

    Only the group's supervisor (or an admin) marks, from the register's opening on; after the
    session has ended this is a correction, allowed to them alone and audited like any change.

    Raises AttendanceError: "forbidden", "cancelled", "not_started", "bad_status", "not_in_group".
    """
    session = _lock_session(session)
    _check_register(session, by)
    if status not in AttendanceStatus.values:
        raise AttendanceError("bad_status", _("Choose one of the attendance statuses."))
    if not register_people(session).filter(pk=person.pk).exists():
        raise AttendanceError("not_in_group", _("This person has no place in this group."))
    record = _set_status(session, person, status, by=by, source=AttendanceRecord.Source.REGISTER)
    _cycle_may_have_ended(session)
    return record


@transaction.atomic
def mark_all_present(session: Session, *, by) -> int:
    """Mark everyone on the register who has no status yet as present. Returns how many were marked.

    Raises AttendanceError: "forbidden", "cancelled", "not_started".
    """
    session = _lock_session(session)
    _check_register(session, by)
    marked = set(AttendanceRecord.objects.filter(session=session).values_list("person_id", flat=True))
    count = 0
    for person in register_people(session):
        if person.pk not in marked:
            _set_status(session, person, AttendanceStatus.PRESENT, by=by, source=AttendanceRecord.Source.REGISTER)
            count += 1
    _cycle_may_have_ended(session)
    return count


def late_after() -> timedelta:
    return timedelta(minutes=settings.ATTENDANCE_LATE_AFTER_MINUTES)


@transaction.atomic
def check_in(session: Session, person, code: str, *, now: datetime | None = None) -> AttendanceRecord:
    """Self check-in with the rotating code the supervisor shows. The person checks in only
    themselves, only in a group where they hold a seat, and only during the session window.

    Raises AttendanceError: "wrong_code", "expired_code", "not_in_group", "closed", "already_marked".
    """
    now = now or timezone.now()
    session = _lock_session(session)
    result = checkin.check(session.pk, code, now.timestamp())
    if result == "expired":
        raise AttendanceError("expired_code", _("This code has expired. Type the code shown now."))
    if result != "valid":
        raise AttendanceError("wrong_code", _("This code is not right. Check the digits and try again."))
    if not scheduling_access.holds_seat(person, session.group):
        raise AttendanceError(
            "not_in_group",
            _("This code belongs to a group where you have no place. Each person checks in only themselves."),
        )
    if not session.register_is_open(now):
        raise AttendanceError("closed", _("Check-in is open only while the session is on."))
    existing = AttendanceRecord.objects.filter(session=session, person=person).first()
    if existing and existing.status in ATTENDED:
        raise AttendanceError("already_marked", _("You are already checked in for this session."))
    status = AttendanceStatus.LATE if now > session.starts_at + late_after() else AttendanceStatus.PRESENT
    return _set_status(session, person, status, by=person, source=AttendanceRecord.Source.CHECKIN)


# Wrong or expired codes one may type before check-in pauses: six digits are guessed in about
# 500,000 tries, so ten per person and session (and thirty per address, for a shared device in a
# school) in ten minutes make guessing hopeless while a mistyped code costs nothing.
CHECKIN_PER_PERSON = Limit("checkin-person", attempts=10, window_seconds=600)
CHECKIN_PER_ADDRESS = Limit("checkin-address", attempts=30, window_seconds=600)


def _checkin_idents(person, session_id: int | None, address: str | None) -> list[tuple[Limit, str]]:
    idents = [(CHECKIN_PER_PERSON, f"{person.pk}:{session_id or 'any'}")]
    if address:
        idents.append((CHECKIN_PER_ADDRESS, address))
    return idents


def check_checkin_allowed(person, session_id: int | None, address: str | None) -> None:
    """Raises AttendanceError "too_many_attempts" (with the minutes to wait) while a limit is reached."""
    wait = max(limit.wait_seconds(ident) for limit, ident in _checkin_idents(person, session_id, address))
    if wait:
        minutes = max(1, -(-wait // 60))
        raise AttendanceError(
            "too_many_attempts",
            ngettext(
                "Too many wrong codes. Try again in %(minutes)d minute.",
                "Too many wrong codes. Try again in %(minutes)d minutes.",
                minutes,
            )
            % {"minutes": minutes},
        )


def count_failed_checkin(person, session_id: int | None, address: str | None) -> None:
    for limit, ident in _checkin_idents(person, session_id, address):
        limit.count(ident)


@transaction.atomic
def give_notice(session: Session, person, reason: str, note: str = "") -> AbsenceNotice:
    """A participant says in advance that they will miss `session`; it then counts as excused.

    Raises AttendanceError: "not_in_group", "too_late", "cancelled", "bad_reason".
    """
    session = _lock_session(session)
    if not scheduling_access.holds_seat(person, session.group):
        raise AttendanceError("not_in_group", _("You have no place in this group."))
    if session.is_cancelled:
        raise AttendanceError("cancelled", _("This session was cancelled, so there is nothing to miss."))
    if timezone.now() >= session.starts_at:
        raise AttendanceError(
            "too_late", _("A notice of absence is given before the session starts. Please tell your supervisor.")
        )
    if reason not in AbsenceNotice.Reason.values:
        raise AttendanceError("bad_reason", _("Choose a reason from the list."))
    notice, _created = AbsenceNotice.objects.update_or_create(
        session=session, person=person, defaults={"reason": reason, "note": note.strip()[:1000]}
    )
    _set_status(session, person, AttendanceStatus.EXCUSED, by=person, source=AttendanceRecord.Source.NOTICE)
    return notice


@transaction.atomic
def close_register(session: Session) -> list:
    """After the session: everyone on the register still unmarked becomes absent, or "not
    applicable" if their seat was confirmed only after the session started; when this was the
    group's last session, the completions of the cycle are recorded. Returns those marked."""
    session = _lock_session(session)
    marked = set(AttendanceRecord.objects.filter(session=session).values_list("person_id", flat=True))
    joined = dict(
        Booking.objects.confirmed().filter(group_id=session.group_id).values_list("person_id", "confirmed_at")
    )
    changed = []
    for person in register_people(session):
        if person.pk in marked:
            continue
        confirmed_at = joined.get(person.pk)
        late_joiner = confirmed_at is not None and confirmed_at > session.starts_at
        status = AttendanceStatus.NOT_APPLICABLE if late_joiner else AttendanceStatus.ABSENT
        _set_status(session, person, status, by=None, source=AttendanceRecord.Source.AUTOMATIC)
        changed.append(person)
    _cycle_may_have_ended(session)
    return changed


# Sessions that ended longer ago than this are left alone by the beat (their registers were closed before).
CLOSE_LOOKBACK = timedelta(days=7)


def close_due_registers(now: datetime | None = None) -> int:
    """Close every register whose time has come (ATTENDANCE_AUTO_ABSENT_HOURS after the session);
    each supervisor hears once per session whom it marked. Returns how many people were marked."""

    now = now or timezone.now()
    cutoff = now - timedelta(hours=settings.ATTENDANCE_AUTO_ABSENT_HOURS)
    sessions = Session.objects.scheduled().filter(ends_at__lte=cutoff, ends_at__gt=cutoff - CLOSE_LOOKBACK)
    total = 0
    for session in sessions.select_related("group"):
        with transaction.atomic():
            marked = close_register(session)
            people = [p.pk for p in marked]
            for supervisor_id in session.group.supervisors.values_list("pk", flat=True) if marked else []:
                enqueue(
                    emails.send_register_closed, session_id=session.pk, supervisor_id=supervisor_id, person_ids=people
                )
        total += len(marked)
    return total


@transaction.atomic
def update_completion_rule(group: SupervisionGroup, *, by, **fields) -> CompletionRule:
    """Change what completing `group` takes; the rule's version grows when anything changes.
    A cycle already over records the completions the new rule allows (none is ever taken away).

    Raises AttendanceError: "forbidden".
    """
    if not scheduling_access.can_manage_group(by, group):
        raise AttendanceError("forbidden", _("You cannot change this group."))
    rule = CompletionRule.objects.select_for_update().get_or_create(group=group)[0]
    changed = False
    for name, value in fields.items():
        if getattr(rule, name) != value:
            setattr(rule, name, value)
            changed = True
    if changed:  # the defaults (no row yet) are version 1
        rule.version += 1
    rule.save()
    record_completions(group)
    return rule
