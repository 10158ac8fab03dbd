"""Writes the access log for other apps' pages that show someone else's personal data, without those
apps knowing: the page's URL name says what was seen. Only answers that showed the data (200) count."""

from django.http import HttpRequest, HttpResponse

from accounts.models import User
from participants.models import ParticipantRecord
from privacy.models import AccessLogEntry
from privacy.services import log_access, log_export


def _person(keyword: str):
    """The person whose id is in the URL keyword `keyword` (their municipality comes from them)."""
    return lambda match: (User.objects.filter(pk=match.kwargs.get(keyword)).first(), None)


def _participant_record(match):
    record = ParticipantRecord.objects.select_related("person").filter(pk=match.kwargs.get("pk")).first()
    return (record.person, record.municipality_id) if record else (None, None)


# URL name -> (kind, how to find whose data it showed), or (kind, None) for a list export
WATCHED = {
    "person_edit": (AccessLogEntry.Kind.PERSON_PAGE, _person("pk")),
    "cohort_reflections": (AccessLogEntry.Kind.REFLECTIONS, _person("user_pk")),
    "cohort_export": (AccessLogEntry.Kind.EXPORT, None),
    "attendance:attendance_export": (AccessLogEntry.Kind.EXPORT, None),
    "participants:record": (AccessLogEntry.Kind.PARTICIPANT_RECORD, _participant_record),
}
# Pages that are lists on screen and exports with ?export=…
EXPORT_PARAMETER = {"certificates_manage", "participants:records"}


class AccessLogMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.method == "GET" and response.status_code == 200 and request.user.is_authenticated:
            match = getattr(request, "resolver_match", None)
            if match is not None:
                self._log(request, match)
        return response

    def _log(self, request: HttpRequest, match) -> None:
        name = match.view_name
        if name in EXPORT_PARAMETER and request.GET.get("export"):
            log_export(request.user, path=request.get_full_path())
            return
        if name not in WATCHED:
            return
        kind, whose = WATCHED[name]
        if whose is None:
            log_export(request.user, path=request.get_full_path())
            return
        subject, municipality_id = whose(match)
        if subject is not None:
            log_access(request.user, kind=kind, path=request.path, subject=subject, municipality_id=municipality_id)
