"""Credentials that travel: the issuer's profile and key, the revocation list, the holder's Open
Badges credential, checks of a credential or PDF someone holds, and ELM exports for coordinators.

Every view here only reads: a GET or a check creates, changes, issues, queues or sends nothing.
"""

import json

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from certificates import access, credentials, elm, limits, services
from certificates.forms import CheckForm
from certificates.text import date_until, describe_hours
from lms import downloads

JSON_LD = "application/ld+json"


def _json(data: dict, *, status: int = 200, content_type: str = "application/json") -> JsonResponse:
    response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False, "indent": 2})
    response["Content-Type"] = f"{content_type}; charset=utf-8"
    response["Access-Control-Allow-Origin"] = "*"  # verifiers run in other sites' pages
    return response


@require_GET
def issuer(request: HttpRequest) -> JsonResponse:
    """The Open Badges issuer Profile of the programme body, with its public key."""
    response = _json(credentials.issuer_profile(), content_type=JSON_LD)
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_GET
def jwks(request: HttpRequest) -> JsonResponse:
    response = _json(credentials.jwks(), content_type="application/jwk-set+json")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_GET
def key(request: HttpRequest, kid: str) -> JsonResponse:
    """The JWK that a credential's `kid` names; another key id is not ours."""
    if kid != credentials.keys().credential_thumbprint:
        return _json({"status": "not_found", "message": _("This site has no key with this id.")}, status=404)
    response = _json(credentials.public_jwk(), content_type="application/jwk+json")
    response["Cache-Control"] = "public, max-age=3600"
    return response


@require_GET
def status_list(request: HttpRequest, list_number: int) -> HttpResponse:
    """The signed Bitstring Status List credential (compact JWS). ETag is the revocation stamp."""
    try:
        stamp, token = services.status_list(list_number)
    except services.CertificateError as error:
        return _json({"status": error.code, "message": error.message}, status=404)
    etag = f'"{stamp}"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(token, content_type="application/vc+jwt")
    response["ETag"] = etag
    response["Cache-Control"] = "public, max-age=60"
    response["Access-Control-Allow-Origin"] = "*"
    return response


@login_required
def credential(request: HttpRequest, pk: int, kind: str) -> HttpResponse:
    """The holder's (or a coordinator's) signed Open Badges credential: `.jwt` is the signed file to
    hand on (Open Badges 3.0 §5.3), `.json` the same credential as readable JSON."""
    if kind not in ("jwt", "json"):
        raise Http404
    certificate = access.get_certificate_for_user(request, pk)
    if not certificate.credential:
        raise Http404
    if kind == "jwt":
        response = HttpResponse(certificate.credential, content_type="text/plain; charset=utf-8")
    else:
        payload = credentials.read(certificate.credential)
        response = HttpResponse(
            json.dumps(payload, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
        )
    return downloads.named(response, f"{certificate.number}.{kind}")


def check(request: HttpRequest) -> HttpResponse:
    """Public: paste a credential or upload a certificate PDF or credential file; we say what it is.

    A POST here writes nothing (a check is a read that carries a file); it is rate-limited like the
    verification page.
    """
    form = CheckForm(request.POST, request.FILES) if request.method == "POST" else CheckForm()
    result = None
    status = 200
    if request.method == "POST":
        if refused := limits.verification_refused(request):
            return refused
        if form.is_valid():
            upload, token = form.cleaned_data["file"], form.cleaned_data["credential"]
            if upload is not None and form.cleaned_data["is_pdf"]:
                result = services.check_pdf(form.cleaned_data["content"])
            else:
                result = services.check_credential(token or form.cleaned_data["content"].decode("utf-8", "replace"))
            if result.status in ("unknown", "tampered"):
                status = 404 if result.status == "unknown" else 422
        else:
            status = 400
    context = {"form": form, "result": result}
    if result is not None and result.certificate is not None:
        certificate = result.certificate
        language = translation.get_language()
        context |= {
            "programme_title": certificate.programme.title_in(language),
            "hours_text": describe_hours(certificate.hours, certificate.hours_unit),
            "valid_until_text": date_until(certificate.valid_until) if certificate.valid_until else "",
            "current_version": certificate.version,
        }
    return render(request, "certificates/check.html", context, status=status)


@login_required
def elm_export(request: HttpRequest, pk: int) -> HttpResponse:
    """Coordinators: one certificate in the European Learning Model, for sealing in the EDC Issuer."""
    certificate = access.get_certificate_for_user(request, pk, manage=True)
    try:
        data = elm.credential(certificate)
    except elm.ElmError as error:
        return _json({"status": error.code, "message": error.message}, status=409)
    response = _json(data, content_type=JSON_LD)
    return downloads.named(response, f"{certificate.number}-elm.jsonld")
