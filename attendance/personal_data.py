"""Personal data held by attendance/ (see privacy/registry.py): attendance, notices of absence, hours,
completed cycles."""

from attendance.models import AbsenceNotice, AttendanceRecord, SupervisionCompletion
from attendance.reports import hours_for


def export(user) -> dict[str, list[dict]]:

    hours = hours_for(user)
    return {
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
    }


def erase(user) -> dict[str, int]:
    """Attendance stays, anonymous, for ESF+ reports and completion; what the person wrote goes."""
    return {"absence_notices": AbsenceNotice.objects.filter(person=user).exclude(note="").update(note="")}
