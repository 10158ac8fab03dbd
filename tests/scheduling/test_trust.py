"""What pages show equals the database, and a destructive step asks first (the defects of the demo)."""

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from scheduling import services
from scheduling.models import Booking, Session
from tests.factories import add_sessions, make_person


@pytest.fixture(autouse=True)
def _english(speaks_english):
    pass


def full_group_with_a_queue(group, teachers):
    for teacher in teachers[:3]:
        services.book_seat(group, teacher)
    services.book_seat(group, teachers[3])
    return group


def test_the_coordination_page_counts_seats_once_however_many_sessions_a_group_has(
    client, coordinator, group, teachers
):
    add_sessions(group, count=4, first_day=3, every_days=5)
    full_group_with_a_queue(group, teachers)
    assert group.sessions.count() == 7
    client.force_login(coordinator)
    page = client.get(reverse("scheduling:coordination")).content.decode()
    taken = Booking.objects.holding_seat().filter(group=group).count()
    waiting = Booking.objects.filter(group=group, status="waiting").count()
    assert (taken, waiting) == (3, 1)
    assert f"<td>{taken} / {group.capacity}</td><td>{waiting}</td>" in page


def test_a_person_on_the_waiting_list_is_told_so_in_the_list_and_sees_their_place(client, group, teachers):
    full_group_with_a_queue(group, teachers)
    services.book_seat(group, teachers[4])
    client.force_login(teachers[4])
    listing = client.get(reverse("scheduling:find")).content.decode()
    assert "You are on the waiting list." in listing
    assert "You have a place in this group." not in listing
    detail = client.get(reverse("scheduling:group", args=[group.pk])).content.decode()
    assert "number 2 in the queue" in detail


def test_a_supervisor_is_not_offered_a_seat_in_their_own_group(client, supervisor, group):
    client.force_login(supervisor)
    detail = client.get(reverse("scheduling:group", args=[group.pk])).content.decode()
    assert "You supervise this group." in detail
    assert reverse("scheduling:book", args=[group.pk]) not in detail


def test_cancelling_a_seat_asks_first_says_who_is_emailed_and_changes_nothing(client, group, educator, teachers):
    full_group_with_a_queue(group, [educator, *teachers])
    booking = Booking.objects.get(person=educator)
    mail.outbox.clear()
    client.force_login(educator)
    page = client.get(reverse("scheduling:cancel_booking", args=[booking.pk]))
    assert page.status_code == 200
    text = page.content.decode()
    assert "You get an email saying the seat is cancelled" in text
    assert "offered to the next person on the waiting list, who is emailed" in text
    assert Booking.objects.get(pk=booking.pk).status == "confirmed"
    assert mail.outbox == []
    client.post(reverse("scheduling:cancel_booking", args=[booking.pk]))
    assert Booking.objects.get(pk=booking.pk).status == "cancelled"


def test_the_confirmation_of_someone_elses_seat_is_404(client, group, educator, mentor):
    booking = services.book_seat(group, educator)
    client.force_login(mentor)
    assert client.get(reverse("scheduling:cancel_booking", args=[booking.pk])).status_code == 404


def test_a_coordinator_releasing_a_seat_is_told_the_person_is_emailed(client, coordinator, group, educator):
    booking = services.book_seat(group, educator)
    client.force_login(coordinator)
    text = client.get(reverse("scheduling:cancel_booking", args=[booking.pk]) + "?next=group").content.decode()
    assert f"Release the seat of {educator}" in text
    assert "The person gets an email" in text
    assert 'name="next" value="group"' in text


def test_the_move_form_fills_the_date_picker_with_an_iso_date(client, supervisor, group):
    session = group.sessions.order_by("starts_at").first()
    client.force_login(supervisor)
    text = client.get(reverse("scheduling:move_session", args=[session.pk])).content.decode()
    local = timezone.localtime(session.starts_at)
    assert f'type="date" name="date" value="{local:%Y-%m-%d}"' in text
    assert f'value="{local:%H:%M}"' in text


def test_calendar_and_register_agree_on_who_takes_part(client, group, educator, teachers, valmiera_school):
    """Offered and waiting people are not participants: not on the calendar, not on the register."""
    full_group_with_a_queue(group, teachers)
    offered = services.cancel_booking(Booking.objects.get(person=teachers[0]), by=teachers[0])
    assert offered.status == "cancelled"
    queued = Booking.objects.get(person=teachers[3])
    assert queued.status == "offered"
    later = make_person("vēlāk.klāt@example.lv", ["educator"], valmiera_school)
    services.book_seat(group, later)
    confirmed = set(Booking.objects.confirmed().filter(group=group).values_list("person_id", flat=True))
    in_calendar = {
        person.pk
        for person in (teachers[1], teachers[2], teachers[3], later)
        if Session.objects.visible_in_calendar_of(person).filter(group=group).exists()
    }
    assert in_calendar == confirmed == {teachers[1].pk, teachers[2].pk}


def test_the_calendar_page_makes_no_private_link_until_asked(client, educator):
    from scheduling.models import CalendarFeed

    client.force_login(educator)
    page = client.get(reverse("scheduling:calendar")).content.decode()
    assert "Create my calendar link" in page
    assert not CalendarFeed.objects.exists()
    client.post(reverse("scheduling:feed_create"))
    client.post(reverse("scheduling:feed_create"))
    feed = CalendarFeed.objects.get(user=educator)
    assert feed.token in client.get(reverse("scheduling:calendar")).content.decode()
