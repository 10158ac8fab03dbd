"""Who may mark, read and export attendance. Attendance views ask here and add no checks of their own.

Marking is for the group's supervisors (and admins); coordinators of the municipality read
registers and export them; notice reasons and notes are for the group's supervisors alone.
"""

from django.http import Http404, HttpRequest

from accounts import permissions
from scheduling import access as scheduling_access
from scheduling.models import Session, SupervisionGroup


def can_mark(user, group: SupervisionGroup) -> bool:
    return scheduling_access.supervises(user, group) or permissions.is_admin(user)


def can_read_notices(user, group: SupervisionGroup) -> bool:
    """Reasons and notes of absence: the group's supervisors only (not coordinators, not admins)."""
    return scheduling_access.supervises(user, group)


def get_session_for_register(request: HttpRequest, pk: int) -> Session:
    """A session whose register the person may read: supervisors and coordinators of the group."""
    return scheduling_access.get_session_for_manager(request, pk)


def get_session_for_marker(request: HttpRequest, pk: int) -> Session:
    """A session whose register the person may mark, or whose check-in code they may show."""
    session = scheduling_access.get_session_for_manager(request, pk)
    if not can_mark(request.user, session.group):
        raise Http404
    return session
