from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from scheduling import services
from scheduling.models import Booking, ParticipantProfile, SupervisionGroup
from scheduling.services import SchedulingError
from tests.factories import add_sessions, make_person


def codes(callable_, *args, **kwargs) -> str:
    with pytest.raises(SchedulingError) as error:
        callable_(*args, **kwargs)
    return error.value.code


def test_booking_a_free_seat_confirms_it_and_emails_an_invitation(group, educator):
    booking = services.book_seat(group, educator)
    assert booking.status == Booking.Status.CONFIRMED
    assert mail.outbox[-1].to == [educator.email]


def test_booking_is_waiting_listed_when_the_group_is_full(group, teachers):
    statuses = [services.book_seat(group, t).status for t in teachers[:5]]
    assert statuses == ["confirmed"] * 3 + ["waiting"] * 2
    assert group.bookings.filter(status="confirmed").count() == 3


def test_a_second_booking_by_the_same_person_is_refused_and_creates_no_row(group, educator):
    services.book_seat(group, educator)
    assert codes(services.book_seat, group, educator) == "already_booked"
    assert group.bookings.filter(person=educator).count() == 1


def test_booking_is_refused_when_booking_is_closed(group, educator):
    group.booking_open = False
    group.save()
    assert codes(services.book_seat, group, educator) == "closed"


def test_booking_is_refused_when_every_session_is_past_or_cancelled(group, educator):
    group.sessions.update(status="cancelled")
    assert codes(services.book_seat, group, educator) == "no_upcoming"


def test_a_school_leader_cannot_book_a_staff_group(group, educator):
    ParticipantProfile.objects.create(user=educator, is_school_leader=True)
    assert codes(services.book_seat, group, educator) == "staff_only"


def test_staff_cannot_book_a_leaders_group(group, educator):
    group.kind = SupervisionGroup.Kind.LEADERS
    group.save()
    assert codes(services.book_seat, group, educator) == "leaders_only"


def test_people_from_another_municipality_are_not_served(group, jelgava_school):
    stranger = make_person("ieva.jelgava@example.lv", ["educator"], jelgava_school)
    assert codes(services.book_seat, group, stranger) == "not_served"


def test_the_school_quota_limits_places_per_school(group, teachers):
    group.school_quota = 2
    group.save()
    services.book_seat(group, teachers[0])
    services.book_seat(group, teachers[1])
    assert codes(services.book_seat, group, teachers[2]) == "quota_full"


def test_a_person_cannot_hold_seats_in_two_groups_whose_sessions_overlap(group, educator, valmiera, supervisor):
    other = SupervisionGroup.objects.create(
        title="Online", municipality=valmiera, mode="online", meeting_link="https://meet.example.lv/a"
    )
    add_sessions(other, count=1, hour=16)  # overlaps the first 15:00–18:00 session of `group`
    services.book_seat(group, educator)
    assert codes(services.book_seat, other, educator) == "conflict"


def test_cancelling_a_seat_offers_it_to_the_first_person_waiting(group, teachers, settings):
    bookings = [services.book_seat(group, t) for t in teachers[:5]]
    services.cancel_booking(bookings[0], by=teachers[0])
    first_waiting = Booking.objects.get(pk=bookings[3].pk)
    assert first_waiting.status == Booking.Status.OFFERED
    assert first_waiting.offer_expires_at == pytest.approx(
        timezone.now() + timedelta(hours=settings.SCHEDULING_OFFER_HOURS), abs=timedelta(seconds=30)
    )
    assert Booking.objects.get(pk=bookings[4].pk).status == Booking.Status.WAITING
    assert any("free for you" in m.subject or "brīva" in m.subject for m in mail.outbox)


def test_an_offered_seat_is_not_given_to_a_newcomer(group, teachers):
    bookings = [services.book_seat(group, t) for t in teachers[:4]]
    services.cancel_booking(bookings[0], by=teachers[0])
    newcomer = services.book_seat(group, teachers[5])
    assert newcomer.status == Booking.Status.WAITING


