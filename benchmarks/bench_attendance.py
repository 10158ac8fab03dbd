"""Attendance export: 10,000 participants × 10 sessions (100,000 rows) streamed as CSV and XLSX.

Reports, for the municipality export a coordinator downloads: the number of SQL queries (the
same as for a one-row export), peak Python memory while the whole file is produced (tracemalloc),
the time to produce it in-process, and the time to download it over HTTP from the server.
"""

import time
import tracemalloc
import urllib.request
from datetime import timedelta

PEOPLE = 10_000
SESSIONS = 10
COORDINATOR = "bench-attendance-coordinator@example.lv"
state: dict = {}


def setup(ctx) -> None:
    from django.utils import timezone

    from accounts.models import Organisation, User
    from attendance.models import AttendanceRecord
    from scheduling.models import Session, SupervisionGroup
    from tests.factories import make_person

    municipality = Organisation.objects.create(name="Bench attendance novads", kind=Organisation.Kind.MUNICIPALITY)
    school = Organisation.objects.create(
        name="Bench attendance skola", kind=Organisation.Kind.SCHOOL, parent=municipality
    )
    agency = Organisation.objects.create(name="Bench attendance aģentūra", kind=Organisation.Kind.AGENCY)
    make_person(COORDINATOR, ["coordinator"], agency, first_name="Koordinators")  # national: every municipality
    tiny = Organisation.objects.create(name="Bench attendance mazais novads", kind=Organisation.Kind.MUNICIPALITY)
    small = SupervisionGroup.objects.create(title="Bench attendance small", municipality=tiny)
    group = SupervisionGroup.objects.create(title="Bench attendance group", municipality=municipality, capacity=50)
    start = timezone.now() - timedelta(days=200)
    sessions = Session.objects.bulk_create(
        Session(group=group, starts_at=start + timedelta(days=7 * i), ends_at=start + timedelta(days=7 * i, hours=3))
        for i in range(SESSIONS)
    )
    one = Session.objects.create(group=small, starts_at=start, ends_at=start + timedelta(hours=2))
    people = User.objects.bulk_create(
        (
            User(
                email=f"bench-att-{i}@example.lv",
                first_name=f"Dalībniece{i}",
                last_name="Bērziņa-Ozoliņa",
                organisation=school,
                password="!",
            )
            for i in range(PEOPLE)
        ),
        batch_size=2000,
    )
    statuses = ["present", "present", "late", "absent", "excused", "present", "n_a", "present", "present", "absent"]
    AttendanceRecord.objects.bulk_create(
        (
            AttendanceRecord(session=s, person=p, status=statuses[(i + j) % len(statuses)])
            for i, p in enumerate(people)
            for j, s in enumerate(sessions)
        ),
        batch_size=5000,
    )
    AttendanceRecord.objects.create(session=one, person=people[0], status="present")
    state.update(municipality=municipality.pk, small_municipality=tiny.pk)


def _in_process(url: str, *, trace: bool) -> tuple[int, int, float, int]:
    """(queries, peak bytes, seconds, body bytes) producing the whole file inside this process.
    tracemalloc slows Python several times over, so time is taken from a run without it."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from accounts.models import User

    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(User.objects.get(email=COORDINATOR))
    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    size = 0
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
        chunks = response.streaming_content if response.streaming else [response.content]
        for chunk in chunks:
            size += len(chunk)
    elapsed = time.perf_counter() - started
    peak = 0
    if trace:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert response.status_code == 200, response.status_code
    return len(queries), peak, elapsed, size


def _over_http(ctx, url: str) -> tuple[float, int]:
    request = urllib.request.Request(ctx.base_url + url, headers={"Cookie": ctx.session_cookie(COORDINATOR)})
    started = time.perf_counter()
    size = 0
    with urllib.request.urlopen(request, timeout=300) as response:
        while chunk := response.read(1 << 16):
            size += len(chunk)
    return time.perf_counter() - started, size


def run(ctx) -> None:
    big = f"/supervision/attendance/municipality/{state['municipality']}"
    small = f"/supervision/attendance/municipality/{state['small_municipality']}"
    rows = PEOPLE * SESSIONS
    for fmt in ("csv", "xlsx"):
        small_queries, _peak, _elapsed, _size = _in_process(f"{small}.{fmt}", trace=False)
        queries, peak, _elapsed, _size = _in_process(f"{big}.{fmt}", trace=True)
        _queries, _peak, elapsed, size = _in_process(f"{big}.{fmt}", trace=False)
        ctx.report(f"{fmt} export of {rows:,} rows: SQL queries (1-row export: {small_queries})", queries, "queries")
        ctx.report(f"{fmt} export of {rows:,} rows: peak Python memory", peak / 1e6, "MB")
        ctx.report(f"{fmt} export of {rows:,} rows: produced in-process ({size / 1e6:.1f} MB)", elapsed, "s")
        seconds, _bytes = _over_http(ctx, f"{big}.{fmt}")
        ctx.report(f"{fmt} export of {rows:,} rows: downloaded over HTTP", seconds, "s")
