from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import (
    FileResponse,
    Http404,
    HttpRequest,
    HttpResponse,
    JsonResponse,
)
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts import permissions
from certificates import access, eligibility, elm, exports, limits, services
from certificates.filters import CertificateFilter
from certificates.forms import IssueForm, LookupForm, ReissueForm, RevokeForm
from certificates.models import Certificate, normalise_code
from certificates.text import date_until, describe_hours, group_code
from lms import downloads

ZIP_LIMIT = 500


def verify(request: HttpRequest, code: str) -> HttpResponse:
    """Public: is the certificate with this code valid, revoked, or unknown? HTML or ?format=json."""
    as_json = request.GET.get("format") == "json"
    if refused := limits.verification_refused(request, as_json=as_json):
        return refused
    normalised = normalise_code(code)
    certificate = None
    if normalised is not None:
        certificate = (
            Certificate.objects.select_related("programme", "holder").filter(verification_code=normalised).first()
        )
    return _verification_response(request, certificate, as_json)


def _verification_response(request: HttpRequest, certificate: Certificate | None, as_json: bool) -> HttpResponse:
    language = translation.get_language()
    if certificate is None:
        if as_json:
            return JsonResponse(
                {"status": "not_found", "message": _("No certificate has this code. Check that you typed all of it.")},
                status=404,
            )
        return render(request, "certificates/verify.html", {"certificate": None}, status=404)

    show_reason = access.can_manage_certificate(request.user, certificate)
    status = certificate.public_status(timezone.localdate())
    versions = list(certificate.versions.all())
    if as_json:
        data = {
            "status": status,
            "number": certificate.number,
            "holder": certificate.holder_name,
            "programme": certificate.programme.title_in(language),
            "hours": str(certificate.hours.normalize()),
            "hours_unit": certificate.hours_unit,
            "hours_text": describe_hours(certificate.hours, certificate.hours_unit),
            "started_on": certificate.started_on.isoformat() if certificate.started_on else None,
            "completed_on": certificate.completed_on.isoformat(),
            "issued_on": certificate.issued_on.isoformat(),
            "version": certificate.version,
            "revoked_on": (timezone.localdate(certificate.revoked_at).isoformat() if certificate.revoked_at else None),
            "revocation": certificate.revocation_kind or None,
            "valid_until": certificate.valid_until.isoformat() if certificate.valid_until else None,
            "versions": [
                {
                    "version": v.version,
                    "issued_at": v.created_at.isoformat(),
                    "superseded_at": v.superseded_at.isoformat() if v.superseded_at else None,
                    "pdf_sha256": v.pdf_sha256 or None,
                }
                for v in versions
            ],
            "status_list_index": certificate.status_index,
        }
        if certificate.is_erased:
            data["holder"] = None
            data["message"] = _("Revoked: the holder's personal data were erased at their request.")
        if show_reason and not certificate.is_valid:
            data["revocation_reason"] = certificate.revocation_reason
        return JsonResponse(data)
    context = {
        "certificate": certificate,
        "status": status,
        "versions": versions,
        "valid_until_text": date_until(certificate.valid_until) if certificate.valid_until else "",
        "programme_title": certificate.programme.title_in(language),
        "hours_text": describe_hours(certificate.hours, certificate.hours_unit),
        "show_reason": show_reason,
        "json_url": reverse("certificate_verify", args=[certificate.verification_code]) + "?format=json",
    }
    return render(request, "certificates/verify.html", context)


def lookup(request: HttpRequest) -> HttpResponse:
    """Public: check a certificate by its number and code, as printed on it."""
    form = LookupForm(request.GET or None)
    if form.is_bound and form.is_valid():
        if refused := limits.verification_refused(request):
            return refused
        code = normalise_code(form.cleaned_data["code"])
        number = form.cleaned_data["number"].strip().upper()
        certificate = None
        if code is not None:
            certificate = Certificate.objects.filter(verification_code=code, number=number).first()
        if certificate is not None:
            return redirect("certificate_verify", code=certificate.verification_code)
        form.add_error(None, _("No certificate has this number and code. Check both and try again."))
        return render(request, "certificates/lookup.html", {"form": form}, status=404)
    return render(request, "certificates/lookup.html", {"form": form})


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    certificates = Certificate.objects.filter(holder=request.user).select_related("programme")
    today = timezone.localdate()
    rows = [(c, c.public_status(today)) for c in certificates]
    return render(request, "certificates/mine.html", {"rows": rows, "today": today})


@login_required
def download(request: HttpRequest, pk: int) -> FileResponse:
    certificate = access.get_certificate_for_user(request, pk)
    if not certificate.pdf:  # erased: no document is kept
        raise Http404
    return downloads.stored_file(certificate.pdf, f"{certificate.number}.pdf", "application/pdf")


def _require_coordinator(request: HttpRequest) -> None:
    if not permissions.can_coordinate(request.user):
        raise Http404


