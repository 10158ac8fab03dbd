"""ESF+ participant pages: the person's own participation, coordinators' records, reports and charts.

Access is decided in participants/access.py; every rule that writes is in participants/services.py.
Viewing or exporting someone else's record is written to the access log by privacy's middleware.
"""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import permissions
from lms import downloads
from participants import access, charts, insight, reports, services, sources
from participants.forms import CorrectionForm, EntryForm, EventForm, ExitForm, ReportForm, SensitiveForm
from participants.models import SENSITIVE_FIELDS, Activity, ParticipantRecord, SensitiveIndicators


def _require_coordinator(request: HttpRequest) -> None:
    if not permissions.can_coordinate(request.user):
        raise Http404


def _activity(value: str) -> str:
    if value not in Activity.values:
        raise Http404
    return value


def _entry_initial(record: ParticipantRecord | None) -> dict:
    entry = record.current_entry if record else None
    if entry is None:
        return {}
    return {
        "gender": entry.gender,
        "birth_year": entry.birth_year,
        "labour_status": entry.labour_status,
        "education": entry.education,
    }


# --- the person's own participation -------------------------------------------------------------


@login_required
def mine(request: HttpRequest) -> HttpResponse:
    """The person's records, or the activities they have started and not yet answered for. Reads only:
    a record is opened when the person submits the form."""
    return render(request, "participants/mine.html", {"items": _my_items(request.user)})


def _my_items(user, bound: dict | None = None) -> list[dict]:
    bound = bound or {}
    records = {
        r.activity: r
        for r in ParticipantRecord.objects.filter(person=user).select_related("current_entry", "sensitive")
    }
    started = sources.first_attendance([user.pk])
    items = []
    for activity in Activity:
        record = records.get(activity.value)
        entry_date = record.entry_date if record else started.get((user.pk, activity.value))
        if entry_date is None:
            continue
        confirmed = record is not None and record.is_confirmed
        items.append(
            {
                "activity": activity,
                "record": record,
                "entry_date": entry_date,
                "versions": list(record.versions.select_related("entered_by")) if record else [],
                "form": None if confirmed else bound.get(activity.value) or EntryForm(prefix=activity.value),
                "correction_form": (
                    bound.get(f"{activity.value}-fix")
                    or CorrectionForm(prefix=f"{activity.value}-fix", initial=_entry_initial(record))
                )
                if confirmed
                else None,
                "sensitive": getattr(record, "sensitive", None) if record else None,
            }
        )
    return items


@login_required
@require_POST
def submit_own_entry(request: HttpRequest, activity: str) -> HttpResponse:
    activity = _activity(activity)
    form = EntryForm(request.POST, prefix=activity)
    if not form.is_valid():
        return _mine_with_errors(request, activity, form)
    try:
        services.submit_entry(request.user, activity, form.cleaned_data, by=request.user)
    except services.ParticipantError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Thank you. Your answers were saved."))
    return redirect("participants:mine")


@login_required
@require_POST
def correct_own_entry(request: HttpRequest, activity: str) -> HttpResponse:
    activity = _activity(activity)
    record = ParticipantRecord.objects.filter(person=request.user, activity=activity).first()
    if record is None:
        raise Http404
    form = CorrectionForm(request.POST, prefix=f"{activity}-fix")
    if not form.is_valid():
        return _mine_with_errors(request, f"{activity}-fix", form)
    try:
        services.correct_entry(record, form.cleaned_data, by=request.user, reason=form.cleaned_data["reason"])
    except services.ParticipantError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The correction was saved as a new version."))
    return redirect("participants:mine")


def _mine_with_errors(request: HttpRequest, key: str, form) -> HttpResponse:
    """The page again with the submitted form and its errors in place of the empty one."""
    return render(request, "participants/mine.html", {"items": _my_items(request.user, {key: form})}, status=400)


