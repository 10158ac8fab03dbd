"""The rules of supervision scheduling. Views, the Wagtail admin, tasks and the demo all call these.

Seats: every function that can take or free a seat locks the group row first
(`select_for_update()` on SupervisionGroup inside `transaction.atomic`), so on PostgreSQL two
people can never both take the last seat: the second waits for the first to commit and then
counts again. Emails go through the outbox (notifications.services.enqueue): written with the
change, sent after it commits, so nothing is sent for work that rolled back and nothing is lost
while the broker is down.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.bounds import date_range_message, in_date_range
from notifications.services import enqueue
from scheduling import access, emails
from scheduling.models import Booking, ParticipantProfile, Room, Session, SupervisionGroup
from scheduling.recurrence import RecurrenceError, Series, expand


class SchedulingError(Exception):
    """A rule refused the change. `code` is stable for tests and callers; `message` is translated."""

    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def offer_hours() -> int:
    return settings.SCHEDULING_OFFER_HOURS


def _lock_group(group: SupervisionGroup) -> SupervisionGroup:
    # Evaluated at once: the row lock is taken here, before anything is counted.
    return SupervisionGroup.objects.select_for_update().get(pk=group.pk)


def _is_leader(person) -> bool:
    return ParticipantProfile.objects.filter(user=person, is_school_leader=True).exists()


def _person_has_overlap(group: SupervisionGroup, person) -> bool:
    """Whether a session of `group` overlaps a session of another group where `person` holds a seat."""
    other_groups = Booking.objects.filter(person=person, status__in=Booking.HOLDS_SEAT).exclude(group=group)
    clash = Session.objects.scheduled().filter(
        group_id__in=other_groups.values("group_id"),
        starts_at__lt=OuterRef("ends_at"),
        ends_at__gt=OuterRef("starts_at"),
    )
    return group.sessions.scheduled().upcoming().filter(Exists(clash)).exists()


def _seats_taken(group: SupervisionGroup) -> int:
    return group.bookings.holding_seat().count()


def _check_can_take_part(group: SupervisionGroup, person) -> None:
    if not group.sessions.scheduled().filter(starts_at__gt=timezone.now()).exists():
        raise SchedulingError("no_upcoming", _("This group has no upcoming sessions, so it cannot be booked."))
    leader = _is_leader(person)
    if group.kind == SupervisionGroup.Kind.LEADERS and not leader:
        raise SchedulingError("leaders_only", _("This group is for school leaders only."))
    if group.kind == SupervisionGroup.Kind.STAFF and leader:
        raise SchedulingError(
            "staff_only", _("School leaders take part in leaders' groups, not in groups with their staff.")
        )
    if not access.serves(group, person.organisation):
        raise SchedulingError("not_served", _("This group does not serve your school."))
    if _person_has_overlap(group, person):
        raise SchedulingError(
            "conflict", _("You already hold a seat in another group whose sessions overlap with this one.")
        )


def _check_quota(group: SupervisionGroup, person) -> None:
    if group.school_quota is None or person.organisation_id is None:
        return
    taken = group.bookings.holding_seat().filter(school_id=person.organisation_id).count()
    if taken >= group.school_quota:
        raise SchedulingError(
            "quota_full",
            _("Your school already has %(count)d places in this group, the most one school may have.")
            % {"count": group.school_quota},
        )


def _create_booking(group: SupervisionGroup, person, status: str) -> Booking:
    now = timezone.now()
    try:
        with transaction.atomic():
            return Booking.objects.create(
                group=group,
                person=person,
                school_id=person.organisation_id,
                status=status,
                created_at=now,
                confirmed_at=now if status == Booking.Status.CONFIRMED else None,
            )
    except IntegrityError as error:
        raise SchedulingError("already_booked", _("You already have a place in this group.")) from error


@transaction.atomic
def book_seat(group: SupervisionGroup, person) -> Booking:
    """Give `person` a seat in `group`, or the next place on its waiting list when it is full.

    Never confirms more than `capacity` seats, whatever the concurrency. Someone already waiting
    keeps priority over a newcomer (first come, first served).

    Raises SchedulingError: "closed", "no_upcoming", "already_booked", "leaders_only",
    "staff_only", "not_served", "conflict", "quota_full".
    """
    group = _lock_group(group)
    if not group.booking_open:
        raise SchedulingError("closed", _("Booking for this group is closed."))
    if group.bookings.active().filter(person=person).exists():
        raise SchedulingError("already_booked", _("You already have a place in this group."))
    _check_can_take_part(group, person)
    _check_quota(group, person)

    queue_exists = group.bookings.filter(status=Booking.Status.WAITING).exists()
    if _seats_taken(group) < group.capacity and not queue_exists:
        booking = _create_booking(group, person, Booking.Status.CONFIRMED)
        enqueue(emails.send_booking_confirmation, booking_id=booking.pk)
    else:
        booking = _create_booking(group, person, Booking.Status.WAITING)
        _offer_free_seats(group)
        booking.refresh_from_db()
    return booking


def queue_place(booking: Booking) -> int | None:
    """The booking's place on its group's waiting list (1 = next in line), or None when not waiting."""
    if booking.status != Booking.Status.WAITING:
        return None
    return Booking.objects.filter(pk=booking.pk).with_queue_place().values_list("queue_place", flat=True).first()


def can_release_after_deadline(user, group: SupervisionGroup) -> bool:
    return access.can_manage_group(user, group)


def cancellation_deadline(group: SupervisionGroup, *, sessions: list[Session] | None = None) -> datetime | None:
    """When people stop being able to cancel their own seat: N hours before the next session.

    `sessions`, when given, are all the group's sessions, already read (no query then)."""
    now = timezone.now()
    if sessions is not None:
        ahead = [s for s in sessions if s.status == Session.Status.SCHEDULED and s.starts_at > now]
        upcoming = min(ahead, key=lambda s: s.starts_at, default=None)
    else:
        upcoming = group.sessions.scheduled().filter(starts_at__gt=now).order_by("starts_at").first()
    if upcoming is None:
        return None
    return upcoming.starts_at - timedelta(hours=group.cancellation_deadline_hours)


