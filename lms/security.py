"""Security headers: Content-Security-Policy (django-csp), with the Wagtail admin's own policy under
/admin/; Permissions-Policy; and `Cache-Control: private, no-store` on every file download."""

from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from csp.middleware import PolicyParts
from csp.utils import default_config
from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.functional import cached_property

ADMIN_PREFIX = "/admin/"
PRIVATE_NO_STORE = "private, no-store"


def is_admin_path(request: HttpRequest) -> bool:
    return request.path_info.startswith(ADMIN_PREFIX)


class CSPMiddleware(BaseCSPMiddleware):
    """The site's strict policy everywhere; ADMIN_CONTENT_SECURITY_POLICY for the Wagtail admin only."""

    @cached_property
    def admin_policy(self):
        return default_config(settings.ADMIN_CONTENT_SECURITY_POLICY)

    def get_policy_parts(self, request, response, report_only=False) -> PolicyParts:
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and is_admin_path(request):
            parts.config = self.admin_policy
        return parts


def no_store(response: HttpResponse) -> HttpResponse:
    """Personal files (certificates, exports, sign-in sheets) stay out of shared and browser caches."""
    response["Cache-Control"] = PRIVATE_NO_STORE
    return response


class SecurityHeadersMiddleware:
    """Permissions-Policy on every response; no-store on every download, whichever view made it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", settings.PERMISSIONS_POLICY)
        if response.has_header("Content-Disposition"):
            no_store(response)
        return response