@login_required
def sensitive(request: HttpRequest, activity: str) -> HttpResponse:
    activity = _activity(activity)
    record = ParticipantRecord.objects.filter(person=request.user, activity=activity).first()
    if record is None or not record.is_confirmed:
        raise Http404
    existing = SensitiveIndicators.objects.filter(record=record).first()
    form = SensitiveForm(request.POST or None, instance=existing)
    if request.method == "POST" and form.is_valid():
        try:
            services.save_sensitive(
                record,
                {name: form.cleaned_data[name] for name in SENSITIVE_FIELDS},
                consent=form.cleaned_data["consent"],
                by=request.user,
            )
        except services.ParticipantError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your answers were saved. You can withdraw them here at any time."))
            return redirect("participants:mine")
    return render(request, "participants/sensitive.html", {"form": form, "record": record, "existing": existing})


@login_required
@require_POST
def withdraw_sensitive(request: HttpRequest, activity: str) -> HttpResponse:
    activity = _activity(activity)
    record = ParticipantRecord.objects.filter(person=request.user, activity=activity).first()
    if record is None:
        raise Http404
    if services.withdraw_sensitive(record, by=request.user):
        messages.success(request, _("Your consent was withdrawn and your answers were deleted."))
    return redirect("participants:mine")


# --- coordinators: records ------------------------------------------------------------------------

STATES = {
    "incomplete": lambda qs: qs.incomplete(),
    "missing_exit": lambda qs: qs.missing_exit(),
    "complete": lambda qs: qs.complete(),
}


def _filtered_records(request: HttpRequest):
    records = access.records_visible_to(request.user).select_related(
        "person", "person__organisation", "municipality", "current_entry"
    )
    activity = request.GET.get("activity", "")
    if activity in Activity.values:
        records = records.filter(activity=activity)
    state = request.GET.get("state", "")
    if state in STATES:
        records = STATES[state](records)
    query = request.GET.get("q", "").replace("\x00", "").strip()[:100]  # PostgreSQL refuses NUL in text
    if query:
        records = records.filter(
            Q(person__first_name__icontains=query)
            | Q(person__last_name__icontains=query)
            | Q(person__email__icontains=query)
        )
    return records.order_by("-entry_date", "pk"), {"activity": activity, "state": state, "q": query}


def _export_header() -> list[str]:
    return [
        _("Name"),
        _("Email address"),
        _("Activity"),
        _("Municipality"),
        _("Entry date"),
        _("Entry data complete"),
        _("Left on"),
        _("Result"),
        _("Received a certificate"),
    ]


def _export_rows(records):
    for r in records.iterator(chunk_size=500):
        yield [
            r.person.get_full_name(),
            r.person.email,
            r.get_activity_display(),
            r.municipality.name if r.municipality else "",
            r.entry_date,
            _("yes") if r.is_complete else _("no"),
            r.left_on,
            r.get_exit_result_display() if r.exit_result else "",
            _("yes") if r.exit_certificate else _("no"),
        ]


@login_required
def records(request: HttpRequest) -> HttpResponse:
    """Coordinators: the records of their people; incomplete entry data and missing exit data first to hand.
    The CSV export never holds sensitive indicators."""
    _require_coordinator(request)
    listing, filters = _filtered_records(request)
    if request.GET.get("export") == "csv":
        stamp = timezone.localdate().isoformat()
        return downloads.csv_download(f"esf-participants-{stamp}.csv", _export_header(), _export_rows(listing))
    visible = access.records_visible_to(request.user)
    counts = {
        "all": visible.count(),
        "incomplete": visible.incomplete().count(),
        "missing_exit": visible.missing_exit().count(),
    }
    page = Paginator(listing, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "participants/records.html",
        {
            "page": page,
            "filters": filters,
            "counts": counts,
            "activities": Activity.choices,
        },
    )


@login_required
@require_POST
def open_records(request: HttpRequest) -> HttpResponse:
    """Open records now for the coordinator's people who have started (the daily task does the same)."""
    _require_coordinator(request)
    people = permissions.people_visible_to(request.user).values_list("pk", flat=True)
    opened = services.materialise_records(list(people))
    services.apply_derived_exits()
    messages.success(request, _("Records opened: %(count)d.") % {"count": opened})
    return redirect("participants:records")


