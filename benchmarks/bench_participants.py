"""Latvia ×10: 4,000 mentors, 6,000 educators, 43 municipalities, 600 groups, 7,200 sessions and 60,000
attendance rows; the ESF+ yearly indicator report and the national coordinator's pages.

Everything is bulk-inserted; the records are then opened by the same service the daily task runs.
Figures: the SQL queries of the report for the whole country against one municipality with a handful
of participants (the same number means constant queries), the time and peak Python memory
(tracemalloc) to compute it, to write the XLSX (one sheet per breakdown), and to download it over HTTP
from the server; and how long the daily task takes to open 10,000 records.
"""

import random
import time
import tracemalloc
import urllib.request
import uuid
from datetime import date, datetime, timedelta

MENTORS = 4_000
EDUCATORS = 6_000
SESSIONS_PER_GROUP = 10
GROUP_SIZE = 10  # 600 groups × 10 sessions × 10 people = 60,000 attendance rows
UPCOMING_PER_GROUP = 2  # and 1,200 sessions to come
MUNICIPALITIES = 43
COORDINATOR = "bench-esf-coordinator@example.lv"
state: dict = {}


def setup(ctx) -> None:
    from django.utils import timezone

    from accounts.models import Organisation, User
    from attendance.models import AttendanceRecord
    from courses.models import LessonProgress
    from participants import services
    from participants.models import EntryVersion, ParticipantRecord, SensitiveIndicators
    from scheduling.models import Booking, Session, SupervisionGroup
    from tests.factories import make_person

    rng = random.Random(2026)
    agency = Organisation.objects.create(name="Bench ESF aģentūra", kind=Organisation.Kind.AGENCY)
    municipalities = Organisation.objects.bulk_create(
        Organisation(name=f"Bench ESF novads {i}", kind=Organisation.Kind.MUNICIPALITY) for i in range(MUNICIPALITIES)
    )
    schools = Organisation.objects.bulk_create(
        Organisation(name=f"Bench ESF skola {i}", kind=Organisation.Kind.SCHOOL, parent=m)
        for i, m in enumerate(municipalities)
    )
    tiny = Organisation.objects.create(name="Bench ESF mazais novads", kind=Organisation.Kind.MUNICIPALITY)
    tiny_school = Organisation.objects.create(name="Bench ESF mazā skola", kind=Organisation.Kind.SCHOOL, parent=tiny)
    make_person(COORDINATOR, ["coordinator"], agency, first_name="Koordinatore")

    people = User.objects.bulk_create(
        (
            User(
                email=f"bench-esf-{i}@example.lv",
                first_name=f"Dalībniece{i}",
                last_name="Kalniņa",
                organisation=schools[i % MUNICIPALITIES],
                password="!",
            )
            for i in range(MENTORS + EDUCATORS)
        ),
        batch_size=2000,
    )
    mentors, educators = people[:MENTORS], people[MENTORS:]
    few = User.objects.bulk_create(
        User(email=f"bench-esf-tiny-{i}@example.lv", organisation=tiny_school, password="!") for i in range(3)
    )
    year = timezone.localdate().year - 1
    start = timezone.make_aware(datetime(year, 2, 1, 15, 0))

    LessonProgress.objects.bulk_create(
        (
            LessonProgress(
                user=m, lesson_key=uuid.uuid4(), course_key=uuid.uuid4(), opened_at=start + timedelta(days=i % 300)
            )
            for i, m in enumerate(mentors)
        ),
        batch_size=2000,
    )
    groups = SupervisionGroup.objects.bulk_create(
        SupervisionGroup(
            title=f"Bench ESF grupa {g}", municipality=municipalities[g % MUNICIPALITIES], capacity=GROUP_SIZE
        )
        for g in range(EDUCATORS // GROUP_SIZE)
    )
    tiny_group = SupervisionGroup.objects.create(title="Bench ESF mazā grupa", municipality=tiny, capacity=GROUP_SIZE)
    sessions = Session.objects.bulk_create(
        (
            Session(
                group=group,
                starts_at=start + timedelta(days=21 * s + g % 60),
                ends_at=start + timedelta(days=21 * s + g % 60, hours=3),
            )
            for g, group in enumerate([*groups, tiny_group])
            for s in range(SESSIONS_PER_GROUP)
        ),
        batch_size=5000,
    )
    by_group: dict[int, list] = {}
    for session in sessions:
        by_group.setdefault(session.group_id, []).append(session)
    members = [(groups[i // GROUP_SIZE], p) for i, p in enumerate(educators)] + [(tiny_group, p) for p in few]
    Booking.objects.bulk_create(
        (Booking(group=g, person=p, status="confirmed", confirmed_at=start) for g, p in members), batch_size=5000
    )
    statuses = ["present"] * 7 + ["late", "absent", "excused"]
    AttendanceRecord.objects.bulk_create(
        (
            AttendanceRecord(session=s, person=p, status=rng.choice(statuses))
            for g, p in members
            for s in by_group[g.pk]
        ),
        batch_size=5000,
    )

    started = time.perf_counter()
    opened = services.materialise_records()
    state["materialise_seconds"] = time.perf_counter() - started
    state["opened"] = opened

    choices = {
        "gender": ["woman", "woman", "man", "non_binary"],
        "age_band": ["18_29", "30_54", "30_54", "55_plus"],
        "labour_status": ["employed", "employed", "unemployed", "inactive"],
        "education": ["isced_3_4", "isced_5_8", "isced_5_8"],
    }
    records = list(ParticipantRecord.objects.only("pk"))
    versions = EntryVersion.objects.bulk_create(
        (
            EntryVersion(
                record_id=r.pk,
                number=1,
                **{k: ("" if rng.random() < 0.03 else rng.choice(v)) for k, v in choices.items()},
            )
            for r in records
        ),
        batch_size=5000,
    )
    for record, version in zip(records, versions, strict=True):
        record.current_entry_id = version.pk
    ParticipantRecord.objects.bulk_update(records, ["current_entry"], batch_size=5000)
    answers = ["yes", "no", "no", "no", "prefer_not"]
    SensitiveIndicators.objects.bulk_create(
        (
            SensitiveIndicators(
                record_id=r.pk,
                consent_at=start,
                **{f: rng.choice(answers) for f in ("disability", "foreign_background", "minority", "rural")},
            )
            for r in records[::3]
        ),
        batch_size=5000,
    )
    # This year's cycle: every group meets again, so the coordinators' pages have 600 groups still meeting.
    soon = timezone.now() + timedelta(days=3)
    Session.objects.bulk_create(
        (
            Session(
                group=group,
                starts_at=soon + timedelta(days=21 * s + g % 20, hours=g % 5),
                ends_at=soon + timedelta(days=21 * s + g % 20, hours=g % 5 + 3),
            )
            for g, group in enumerate(groups)
            for s in range(UPCOMING_PER_GROUP)
        ),
        batch_size=5000,
    )
    state.update(year=year, tiny=tiny.pk, attendance=len(members) * SESSIONS_PER_GROUP)


def _build(scope, *, trace: bool):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from lms import spreadsheets
    from participants import reports

    if trace:
        tracemalloc.start()
    started = time.perf_counter()
    with CaptureQueriesContext(connection) as queries:
        report = reports.build(scope, include_sensitive=True)
    computed = time.perf_counter() - started
    with spreadsheets.xlsx_sheets_file(reports.sheets(report)) as handle:
        size = len(handle.read())
    total = time.perf_counter() - started
    peak = 0
    if trace:
        _current, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return len(queries), computed, total, peak, size, report


def run(ctx) -> None:
    from participants import reports

    year = state["year"]
    national = reports.yearly_scope(year)
    small = reports.yearly_scope(year, [state["tiny"]])
    small_queries, *_rest = _build(small, trace=False)
    queries, _c, _t, peak, _s, _r = _build(national, trace=True)
    _q, computed, total, _p, size, report = _build(national, trace=False)
    participants = report.total_for(None, reports.NATIONAL).participants
    ctx.report(
        f"daily task: open {state['opened']:,} records ({state['attendance']:,} attendance rows)",
        state["materialise_seconds"],
        "s",
    )
    ctx.report(
        f"yearly report, {participants:,} participants: SQL queries (3 participants: {small_queries})",
        queries,
        "queries",
    )
    ctx.report("yearly report: computed in-process", computed, "s")
    ctx.report(f"yearly report: computed and written as XLSX ({size / 1e3:.0f} kB)", total, "s")
    ctx.report("yearly report: peak Python memory, computed and written", peak / 1e6, "MB")
    url = f"{ctx.base_url}/participants/reports/?start={year}-01-01&end={year}-12-31&format=xlsx"
    request = urllib.request.Request(url, headers={"Cookie": ctx.session_cookie(COORDINATOR)})
    started = time.perf_counter()
    with urllib.request.urlopen(request, timeout=300) as response:
        body = response.read()
    assert body[:2] == b"PK", body[:200]
    ctx.report("yearly report: XLSX downloaded over HTTP", time.perf_counter() - started, "s")
    assert date(year, 1, 1) <= national.end
    _coordinator_pages(ctx)


def _coordinator_pages(ctx) -> None:
    """What the national coordinator opens with 600 groups, 6,000 educators and 60,000 attendance rows."""
    from django.urls import reverse

    for label, path in [
        ("dashboard (national coordinator, 600 groups)", reverse("dashboard")),
        ("supervision groups, page 1 of 12 (national coordinator)", reverse("scheduling:coordination")),
        ("attendance at risk (national coordinator)", reverse("attendance:at_risk")),
    ]:
        result = ctx.wrk(path, user_email=COORDINATOR)
        if result.non_2xx or result.errors:
            print(f"  {label}: {result.non_2xx} non-2xx answers, {result.errors} errors", flush=True)
        ctx.report(f"{label} throughput", result.rps, "req/s", ctx.baseline.rps)
        ctx.report(f"{label} p95 latency", result.p95_ms, "ms", ctx.baseline.p95_ms)