@login_required
def manage(request: HttpRequest) -> HttpResponse:
    """Coordinators: the certificates of their municipality, filtered, with exports and failed issues."""
    _require_coordinator(request)
    filters = CertificateFilter(request.GET or None, queryset=access.managed_certificates(request.user))
    form = filters.form
    certificates = filters.qs
    export = request.GET.get("export")
    language = translation.get_language()
    stamp = timezone.localdate().isoformat()
    if export == "csv":
        rows = exports.rows(certificates.iterator(chunk_size=500), language)
        return downloads.csv_download(f"certificates-{stamp}.csv", exports.header(), rows)
    if export == "xlsx":
        rows = exports.rows(certificates.iterator(chunk_size=500), language)
        return downloads.xlsx_download(f"certificates-{stamp}.xlsx", [(_("Certificates"), exports.header(), rows)])
    if export in ("zip", "elm"):
        count = certificates.count()
        if count > ZIP_LIMIT:
            messages.error(
                request,
                ngettext(
                    "%(count)d certificate matches; narrow the filters to at most %(limit)d for a ZIP.",
                    "%(count)d certificates match; narrow the filters to at most %(limit)d for a ZIP.",
                    count,
                )
                % {"count": count, "limit": ZIP_LIMIT},
            )
        elif count == 0:
            messages.error(request, _("No certificates match these filters."))
        elif export == "elm":
            spool, _left_out = elm.zip_file(certificates.select_related("holder").iterator(chunk_size=50))
            return FileResponse(
                spool, as_attachment=True, filename=f"certificates-elm-{stamp}.zip", content_type="application/zip"
            )
        else:
            return downloads.zip_download(f"certificates-{stamp}.zip", exports.zip_entries(certificates))
    page = Paginator(certificates, 50).get_page(request.GET.get("page"))
    failures = access.visible_failures(request.user)[:100]
    due = access.managed_certificates(request.user).due_for_renewal(timezone.localdate()).count()
    return render(
        request,
        "certificates/manage.html",
        {
            "form": form,
            "page": page,
            "failures": failures,
            "failure_messages": services.FAILURE_MESSAGES,
            "due_count": due,
            "today": timezone.localdate(),
        },
    )


@login_required
def issue(request: HttpRequest) -> HttpResponse:
    _require_coordinator(request)
    form = IssueForm(request.POST or None, user=request.user)
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        people = sorted(data["emails"], key=lambda p: (p.last_name, p.first_name, p.email))
        states = eligibility.states([p.pk for p in people], data["programme"])
        preview = [{"person": p, "state": states[p.pk]} for p in people]
        missing = [row for row in preview if not row["state"].completed]
        if "confirm" not in request.POST:
            return render(request, "certificates/issue.html", {"form": form, "preview": preview, "missing": missing})
        if missing and not data["override_reason"].strip():
            form.add_error(
                "override_reason",
                ngettext(
                    "%(count)d person has not completed the programme: give the reason for issuing anyway.",
                    "%(count)d people have not completed the programme: give the reason for issuing anyway.",
                    len(missing),
                )
                % {"count": len(missing)},
            )
            return render(request, "certificates/issue.html", {"form": form, "preview": preview, "missing": missing})
        try:
            count = services.issue_in_bulk(
                data["emails"],
                data["programme"],
                by=request.user,
                completed_on=data["completed_on"],
                started_on=data["started_on"],
                after_revocation=data["after_revocation"],
                override_reason=data["override_reason"] if missing else "",
            )
        except services.CertificateError as error:
            form.add_error(None, error.message)
        else:
            messages.success(
                request,
                ngettext(
                    "%(count)d certificate is being issued. Failures, if any, are listed below.",
                    "%(count)d certificates are being issued. Failures, if any, are listed below.",
                    count,
                )
                % {"count": count},
            )
            return redirect("certificates_manage")
    return render(request, "certificates/issue.html", {"form": form, "preview": preview})


@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = access.get_certificate_for_user(request, pk, manage=True)
    return render(
        request,
        "certificates/detail.html",
        {
            "certificate": certificate,
            "programme_title": certificate.programme.title_in(translation.get_language()),
            "hours_text": describe_hours(certificate.hours, certificate.hours_unit),
            "code": group_code(certificate.verification_code),
            "events": certificate.events.select_related("by"),
            "versions": certificate.versions.all(),
            "status": certificate.public_status(timezone.localdate()),
            "valid_until_text": date_until(certificate.valid_until) if certificate.valid_until else "",
            "revoke_form": RevokeForm(),
            "reissue_form": ReissueForm(initial={"holder_name": certificate.holder.get_full_name()}),
        },
    )


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = access.get_certificate_for_user(request, pk, manage=True)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the reason for revoking the certificate."))
        return redirect("certificate_detail", pk=pk)
    if "confirm" not in request.POST:
        # Revoking cannot be undone: say what it does before doing it (works without JavaScript).
        return render(request, "certificates/revoke_confirm.html", {"certificate": certificate, "form": form})
    try:
        services.revoke_certificate(certificate, by=request.user, reason=form.cleaned_data["reason"])
    except services.CertificateError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Certificate %(number)s was revoked.") % {"number": certificate.number})
    return redirect("certificate_detail", pk=pk)


@login_required
@require_POST
def reissue(request: HttpRequest, pk: int) -> HttpResponse:
    certificate = access.get_certificate_for_user(request, pk, manage=True)
    form = ReissueForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the name to print on the certificate."))
        return redirect("certificate_detail", pk=pk)
    try:
        certificate = services.reissue_certificate(
            certificate, by=request.user, holder_name=form.cleaned_data["holder_name"]
        )
    except services.CertificateError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Certificate %(number)s was reissued as version %(version)d.")
            % {"number": certificate.number, "version": certificate.version},
        )
    return redirect("certificate_detail", pk=pk)
