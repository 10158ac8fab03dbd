"""Scheduling: the group finder, a group page and the calendar, a 500-session personal feed, and 200 people
opening a 10-seat group's page and booking it at once."""

import secrets
import statistics
import string
import threading
import time
import urllib.error
import urllib.request
from datetime import timedelta

from allauth.account.models import EmailAddress

EDUCATOR = "bench-feed-educator@example.lv"
BURST = 200
SEATS = 10
state: dict = {}


def setup(ctx) -> None:
    from django.utils import timezone

    from accounts.models import Organisation, User
    from scheduling.models import Booking, CalendarFeed, Session, SupervisionGroup
    from tests.factories import make_person

    municipality = Organisation.objects.create(name="Bench sched novads", kind=Organisation.Kind.MUNICIPALITY)
    school = Organisation.objects.create(name="Bench skola", kind=Organisation.Kind.SCHOOL, parent=municipality)
    supervisor = make_person("bench-supervisor@example.lv", ["supervisor"], municipality, first_name="S")
    educator = make_person(EDUCATOR, ["educator"], school, first_name="Feed")

    start = timezone.now() + timedelta(days=1)
    for g in range(5):
        group = SupervisionGroup.objects.create(
            title=f"Bench feed group {g}",
            municipality=municipality,
            mode="online",
            meeting_link=f"https://meet.example.lv/{g}",
        )
        group.supervisors.add(supervisor)
        Session.objects.bulk_create(
            Session(
                group=group,
                starts_at=start + timedelta(hours=(g * 100 + i) * 5),
                ends_at=start + timedelta(hours=(g * 100 + i) * 5 + 2),
                meeting_link=group.meeting_link,
            )
            for i in range(100)
        )
        Booking.objects.create(group=group, person=educator, school=school, status="confirmed", confirmed_at=start)
        state.setdefault("feed_group", group.pk)
    state["token"] = CalendarFeed.objects.create(user=educator).token

    burst = SupervisionGroup.objects.create(title="Bench burst group", municipality=municipality, capacity=SEATS)
    burst.supervisors.add(supervisor)
    Session.objects.create(
        group=burst, starts_at=start + timedelta(days=400), ends_at=start + timedelta(days=400, hours=3)
    )
    state["burst_group"] = burst.pk
    emails = [f"bench-burst-{i}@example.lv" for i in range(BURST)]
    people = User.objects.bulk_create(
        User(email=e, first_name="Burst", organisation=school, password="!") for e in emails
    )
    EmailAddress.objects.bulk_create(EmailAddress(user=u, email=u.email, verified=True, primary=True) for u in people)
    state["burst_emails"] = emails


def _in_process_serialisation_ms(repeat: int = 15) -> float:
    """The same 500 events written with icalendar alone, in this process: the floor for the feed."""
    from django.utils import timezone
    from icalendar import Calendar, Event

    from scheduling.models import Session

    sessions = list(Session.objects.filter(group__title__startswith="Bench feed").select_related("group"))
    stamp = timezone.now()
    timings = []
    for _ in range(repeat):
        began = time.perf_counter()
        calendar = Calendar()
        calendar.add("prodid", "-//bench//")
        calendar.add("version", "2.0")
        for s in sessions:
            event = Event()
            event.add("uid", f"session-{s.pk}@bench")
            event.add("dtstamp", stamp)
            event.add("dtstart", s.starts_at)
            event.add("dtend", s.ends_at)
            event.add("summary", s.group.title)
            event.add("location", s.meeting_link)
            calendar.add_component(event)
        calendar.to_ical()
        timings.append((time.perf_counter() - began) * 1000)
    return statistics.median(timings)


def _cold_render_ms(repeat: int = 15) -> float:
    """Our feed rendered from the database without the cache: query, translate, serialise with VTIMEZONE."""
    from django.utils import timezone

    from scheduling.models import CalendarFeed, Session
    from scheduling.views import FEED_HISTORY, render_feed

    user = CalendarFeed.objects.get(token=state["token"]).user
    timings = []
    for _ in range(repeat):
        began = time.perf_counter()
        sessions = Session.objects.visible_in_calendar_of(user).filter(starts_at__gte=timezone.now() - FEED_HISTORY)
        render_feed(sessions, language=user.preferred_language, name="Kopiena")
        timings.append((time.perf_counter() - began) * 1000)
    return statistics.median(timings)


