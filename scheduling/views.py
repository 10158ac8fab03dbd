import calendar as pycalendar
import hashlib
from datetime import date, timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Count, Max, OuterRef, Prefetch, Subquery
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseNotFound
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import http_date
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_POST

from accounts import permissions
from lms import downloads
from lms.cache import digest
from scheduling import access, ical, services
from scheduling.filters import GroupFilter
from scheduling.forms import (
    FeedSettingsForm,
    MovePersonForm,
    MoveSessionForm,
    ReasonForm,
    SeriesForm,
    initial_for_move,
    month_from,
)
from scheduling.models import Booking, CalendarFeed, Session, SupervisionGroup

ICS_TYPE = "text/calendar; charset=utf-8"
FEED_HISTORY = timedelta(days=400)
# A rendered feed is kept under its ETag: calendar clients poll often, and any change makes a new ETag.
FEED_CACHE_SECONDS = 3600
COORDINATION_PAGE_SIZE = 50  # groups per page of the coordinators' list; a national coordinator sees hundreds
FINDER_PAGE_SIZE = 20  # groups per page of "Find a supervision group"


def _feed_of(user) -> CalendarFeed | None:
    """The person's private feed, if they made one. Pages only read it: the link is created on request."""
    return CalendarFeed.objects.filter(user=user).first()


def _feed_for(user) -> CalendarFeed:
    """The person's feed, made now if they had none (POST views only)."""
    feed, _created = CalendarFeed.objects.get_or_create(user=user)
    return feed


def _error(request: HttpRequest, error: services.SchedulingError) -> None:
    messages.error(request, error.message)


# --- educators: find, book, cancel ----------------------------------------------------------------


@login_required
def find_groups(request: HttpRequest) -> HttpResponse:
    """The groups a person may book, soonest first, a page at a time: each shows its next session,
    its seats and the person's own place, in a fixed number of queries however many sessions it has."""
    filters = GroupFilter(request.GET or None, queryset=access.groups_open_to(request.user).bookable())
    first_session = Session.objects.scheduled().upcoming().filter(group=OuterRef("pk")).order_by("starts_at", "pk")
    groups = (
        SupervisionGroup.objects.filter(pk__in=filters.qs.values("pk"))
        .with_seat_counts()
        .with_next_session()
        .annotate(next_session_id=Subquery(first_session.values("pk")[:1]))
        .select_related("municipality", "room")
        .prefetch_related("supervisors")
        .order_by("next_start", "title", "pk")
    )
    page = Paginator(groups, FINDER_PAGE_SIZE).get_page(request.GET.get("page"))
    groups = list(page.object_list)
    sessions = Session.objects.select_related("room").in_bulk([g.next_session_id for g in groups if g.next_session_id])
    mine = {b.group_id: b for b in Booking.objects.active().filter(person=request.user, group__in=groups)}
    supervised = set(SupervisionGroup.objects.supervised_by(request.user).values_list("pk", flat=True))
    tiles = [(group, sessions.get(group.next_session_id), mine.get(group.pk)) for group in groups]
    context = {"form": filters.form, "tiles": tiles, "page": page, "supervised": supervised}
    return render(request, "scheduling/find_groups.html", {**context, "filter_key": _filter_form_key(request, filters)})


def _filter_form_key(request: HttpRequest, filters: GroupFilter) -> str:
    """What the finder's filter form shows besides the language: whether anything was asked for, the
    values asked for (and so any error about them) and the municipalities offered. Its HTML is rendered
    once for each; rendering the 45 municipalities' options through Django's widget templates was a
    third of the page."""
    values = request.GET.copy()
    values.pop("page", None)
    offered = list(filters.form.fields["municipality"].queryset.values_list("pk", "name"))
    return digest(filters.form.is_bound, values.urlencode(), offered)


