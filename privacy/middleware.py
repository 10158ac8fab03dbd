"""Writes the access log for other apps' pages that show someone else's personal data, without those
apps knowing: the page's URL name says what was seen. Only answers that showed the data (200) count.

participants/ logs its own record pages directly (privacy.services.log_access)."""

from django.http import HttpRequest, HttpResponse

from privacy.models import AccessLogEntry

# URL name -> (kind, URL keyword holding the person's id, or None for a list export)
WATCHED = {
    "person_edit": (AccessLogEntry.Kind.PERSON_PAGE, "pk"),
    "cohort_reflections": (AccessLogEntry.Kind.REFLECTIONS, "user_pk"),
    "cohort_export": (AccessLogEntry.Kind.EXPORT, None),
    "attendance:attendance_export": (AccessLogEntry.Kind.EXPORT, None),
}
# Pages that are lists on screen and exports with ?export=…
EXPORT_PARAMETER = {"certificates_manage"}


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
        from accounts.models import User
        from privacy.services import log_access, log_export

        name = match.view_name
        if name in EXPORT_PARAMETER and request.GET.get("export"):
            log_export(request.user, path=request.get_full_path())
            return
        if name not in WATCHED:
            return
        kind, keyword = WATCHED[name]
        if keyword is None:
            log_export(request.user, path=request.get_full_path())
            return
        subject = User.objects.filter(pk=match.kwargs.get(keyword)).first()
        if subject is not None:
            log_access(request.user, kind=kind, path=request.path, subject=subject)