def test_accepting_an_offer_confirms_the_seat(group, teachers):
    bookings = [services.book_seat(group, t) for t in teachers[:4]]
    services.cancel_booking(bookings[0], by=teachers[0])
    accepted = services.accept_offer(Booking.objects.get(pk=bookings[3].pk), by=teachers[3])
    assert accepted.status == Booking.Status.CONFIRMED


def test_an_expired_offer_passes_to_the_next_person(group, teachers):
    bookings = [services.book_seat(group, t) for t in teachers[:5]]
    services.cancel_booking(bookings[0], by=teachers[0])
    later = timezone.now() + timedelta(hours=49)
    assert services.expire_offers(now=later) == 1
    expired = Booking.objects.get(pk=bookings[3].pk)
    assert (expired.status, expired.cancel_reason) == ("cancelled", "offer_expired")
    assert Booking.objects.get(pk=bookings[4].pk).status == Booking.Status.OFFERED


def test_an_expired_offer_cannot_be_accepted(group, teachers):
    bookings = [services.book_seat(group, t) for t in teachers[:4]]
    services.cancel_booking(bookings[0], by=teachers[0])
    Booking.objects.filter(pk=bookings[3].pk).update(offer_expires_at=timezone.now() - timedelta(minutes=1))
    assert codes(services.accept_offer, Booking.objects.get(pk=bookings[3].pk), by=teachers[3]) == "offer_expired"


def test_after_the_cancellation_deadline_only_the_supervisor_can_release_the_seat(group, educator, supervisor):
    booking = services.book_seat(group, educator)
    first = group.sessions.order_by("starts_at").first()
    first.starts_at = timezone.now() + timedelta(hours=10)
    first.ends_at = first.starts_at + timedelta(hours=3)
    first.save()
    assert codes(services.cancel_booking, booking, by=educator) == "deadline_passed"
    released = services.cancel_booking(booking, by=supervisor)
    assert released.status == Booking.Status.CANCELLED
    assert released.cancelled_by == supervisor


def test_a_coordinator_of_the_municipality_can_release_after_the_deadline(group, educator, coordinator):
    booking = services.book_seat(group, educator)
    group.cancellation_deadline_hours = 24 * 60
    group.save()
    assert services.cancel_booking(booking, by=coordinator).status == Booking.Status.CANCELLED


def test_cancelled_bookings_stay_as_history_and_the_person_can_book_again(group, educator):
    first = services.book_seat(group, educator)
    services.cancel_booking(first, by=educator)
    again = services.book_seat(group, educator)
    assert again.pk != first.pk
    assert list(group.bookings.filter(person=educator).values_list("status", flat=True)) == ["cancelled", "confirmed"]


def test_someone_else_cannot_cancel_a_booking(group, educator, mentor):
    booking = services.book_seat(group, educator)
    assert codes(services.cancel_booking, booking, by=mentor) == "forbidden"


def test_a_coordinator_moves_a_person_to_another_group(group, educator, coordinator, valmiera, supervisor):
    other = SupervisionGroup.objects.create(title="Evening group", municipality=valmiera)
    other.supervisors.add(supervisor)
    add_sessions(other, count=1, hour=9, first_day=8)
    booking = services.book_seat(group, educator)
    moved = services.move_person(booking, other, by=coordinator)
    assert moved.group == other and moved.status == Booking.Status.CONFIRMED
    assert Booking.objects.get(pk=booking.pk).cancel_reason == "moved"


def test_a_coordinator_of_another_municipality_cannot_move_people(group, educator, jelgava, valmiera):
    outsider_coordinator = make_person("juris.jelgava@example.lv", ["coordinator"], jelgava)
    other = SupervisionGroup.objects.create(title="Evening group", municipality=valmiera)
    booking = services.book_seat(group, educator)
    assert codes(services.move_person, booking, other, by=outsider_coordinator) == "forbidden"