def _burst(ctx) -> tuple[list[float], list[float], dict[int, int]]:
    """All 200 start at once: each opens the group's page, then books from it."""
    page_url = f"{ctx.base_url}/supervision/groups/{state['burst_group']}/"
    url = page_url + "book/"
    cookies = [ctx.session_cookie(e) for e in state["burst_emails"]]
    barrier = threading.Barrier(BURST)
    page_latencies: list[float] = []
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    lock = threading.Lock()

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)

    def timed(request) -> tuple[int, float]:
        began = time.perf_counter()
        try:
            with opener.open(request, timeout=120) as response:
                response.read()
                status = response.status
        except urllib.error.HTTPError as error:
            status = error.code
        except OSError:
            status = 0
        return status, (time.perf_counter() - began) * 1000

    def one(cookie: str) -> None:
        csrf = "".join(secrets.choice(string.ascii_letters + string.digits) for _ in range(32))
        headers = {"Cookie": f"{cookie}; csrftoken={csrf}", "X-CSRFToken": csrf, "Referer": page_url}
        barrier.wait()
        page_status, page_ms = timed(urllib.request.Request(page_url, headers=headers))
        status, ms = timed(urllib.request.Request(url, data=b"", method="POST", headers=headers))
        with lock:
            page_latencies.append(page_ms)
            latencies.append(ms)
            for code in (page_status, status):
                statuses[code] = statuses.get(code, 0) + 1

    threads = [threading.Thread(target=one, args=(c,)) for c in cookies]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    state["burst_seconds"] = time.perf_counter() - began
    return page_latencies, latencies, statuses


def _pages(ctx) -> None:
    """The pages an educator opens: the group finder, a group's page (100 sessions), the calendar."""
    for label, path in [
        ("find a group /supervision/", "/supervision/"),
        ("group page (100 sessions)", f"/supervision/groups/{state['feed_group']}/"),
        ("my calendar (month and agenda)", "/calendar/"),
    ]:
        result = ctx.wrk(path, user_email=EDUCATOR)
        if result.non_2xx or result.errors:
            print(f"  {label}: {result.non_2xx} non-2xx answers, {result.errors} errors", flush=True)
        ctx.report(f"{label} throughput", result.rps, "req/s", ctx.baseline.rps)
        ctx.report(f"{label} p95 latency", result.p95_ms, "ms", ctx.baseline.p95_ms)


def run(ctx) -> None:
    from scheduling.models import Booking

    _pages(ctx)
    floor = _in_process_serialisation_ms()
    cold = _cold_render_ms()
    feed = ctx.wrk(f"/calendar/feed/{state['token']}.ics", connections=1, threads=1)
    ctx.report("500 events serialised with bare icalendar in-process", floor, "ms")
    ctx.report("feed of 500 sessions rendered from the database, in-process", cold, "ms", floor)
    ctx.report("feed of 500 sessions over HTTP, p50 (cached under its ETag)", feed.p50_ms, "ms", floor)
    ctx.report("feed of 500 sessions over HTTP, throughput", feed.rps, "req/s", ctx.baseline.rps)

    page_latencies, latencies, statuses = _burst(ctx)
    confirmed = Booking.objects.filter(group_id=state["burst_group"], status="confirmed").count()
    waiting = Booking.objects.filter(group_id=state["burst_group"], status="waiting").count()
    server_errors = sum(n for code, n in statuses.items() if code >= 500 or code == 0)
    quantiles = statistics.quantiles(latencies, n=20)
    ctx.report(
        f"booking burst: {BURST} people open the group page and book at once, confirmed (expect {SEATS})",
        confirmed,
        "bookings",
    )
    ctx.report(f"booking burst: waiting-listed (expect {BURST - SEATS})", waiting, "bookings")
    ctx.report("booking burst: 5xx or failed requests (expect 0)", server_errors, "requests")
    ctx.report("booking burst: all 400 requests answered in", state["burst_seconds"], "s")
    ctx.report("booking burst: throughput", 2 * BURST / state["burst_seconds"], "req/s", ctx.baseline.rps)
    ctx.report("booking burst: group page p95 latency", statistics.quantiles(page_latencies, n=20)[18], "ms")
    ctx.report("booking burst: booking p50 latency", statistics.median(latencies), "ms")
    ctx.report("booking burst: booking p95 latency", quantiles[18], "ms")
    print(f"  status codes: {dict(sorted(statuses.items()))}", flush=True)