@transaction.atomic
def cancel_booking(booking: Booking, *, by, reason: str = "cancelled") -> Booking:
    """Release a seat or leave the waiting list; the freed seat is offered to the next in line.

    After the cancellation deadline only the group's supervisor or a coordinator may release a
    confirmed seat. The row stays, with status "cancelled", as history.

    Raises SchedulingError: "already_cancelled", "deadline_passed", "forbidden".
    """
    group = _lock_group(booking.group)
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    manager = access.can_manage_group(by, group)
    if booking.person_id != by.pk and not manager:
        raise SchedulingError("forbidden", _("You cannot change this booking."))
    if booking.status == Booking.Status.CANCELLED:
        raise SchedulingError("already_cancelled", _("This booking was already cancelled."))
    if booking.status == Booking.Status.CONFIRMED and not manager:
        deadline = cancellation_deadline(group)
        if deadline is not None and timezone.now() >= deadline:
            raise SchedulingError(
                "deadline_passed",
                _(
                    "It is too late to cancel online: the next session is less than %(hours)d hours away. "
                    "Please tell your supervisor or coordinator."
                )
                % {"hours": group.cancellation_deadline_hours},
            )
    held_seat = booking.holds_seat
    was_confirmed = booking.status == Booking.Status.CONFIRMED
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.cancelled_by = by
    booking.cancel_reason = reason[:40]
    booking.offer_expires_at = None
    booking.save()
    if was_confirmed:
        enqueue(emails.send_booking_cancelled, booking_id=booking.pk)
    if held_seat:
        _offer_free_seats(group)
    return booking


def _offer_free_seats(group: SupervisionGroup) -> list[Booking]:
    """Offer every free seat to the next people waiting, unless the group's managers choose whom to offer
    a seat (`offers_in_queue_order` off; see offer_seat). The caller holds the group lock."""
    offered = []
    if not group.offers_in_queue_order:
        return offered
    free = group.capacity - _seats_taken(group)
    if free <= 0:
        return offered
    expires = timezone.now() + timedelta(hours=offer_hours())
    for booking in list(group.bookings.waiting_queue()[:free]):
        _make_offer(booking, expires)
        offered.append(booking)
    return offered


def _make_offer(booking: Booking, expires: datetime, *, chosen: bool = False) -> None:
    booking.status = Booking.Status.OFFERED
    booking.offer_expires_at = expires
    booking.save(update_fields=["status", "offer_expires_at", "updated_at"])
    extra = {"chosen": True} if chosen else {}
    enqueue(emails.send_waiting_list_offer, booking_id=booking.pk, **extra)


def may_offer_seat(group: SupervisionGroup, *, seats_taken: int) -> bool:
    """Whether a group has a seat a supervisor or coordinator could offer to someone waiting."""
    return seats_taken < group.capacity


