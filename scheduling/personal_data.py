"""Personal data held by scheduling/ (see privacy/registry.py): bookings, supervised groups, the calendar link."""

from scheduling.models import Booking, CalendarFeed, ParticipantProfile, SupervisionGroup


def export(user) -> dict[str, list[dict]]:
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
    """Bookings stay, anonymous, for seat history and ESF+ exit dates; the private calendar link goes."""
    return {"calendar": CalendarFeed.objects.filter(user=user).delete()[0]}
