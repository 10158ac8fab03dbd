"""Parallel bookings through HTTP against a real server: no server error, seats held = capacity, the rest
on the waiting list in arrival order. The embedded default (SQLite, 30 people) always runs; PostgreSQL
(200 people) runs when DATABASE_URL points at it, as in CI's second pass."""

import logging
import sqlite3
import tempfile
import time
from pathlib import Path

import pytest
from django.db import connection

from scheduling.models import Booking, SupervisionGroup
from tests.conftest import need
from tests.factories import add_sessions, make_person
from tests.reliability.processes import Browser, gunicorn, in_parallel, signed_in_session, site_env, test_database_url

# Real commits; the data the migrations made (groups, the page tree) is restored after each test, as for
# every other transactional test of the suite (see tests/conftest.py).
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CAPACITY = 10


@pytest.fixture
def burst_group(transactional_db, valmiera, valmiera_school, supervisor) -> SupervisionGroup:
    group = SupervisionGroup.objects.create(title="Burst group", municipality=valmiera, capacity=CAPACITY)
    group.supervisors.add(supervisor)
    add_sessions(group)
    return group


def people(count: int, school) -> list:
    return [make_person(f"burst{i:03d}.person@example.lv", ["educator"], school) for i in range(count)]


def book_all(base: str, group: SupervisionGroup, sessions: list[str]) -> list:
    path = f"/supervision/groups/{group.pk}/book/"

    def book(i: int):
        started = time.monotonic()
        status, _body = Browser(base, session_key=sessions[i]).request("POST", path)
        return status, time.monotonic() - started

    return in_parallel(len(sessions), book)


def assert_fair(statuses: list[int], bookings: list[tuple[str, object]], count: int) -> None:
    assert [s for s in statuses if s >= 500] == []
    assert set(statuses) == {302}  # every person was answered and sent back to the group page
    assert len(bookings) == count  # nobody lost, nobody twice
    confirmed = [created for status, created in bookings if status == Booking.Status.CONFIRMED]
    waiting = [created for status, created in bookings if status == Booking.Status.WAITING]
    assert len(confirmed) == CAPACITY
    assert len(waiting) == count - CAPACITY
    assert max(confirmed) <= min(waiting)  # seats went to the first to arrive


def report(label: str, results: list) -> None:
    seconds = sorted(r[1] for r in results)
    logging.getLogger("kopiena.figures").warning(
        f"{label}: {len(results)} bookings, statuses {sorted({r[0] for r in results})}, "
        f"median {seconds[len(seconds) // 2] * 1000:.0f} ms, slowest {seconds[-1] * 1000:.0f} ms"
    )


def test_thirty_people_booking_at_once_on_the_embedded_sqlite_default(burst_group, valmiera_school):
    if connection.vendor != "sqlite":
        pytest.skip("the embedded default is SQLite; PostgreSQL has its own burst below")
    sessions = [signed_in_session(person) for person in people(30, valmiera_school)]
    with tempfile.TemporaryDirectory() as directory:
        path = Path(directory) / "kopiena.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(path)
        connection.connection.backup(target)  # the migrated test database, with the people above
        target.close()
        with gunicorn(site_env(f"sqlite:///{path}"), workers=2, threads=8) as base:
            results = book_all(base, burst_group, sessions)
        report("SQLite burst", results)
        copy = sqlite3.connect(path)
        rows = copy.execute(
            "SELECT status, created_at FROM scheduling_booking WHERE group_id = ? ORDER BY created_at", [burst_group.pk]
        ).fetchall()
        copy.close()
    assert_fair([r[0] for r in results], rows, 30)


@pytest.mark.postgres
def test_two_hundred_people_booking_at_once_on_postgresql(postgres, burst_group, valmiera_school):
    need(connection.vendor == "postgresql", "needs PostgreSQL (DATABASE_URL)")
    sessions = [signed_in_session(person) for person in people(200, valmiera_school)]
    with gunicorn(site_env(test_database_url()), workers=3, threads=8) as base:
        results = book_all(base, burst_group, sessions)
    report("PostgreSQL burst", results)
    rows = list(Booking.objects.filter(group=burst_group).order_by("created_at").values_list("status", "created_at"))
    assert_fair([r[0] for r in results], rows, 200)
