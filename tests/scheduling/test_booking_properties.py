"""Random sequences of book / cancel / accept / expire keep the booking rules, and the figures pages
show stay equal to direct counts (property-based: Hypothesis writes the sequences)."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scheduling import services
from scheduling.models import Booking, SupervisionGroup
from tests.factories import add_sessions, make_person

PEOPLE = 6
steps = st.lists(
    st.tuples(st.sampled_from(["book", "cancel", "accept", "expire", "release"]), st.integers(0, PEOPLE - 1)),
    min_size=1,
    max_size=25,
)


@pytest.fixture
def cast(valmiera, valmiera_school, supervisor):
    people = [make_person(f"dalibnieks{i}@example.lv", ["educator"], valmiera_school) for i in range(PEOPLE)]
    return people, supervisor


def run(group, people, supervisor, step, who):
    person = people[who]
    booking = Booking.objects.active().filter(group=group, person=person).first()
    try:
        if step == "book":
            services.book_seat(group, person)
        elif step == "cancel" and booking:
            services.cancel_booking(booking, by=person)
        elif step == "release" and booking:
            services.cancel_booking(booking, by=supervisor)
        elif step == "accept" and booking:
            services.accept_offer(booking, by=person)
        elif step == "expire":
            Booking.objects.filter(group=group, status="offered").update(
                offer_expires_at=timezone.now() - timedelta(minutes=1)
            )
            services.expire_offers()
    except services.SchedulingError:
        pass  # a refusal is a correct answer; the invariants below must hold either way


def check(group):
    held = Booking.objects.holding_seat().filter(group=group).count()
    waiting = list(Booking.objects.filter(group=group, status="waiting").order_by("created_at", "pk"))
    assert held <= group.capacity
    assert not (waiting and held < group.capacity), "a seat is free while people wait"
    per_person = Booking.objects.active().filter(group=group).values_list("person_id", flat=True)
    assert len(per_person) == len(set(per_person))
    counted = SupervisionGroup.objects.with_seat_counts().with_next_session().get(pk=group.pk)
    assert (counted.seats_taken, counted.waiting_count) == (held, len(waiting))
    places = [services.queue_place(b) for b in waiting]
    assert places == list(range(1, len(waiting) + 1))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(capacity=st.integers(1, 4), sequence=steps)
def test_random_booking_sequences_keep_seats_queue_and_counts(cast, valmiera, capacity, sequence):
    people, supervisor = cast
    with transaction.atomic():
        group = SupervisionGroup.objects.create(title="Īpašību grupa", municipality=valmiera, capacity=capacity)
        group.supervisors.add(supervisor)
        add_sessions(group, count=3)
        for step, who in sequence:
            run(group, people, supervisor, step, who)
            check(group)
        transaction.set_rollback(True)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(sequence=st.lists(st.integers(0, PEOPLE - 1), min_size=1, max_size=12))
def test_the_waiting_list_is_served_in_arrival_order(cast, valmiera, sequence):
    """Whoever joined the queue first is offered the next free seat."""
    people, supervisor = cast
    with transaction.atomic():
        group = SupervisionGroup.objects.create(title="Rindas grupa", municipality=valmiera, capacity=1)
        group.supervisors.add(supervisor)
        add_sessions(group, count=2)
        arrivals = []
        for who in sequence:
            try:
                booking = services.book_seat(group, people[who])
            except services.SchedulingError:
                continue
            if booking.status == "waiting":
                arrivals.append(booking.person_id)
        holder = Booking.objects.holding_seat().get(group=group)
        services.cancel_booking(holder, by=supervisor)
        if arrivals:
            assert Booking.objects.get(group=group, status="offered").person_id == arrivals[0]
        transaction.set_rollback(True)
