"""“Mani dati” for everyone; erasure decisions, the access log and retention runs for national coordinators."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import permissions
from lms import downloads
from privacy import registry, services
from privacy.models import AccessLogEntry, DataExport, ErasureRequest, RetentionRun
from privacy.notice import retention_lines


def _valid_pk(pk: int) -> int:
    if not 0 < pk < 2**63:
        raise Http404
    return pk


def _get_export_for_owner(request: HttpRequest, pk: int) -> DataExport:
    export = DataExport.objects.filter(pk=_valid_pk(pk), person=request.user).first()
    if export is None:
        raise Http404
    return export


def _get_erasure_for_owner(request: HttpRequest, pk: int) -> ErasureRequest:
    erasure = ErasureRequest.objects.filter(pk=_valid_pk(pk), person=request.user).first()
    if erasure is None:
        raise Http404
    return erasure


def _require_national(request: HttpRequest) -> None:
    if not permissions.is_national_coordinator(request.user):
        raise Http404


def _get_erasure_for_decider(request: HttpRequest, pk: int) -> ErasureRequest:
    _require_national(request)
    erasure = ErasureRequest.objects.select_related("person").filter(pk=_valid_pk(pk)).first()
    if erasure is None:
        raise Http404
    return erasure


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    user = request.user
    retention = services.retention()
    return render(
        request,
        "privacy/my_data.html",
        {
            "categories": sorted({str(t) for t in registry.CATEGORY_TITLES.values()}),
            "exports": DataExport.objects.filter(person=user)[:10],
            "in_progress": DataExport.objects.filter(person=user, status__in=["queued", "building"]).first(),
            "erasures": ErasureRequest.objects.filter(person=user)[:5],
            "open_erasure": ErasureRequest.objects.filter(person=user, status__in=["requested", "scheduled"]).first(),
            "obligation": services.esf_obligation_applies(user),
            "retention": retention,
            "reasons": services.refusal_reasons(),
        },
    )


@login_required
@require_POST
def request_export(request: HttpRequest) -> HttpResponse:
    try:
        export = services.request_export(request.user)
    except services.PrivacyError as error:
        messages.error(request, error.message)
        return redirect("privacy:my_data")
    return redirect("privacy:export", pk=export.pk)


@login_required
def export_status(request: HttpRequest, pk: int) -> HttpResponse:
    export = _get_export_for_owner(request, pk)
    return render(request, "privacy/export.html", {"export": export})


@login_required
def export_download(request: HttpRequest, pk: int) -> FileResponse:
    export = _get_export_for_owner(request, pk)
    if export.status != DataExport.Status.READY or not export.file or export.expires_at <= timezone.now():
        raise Http404
    stamp = timezone.localdate(export.ready_at).isoformat()
    return downloads.stored_file(export.file, f"kopiena-mani-dati-{stamp}.zip", "application/zip")


@login_required
@require_POST
def request_erasure(request: HttpRequest) -> HttpResponse:
    if request.POST.get("confirm") != "yes":
        messages.error(request, _("Tick the box to confirm that you want your data erased."))
        return redirect("privacy:my_data")
    try:
        services.request_erasure(request.user)
    except services.PrivacyError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your request was sent. A national coordinator will decide on it."))
    return redirect("privacy:my_data")


@login_required
@require_POST
def withdraw_erasure(request: HttpRequest, pk: int) -> HttpResponse:
    erasure = _get_erasure_for_owner(request, pk)
    try:
        services.withdraw_erasure(erasure, by=request.user)
    except services.PrivacyError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Your erasure request was withdrawn."))
    return redirect("privacy:my_data")


# --- national coordinators --------------------------------------------------------------------------


class RefuseForm(forms.Form):
    code = forms.ChoiceField(label=gettext_lazy("Reason"), choices=())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].choices = list(services.refusal_reasons().items())


@login_required
def erasure_requests(request: HttpRequest) -> HttpResponse:
    _require_national(request)
    listing = ErasureRequest.objects.select_related("person", "decided_by")
    status = request.GET.get("status", "requested")
    if status in ErasureRequest.Status.values:
        listing = listing.filter(status=status)
    page = Paginator(listing, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "privacy/erasure_requests.html",
        {
            "page": page,
            "status": status,
            "statuses": ErasureRequest.Status.choices,
            "refuse_form": RefuseForm(),
            "reasons": services.refusal_reasons(),
            "retention": services.retention(),
        },
    )


@login_required
@require_POST
def erasure_approve(request: HttpRequest, pk: int) -> HttpResponse:
    erasure = _get_erasure_for_decider(request, pk)
    try:
        erasure = services.approve_erasure(erasure, by=request.user)
    except services.PrivacyError as error:
        messages.error(request, error.message)
    else:
        if erasure.status == ErasureRequest.Status.SCHEDULED:
            messages.warning(
                request,
                _("Not erased now: %(reason)s The erasure is scheduled for %(date)s.")
                % {
                    "reason": services.refusal_reasons()["esf_obligation"],
                    "date": services._local_date(erasure.scheduled_for),
                },
            )
        else:
            messages.success(request, _("The person's data were erased."))
    return redirect("privacy:erasure_requests")


@login_required
@require_POST
def erasure_refuse(request: HttpRequest, pk: int) -> HttpResponse:
    erasure = _get_erasure_for_decider(request, pk)
    form = RefuseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the reason."))
        return redirect("privacy:erasure_requests")
    try:
        services.refuse_erasure(erasure, by=request.user, code=form.cleaned_data["code"])
    except services.PrivacyError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The request was refused."))
    return redirect("privacy:erasure_requests")


@login_required
def access_log(request: HttpRequest) -> HttpResponse:
    _require_national(request)
    entries = AccessLogEntry.objects.select_related("viewer", "subject", "municipality")
    query = request.GET.get("q", "").replace("\x00", "").strip()[:100]  # PostgreSQL refuses NUL in text
    if query:
        entries = entries.filter(
            Q(viewer__email__icontains=query)
            | Q(subject__email__icontains=query)
            | Q(subject__last_name__icontains=query)
            | Q(viewer__last_name__icontains=query)
        )
    page = Paginator(entries, 50).get_page(request.GET.get("page"))
    return render(request, "privacy/access_log.html", {"page": page, "query": query})


@login_required
def retention_runs(request: HttpRequest) -> HttpResponse:
    _require_national(request)

    retention = services.retention()
    return render(
        request,
        "privacy/retention.html",
        {"runs": RetentionRun.objects.all()[:30], "retention": retention, "lines": retention_lines(retention)},
    )