def sessions_key(sessions, *shown) -> str:
    """What a list of session lines shows, for keeping its HTML (with the language, in the template's
    `{% cache %}`): each session's time, place, link, status, group and whether it is over, in the time
    zone the page is drawn in, and whatever else the caller's part of the page shows (`shown`).
    Everyone who sees the same sessions shares one rendering; any change to one asks for another."""
    lines = tuple(
        (
            s.pk,
            s.group_id,
            s.group.title,
            s.starts_at,
            s.ends_at,
            s.status,
            s.sequence,
            s.place,
            s.meeting_link,
            s.is_past,
        )
        for s in sessions
    )
    return digest(timezone.get_current_timezone_name(), shown, lines)


def _crumbs_for_group(user, group: SupervisionGroup, *, supervises=None, coordinates=None) -> list[tuple[str, str]]:
    """The way to a group: from the dashboard through the list the person reaches it by. A caller that
    already knows whether the person supervises or coordinates the group passes it on."""
    if supervises is None:
        supervises = access.supervises(user, group)
    if supervises:
        section = (_("My groups"), reverse("scheduling:supervising"))
    elif coordinates if coordinates is not None else access.coordinates_group(user, group):
        section = (_("Supervision groups"), reverse("scheduling:coordination"))
    else:
        section = (_("Group supervision"), reverse("scheduling:find"))
    return [(_("Dashboard"), reverse("dashboard")), section]


@login_required
def group_detail(request: HttpRequest, pk: int) -> HttpResponse:
    group = access.get_group_for_viewer(request, pk)
    supervisors = list(group.supervisors.all())
    supervises = any(person.pk == request.user.pk for person in supervisors)  # access.supervises, from the list
    coordinates = access.coordinates_group(request.user, group)
    manager = supervises or coordinates
    sessions = list(group.sessions.select_related("room").order_by("starts_at"))
    booking = group.bookings.active().filter(person=request.user).first()
    seats_taken = group.bookings.holding_seat().count()
    context = {
        "group": group,
        "sessions": sessions,
        "booking": booking,
        "seats_taken": seats_taken,
        "free_seats": max(group.capacity - seats_taken, 0),
        "manager": manager,
        "supervises": supervises,
        "queue_place": services.queue_place(booking) if booking else None,
        "supervisors": supervisors,
        "deadline": services.cancellation_deadline(group, sessions=sessions),
        "crumbs": _crumbs_for_group(request.user, group, supervises=supervises, coordinates=coordinates),
    }
    context["sessions_key"] = sessions_key(sessions, manager)
    if manager:
        context["feed"] = _feed_of(request.user)
        bookings = group.bookings.active().select_related("person", "school").order_by("created_at")
        context["participants"] = [b for b in bookings if b.holds_seat]
        context["waiting"] = [b for b in bookings if b.status == Booking.Status.WAITING]
        context["may_offer"] = services.may_offer_seat(group, seats_taken=seats_taken)
        if coordinates:
            context["move_form"] = MovePersonForm(groups=access.groups_coordinated_by(request.user).exclude(pk=pk))
    return render(request, "scheduling/group_detail.html", context)


@login_required
@require_POST
def book(request: HttpRequest, pk: int) -> HttpResponse:
    group = access.get_group_for_viewer(request, pk)
    try:
        booking = services.book_seat(group, request.user)
    except services.SchedulingError as error:
        if error.code == "already_booked":
            messages.info(request, error.message)
        else:
            _error(request, error)
    else:
        if booking.status == Booking.Status.CONFIRMED:
            messages.success(
                request, _("Your seat is booked. A confirmation with a calendar invitation is on its way.")
            )
        elif booking.status == Booking.Status.OFFERED:
            messages.success(request, _("A seat is free for you: accept it below."))
        else:
            messages.info(
                request, _("The group is full, so you are on its waiting list. We will email you if a seat frees.")
            )
    return redirect("scheduling:group", pk=group.pk)