@transaction.atomic
def offer_seat(booking: Booking, *, by) -> Booking:
    """A supervisor or coordinator of the group offers a free seat to a person they chose from its
    waiting list, out of queue order. The seat is held for offer_hours(), as an offer to the next in
    line is, and the person is emailed once the change commits.

    Never holds more than `capacity` seats: the group row is locked and the seats counted again, so
    of two offers racing for the last seat only one is made.

    Raises SchedulingError: "forbidden", "already_offered", "not_waiting", "full".
    """
    group = _lock_group(booking.group)
    _require_manager(group, by)
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status == Booking.Status.OFFERED:
        raise SchedulingError(
            "already_offered", _("%(name)s has already been offered a seat.") % {"name": booking.person}
        )
    if booking.status != Booking.Status.WAITING:
        raise SchedulingError("not_waiting", _("%(name)s is no longer on the waiting list.") % {"name": booking.person})
    if not may_offer_seat(group, seats_taken=_seats_taken(group)):
        raise SchedulingError("full", _("The group has no free seat to offer."))
    _make_offer(booking, timezone.now() + timedelta(hours=offer_hours()), chosen=True)
    return booking


@transaction.atomic
def accept_offer(booking: Booking, *, by) -> Booking:
    """Turn an offered seat into a confirmed one, while the offer lasts.

    Raises SchedulingError: "forbidden", "no_offer", "offer_expired", "conflict".
    """
    group = _lock_group(booking.group)
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.person_id != by.pk:
        raise SchedulingError("forbidden", _("You cannot change this booking."))
    if booking.status != Booking.Status.OFFERED:
        raise SchedulingError("no_offer", _("There is no open offer for this booking."))
    if booking.offer_expires_at <= timezone.now():
        raise SchedulingError("offer_expired", _("This offer has expired and the seat went to the next person."))
    if _person_has_overlap(group, booking.person):
        raise SchedulingError(
            "conflict", _("You already hold a seat in another group whose sessions overlap with this one.")
        )
    booking.status = Booking.Status.CONFIRMED
    booking.confirmed_at = timezone.now()
    booking.offer_expires_at = None
    booking.save()
    enqueue(emails.send_booking_confirmation, booking_id=booking.pk)
    return booking


def expire_offers(now: datetime | None = None) -> int:
    """Pass on every offer whose time ran out. Returns how many offers expired."""
    now = now or timezone.now()
    expired = 0
    group_ids = set(
        Booking.objects.filter(status=Booking.Status.OFFERED, offer_expires_at__lte=now).values_list(
            "group_id", flat=True
        )
    )
    for group_id in sorted(group_ids):
        with transaction.atomic():
            group = SupervisionGroup.objects.select_for_update().get(pk=group_id)
            stale = list(
                group.bookings.select_for_update().filter(status=Booking.Status.OFFERED, offer_expires_at__lte=now)
            )
            for booking in stale:
                booking.status = Booking.Status.CANCELLED
                booking.cancelled_at = now
                booking.cancel_reason = "offer_expired"
                booking.offer_expires_at = None
                booking.save()
            expired += len(stale)
            _offer_free_seats(group)
    return expired


@transaction.atomic
def move_person(booking: Booking, to_group: SupervisionGroup, *, by) -> Booking:
    """A coordinator moves a person's seat to another group with a free seat.

    Raises SchedulingError: "forbidden", "same_group", "not_active", "full", and the participation
    errors of book_seat except "closed" (coordinators may place people in closed groups).
    """
    first, second = sorted([booking.group_id, to_group.pk])
    locked = {g.pk: g for g in SupervisionGroup.objects.select_for_update().filter(pk__in=[first, second])}
    old_group, to_group = locked[booking.group_id], locked[to_group.pk]
    if not (access.coordinates_group(by, old_group) and access.coordinates_group(by, to_group)):
        raise SchedulingError("forbidden", _("You cannot move people between these groups."))
    if old_group.pk == to_group.pk:
        raise SchedulingError("same_group", _("Choose a different group."))
    booking = Booking.objects.select_for_update().get(pk=booking.pk)
    if booking.status == Booking.Status.CANCELLED:
        raise SchedulingError("not_active", _("This booking was already cancelled."))
    person = booking.person
    if to_group.bookings.active().filter(person=person).exists():
        raise SchedulingError("already_booked", _("This person already has a place in that group."))
    if _seats_taken(to_group) >= to_group.capacity:
        raise SchedulingError("full", _("That group has no free seat."))
    held_seat = booking.holds_seat
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.cancelled_by = by
    booking.cancel_reason = "moved"
    booking.offer_expires_at = None
    booking.save()
    _check_can_take_part(to_group, person)
    _check_quota(to_group, person)
    new_booking = _create_booking(to_group, person, Booking.Status.CONFIRMED)
    enqueue(emails.send_booking_cancelled, booking_id=booking.pk)
    enqueue(emails.send_booking_confirmation, booking_id=new_booking.pk)
    if held_seat:
        _offer_free_seats(old_group)
    return new_booking


