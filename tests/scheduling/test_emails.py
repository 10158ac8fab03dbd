from datetime import UTC, timedelta

import vobject
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from scheduling import emails, services, tasks
from scheduling.models import Booking, Session
from tests.factories import make_person


def invitation(message):
    [part] = [a for a in message.attachments if getattr(a, "get_content_type", lambda: "")() == "text/calendar"]
    return part


def test_the_booking_confirmation_carries_a_request_invitation_outlook_understands(group, educator):
    services.book_seat(group, educator)
    message = mail.outbox[-1]
    part = invitation(message)
    assert part.get_param("method") == "REQUEST"
    calendar = vobject.readOne(part.get_payload(decode=True).decode())
    assert calendar.method.value == "REQUEST"
    first = group.sessions.order_by("starts_at").first()
    event = [e for e in calendar.vevent_list if e.uid.value.startswith(f"session-{first.pk}@")][0]
    assert event.dtstart.value.astimezone(UTC) == first.starts_at.astimezone(UTC)
    assert event.organizer.value == "mailto:noreply@kopiena.lv"
    assert "mailto:" + educator.email == event.attendee.value
    # Outlook may show the body rather than the description: the session link is there too.
    assert "http://testserver" + reverse("scheduling:session", args=[first.pk]) in message.body


def test_emails_are_in_the_recipients_language(group, valmiera_school):
    english = make_person("mary.teacher@example.lv", ["educator"], valmiera_school, preferred_language="en")
    latvian = make_person("ilze.skolotaja@example.lv", ["educator"], valmiera_school)
    services.book_seat(group, english)
    services.book_seat(group, latvian)
    assert mail.outbox[0].subject.startswith("Your seat in")
    assert mail.outbox[1].subject.startswith("Jūsu vieta")


def test_a_retried_confirmation_task_sends_once(group, educator):
    booking = services.book_seat(group, educator)
    assert emails.send_booking_confirmation(booking.pk) is False
    assert len(mail.outbox) == 1


def test_cancelling_ones_seat_sends_a_cancel_for_the_groups_sessions(group, educator):
    booking = services.book_seat(group, educator)
    services.cancel_booking(booking, by=educator)
    part = invitation(mail.outbox[-1])
    assert part.get_param("method") == "CANCEL"
    calendar = vobject.readOne(part.get_payload(decode=True).decode())
    assert {e.status.value for e in calendar.vevent_list} == {"CANCELLED"}


def test_a_waiting_list_offer_tells_until_when_the_seat_is_held(group, teachers):
    bookings = [services.book_seat(group, t) for t in teachers[:4]]
    services.cancel_booking(bookings[0], by=teachers[0])
    offer = [m for m in mail.outbox if m.to == [teachers[3].email]][-1]
    offered = Booking.objects.get(pk=bookings[3].pk)
    local = timezone.localtime(offered.offer_expires_at)
    assert local.strftime("%H:%M") in offer.body
    assert "/supervision/my/" in offer.body


def test_a_moved_session_update_replaces_the_event_with_a_higher_sequence(group, educator, supervisor):
    services.book_seat(group, educator)
    session = group.sessions.order_by("starts_at").first()
    start = session.starts_at + timedelta(days=2)
    services.move_session(
        session,
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        room=group.room,
        reason="Cita telpa",
        by=supervisor,
    )
    calendar = vobject.readOne(invitation(mail.outbox[-1]).get_payload(decode=True).decode())
    assert calendar.method.value == "REQUEST"
    assert calendar.vevent.sequence.value == "1"
    assert calendar.vevent.dtstart.value == start
    assert "Cita telpa" in mail.outbox[-1].body


def test_a_superseded_change_task_sends_nothing(group, educator, supervisor):
    services.book_seat(group, educator)
    session = group.sessions.first()
    services.cancel_session(session, reason="x", by=supervisor)
    count = len(mail.outbox)
    assert emails.send_session_changed(session.pk, 0) == 0
    assert len(mail.outbox) == count


def test_reminders_go_once_a_day_before_each_session(group, educator):
    services.book_seat(group, educator)
    mail.outbox.clear()
    session = group.sessions.order_by("starts_at").first()
    Session.objects.filter(pk=session.pk).update(
        starts_at=timezone.now() + timedelta(hours=20), ends_at=timezone.now() + timedelta(hours=23)
    )
    assert tasks.send_reminders() == 1
    assert tasks.send_reminders() == 0
    assert mail.outbox[0].to == [educator.email]
    assert reverse("scheduling:session", args=[session.pk]) in mail.outbox[0].body


def test_the_beat_schedule_runs_reminders_offer_expiry_and_register_closing_by_registered_names(settings):
    from lms.celery import app

    app.loader.import_default_modules()
    scheduled = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    wanted = {"scheduling.tasks.send_reminders", "scheduling.tasks.expire_offers", "attendance.tasks.close_registers"}
    assert wanted <= scheduled
    assert scheduled <= set(app.tasks), "a beat entry names a task no worker knows"


def test_html_emails_escape_titles(group, educator):
    group.title = "<script>alert(1)</script>"
    group.save()
    services.book_seat(group, educator)
    html = mail.outbox[-1].alternatives[0][0]
    assert "<script>" not in html