@login_required
def cancel_booking(request: HttpRequest, pk: int) -> HttpResponse:
    """GET asks for confirmation and says who will be told; POST releases the seat."""
    booking = access.get_booking_for_user(request, pk)
    back = "group" if request.GET.get("next", request.POST.get("next")) == "group" else ""
    if request.method != "POST":
        if booking.status == Booking.Status.CANCELLED:
            messages.info(request, _("This booking was already cancelled."))
            return redirect("scheduling:group", pk=booking.group_id)
        context = {"booking": booking, "own": booking.person_id == request.user.pk, "next": back}
        return render(request, "scheduling/cancel_booking.html", context)
    try:
        services.cancel_booking(booking, by=request.user)
    except services.SchedulingError as error:
        _error(request, error)
    else:
        if booking.person_id == request.user.pk:
            messages.success(request, _("Your booking is cancelled."))
        else:
            messages.success(request, _("The seat of %(name)s is released.") % {"name": booking.person})
    if back == "group":
        return redirect("scheduling:group", pk=booking.group_id)
    return redirect("scheduling:my_sessions")


@login_required
def offer_seat(request: HttpRequest, pk: int) -> HttpResponse:
    """GET says what offering the seat will do (or why it cannot be offered now); POST makes the offer."""
    booking = access.get_booking_for_manager(request, pk)
    group = booking.group
    if request.method == "POST":
        try:
            services.offer_seat(booking, by=request.user)
        except services.SchedulingError as error:
            _error(request, error)
        else:
            messages.success(
                request, _("A seat is offered to %(name)s, who is emailed about it.") % {"name": booking.person}
            )
        return redirect("scheduling:group", pk=group.pk)
    seats_taken = group.bookings.holding_seat().count()
    context = {
        "booking": booking,
        "group": group,
        "waiting": booking.status == Booking.Status.WAITING,
        "seat_free": services.may_offer_seat(group, seats_taken=seats_taken),
        "hours": services.offer_hours(),
        "expires": timezone.now() + timedelta(hours=services.offer_hours()),
        "crumbs": _crumbs_for_group(request.user, group)
        + [(group.title, reverse("scheduling:group", args=[group.pk]))],
    }
    return render(request, "scheduling/offer_seat.html", context)


@login_required
@require_POST
def accept_offer(request: HttpRequest, pk: int) -> HttpResponse:
    booking = access.get_booking_for_owner(request, pk)
    try:
        services.accept_offer(booking, by=request.user)
    except services.SchedulingError as error:
        _error(request, error)
    else:
        messages.success(request, _("The seat is yours. A confirmation with a calendar invitation is on its way."))
    return redirect("scheduling:my_sessions")


@login_required
def my_sessions(request: HttpRequest) -> HttpResponse:
    bookings = list(
        Booking.objects.active()
        .filter(person=request.user)
        .select_related("group", "group__room")
        .order_by("created_at")
    )
    sessions = (
        Session.objects.for_participant(request.user).upcoming().select_related("group", "room").order_by("starts_at")
    )
    return render(request, "scheduling/my_sessions.html", {"bookings": bookings, "sessions": sessions})


@login_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = access.get_session_for_viewer(request, pk)
    manager = access.can_manage_group(request.user, session.group)
    participant = access.holds_seat(request.user, session.group)
    crumbs = _crumbs_for_group(request.user, session.group) + [
        (session.group.title, reverse("scheduling:group", args=[session.group_id]))
    ]
    context = {"session": session, "manager": manager, "participant": participant, "crumbs": crumbs}
    return render(request, "scheduling/session_detail.html", context)


@login_required
def session_ics(request: HttpRequest, pk: int) -> HttpResponse:
    session = access.get_session_for_viewer(request, pk)
    event = ical.session_event(
        session, site_url=settings.SITE_URL, page_path=reverse("scheduling:session", args=[session.pk])
    )
    body = ical.build_calendar([event], name=session.group.title)
    return downloads.download(body, f"session-{session.pk}.ics", ICS_TYPE)


# --- supervisors ----------------------------------------------------------------------------------


