"""Who may see and change which participant records. Every participants view asks here.

Coordinators see the records of the people they may see (accounts.permissions.people_visible_to);
sensitive indicators are readable only as aggregates, and only by national coordinators who also hold
the dedicated permission.
"""

from django.db.models import QuerySet
from django.http import Http404, HttpRequest

from accounts import permissions
from accounts.models import Organisation
from participants.models import ParticipantRecord, PublicEvent

SENSITIVE_PERMISSION = "participants.view_sensitive_aggregates"


def can_see_sensitive_aggregates(user: permissions.AnyUser) -> bool:
    return permissions.is_national_coordinator(user) and user.has_perm(SENSITIVE_PERMISSION)


def records_visible_to(user: permissions.AnyUser) -> QuerySet[ParticipantRecord]:
    if not permissions.can_coordinate(user):
        return ParticipantRecord.objects.none()
    records = ParticipantRecord.objects.all()
    if permissions.coordinated_municipality_ids(user) is None:
        return records
    return records.filter(person__in=permissions.people_visible_to(user))


def can_manage_record(user: permissions.AnyUser, record: ParticipantRecord) -> bool:
    return records_visible_to(user).filter(pk=record.pk).exists()


def can_manage_person(user: permissions.AnyUser, person) -> bool:
    return permissions.can_coordinate(user) and permissions.people_visible_to(user).filter(pk=person.pk).exists()


def _get(pk: int) -> ParticipantRecord:
    if not 0 < pk < 2**63:
        raise Http404
    record = (
        ParticipantRecord.objects.select_related("person", "person__organisation", "municipality", "current_entry")
        .filter(pk=pk)
        .first()
    )
    if record is None:
        raise Http404
    return record


def get_record_for_viewer(request: HttpRequest, pk: int) -> ParticipantRecord:
    """A record the signed-in person may read: their own, or one a coordinator may see; else 404."""
    record = _get(pk)
    if record.person_id == request.user.pk or can_manage_record(request.user, record):
        return record
    raise Http404


def get_record_for_editor(request: HttpRequest, pk: int) -> ParticipantRecord:
    """A record the signed-in coordinator may complete, correct or close; else 404."""
    record = _get(pk)
    if can_manage_record(request.user, record):
        return record
    raise Http404


def reporting_municipalities(user: permissions.AnyUser) -> QuerySet[Organisation]:
    """Municipalities a coordinator may report on."""
    if not permissions.can_coordinate(user):
        return Organisation.objects.none()
    scope = permissions.coordinated_municipality_ids(user)
    municipalities = Organisation.objects.municipalities()
    return municipalities if scope is None else municipalities.filter(pk__in=scope)


def events_visible_to(user: permissions.AnyUser) -> QuerySet[PublicEvent]:
    if not permissions.can_coordinate(user):
        return PublicEvent.objects.none()
    scope = permissions.coordinated_municipality_ids(user)
    events = PublicEvent.objects.select_related("municipality")
    return events if scope is None else events.filter(municipality_id__in=scope)


def get_event_for_editor(request: HttpRequest, pk: int) -> PublicEvent:
    if not 0 < pk < 2**63:
        raise Http404
    event = events_visible_to(request.user).filter(pk=pk).first()
    if event is None:
        raise Http404
    return event