def session_clashes(
    group: SupervisionGroup, starts_at: datetime, ends_at: datetime, room: Room | None, exclude_pk: int | None = None
) -> list[SchedulingError]:
    """Every way a session of `group` from `starts_at` to `ends_at` would overlap a scheduled session:
    the group's own, another group's with one of its supervisors, the room's, or another group's where
    one of its participants holds a seat. Reads only; the series preview lists these and the services
    refuse the first.

    Codes: "group_conflict", "supervisor_conflict", "room_conflict", "participant_conflict".
    """
    others = Session.objects.overlapping(starts_at, ends_at)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    other_groups = others.exclude(group=group)
    clashes = []
    if others.filter(group=group).exists():
        clashes.append(SchedulingError("group_conflict", _("This group already has a session at that time.")))
    supervisor_ids = list(group.supervisors.values_list("pk", flat=True))
    if supervisor_ids and other_groups.filter(group__supervisors__in=supervisor_ids).exists():
        clashes.append(
            SchedulingError("supervisor_conflict", _("A supervisor of this group already has a session at that time."))
        )
    if room is not None and other_groups.filter(room=room).exists():
        clashes.append(SchedulingError("room_conflict", _("The room is already booked at that time.")))
    participants = group.bookings.holding_seat().values("person_id")
    if other_groups.filter(
        group__bookings__person_id__in=participants, group__bookings__status__in=Booking.HOLDS_SEAT
    ).exists():
        clashes.append(
            SchedulingError(
                "participant_conflict", _("A participant of this group has another group's session at that time.")
            )
        )
    return clashes


def _check_session_conflicts(
    group: SupervisionGroup, starts_at: datetime, ends_at: datetime, room: Room | None, exclude_pk: int | None = None
) -> None:
    clashes = session_clashes(group, starts_at, ends_at, room, exclude_pk)
    if clashes:
        raise clashes[0]


def _check_times(starts_at: datetime, ends_at: datetime) -> None:
    if timezone.is_naive(starts_at) or timezone.is_naive(ends_at):
        raise SchedulingError("naive_time", _("Times must include a time zone."))
    if ends_at <= starts_at:
        raise SchedulingError("end_before_start", _("A session must end after it starts."))
    if not (in_date_range(starts_at) and in_date_range(ends_at)):
        raise SchedulingError("date_range", date_range_message())
    if starts_at <= timezone.now():
        raise SchedulingError("in_past", _("A session cannot be scheduled in the past."))


def _require_manager(group: SupervisionGroup, by) -> None:
    if not access.can_manage_group(by, group):
        raise SchedulingError("forbidden", _("You cannot change this group."))


@dataclass(frozen=True)
class PlannedSession:
    """One session a series would create, with every reason it could not be (past, clashes)."""

    starts_at: datetime
    ends_at: datetime
    problems: tuple[SchedulingError, ...]


def _series_times(group: SupervisionGroup, series: Series) -> list[tuple[datetime, datetime]]:
    try:
        times = expand(series)
    except RecurrenceError as error:
        raise SchedulingError(error.code, error.message) from error
    if group.single_session and (len(times) > 1 or group.sessions.scheduled().exists()):
        raise SchedulingError("single_session", _("A single-session group has exactly one session."))
    return times


def preview_series(group: SupervisionGroup, series: Series, *, room: Room | None = None) -> list[PlannedSession]:
    """The sessions create_series would make, each with what would stop it (the same checks, all of
    them, not only the first). Writes nothing and takes no lock: what it shows may change before saving,
    and create_series checks again.

    Raises SchedulingError: "single_session" and the RecurrenceError codes.
    """
    room = room or group.room
    planned = []
    for starts_at, ends_at in _series_times(group, series):
        problems = []
        try:
            _check_times(starts_at, ends_at)
        except SchedulingError as error:
            problems.append(error)
        problems.extend(session_clashes(group, starts_at, ends_at, room))
        planned.append(PlannedSession(starts_at, ends_at, tuple(problems)))
    return planned


