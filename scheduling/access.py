"""Who may see and change which groups, sessions and bookings. Views 404 through these helpers.

Each object type has a read helper (`get_x_for_viewer`) and write helpers named for who may change
it (`get_x_for_manager`, `get_booking_for_owner`); a view calls one of them and adds no checks of its
own. The predicates (`can_manage_group`, `holds_seat`) are what services and templates ask.
"""

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from accounts import permissions
from accounts.models import Organisation, Role
from scheduling.models import Booking, Session, SupervisionGroup


def is_supervisor(user) -> bool:
    return permissions.has_role(user, Role.SUPERVISOR)


def coordinates_group(user, group: SupervisionGroup) -> bool:
    return permissions.coordinates_municipality(user, group.municipality_id)


def supervises(user, group: SupervisionGroup) -> bool:
    if not user.is_authenticated:
        return False
    return group.supervisors.through.objects.filter(user=user, supervisiongroup_id=group.pk).exists()


def can_manage_group(user, group: SupervisionGroup) -> bool:
    """Supervisors of the group, coordinators of its municipality, and admins."""
    return supervises(user, group) or coordinates_group(user, group)


def holds_seat(user, group: SupervisionGroup) -> bool:
    """Whether `user` takes part in `group`: a confirmed seat (not an offer, not the waiting list)."""
    if not user.is_authenticated:
        return False
    return Booking.objects.confirmed().filter(group_id=group.pk, person=user).exists()


def may_book(user, group: SupervisionGroup) -> bool:
    """Whether the "book a seat" button belongs on the group's page: people who could take part,
    not the group's own supervisors (they lead it) and not someone already holding a place."""
    if not user.is_authenticated or supervises(user, group):
        return False
    return not Booking.objects.active().filter(group_id=group.pk, person=user).exists()


def groups_coordinated_by(user) -> QuerySet[SupervisionGroup]:
    return permissions.in_scope(SupervisionGroup.objects.all(), user, via="municipality")


def groups_managed_by(user) -> QuerySet[SupervisionGroup]:
    coordinated = groups_coordinated_by(user).values("pk")
    return SupervisionGroup.objects.filter(Q(supervisors=user) | Q(pk__in=coordinated)).distinct()


def groups_open_to(user) -> QuerySet[SupervisionGroup]:
    """Groups a person may look at: those of their municipality; a coordinator's are those they
    coordinate (all for a national one); supervisors, who work across municipalities, see all."""
    if is_supervisor(user) or permissions.is_national_coordinator(user):
        return SupervisionGroup.objects.all()
    if permissions.can_coordinate(user):
        return groups_coordinated_by(user)
    organisation = user.organisation
    if organisation is None or organisation.municipality_id is None:
        return SupervisionGroup.objects.none()
    return SupervisionGroup.objects.filter(municipality_id=organisation.municipality_id)


def serves(group: SupervisionGroup, organisation: Organisation | None) -> bool:
    """Whether people of `organisation` may take part: its municipality, and its schools if listed."""
    if organisation is None or organisation.municipality_id != group.municipality_id:
        return False
    school_ids = {s.pk for s in group.schools.all()}
    return not school_ids or organisation.pk in school_ids


def _group(pk: int) -> SupervisionGroup:
    group = SupervisionGroup.objects.select_related("municipality", "room").filter(pk=pk).first()
    if group is None:
        raise Http404
    return group


def get_group_for_viewer(request: HttpRequest, pk: int) -> SupervisionGroup:
    """A group the person may look at: one open to them, one they manage, or one they have a place in."""
    group = _group(pk)
    user = request.user
    if groups_open_to(user).filter(pk=pk).exists() or can_manage_group(user, group):
        return group
    if Booking.objects.filter(group=group, person=user).exists():
        return group
    raise Http404


def get_group_for_manager(request: HttpRequest, pk: int) -> SupervisionGroup:
    group = _group(pk)
    if not can_manage_group(request.user, group):
        raise Http404
    return group


def _session(pk: int) -> Session:
    session = Session.objects.select_related("group", "room").filter(pk=pk).first()
    if session is None:
        raise Http404
    return session


def get_session_for_viewer(request: HttpRequest, pk: int) -> Session:
    """A session of a group the person manages or takes part in."""
    session = _session(pk)
    if can_manage_group(request.user, session.group) or holds_seat(request.user, session.group):
        return session
    raise Http404


def get_session_for_participant(request: HttpRequest, pk: int) -> Session:
    """A session of a group where the person holds a confirmed seat (their own notice of absence)."""
    session = _session(pk)
    if not holds_seat(request.user, session.group):
        raise Http404
    return session


def get_session_for_manager(request: HttpRequest, pk: int) -> Session:
    session = _session(pk)
    if not can_manage_group(request.user, session.group):
        raise Http404
    return session


def _booking(pk: int) -> Booking:
    booking = Booking.objects.select_related("group", "person").filter(pk=pk).first()
    if booking is None:
        raise Http404
    return booking


def get_booking_for_user(request: HttpRequest, pk: int) -> Booking:
    """The person's own booking, or one in a group they manage; anything else is 404."""
    booking = _booking(pk)
    if booking.person_id == request.user.pk or can_manage_group(request.user, booking.group):
        return booking
    raise Http404


def get_booking_for_manager(request: HttpRequest, pk: int) -> Booking:
    """A booking in a group the person supervises or coordinates (offering a seat to someone waiting)."""
    booking = _booking(pk)
    if not can_manage_group(request.user, booking.group):
        raise Http404
    return booking


def get_booking_for_owner(request: HttpRequest, pk: int) -> Booking:
    """The person's own booking only (accepting an offer is theirs alone)."""
    booking = _booking(pk)
    if booking.person_id != request.user.pk:
        raise Http404
    return booking


def get_booking_for_coordinator(request: HttpRequest, pk: int) -> Booking:
    """A booking in a group of the coordinator's municipalities (moving people between groups)."""
    booking = _booking(pk)
    if not coordinates_group(request.user, booking.group):
        raise Http404
    return booking