@login_required
def record(request: HttpRequest, pk: int) -> HttpResponse:
    _require_coordinator(request)
    record = access.get_record_for_editor(request, pk)
    return _record_page(request, record)


def _record_page(request, record, *, entry_form=None, exit_form=None, status=200) -> HttpResponse:
    confirmed = record.is_confirmed
    if entry_form is None:
        entry_form = (
            CorrectionForm(initial=_entry_initial(record), partial=True) if confirmed else EntryForm(partial=True)
        )
    if exit_form is None:
        exit_form = ExitForm(
            initial={
                "result": record.exit_result,
                "left_on": record.left_on,
                "certificate": record.exit_certificate,
            }
        )
    return render(
        request,
        "participants/record.html",
        {
            "record": record,
            "versions": record.versions.select_related("entered_by"),
            "entry_form": entry_form,
            "exit_form": exit_form,
            "has_sensitive": SensitiveIndicators.objects.filter(record=record).exists(),
        },
        status=status,
    )


@login_required
@require_POST
def record_entry(request: HttpRequest, pk: int) -> HttpResponse:
    _require_coordinator(request)
    record = access.get_record_for_editor(request, pk)
    form_class = CorrectionForm if record.is_confirmed else EntryForm
    form = form_class(request.POST, partial=True)
    if not form.is_valid():
        return _record_page(request, record, entry_form=form, status=400)
    try:
        if record.is_confirmed:
            services.correct_entry(record, form.cleaned_data, by=request.user, reason=form.cleaned_data["reason"])
        else:
            services.submit_entry(record.person, record.activity, form.cleaned_data, by=request.user)
    except services.ParticipantError as error:
        form.add_error(None, error.message)
        return _record_page(request, record, entry_form=form, status=400)
    messages.success(request, _("The entry data were saved."))
    return redirect("participants:record", pk=record.pk)


@login_required
@require_POST
def record_exit(request: HttpRequest, pk: int) -> HttpResponse:
    _require_coordinator(request)
    record = access.get_record_for_editor(request, pk)
    form = ExitForm(request.POST)
    if not form.is_valid():
        return _record_page(request, record, exit_form=form, status=400)
    try:
        services.record_exit(
            record,
            result=form.cleaned_data["result"],
            left_on=form.cleaned_data["left_on"],
            certificate=form.cleaned_data["certificate"],
            by=request.user,
        )
    except services.ParticipantError as error:
        form.add_error(None, error.message)
        return _record_page(request, record, exit_form=form, status=400)
    messages.success(request, _("The exit data were saved."))
    return redirect("participants:record", pk=record.pk)


# --- coordinators: public events ------------------------------------------------------------------


@login_required
def events(request: HttpRequest) -> HttpResponse:
    _require_coordinator(request)
    municipalities = access.reporting_municipalities(request.user)
    form = EventForm(request.POST or None, municipalities=municipalities)
    if request.method == "POST" and form.is_valid():
        try:
            services.create_event(**form.cleaned_data, by=request.user)
        except services.ParticipantError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("The event was added."))
            return redirect("participants:events")
    page = Paginator(access.events_visible_to(request.user), 50).get_page(request.GET.get("page"))
    return render(request, "participants/events.html", {"form": form, "page": page})


@login_required
@require_POST
def event_delete(request: HttpRequest, pk: int) -> HttpResponse:
    _require_coordinator(request)
    event = access.get_event_for_editor(request, pk)
    services.delete_event(event, by=request.user)
    messages.success(request, _("The event “%(title)s” was deleted.") % {"title": event.title})
    return redirect("participants:events")


# --- coordinators: reports and charts -------------------------------------------------------------


