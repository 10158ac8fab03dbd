"""The embedded set-up (DEBUG) shows the site's own 404 page, not Django's debug page that lists every
URL pattern of the site; the reason stays in the console, where Django logs every "Not Found"."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.views.defaults import page_not_found

# Django's debug 404 page (django/views/templates/technical_404.html) always carries these.
_TECHNICAL_MARKS = (b'<meta name="robots" content="NONE,NOARCHIVE">', b"Page not found at")


def _is_debug_404(response: HttpResponse) -> bool:
    if response.status_code != 404 or getattr(response, "streaming", False):
        return False
    if not response.get("Content-Type", "").startswith("text/html"):
        return False
    return all(mark in response.content for mark in _TECHNICAL_MARKS)


class SitePagesInDebugMiddleware:
    """Last in MIDDLEWARE: it sees the response of the view (or of URL resolution) and nothing else."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if settings.DEBUG and _is_debug_404(response):
            return page_not_found(request, exception=None)
        return response
