"""Attendance screens: the register, self check-in, notices of absence, hours, exports."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import permissions
from accounts.models import User
from attendance import access, checkin, reports, services
from attendance.completion import judge_bookings, register_closed, rule_for
from attendance.forms import CheckInForm, CompletionRuleForm, NoticeForm
from attendance.models import AbsenceNotice, AttendanceRecord, AttendanceStatus
from lms import downloads
from lms.bounds import parse_id
from lms.ratelimit import client_address
from scheduling import access as scheduling_access
from scheduling.models import Booking, Session

# --- the register ---------------------------------------------------------------------------------


@login_required
def register(request: HttpRequest, pk: int) -> HttpResponse:
    """Supervisors mark; coordinators of the municipality read. Participants get 404."""
    if request.method == "POST":
        session = access.get_session_for_marker(request, pk)
        try:
            if "all_present" in request.POST:
                count = services.mark_all_present(session, by=request.user)
                messages.success(request, _("People marked present: %(count)d.") % {"count": count})
            else:
                person_id = parse_id(request.POST.get("person"))
                person = services.register_people(session).filter(pk=person_id).first() if person_id else None
                if person is None:
                    raise services.AttendanceError("not_in_group", _("This person has no place in this group."))
                services.record_attendance(session, person, request.POST.get("status", ""), by=request.user)
                messages.success(request, _("Saved: %(name)s.") % {"name": person})
        except services.AttendanceError as error:
            messages.error(request, error.message)
        return redirect("attendance:register", pk=session.pk)

    session = access.get_session_for_register(request, pk)
    people = list(services.register_people(session).select_related("organisation"))
    records = {r.person_id: r for r in AttendanceRecord.objects.filter(session=session)}
    notices = {}
    if access.can_read_notices(request.user, session.group):
        notices = {n.person_id: n for n in AbsenceNotice.objects.filter(session=session)}
    rows = [{"person": p, "record": records.get(p.pk), "notice": notices.get(p.pk)} for p in people]
    context = {
        "session": session,
        "rows": rows,
        "may_mark": access.can_mark(request.user, session.group),
        "is_open": timezone.now() >= session.starts_at and not session.is_cancelled,
        "checkin_open": session.register_is_open(),
        "closed": session.is_past and register_closed(session),
        "statuses": AttendanceStatus.choices,
        "unmarked": sum(1 for r in rows if r["record"] is None),
    }
    return render(request, "attendance/register.html", context)


@login_required
def registers_to_mark(request: HttpRequest) -> HttpResponse:
    """A supervisor's held sessions whose registers still have people without a status."""
    if not scheduling_access.is_supervisor(request.user):
        raise Http404
    items = reports.registers_to_mark(request.user)
    return render(request, "attendance/registers_to_mark.html", {"items": items})


@login_required
def checkin_code(request: HttpRequest, pk: int) -> HttpResponse:
    """The supervisor's rotating code and QR. The page reloads itself when the minute turns."""
    session = access.get_session_for_marker(request, pk)
    context = {"session": session, "open": session.register_is_open()}
    if context["open"]:
        import segno

        code = checkin.current_code(session.pk)
        link = settings.SITE_URL + reverse("attendance:checkin") + "?" + urlencode({"s": session.pk, "c": code})
        context.update(
            code=code,
            code_display=f"{code[:3]} {code[3:]}",
            link=link,
            qr=segno.make(link, error="m").svg_inline(scale=6, dark="#000", light="#fff"),
            refresh=checkin.seconds_left() + 1,
        )
    return render(request, "attendance/checkin_code.html", context)


# --- participants -------------------------------------------------------------------------------


def _open_sessions_now():
    now = timezone.now()
    return Session.objects.scheduled().filter(starts_at__lte=now, ends_at__gt=now)


