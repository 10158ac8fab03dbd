import posixpath
import sys
from urllib.parse import unquote

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.db import DatabaseError, DataError, InterfaceError, OperationalError, connection
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache

from accounts.navigation import sections_for
from lms.celery import app
from lms.dashboard import dashboard_for
from notifications.services import outbox_backlog


@never_cache
def healthz(request: HttpRequest) -> JsonResponse:
    """Report whether the database and the task broker answer, and the outbox backlog (open work, how
    much of it is stuck, the oldest's age in seconds); 503 when the database does not answer, "degraded"
    while the broker is down (work is kept in the outbox and handed over when it is back)."""
    checks: dict[str, str] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = "ok"
    except Exception:  # any driver error means the database is unreachable
        checks["database"] = "unreachable"

    if app.conf.task_always_eager:
        checks["broker"] = "eager"
    else:
        try:
            with app.connection_for_write() as conn:
                conn.ensure_connection(max_retries=1, timeout=2)
            checks["broker"] = "ok"
        except Exception:  # kombu raises transport-specific errors
            checks["broker"] = "unreachable"

    healthy = checks["database"] == "ok"
    outbox: dict[str, int] = {}
    if healthy:
        try:
            outbox = outbox_backlog()
        except DatabaseError:
            healthy, checks["database"] = False, "unreachable"
    status = "ok" if healthy and checks["broker"] != "unreachable" else "degraded"
    body = {"status": status if healthy else "down", **checks}
    if outbox:
        body["outbox"] = outbox
    return JsonResponse(body, status=200 if healthy else 503)


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """What now: the person's next sessions, offers, course, hours and certificate; a supervisor's week
    and registers; a coordinator's municipality at a glance; then the sections their roles use."""
    panels = dashboard_for(request.user)
    context = {
        "sections": sections_for(request.user),
        "participant": panels.participant,
        "supervisor": panels.supervisor,
        "coordinator": panels.coordinator,
    }
    return render(request, "dashboard.html", context)


@login_required
def signed_in_ping(request: HttpRequest) -> HttpResponse:
    """The smallest signed-in page: the baseline that benchmarks compare real pages against."""
    return HttpResponse("ok", content_type="text/plain")


# Folders of MEDIA_ROOT that are never served from /media/: Wagtail documents go through their checking
# view; private images live outside MEDIA_ROOT, and the prefix is refused should one be left behind.
UNSERVED_MEDIA = ("documents", "private-images")


def embedded_media(request: HttpRequest, path: str) -> HttpResponse:
    """Uploaded media in the embedded set-up (DEBUG only; production serves them from storage).

    The path is decoded and normalised first and only then checked, so `//documents/x`,
    `%2e/documents/x` and `images/../documents/x` are all refused like `documents/x`.
    """
    from django.views.static import serve

    normalised = posixpath.normpath(unquote(path).replace("\\", "/")).lstrip("/")
    first = normalised.split("/", 1)[0]
    if "\x00" in normalised or normalised in ("", ".") or first == ".." or first in UNSERVED_MEDIA:
        raise Http404
    return serve(request, normalised, document_root=settings.MEDIA_ROOT)


def _is_database_unavailable(exc: BaseException | None) -> bool:
    return isinstance(exc, OperationalError | InterfaceError) and not isinstance(exc, DataError)


def _is_out_of_range(exc: BaseException | None) -> bool:
    """An id or number too large for the database: SQLite raises OverflowError, PostgreSQL a DataError."""
    return isinstance(exc, OverflowError | DataError)


def server_error(request: HttpRequest) -> HttpResponse:
    """Django's last resort for an exception nobody caught (handler500), in one place for every view and
    middleware: the database being down is a 503 with Retry-After, so a proxy or a person tries again;
    an out-of-range value is the visitor's 400; anything else is the plain 500 page. None of these
    pages touches the database."""
    exc = sys.exc_info()[1]
    if _is_database_unavailable(exc):
        response = HttpResponse(loader.render_to_string("503.html"), status=503)
        response["Retry-After"] = "30"
        return response
    if _is_out_of_range(exc):
        return HttpResponse(loader.render_to_string("400.html"), status=400)
    return HttpResponse(loader.render_to_string("500.html"), status=500)
