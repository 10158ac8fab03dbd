"""Personal data held by scheduling/ (see privacy/registry.py): bookings, attendance, notices, hours.

The attendance models are imported from scheduling.models until they move to attendance/."""

from scheduling.models import (
    AbsenceNotice,
    AttendanceRecord,
    Booking,
    CalendarFeed,
    ParticipantProfile,
    SupervisionCompletion,
    SupervisionGroup,
)


def export(user) -> dict[str, list[dict]]:
    from scheduling.reports import hours_for

    hours = hours_for(user)
    return {
        "bookings": [
            {
                "group": b.group.title,
                "status": str(b.get_status_display()),
                "booked": b.created_at,
                "confirmed": b.confirmed_at,
                "cancelled": b.cancelled_at,
            }
            for b in Booking.objects.filter(person=user).select_related("group").order_by("created_at")
        ],
        "attendance": [
            {
                "group": r.session.group.title,
                "session_start": r.session.starts_at,
                "session_end": r.session.ends_at,
                "status": str(r.get_status_display()),
                "recorded_by": str(r.get_source_display()),
                "marked": r.marked_at,
            }
            for r in AttendanceRecord.objects.filter(person=user)
            .select_related("session", "session__group")
            .order_by("session__starts_at")
        ],
        "absence_notices": [
            {
                "group": n.session.group.title,
                "session_start": n.session.starts_at,
                "reason": str(n.get_reason_display()),
                "note": n.note,
                "given": n.created_at,
            }
            for n in AbsenceNotice.objects.filter(person=user).select_related("session", "session__group")
        ],
        "hours": [
            {
                "group": line.label,
                "sessions": line.sessions,
                "academic_hours": line.academic,
                "clock_hours": line.clock,
            }
            for line in hours.by_group
        ]
        + [
            {
                "group": "",
                "window_since": hours.window_start,
                "academic_hours_in_window": hours.window_academic,
                "clock_hours_in_window": hours.window_clock,
            }
        ],
        "supervision_completions": [
            {
                "group": c.group.title,
                "completed": c.completed_on,
                "attendance_percent": c.attendance_percent,
                "clock_hours": c.clock_hours,
            }
            for c in SupervisionCompletion.objects.filter(person=user).select_related("group")
        ],
        "supervised_groups": [
            {"group": g.title, "school_year": g.school_year}
            for g in SupervisionGroup.objects.filter(supervisors=user).order_by("title")
        ],
        "calendar": [
            {"personal_feed": True, "hide_cancelled": f.hide_cancelled} for f in CalendarFeed.objects.filter(user=user)
        ]
        + [{"school_leader": p.is_school_leader} for p in ParticipantProfile.objects.filter(user=user)],
    }


def erase(user) -> dict[str, int]:
    """Attendance stays, anonymous, for ESF+ reports and completion; what the person wrote and their
    private calendar link go."""
    return {
        "absence_notices": AbsenceNotice.objects.filter(person=user).exclude(note="").update(note=""),
        "calendar": CalendarFeed.objects.filter(user=user).delete()[0],
    }