def _session_for_code(user, code: str) -> Session | None:
    """Which open session a typed code belongs to: the person's own first, then any other
    (so a borrowed code gets its own message), expired ones last."""
    own = set(Booking.objects.confirmed().filter(person=user).values_list("group_id", flat=True))
    sessions = sorted(_open_sessions_now().select_related("group"), key=lambda s: s.group_id not in own)
    expired = None
    for session in sessions:
        result = checkin.check(session.pk, code)
        if result == "valid":
            return session
        if result == "expired" and expired is None:
            expired = session
    return expired


@login_required
def checkin_view(request: HttpRequest) -> HttpResponse:
    """Self check-in: type the code, or open the QR link (which fills the form; one tap confirms)."""
    if request.method == "POST":
        form = CheckInForm(request.POST)
        if form.is_valid():
            code = form.cleaned_data["code"]
            session_id = form.cleaned_data["session"]
            address = client_address(request)
            session = None
            try:
                services.check_checkin_allowed(request.user, session_id, address)
                if session_id:
                    session = Session.objects.select_related("group").filter(pk=session_id).first()
                else:
                    session = _session_for_code(request.user, code)
                if session is None:
                    if _open_sessions_now().for_participant(request.user).exists():
                        raise services.AttendanceError(
                            "wrong_code", _("This code is not right. Check the digits and try again.")
                        )
                    raise services.AttendanceError(
                        "closed",
                        _(
                            "None of your sessions is open for check-in now. "
                            "Check-in is open only while the session is on."
                        ),
                    )
                record = services.check_in(session, request.user, code)
            except services.AttendanceError as error:
                if error.code in ("wrong_code", "expired_code"):
                    services.count_failed_checkin(request.user, session_id, address)
                form.add_error("code", error.message)
            else:
                if record.status == AttendanceStatus.LATE:
                    messages.success(
                        request, _("You are checked in (late) for “%(title)s”.") % {"title": session.group}
                    )
                else:
                    messages.success(request, _("You are checked in for “%(title)s”.") % {"title": session.group})
                return redirect("attendance:my_hours")
    else:
        session_id = request.GET.get("s", "")
        form = CheckInForm(
            initial={
                "code": request.GET.get("c", "")[:12],
                "session": parse_id(session_id),
            }
        )
    return render(request, "attendance/checkin.html", {"form": form})


@login_required
def give_notice(request: HttpRequest, pk: int) -> HttpResponse:
    session = scheduling_access.get_session_for_participant(request, pk)
    notice = AbsenceNotice.objects.filter(session=session, person=request.user).first()
    if request.method == "POST":
        form = NoticeForm(request.POST)
        if form.is_valid():
            try:
                services.give_notice(session, request.user, form.cleaned_data["reason"], form.cleaned_data["note"])
            except services.AttendanceError as error:
                form.add_error(None, error.message)
            else:
                messages.success(request, _("Thank you. Your supervisor knows you will miss this session."))
                return redirect("attendance:my_hours")
    else:
        form = NoticeForm(initial={"reason": notice.reason, "note": notice.note} if notice else None)
    return render(request, "attendance/notice.html", {"session": session, "form": form, "notice": notice})


@login_required
def my_hours(request: HttpRequest) -> HttpResponse:
    """A participant's own attendance, hours and professional-development window."""
    user = request.user
    hours = reports.hours_for(user)
    records = (
        AttendanceRecord.objects.filter(person=user).select_related("session__group").order_by("-session__starts_at")
    )
    upcoming = (
        Session.objects.for_participant(user).scheduled().upcoming().select_related("group").order_by("starts_at")
    )
    notices = set(AbsenceNotice.objects.filter(person=user).values_list("session_id", flat=True))
    bookings = list(Booking.objects.confirmed().filter(person=user).select_related("group"))
    results = judge_bookings(bookings)
    progress = [(b.group, results[b.pk]) for b in bookings]
    return render(
        request,
        "attendance/my_hours.html",
        {"hours": hours, "records": records, "upcoming": upcoming[:10], "notices": notices, "progress": progress},
    )


# --- groups, completion and risk ----------------------------------------------------------------


