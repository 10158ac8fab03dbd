"""On PostgreSQL, many people racing for the last seats never overbook the group."""

import threading

import pytest
from django.db import connection

from accounts.models import Organisation
from scheduling import services
from scheduling.models import Booking, SupervisionGroup
from tests.factories import add_sessions, make_person

# tests/conftest.py gives postgres-marked tests committed transactions with serialized rollback;
# declared here too so the test is ordered with the other transactional tests.
pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

RACERS = 24


def committed_group(capacity: int):
    """Built after the `postgres` fixture (not with the db-bound fixtures), so other threads see it."""
    municipality = Organisation.objects.create(name="Valmieras novads", kind="municipality")
    school = Organisation.objects.create(name="Valmieras pamatskola", kind="school", parent=municipality)
    group = SupervisionGroup.objects.create(title="Race group", municipality=municipality, capacity=capacity)
    group.supervisors.add(make_person("erika.supervizore@example.lv", ["supervisor"], municipality))
    add_sessions(group)
    return group, school


def test_parallel_bookings_for_the_last_seats_confirm_exactly_the_capacity(postgres):
    group, valmiera_school = committed_group(10)
    early = [make_person(f"early{i}@example.lv", ["educator"], valmiera_school) for i in range(8)]
    for person in early:
        services.book_seat(group, person)
    racers = [make_person(f"racer{i}@example.lv", ["educator"], valmiera_school) for i in range(RACERS)]
    barrier = threading.Barrier(RACERS)
    errors: list[BaseException] = []

    def race(person):
        try:
            barrier.wait()
            services.book_seat(group, person)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=race, args=(person,)) for person in racers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert Booking.objects.filter(group=group, status="confirmed").count() == 10
    assert Booking.objects.filter(group=group, person__in=racers, status="confirmed").count() == 2
    assert Booking.objects.filter(group=group, status="waiting").count() == RACERS - 2


def test_parallel_double_clicks_make_one_booking(postgres):
    group, school = committed_group(10)
    educator = make_person("janis.skolotajs@example.lv", ["educator"], school)
    barrier = threading.Barrier(8)
    outcomes: list[str] = []

    def click():
        try:
            barrier.wait()
            services.book_seat(group, educator)
            outcomes.append("booked")
        except services.SchedulingError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=click) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["already_booked"] * 7 + ["booked"]
    assert Booking.objects.filter(group=group, person=educator).count() == 1


def test_two_managers_offering_the_last_seat_to_different_people_make_one_offer(postgres):
    group, school = committed_group(3)
    for person in [make_person(f"seated{i}@example.lv", ["educator"], school) for i in range(2)]:
        services.book_seat(group, person)
    waiting = [
        Booking.objects.create(
            group=group, person=make_person(f"waiting{i}@example.lv", ["educator"], school), status="waiting"
        )
        for i in range(2)
    ]
    coordinator = make_person("maris.koordinators@example.lv", ["coordinator"], group.municipality)
    managers = [group.supervisors.get(), coordinator]
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def offer(booking, by):
        try:
            barrier.wait()
            services.offer_seat(booking, by=by)
            outcomes.append("offered")
        except services.SchedulingError as error:
            outcomes.append(error.code)
        finally:
            connection.close()

    threads = [threading.Thread(target=offer, args=pair) for pair in zip(waiting, managers, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["full", "offered"]
    assert Booking.objects.filter(group=group).holding_seat().count() == 3
    assert Booking.objects.filter(group=group, status="offered").count() == 1
