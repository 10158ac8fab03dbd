"""Emails of scheduling, as thin Celery tasks: load by id, build, send once per key.

Every email is keyed in notifications.SentEmail (`send_once`), so a retried or duplicated task
never sends the same message twice. The services queue these after their transaction commits.
"""

from datetime import timedelta
from email.mime.text import MIMEText
from email.utils import parseaddr

from celery import shared_task
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from notifications.services import EMAIL_TASK, render_email, send_once
from scheduling import ical
from scheduling.models import Booking, Session


def _organizer() -> tuple[str, str]:
    name, address = parseaddr(settings.DEFAULT_FROM_EMAIL)
    return address, name or "Kopiena"


def _invitation(sessions, person, *, method: str, sequence_bump: int = 0, cancelled=None) -> MIMEText:
    """The text/calendar part that Outlook, Google and Apple Mail show as an invitation."""
    events = [
        ical.session_event(
            s,
            site_url=settings.SITE_URL,
            page_path=reverse("scheduling:session", args=[s.pk]),
            sequence_bump=sequence_bump,
            cancelled=cancelled,
        )
        for s in sessions
    ]
    body = ical.build_calendar(
        events,
        name=sessions[0].group.title if sessions else "Kopiena",
        method=method,
        attendee=(person.email, str(person)),
        organizer=_organizer(),
    )
    part = MIMEText(body.decode("utf-8"), "calendar", "utf-8")
    part.set_param("method", method)
    part.add_header("Content-Disposition", "attachment", filename="invite.ics")
    return part


def _session_rows(sessions) -> list[dict]:
    return [{"session": s, "url": settings.SITE_URL + reverse("scheduling:session", args=[s.pk])} for s in sessions]


def _upcoming(group) -> list[Session]:
    return list(group.sessions.scheduled().upcoming().select_related("group", "room").order_by("starts_at"))


@shared_task(**EMAIL_TASK)
def send_booking_confirmation(booking_id: int) -> bool:
    booking = Booking.objects.select_related("group", "person").filter(pk=booking_id).first()
    if booking is None or booking.status != Booking.Status.CONFIRMED:
        return False
    person = booking.person

    def build():
        sessions = _upcoming(booking.group)
        with translation.override(person.preferred_language):
            message = render_email(
                "scheduling/email/booking_confirmed",
                {"booking": booking, "group": booking.group, "sessions": _session_rows(sessions), "person": person},
                to=[person.email],
                language=person.preferred_language,
            )
            if sessions:
                message.attach(_invitation(sessions, person, method="REQUEST"))
        return message

    return send_once(f"booking-confirmed:{booking.pk}", build)


@shared_task(**EMAIL_TASK)
def send_booking_cancelled(booking_id: int) -> bool:
    """Tell the person their seat is released, and take the sessions out of their calendar."""
    booking = Booking.objects.select_related("group", "person").filter(pk=booking_id).first()
    if booking is None or booking.status != Booking.Status.CANCELLED:
        return False
    person = booking.person

    def build():
        sessions = _upcoming(booking.group)
        with translation.override(person.preferred_language):
            message = render_email(
                "scheduling/email/booking_cancelled",
                {"booking": booking, "group": booking.group, "person": person},
                to=[person.email],
                language=person.preferred_language,
            )
            if sessions:
                message.attach(_invitation(sessions, person, method="CANCEL", sequence_bump=1, cancelled=True))
        return message

    return send_once(f"booking-cancelled:{booking.pk}", build)


@shared_task(**EMAIL_TASK)
def send_waiting_list_offer(booking_id: int, chosen: bool = False) -> bool:
    """The offer of a held seat, with its deadline. `chosen`: a supervisor or coordinator picked the
    person from the waiting list, so the email does not say they were next in line."""
    booking = Booking.objects.select_related("group", "person").filter(pk=booking_id).first()
    if booking is None or booking.status != Booking.Status.OFFERED:
        return False
    person = booking.person

    def build():
        return render_email(
            "scheduling/email/offer",
            {
                "booking": booking,
                "group": booking.group,
                "person": person,
                "sessions": _session_rows(_upcoming(booking.group)),
                "respond_url": settings.SITE_URL + reverse("scheduling:my_sessions"),
                "chosen": chosen,
            },
            to=[person.email],
            language=person.preferred_language,
        )

    return send_once(f"offer:{booking.pk}:{booking.offer_expires_at:%Y%m%d%H%M%S}", build)


@shared_task(**EMAIL_TASK)
def send_session_changed(session_id: int, sequence: int) -> int:
    """An update (METHOD:REQUEST, higher SEQUENCE) or a cancellation (METHOD:CANCEL) to each participant."""
    session = Session.objects.select_related("group", "room").filter(pk=session_id).first()
    if session is None or session.sequence != sequence:
        return 0  # a later change superseded this one and sends its own message
    people = [b.person for b in session.group.bookings.confirmed().select_related("person")]
    kind = "session_cancelled" if session.is_cancelled else "session_moved"
    sent = 0
    for person in people:

        def build(person=person):
            with translation.override(person.preferred_language):
                message = render_email(
                    f"scheduling/email/{kind}",
                    {"session": session, "group": session.group, "person": person, "rows": _session_rows([session])},
                    to=[person.email],
                    language=person.preferred_language,
                )
                method = "CANCEL" if session.is_cancelled else "REQUEST"
                message.attach(_invitation([session], person, method=method))
            return message

        sent += send_once(f"session-change:{session.pk}:{sequence}:{person.pk}", build)
    return sent


def send_reminders() -> int:
    """Remind participants of sessions starting within the reminder window, once each. Returns how many
    reminders were sent."""
    now = timezone.now()
    window = now + timedelta(hours=settings.SCHEDULING_REMINDER_HOURS)
    sessions = (
        Session.objects.scheduled().filter(starts_at__gt=now, starts_at__lte=window).select_related("group", "room")
    )
    sent = 0
    for session in sessions:
        bookings = session.group.bookings.confirmed().select_related("person")
        for booking in bookings:
            person = booking.person

            def build(person=person, session=session):
                return render_email(
                    "scheduling/email/reminder",
                    {"session": session, "group": session.group, "person": person, "rows": _session_rows([session])},
                    to=[person.email],
                    language=person.preferred_language,
                )

            key = f"reminder:{session.pk}:{person.pk}:{session.starts_at:%Y%m%d%H%M}"
            sent += send_once(key, build)
    return sent