@transaction.atomic
def create_series(group: SupervisionGroup, series: Series, *, by, room: Room | None = None) -> list[Session]:
    """Create every session of a recurring series, or none if any of them conflicts.

    Raises SchedulingError: "forbidden", "single_session", "in_past", the codes of session_clashes,
    and the RecurrenceError codes (e.g. "nonexistent_time", "ambiguous_time").
    """
    group = _lock_group(group)
    _require_manager(group, by)
    times = _series_times(group, series)
    room = room or group.room
    created = []
    for starts_at, ends_at in times:
        _check_times(starts_at, ends_at)
        _check_session_conflicts(group, starts_at, ends_at, room)
        created.append(
            Session.objects.create(
                group=group,
                starts_at=starts_at,
                ends_at=ends_at,
                room=room,
                meeting_link=group.meeting_link,
            )
        )
    return created


@transaction.atomic
def move_session(
    session: Session,
    *,
    starts_at: datetime,
    ends_at: datetime,
    by,
    reason: str,
    room: Room | None = None,
    location: str = "",
    meeting_link: str | None = None,
) -> Session:
    """Move one session (time and/or place). Its SEQUENCE grows and every participant is told.

    Raises SchedulingError: "forbidden", "cancelled", "end_before_start", "in_past",
    the codes of session_clashes, "unchanged".
    """
    group = _lock_group(session.group)
    _require_manager(group, by)
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.is_cancelled:
        raise SchedulingError("cancelled", _("This session was cancelled and cannot be moved."))
    _check_times(starts_at, ends_at)
    meeting_link = session.meeting_link if meeting_link is None else meeting_link
    new = (starts_at, ends_at, room.pk if room else None, location, meeting_link)
    old = (session.starts_at, session.ends_at, session.room_id, session.location, session.meeting_link)
    if new == old:
        raise SchedulingError("unchanged", _("Nothing changed: the session already has this time and place."))
    _check_session_conflicts(group, starts_at, ends_at, room, exclude_pk=session.pk)
    session.starts_at, session.ends_at = starts_at, ends_at
    session.room, session.location, session.meeting_link = room, location, meeting_link
    session.sequence += 1
    session.change_reason = reason[:300]
    session.save()
    enqueue(emails.send_session_changed, session_id=session.pk, sequence=session.sequence)
    return session


@transaction.atomic
def cancel_session(session: Session, *, by, reason: str) -> Session:
    """Cancel one session; the row stays (attendance may point at it), participants are told.

    Raises SchedulingError: "forbidden", "cancelled", "in_past".
    """
    group = _lock_group(session.group)
    _require_manager(group, by)
    session = Session.objects.select_for_update().get(pk=session.pk)
    if session.is_cancelled:
        raise SchedulingError("cancelled", _("This session was already cancelled."))
    if session.ends_at <= timezone.now():
        raise SchedulingError("in_past", _("A past session cannot be cancelled."))
    session.status = Session.Status.CANCELLED
    session.sequence += 1
    session.change_reason = reason[:300]
    session.save()
    enqueue(emails.send_session_changed, session_id=session.pk, sequence=session.sequence)
    return session


@transaction.atomic
def add_session(
    group: SupervisionGroup,
    *,
    starts_at: datetime,
    ends_at: datetime,
    by,
    room: Room | None = None,
    location: str = "",
    meeting_link: str = "",
) -> Session:
    """Add one session to a group (the Wagtail admin's "add session"), with the series' checks.

    Raises SchedulingError: "forbidden", "single_session", "end_before_start", "in_past" and the
    conflict codes of move_session.
    """
    group = _lock_group(group)
    _require_manager(group, by)
    if group.single_session and group.sessions.scheduled().exists():
        raise SchedulingError("single_session", _("A single-session group has exactly one session."))
    _check_times(starts_at, ends_at)
    _check_session_conflicts(group, starts_at, ends_at, room)
    return Session.objects.create(
        group=group,
        starts_at=starts_at,
        ends_at=ends_at,
        room=room,
        location=location,
        meeting_link=meeting_link or group.meeting_link,
    )


@transaction.atomic
def group_changed(group: SupervisionGroup) -> list[Booking]:
    """After a group's settings change (e.g. more seats in the admin), offer any seat that became free.

    Returns the bookings that received an offer.
    """
    group = _lock_group(group)
    return _offer_free_seats(group)