def _scope_from(request: HttpRequest, form: ReportForm) -> reports.Scope:
    data = form.cleaned_data
    allowed = permissions.coordinated_municipality_ids(request.user)
    municipality = data.get("municipality")
    ids = frozenset({municipality.pk}) if municipality else (frozenset(allowed) if allowed is not None else None)
    return reports.Scope(
        start=data["start"], end=data["end"], municipality_ids=ids, activity=data.get("activity") or None
    )


def _default_period(today: date) -> dict:
    return {"start": date(today.year, 1, 1).isoformat(), "end": today.isoformat()}


@login_required
def report(request: HttpRequest) -> HttpResponse:
    """The indicator report for a period and scope, on the page and as XLSX or CSV (?format=)."""
    _require_coordinator(request)
    today = timezone.localdate()
    municipalities = access.reporting_municipalities(request.user)
    data = request.GET if "start" in request.GET else _default_period(today)
    form = ReportForm(data, municipalities=municipalities)
    built = None
    include_sensitive = access.can_see_sensitive_aggregates(request.user)
    if form.is_valid():
        scope = _scope_from(request, form)
        built = reports.build(scope, include_sensitive=include_sensitive)
        fmt = request.GET.get("format")
        if fmt in ("xlsx", "csv"):
            return _download(built, fmt, scope)
    query = request.GET.copy()
    query.pop("format", None)
    # The report due next: in January last year's (due on the 30th), from February this year's.
    last_year = today.year - 1 if today.month == 1 else today.year
    return render(
        request,
        "participants/report.html",
        {
            "form": form,
            "report": built,
            "sheets": list(reports.sheets(built)) if built else [],
            "query": query.urlencode() if "start" in request.GET else "",
            "yearly": {
                "year": last_year,
                "due_on": reports.yearly_due_on(last_year),
                "query": f"start={last_year}-01-01&end={last_year}-12-31",
            },
            "include_sensitive": include_sensitive,
        },
    )


def _download(built: reports.Report, fmt: str, scope: reports.Scope) -> HttpResponse:
    name = f"esf-indicators-{scope.start.isoformat()}-{scope.end.isoformat()}"
    if fmt == "csv":
        header, rows = reports.csv_rows(built)
        return downloads.csv_download(f"{name}.csv", header, rows)
    return downloads.xlsx_download(f"{name}.xlsx", reports.sheets(built))


@login_required
def insight_page(request: HttpRequest) -> HttpResponse:
    """Charts for coordinators, each followed by a table with the same figures."""
    _require_coordinator(request)
    figures = insight.figures_for(request.user)
    month_labels = [m.strftime("%m.%Y") for m in figures.months]
    short_labels = [m.strftime("%m") for m in figures.months]
    context = {
        "figures": figures,
        "month_rows": list(zip(month_labels, figures.entries, figures.completions, figures.certificates, strict=True)),
        "chart_participants": charts.column_chart(
            short_labels,
            [(_("Entered"), figures.entries), (_("Completed"), figures.completions)],
            chart_id="chart-participants",
            title=_("Participants and completions per month"),
            description=_("Participants who entered and who completed, in each of the last twelve months."),
        ),
        "chart_certificates": charts.column_chart(
            short_labels,
            [(_("Certificates"), figures.certificates)],
            chart_id="chart-certificates",
            title=_("Certificates issued per month"),
            description=_("Certificates issued in each of the last twelve months."),
        ),
        "chart_attendance": charts.bar_chart(
            [(title, percent) for title, percent, _a, _c in figures.attendance],
            chart_id="chart-attendance",
            title=_("Attendance rate per group"),
            description=_("The share of held sessions attended, per supervision group."),
            unit="%",
            maximum=100,
        ),
        "chart_waiting": charts.bar_chart(
            figures.waiting,
            chart_id="chart-waiting",
            title=_("Waiting-list demand per municipality"),
            description=_("People waiting for a place in a supervision group, per municipality."),
        ),
        "chart_risk": charts.bar_chart(
            figures.at_risk,
            chart_id="chart-risk",
            title=_("People at risk of not completing"),
            description=_("Participants who can no longer reach their group's threshold, per municipality."),
        ),
    }
    return render(request, "participants/insight.html", context)