@login_required
def supervising(request: HttpRequest) -> HttpResponse:
    if not access.is_supervisor(request.user) and not permissions.is_admin(request.user):
        raise Http404
    groups = (
        SupervisionGroup.objects.supervised_by(request.user)
        .with_seat_counts()
        .select_related("municipality", "room")
        .prefetch_related(
            Prefetch(
                "sessions",
                queryset=Session.objects.upcoming().select_related("room").order_by("starts_at"),
                to_attr="upcoming_sessions",
            )
        )
    )
    feed = _feed_of(request.user)
    return render(request, "scheduling/supervising.html", {"groups": groups, "feed": feed})


@login_required
def create_series(request: HttpRequest, pk: int) -> HttpResponse:
    """The series form. "Preview" lists the sessions it would create and their clashes, saving nothing;
    "Create" saves them (all or none)."""
    group = access.get_group_for_manager(request, pk)
    form = SeriesForm(request.POST or None, initial={"room": group.room_id})
    planned = None
    if request.method == "POST" and form.is_valid():
        series, room = form.cleaned_data["series"], form.cleaned_data["room"]
        try:
            if "preview" in request.POST:
                planned = services.preview_series(group, series, room=room)
            else:
                created = services.create_series(group, series, by=request.user, room=room)
                messages.success(request, _("%(count)d sessions were added.") % {"count": len(created)})
                return redirect("scheduling:group", pk=group.pk)
        except services.SchedulingError as error:
            form.add_error(None, error.message)
    context = {
        "group": group,
        "form": form,
        "planned": planned,
        "problems": sum(1 for p in planned if p.problems) if planned else 0,
        "crumbs": _crumbs_for_group(request.user, group)
        + [(group.title, reverse("scheduling:group", args=[group.pk]))],
    }
    return render(request, "scheduling/create_series.html", context)


@login_required
def move_session(request: HttpRequest, pk: int) -> HttpResponse:
    session = access.get_session_for_manager(request, pk)
    form = MoveSessionForm(request.POST or None, initial=initial_for_move(session))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.move_session(
                session,
                starts_at=data["starts_at"],
                ends_at=data["ends_at"],
                room=data["room"],
                location=data["location"],
                meeting_link=data["meeting_link"],
                reason=data["reason"],
                by=request.user,
            )
        except services.SchedulingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The session was moved and its participants were told."))
            return redirect("scheduling:group", pk=session.group_id)
    return render(request, "scheduling/move_session.html", {"session": session, "form": form})


@login_required
def cancel_session(request: HttpRequest, pk: int) -> HttpResponse:
    session = access.get_session_for_manager(request, pk)
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.cancel_session(session, reason=form.cleaned_data["reason"], by=request.user)
        except services.SchedulingError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The session was cancelled and its participants were told."))
            return redirect("scheduling:group", pk=session.group_id)
    return render(request, "scheduling/cancel_session.html", {"session": session, "form": form})


# --- coordinators ---------------------------------------------------------------------------------


@login_required
def coordination(request: HttpRequest) -> HttpResponse:
    if not permissions.can_coordinate(request.user):
        raise Http404
    groups = (
        access.groups_coordinated_by(request.user)
        .with_seat_counts()
        .with_next_session()
        .select_related("municipality")
        .prefetch_related("supervisors")
        .order_by("municipality__name", "title", "pk")
    )
    page = Paginator(groups, COORDINATION_PAGE_SIZE).get_page(request.GET.get("page"))
    return render(request, "scheduling/coordination.html", {"groups": page.object_list, "page": page})


@login_required
@require_POST
def move_person(request: HttpRequest, pk: int) -> HttpResponse:
    booking = access.get_booking_for_coordinator(request, pk)
    form = MovePersonForm(request.POST, groups=access.groups_coordinated_by(request.user))
    if not form.is_valid():
        messages.error(request, _("Choose a group to move the person to."))
    else:
        try:
            new = services.move_person(booking, form.cleaned_data["to_group"], by=request.user)
        except services.SchedulingError as error:
            _error(request, error)
        else:
            messages.success(
                request, _("%(name)s now has a seat in %(group)s.") % {"name": new.person, "group": new.group}
            )
    return redirect("scheduling:group", pk=booking.group_id)


