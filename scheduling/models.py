"""Group supervision: rooms, groups, their sessions, and the seats people hold in them.

A person books a seat in a *group* and attends all of its sessions. Attendance is recorded
per Session (one row per meeting), so Session rows are never deleted once a group has
participants: a cancelled meeting keeps its row with status "cancelled".

Seats: a Booking is "confirmed" (holds a seat), "offered" (holds a seat until
`offer_expires_at`, waiting for the person to accept), "waiting" (in the queue, ordered by
`created_at`) or "cancelled" (history: rows are never deleted, a new booking is a new row).
Seats taken = confirmed + offered. Rules that change these rows live in scheduling/services.py.
"""

import functools
import secrets
from datetime import datetime

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Exists, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.urls import get_script_prefix, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation


class Room(models.Model):
    # Not tracked in Wagtail's reference index: no page or snippet points here, and seats change often.
    wagtail_reference_index_ignore = True

    name = models.CharField(_("name"), max_length=200)
    address = models.CharField(_("address"), max_length=300, blank=True)
    municipality = models.ForeignKey(
        Organisation,
        verbose_name=_("municipality"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="rooms",
        limit_choices_to={"kind": Organisation.Kind.MUNICIPALITY},
    )
    capacity = models.PositiveSmallIntegerField(_("capacity"), default=12, validators=[MinValueValidator(1)])

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "address"], name="room_unique_name_address"),
            models.CheckConstraint(condition=Q(capacity__gte=1), name="room_capacity_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.name}, {self.address}" if self.address else self.name


def current_school_year(today=None) -> str:
    """The Latvian school year runs September to August: "2026/2027"."""
    today = today or timezone.localdate()
    start = today.year if today.month >= 9 else today.year - 1
    return f"{start}/{start + 1}"


def _count_of(queryset: models.QuerySet) -> Coalesce:
    """A correlated count per group, immune to other joins in the same query (no multiplied rows)."""
    counted = queryset.filter(group=OuterRef("pk")).order_by().values("group").annotate(n=models.Count("pk"))
    return Coalesce(Subquery(counted.values("n")), 0)


class GroupQuerySet(models.QuerySet):
    def with_seat_counts(self) -> "GroupQuerySet":
        """`seats_taken` (confirmed + offered) and `waiting_count`, one figure per group."""
        return self.annotate(
            seats_taken=_count_of(Booking.objects.holding_seat()),
            waiting_count=_count_of(Booking.objects.filter(status=Booking.Status.WAITING)),
        )

    def with_next_session(self) -> "GroupQuerySet":
        """`next_start`: when the group's next scheduled session starts (None when none is left)."""
        upcoming = Session.objects.scheduled().filter(group=OuterRef("pk"), starts_at__gt=timezone.now())
        return self.annotate(next_start=Subquery(upcoming.order_by("starts_at").values("starts_at")[:1]))

    def bookable(self) -> "GroupQuerySet":
        """Open for booking and with a session still to come."""
        upcoming = Session.objects.scheduled().filter(group=OuterRef("pk"), starts_at__gt=timezone.now())
        return self.filter(booking_open=True).filter(Exists(upcoming))

    def supervised_by(self, user) -> "GroupQuerySet":
        return self.filter(supervisors=user)


class SupervisionGroup(models.Model):
    # Not tracked in Wagtail's reference index: no page or snippet points here, and seats change often.
    wagtail_reference_index_ignore = True

    class Kind(models.TextChoices):
        STAFF = "staff", _("Teachers and support staff")
        LEADERS = "leaders", _("School leaders")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        HYBRID = "hybrid", _("Hybrid")

    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.STAFF)
    supervisors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supervisors"),
        related_name="supervised_groups",
        limit_choices_to={"user_roles__role": "supervisor"},
    )
    municipality = models.ForeignKey(
        Organisation,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="supervision_groups",
        limit_choices_to={"kind": Organisation.Kind.MUNICIPALITY},
    )
    schools = models.ManyToManyField(
        Organisation,
        verbose_name=_("schools served"),
        blank=True,
        related_name="served_by_groups",
        help_text=_("Leave empty to serve every school of the municipality."),
    )
    capacity = models.PositiveSmallIntegerField(
        _("capacity"), default=10, validators=[MinValueValidator(1), MaxValueValidator(50)]
    )
    mode = models.CharField(_("mode"), max_length=10, choices=Mode.choices, default=Mode.IN_PERSON)
    room = models.ForeignKey(
        Room, verbose_name=_("room"), null=True, blank=True, on_delete=models.PROTECT, related_name="groups"
    )
    meeting_link = models.URLField(_("meeting link"), blank=True, max_length=500)
    school_year = models.CharField(
        _("school year"),
        max_length=9,
        default=current_school_year,
        validators=[RegexValidator(r"^\d{4}/\d{4}$", _("Write the school year as 2026/2027."))],
    )
    booking_open = models.BooleanField(_("booking open"), default=True)
    offers_in_queue_order = models.BooleanField(
        _("offer freed seats in queue order"),
        default=True,
        help_text=_(
            "When this is off, a freed seat stays free until a supervisor or coordinator offers it to a "
            "person they choose from the waiting list."
        ),
    )
    single_session = models.BooleanField(
        _("single session"), default=False, help_text=_("A one-off supervision rather than a series.")
    )
    cancellation_deadline_hours = models.PositiveSmallIntegerField(
        _("cancellation deadline (hours)"),
        default=48,
        help_text=_(
            "Hours before the next session after which only the supervisor or a coordinator can release a seat."
        ),
    )
    school_quota = models.PositiveSmallIntegerField(
        _("places per school"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Optional: at most this many people from one school in this group."),
    )
    academic_hour_minutes = models.PositiveSmallIntegerField(
        _("academic hour (minutes)"),
        choices=[(40, _("40 minutes")), (45, _("45 minutes"))],
        default=45,
        help_text=_("How many minutes one academic hour lasts in this group's hour reports."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = GroupQuerySet.as_manager()

    class Meta:
        verbose_name = _("supervision group")
        verbose_name_plural = _("supervision groups")
        ordering = ["title"]
        constraints = [
            models.CheckConstraint(condition=Q(capacity__gte=1, capacity__lte=50), name="group_capacity_range"),
            models.CheckConstraint(
                condition=Q(school_quota__isnull=True) | Q(school_quota__gte=1), name="group_quota_positive"
            ),
            models.CheckConstraint(condition=~Q(mode="online") | ~Q(meeting_link=""), name="group_online_needs_link"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_online(self) -> bool:
        return self.mode in (self.Mode.ONLINE, self.Mode.HYBRID)


class SessionQuerySet(models.QuerySet):
    def scheduled(self) -> "SessionQuerySet":
        return self.filter(status=Session.Status.SCHEDULED)

    def upcoming(self) -> "SessionQuerySet":
        return self.filter(ends_at__gt=timezone.now())

    def overlapping(self, starts_at: datetime, ends_at: datetime) -> "SessionQuerySet":
        return self.scheduled().filter(starts_at__lt=ends_at, ends_at__gt=starts_at)

    def for_participant(self, user) -> "SessionQuerySet":
        """Sessions of groups where `user` holds a confirmed seat."""
        return self.filter(group_id__in=Booking.objects.confirmed().filter(person=user).values("group_id"))

    def for_lines(self) -> "SessionQuerySet":
        """Sessions with only what a line about one shows (scheduling/_session_line.html, the calendar's
        cells): time, place, link, status and the group's title. A month of a busy calendar reads a
        fraction of the columns and builds smaller models; anything else read from them is a query."""
        return self.select_related("group", "room").only(
            "group__title",
            "room__name",
            "room__address",
            "starts_at",
            "ends_at",
            "status",
            "sequence",
            "location",
            "meeting_link",
        )

    def visible_in_calendar_of(self, user) -> "SessionQuerySet":
        """A person's calendar: groups they hold a confirmed seat in, and groups they supervise."""
        booked = Booking.objects.confirmed().filter(person=user).values("group_id")
        supervised = SupervisionGroup.supervisors.through.objects.filter(user=user).values("supervisiongroup_id")
        return self.filter(Q(group_id__in=booked) | Q(group_id__in=supervised))


def minutes_between(starts_at: datetime, ends_at: datetime) -> int:
    """A session's length in whole minutes: what its hours are counted from."""
    return int((ends_at - starts_at).total_seconds() // 60)


_ANY_ID = 2_147_483_647


@functools.lru_cache(maxsize=16)
def _session_url_template(script_prefix: str) -> str:
    return reverse("scheduling:session", args=[_ANY_ID]).replace(str(_ANY_ID), "{}")


def session_url(session_id: int) -> str:
    """The session's page: `reverse` once per process and script prefix, not once per link (a month
    in the calendar links to every session in it, and reversing was a fifth of the page's time)."""
    return _session_url_template(get_script_prefix()).format(int(session_id))


class Session(models.Model):
    """One meeting of a group. Attendance records point here; rows are cancelled, never deleted.

    `sequence` is the iCalendar SEQUENCE: it grows whenever time, place or status changes, so
    calendar clients replace their copy. `room`, `location` and `meeting_link` are copied from the
    group when the session is created and can then differ per session.
    """

    # Not tracked in Wagtail's reference index: no page or snippet points here, and seats change often.
    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    group = models.ForeignKey(
        SupervisionGroup, verbose_name=_("group"), on_delete=models.PROTECT, related_name="sessions"
    )
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    room = models.ForeignKey(
        Room, verbose_name=_("room"), null=True, blank=True, on_delete=models.PROTECT, related_name="sessions"
    )
    location = models.CharField(_("place"), max_length=300, blank=True)
    meeting_link = models.URLField(_("meeting link"), blank=True, max_length=500)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.SCHEDULED)
    sequence = models.PositiveIntegerField(_("calendar sequence"), default=0)
    change_reason = models.CharField(_("reason for the last change"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = SessionQuerySet.as_manager()

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at", "ends_at"], name="session_time_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(ends_at__gt=models.F("starts_at")), name="session_ends_after_start"),
        ]

    def __str__(self) -> str:
        local = timezone.localtime(self.starts_at)
        return f"{self.group} – {local:%d.%m.%Y %H:%M}"

    def get_absolute_url(self) -> str:
        return session_url(self.pk)

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def is_past(self) -> bool:
        return self.ends_at <= timezone.now()

    @property
    def minutes(self) -> int:
        return minutes_between(self.starts_at, self.ends_at)

    def register_is_open(self, now: datetime | None = None) -> bool:
        """The session window, from its start to its end: self check-in works only now, and
        marking before it is refused (after it, only the supervisor corrects)."""
        now = now or timezone.now()
        return not self.is_cancelled and self.starts_at <= now < self.ends_at

    @property
    def place(self) -> str:
        """Where to go: the room, the free-text place, or nothing (online only)."""
        if self.room_id:
            return str(self.room)
        return self.location


class BookingQuerySet(models.QuerySet):
    def active(self) -> "BookingQuerySet":
        return self.exclude(status=Booking.Status.CANCELLED)

    def holding_seat(self) -> "BookingQuerySet":
        """Bookings that take a seat: confirmed, and offered while the offer waits for an answer."""
        return self.filter(status__in=Booking.HOLDS_SEAT)

    def confirmed(self) -> "BookingQuerySet":
        """The seats of participants: they attend, are on the register and in the calendar."""
        return self.filter(status=Booking.Status.CONFIRMED)

    def waiting_queue(self) -> "BookingQuerySet":
        return self.filter(status=Booking.Status.WAITING).order_by("created_at", "pk")

    def with_queue_place(self) -> "BookingQuerySet":
        """`queue_place`: a waiting booking's place on its group's list (1 = next in line), None otherwise."""
        ahead = (
            Booking.objects.filter(group_id=OuterRef("group_id"), status=Booking.Status.WAITING)
            .filter(
                Q(created_at__lt=OuterRef("created_at")) | Q(created_at=OuterRef("created_at"), pk__lt=OuterRef("pk"))
            )
            .order_by()
            .values("group_id")
            .annotate(n=models.Count("pk"))
            .values("n")
        )
        place = Coalesce(Subquery(ahead), 0) + 1
        return self.annotate(
            queue_place=models.Case(
                models.When(status=Booking.Status.WAITING, then=place), output_field=models.IntegerField()
            )
        )


class Booking(models.Model):
    """A person's seat (or place in the queue) in a group. Cancelled rows stay as history."""

    # Not tracked in Wagtail's reference index: no page or snippet points here, and seats change often.
    wagtail_reference_index_ignore = True

    class Status(models.TextChoices):
        CONFIRMED = "confirmed", _("Confirmed")
        WAITING = "waiting", _("On the waiting list")
        OFFERED = "offered", _("Seat offered")
        CANCELLED = "cancelled", _("Cancelled")

    HOLDS_SEAT = (Status.CONFIRMED, Status.OFFERED)

    group = models.ForeignKey(
        SupervisionGroup, verbose_name=_("group"), on_delete=models.PROTECT, related_name="bookings"
    )
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("person"), on_delete=models.CASCADE, related_name="bookings"
    )
    school = models.ForeignKey(
        Organisation,
        verbose_name=_("school"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The person's organisation when they booked; counts towards the school quota."),
    )
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    created_at = models.DateTimeField(_("booked"), default=timezone.now)
    confirmed_at = models.DateTimeField(_("confirmed"), null=True, blank=True)
    offer_expires_at = models.DateTimeField(_("offer expires"), null=True, blank=True)
    cancelled_at = models.DateTimeField(_("cancelled"), null=True, blank=True)
    cancelled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    cancel_reason = models.CharField(_("reason"), max_length=40, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["group", "person"], condition=~Q(status="cancelled"), name="booking_one_active_per_person"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["confirmed", "waiting", "offered", "cancelled"]), name="booking_status_valid"
            ),
            models.CheckConstraint(
                condition=Q(status="offered", offer_expires_at__isnull=False) | ~Q(status="offered"),
                name="booking_offer_has_expiry",
            ),
            models.CheckConstraint(
                condition=Q(status="cancelled", cancelled_at__isnull=False) | ~Q(status="cancelled"),
                name="booking_cancelled_has_time",
            ),
        ]
        indexes = [models.Index(fields=["group", "status", "created_at"], name="booking_queue_idx")]

    def __str__(self) -> str:
        return f"{self.person} – {self.group} ({self.get_status_display()})"

    @property
    def holds_seat(self) -> bool:
        return self.status in self.HOLDS_SEAT


def _new_feed_token() -> str:
    return secrets.token_urlsafe(24)


class CalendarFeed(models.Model):
    """A person's private subscription link. Regenerating the token stops the old link at once."""

    # Not tracked in Wagtail's reference index: no page or snippet points here, and seats change often.
    wagtail_reference_index_ignore = True

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed")
    token = models.CharField(max_length=64, unique=True, default=_new_feed_token, editable=False)
    hide_cancelled = models.BooleanField(_("hide cancelled sessions"), default=False)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")

    def __str__(self) -> str:
        return str(self.user)

    def regenerate(self) -> None:
        self.token = _new_feed_token()


class ParticipantProfile(models.Model):
    """What scheduling needs to know about a person beyond accounts: whether they lead a school.

    School leaders take part only in leaders' groups, and staff only in staff groups.
    """

    # Not tracked in Wagtail's reference index: no page or snippet points here, and seats change often.
    wagtail_reference_index_ignore = True

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="participant_profile")
    is_school_leader = models.BooleanField(_("school leader"), default=False)

    class Meta:
        verbose_name = _("participant profile")
        verbose_name_plural = _("participant profiles")

    def __str__(self) -> str:
        return str(self.user)
