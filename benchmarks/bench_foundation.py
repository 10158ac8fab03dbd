"""The signed-in dashboard against the minimal signed-in view."""

from accounts.models import Organisation, User
from accounts.services import set_roles

EMAIL = "bench-coordinator@example.lv"


def setup(ctx) -> None:
    municipality = Organisation.objects.create(name="Bench novads", kind=Organisation.Kind.MUNICIPALITY)
    user = User.objects.create_user(email=EMAIL, password="x" * 12, first_name="Bench", organisation=municipality)
    set_roles(user, ["coordinator", "mentor", "educator"])


def run(ctx) -> None:
    result = ctx.wrk("/dashboard/", user_email=EMAIL)
    ctx.report("dashboard throughput (coordinator+mentor+educator)", result.rps, "req/s", ctx.baseline.rps)
    ctx.report("dashboard p95 latency", result.p95_ms, "ms", ctx.baseline.p95_ms)
