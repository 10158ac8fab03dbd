"""The public verification pages' attempt limit: one per client address, shared through the cache."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from lms.ratelimit import Limit, client_address

# Verification is public: each address may check this many certificates a minute.
VERIFY = Limit("certificates-verify", attempts=30, window_seconds=60)


def verification_refused(request: HttpRequest, *, as_json: bool = False) -> HttpResponse | None:
    """Count this check; the 429 answer to give when the address has used up its minute, else None."""
    address = client_address(request)
    if VERIFY.count(address) <= VERIFY.attempts:
        return None
    message = _("Too many checks from your address. Wait a minute and try again.")
    if as_json:
        response = JsonResponse({"status": "rate_limited", "message": message}, status=429)
    else:
        response = render(request, "certificates/verify.html", {"rate_limited": message}, status=429)
    response["Retry-After"] = str(VERIFY.wait_seconds(address))
    return response