# --- calendar -------------------------------------------------------------------------------------


@login_required
def my_calendar(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    month = month_from(request.GET.get("month"), today)
    first_weekday, days_in_month = pycalendar.monthrange(month.year, month.month)
    month_end = month + timedelta(days=days_in_month)
    tz = timezone.get_current_timezone()
    sessions = list(
        Session.objects.visible_in_calendar_of(request.user)
        .filter(
            starts_at__gte=timezone.make_aware(timezone.datetime.combine(month, timezone.datetime.min.time()), tz),
            starts_at__lt=timezone.make_aware(timezone.datetime.combine(month_end, timezone.datetime.min.time()), tz),
        )
        .for_lines()
        .order_by("starts_at")
    )
    by_day: dict[date, list[Session]] = {}
    for session in sessions:
        by_day.setdefault(timezone.localtime(session.starts_at).date(), []).append(session)
    weeks, week = [], [None] * first_weekday
    for day_number in range(1, days_in_month + 1):
        day = month.replace(day=day_number)
        week.append({"date": day, "sessions": by_day.get(day, []), "today": day == today})
        if len(week) == 7:
            weeks.append(week)
            week = []
    if week:
        weeks.append(week + [None] * (7 - len(week)))
    previous = (month - timedelta(days=1)).replace(day=1)
    agenda = Session.objects.visible_in_calendar_of(request.user).upcoming().for_lines().order_by("starts_at")[:50]
    feed = _feed_of(request.user)
    feed_url = settings.SITE_URL + reverse("scheduling:feed", args=[feed.token]) if feed else ""
    agenda = list(agenda)
    context = {
        "month": month,
        "sessions_key": sessions_key([*sessions, *agenda], month, today, len(sessions)),
        "weeks": weeks,
        "previous_month": previous.strftime("%Y-%m"),
        "next_month": month_end.strftime("%Y-%m"),
        "agenda": agenda,
        "feed": feed,
        "feed_url": feed_url,
        "webcal_url": "webcal://" + feed_url.split("://", 1)[1] if feed else "",
        "settings_form": FeedSettingsForm(initial={"hide_cancelled": feed.hide_cancelled if feed else False}),
        "weekday_names": [
            (_("Monday"), pgettext("weekday", "Mon")),
            (_("Tuesday"), pgettext("weekday", "Tue")),
            (_("Wednesday"), pgettext("weekday", "Wed")),
            (_("Thursday"), pgettext("weekday", "Thu")),
            (_("Friday"), pgettext("weekday", "Fri")),
            (_("Saturday"), pgettext("weekday", "Sat")),
            (_("Sunday"), pgettext("weekday", "Sun")),
        ],
    }
    return render(request, "scheduling/calendar.html", context)


@login_required
@require_POST
def feed_create(request: HttpRequest) -> HttpResponse:
    """Make the person's private calendar link (once; a second press changes nothing)."""
    _feed_for(request.user)
    messages.success(request, _("Your private calendar link is ready: add it to your calendar app."))
    return redirect(reverse("scheduling:calendar") + "#feed-heading")


@login_required
@require_POST
def feed_regenerate(request: HttpRequest) -> HttpResponse:
    feed = _feed_for(request.user)
    feed.regenerate()
    feed.save()
    messages.success(
        request, _("Your calendar link was renewed. The old link no longer works: subscribe again with the new one.")
    )
    return redirect("scheduling:calendar")


@login_required
@require_POST
def feed_settings(request: HttpRequest) -> HttpResponse:
    form = FeedSettingsForm(request.POST)
    if form.is_valid():
        feed = _feed_for(request.user)
        feed.hide_cancelled = form.cleaned_data["hide_cancelled"]
        feed.save()
        messages.success(request, _("Your calendar feed settings were saved."))
    return redirect("scheduling:calendar")


def render_feed(sessions, *, language: str, name: str) -> bytes:
    """The calendar bytes of `sessions`, in `language`: two queries whatever the number of sessions."""
    page_path = reverse("scheduling:session", args=[0]).replace("/0/", "/{}/")
    with translation.override(language):
        events = [
            ical.session_event(s, site_url=settings.SITE_URL, page_path=page_path.format(s.pk))
            for s in sessions.select_related("group", "room").order_by("starts_at")
        ]
        return ical.build_calendar(events, name=name)


def _feed_response(request: HttpRequest, sessions, *, user, name: str, extra_key: str) -> HttpResponse:
    """Serve `sessions` as a feed; answer 304 when the client's copy is current (ETag/Last-Modified)."""
    stats = sessions.aggregate(count=Count("pk"), latest=Max("updated_at"), groups=Max("group__updated_at"))
    latest_booking = Booking.objects.filter(person=user).aggregate(latest=Max("updated_at"))["latest"]
    stamps = [s for s in (stats["latest"], latest_booking) if s is not None]
    last_modified = max(stamps) if stamps else None
    fingerprint = (
        f"{stats['count']}|{stats['latest']}|{stats['groups']}|{latest_booking}|{extra_key}|{user.preferred_language}"
    )
    etag = '"' + hashlib.sha256(fingerprint.encode()).hexdigest()[:32] + '"'
    from django.utils.cache import get_conditional_response

    not_modified = get_conditional_response(
        request, etag=etag, last_modified=int(last_modified.timestamp()) if last_modified else None
    )
    if not_modified is not None:
        return not_modified
    cache_key = f"scheduling:feed:{etag}"
    body = cache.get(cache_key)
    if body is None:
        body = render_feed(sessions, language=user.preferred_language, name=name)
        cache.set(cache_key, body, FEED_CACHE_SECONDS)
    response = HttpResponse(body, content_type=ICS_TYPE)
    response["ETag"] = etag
    if last_modified:
        response["Last-Modified"] = http_date(last_modified.timestamp())
    response["Cache-Control"] = "private, max-age=900"
    return response


class _FeedNotFound(Exception):
    pass


def _not_found() -> HttpResponse:
    """One answer for unknown, regenerated and forbidden feeds, so a link reveals nothing."""
    return HttpResponseNotFound(b"Not found.\n", content_type="text/plain; charset=utf-8")


def _feed_owner(token: str) -> CalendarFeed:
    feed = CalendarFeed.objects.select_related("user").filter(token=token).first()
    if feed is None or not feed.user.is_active:
        raise _FeedNotFound
    return feed


def personal_feed(request: HttpRequest, token: str) -> HttpResponse:
    """A private subscription link: the token is the only credential; unknown and old ones 404 alike."""
    try:
        feed = _feed_owner(token)
    except _FeedNotFound:
        return _not_found()
    sessions = Session.objects.visible_in_calendar_of(feed.user).filter(starts_at__gte=timezone.now() - FEED_HISTORY)
    if feed.hide_cancelled:
        sessions = sessions.scheduled()
    with translation.override(feed.user.preferred_language):
        name = _("Kopiena – my supervisions")
    return _feed_response(request, sessions, user=feed.user, name=name, extra_key=f"{feed.token}|{feed.hide_cancelled}")


def group_feed(request: HttpRequest, token: str, pk: int) -> HttpResponse:
    """A group's sessions, for its supervisors (and coordinators), under their private token."""
    try:
        feed = _feed_owner(token)
    except _FeedNotFound:
        return _not_found()
    group = SupervisionGroup.objects.filter(pk=pk).first()
    if group is None or not access.can_manage_group(feed.user, group):
        return _not_found()
    sessions = group.sessions.filter(starts_at__gte=timezone.now() - FEED_HISTORY)
    with translation.override(feed.user.preferred_language):
        name = f"Kopiena – {group.title}"
    return _feed_response(
        request, sessions, user=feed.user, name=name, extra_key=f"{feed.token}|group|{group.pk}|{group.updated_at}"
    )