@login_required
def group_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    group = scheduling_access.get_group_for_manager(request, pk)
    sessions, statuses = reports.group_matrix(group)
    bookings = list(
        Booking.objects.confirmed()
        .filter(group=group)
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
    )
    results = judge_bookings(bookings)
    labels = dict(AttendanceStatus.choices)
    rows = []
    for booking in bookings:
        mine = statuses.get(booking.person_id, {})
        rows.append(
            {
                "person": booking.person,
                "cells": [labels.get(mine.get(s.pk), "") for s in sessions],
                "result": results[booking.pk],
            }
        )
    rule = rule_for(group)
    form = CompletionRuleForm(
        initial={
            "min_attendance_percent": rule.min_attendance_percent,
            "excused_leave_count": rule.excused_leave_count,
            "min_clock_hours": rule.min_clock_hours,
        }
    )
    context = {"group": group, "sessions": sessions, "rows": rows, "rule": rule, "form": form}
    return render(request, "attendance/group_attendance.html", context)


@login_required
@require_POST
def completion_rule(request: HttpRequest, pk: int) -> HttpResponse:
    group = scheduling_access.get_group_for_manager(request, pk)
    form = CompletionRuleForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for error in errors:
                messages.error(request, error)
        return redirect("attendance:group_attendance", pk=group.pk)
    try:
        rule = services.update_completion_rule(group, by=request.user, **form.cleaned_data)
    except services.AttendanceError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Completion rule saved (version %(version)d).") % {"version": rule.version})
    return redirect("attendance:group_attendance", pk=group.pk)


@login_required
def at_risk(request: HttpRequest) -> HttpResponse:
    """For coordinators: people who can no longer reach their group's threshold while sessions remain."""
    if not permissions.can_coordinate(request.user):
        raise Http404
    return render(
        request,
        "attendance/at_risk.html",
        {
            "page": reports.at_risk_page(request.user, request.GET.get("page")),
            "municipalities": permissions.municipalities_for(request.user),
        },
    )


# --- exports --------------------------------------------------------------------------------------


def _records_for_export(request: HttpRequest, kind: str, pk: int):
    user = request.user
    records = AttendanceRecord.objects.all()
    if kind == "session":
        session = scheduling_access.get_session_for_manager(request, pk)
        return records.filter(session=session), f"session-{session.pk}"
    if kind == "group":
        group = scheduling_access.get_group_for_manager(request, pk)
        return records.filter(session__group=group), f"group-{group.pk}"
    if kind == "municipality":
        municipality = permissions.municipalities_for(user).filter(pk=pk).first()
        if municipality is None:
            raise Http404
        return records.filter(session__group__municipality=municipality), f"municipality-{municipality.pk}"
    if kind == "person":
        person = User.objects.filter(pk=pk).first()
        if person is None:
            raise Http404
        mine = records.filter(person=person)
        if person.pk != user.pk:
            mine = mine.filter(session__group__in=scheduling_access.groups_managed_by(user).values("pk"))
            if not mine.exists():
                raise Http404
        return mine, f"person-{person.pk}"
    raise Http404


@login_required
def export(request: HttpRequest, kind: str, pk: int, fmt: str) -> HttpResponse:
    records, name = _records_for_export(request, kind, pk)
    stamp = timezone.localdate().isoformat()
    filename = f"attendance-{name}-{stamp}.{fmt}"
    header = reports.export_header()
    if fmt == "csv":
        return downloads.csv_download(filename, header, reports.export_rows(records))
    if fmt == "xlsx":
        return downloads.xlsx_download(filename, [(_("Attendance"), header, reports.export_rows(records))])
    raise Http404


@login_required
def signin_sheet(request: HttpRequest, pk: int) -> HttpResponse:
    session = scheduling_access.get_session_for_manager(request, pk)
    people = services.register_people(session).select_related("organisation")
    supervisors = ", ".join(str(s) for s in session.group.supervisors.all())
    pdf = reports.signin_sheet(session, people, supervisors=supervisors)
    return downloads.download(pdf, f"sign-in-{session.pk}.pdf", "application/pdf", inline=True)
