"""Who may see and change which groups, sessions and bookings. Views 404 through these helpers."""

from django.db.models import Q, QuerySet
from django.http import Http404, HttpRequest

from accounts import permissions
from accounts.models import Organisation, Role
from scheduling.models import Booking, Session, SupervisionGroup


def is_supervisor(user) -> bool:
    return permissions.has_role(user, Role.SUPERVISOR)


def coordinates_group(user, group: SupervisionGroup) -> bool:
    if not permissions.can_coordinate(user):
        return False
    scope = permissions.coordinated_municipality_ids(user)
    return scope is None or group.municipality_id in scope


def supervises(user, group: SupervisionGroup) -> bool:
    if not user.is_authenticated:
        return False
    return group.supervisors.through.objects.filter(user=user, supervisiongroup_id=group.pk).exists()


def can_manage_group(user, group: SupervisionGroup) -> bool:
    """Supervisors of the group, coordinators of its municipality, and admins."""
    return supervises(user, group) or coordinates_group(user, group)


def groups_coordinated_by(user) -> QuerySet[SupervisionGroup]:
    if not permissions.can_coordinate(user):
        return SupervisionGroup.objects.none()
    scope = permissions.coordinated_municipality_ids(user)
    groups = SupervisionGroup.objects.all()
    return groups if scope is None else groups.filter(municipality_id__in=scope)


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


def get_group_for_viewer(request: HttpRequest, pk: int) -> SupervisionGroup:
    group = SupervisionGroup.objects.select_related("municipality", "room").filter(pk=pk).first()
    if group is None:
        raise Http404
    user = request.user
    if can_manage_group(user, group) or groups_open_to(user).filter(pk=pk).exists():
        return group
    if Booking.objects.filter(group=group, person=user).exists():
        return group
    raise Http404


def get_group_for_manager(request: HttpRequest, pk: int) -> SupervisionGroup:
    group = SupervisionGroup.objects.select_related("municipality", "room").filter(pk=pk).first()
    if group is None or not can_manage_group(request.user, group):
        raise Http404
    return group


def get_session_for_viewer(request: HttpRequest, pk: int) -> Session:
    session = Session.objects.select_related("group", "room").filter(pk=pk).first()
    if session is None:
        raise Http404
    user = request.user
    if can_manage_group(user, session.group):
        return session
    if Booking.objects.filter(group_id=session.group_id, person=user, status=Booking.Status.CONFIRMED).exists():
        return session
    raise Http404


def get_session_for_manager(request: HttpRequest, pk: int) -> Session:
    session = Session.objects.select_related("group", "room").filter(pk=pk).first()
    if session is None or not can_manage_group(request.user, session.group):
        raise Http404
    return session


def get_booking_for_user(request: HttpRequest, pk: int) -> Booking:
    """The person's own booking, or one in a group they manage; anything else is 404."""
    booking = Booking.objects.select_related("group", "person").filter(pk=pk).first()
    if booking is None:
        raise Http404
    if booking.person_id == request.user.pk or can_manage_group(request.user, booking.group):
        return booking
    raise Http404
