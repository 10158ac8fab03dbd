"""The signed-in dashboard against the minimal signed-in view."""

from accounts.models import Organisation
from tests.factories import make_person

EMAIL = "bench-coordinator@example.lv"


READ_ONLY = True  # run() only loads pages: run.py repeats it for the memory figure


def setup(ctx) -> None:
    municipality = Organisation.objects.create(name="Bench novads", kind=Organisation.Kind.MUNICIPALITY)
    make_person(EMAIL, ["coordinator", "mentor", "educator"], municipality, first_name="Bench")


def run(ctx) -> None:
    result = ctx.wrk("/dashboard/", user_email=EMAIL)
    ctx.report("dashboard throughput (coordinator+mentor+educator)", result.rps, "req/s", ctx.baseline.rps)
    ctx.report("dashboard p95 latency", result.p95_ms, "ms", ctx.baseline.p95_ms)
