"""`make bench`: start Kopiena as production runs it, load it with wrk, print figures against a baseline.

Each benchmarks/bench_<topic>.py module may define:
    setup(ctx)  create its data through the ORM (runs before the server starts)
    run(ctx)    measure, calling ctx.wrk(...) and ctx.report(...)

The baseline is the smallest signed-in page (/ping/), measured in the same run, so ratios stay
meaningful on a noisy shared machine. Needs PostgreSQL, Redis and wrk (apt-get install wrk).
"""

import importlib
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

PG_ADMIN_URL = os.environ.get("BENCH_PG_ADMIN_URL", "postgres://postgres@127.0.0.1:5432/postgres")
DB_NAME = os.environ.get("BENCH_DB_NAME", "kopiena_bench")
PORT = int(os.environ.get("BENCH_PORT", "8765"))
WORKERS = int(os.environ.get("BENCH_WORKERS", str(max(2, (os.cpu_count() or 2)))))
DURATION = int(os.environ.get("BENCH_DURATION", "5"))
MEMORY_REQUESTS = int(os.environ.get("BENCH_MEMORY_REQUESTS", "10000"))

ENV = {
    "DJANGO_SETTINGS_MODULE": "lms.settings.production",
    "SECRET_KEY": "bench-" + secrets.token_urlsafe(40),
    "DATABASE_URL": PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + DB_NAME,
    "CELERY_BROKER_URL": os.environ.get("BENCH_BROKER_URL", "redis://127.0.0.1:6379/9"),
    "REDIS_URL": os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/8"),
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "false",
    "KOPIENA_MFA_REQUIRED": "false",
    "SITE_URL": f"http://127.0.0.1:{PORT}",
    "DATA_DIR": str(ROOT / "data" / "bench"),
    "MEDIA_ROOT": str(ROOT / "data" / "bench" / "media"),
    "LOG_LEVEL": "WARNING",
}


@dataclass
class WrkResult:
    rps: float
    p50_ms: float
    p95_ms: float
    p99_ms: float
    requests: int
    errors: int
    non_2xx: int


@dataclass
class Figure:
    name: str
    value: float
    unit: str
    baseline: float | None = None

    @property
    def ratio(self) -> float | None:
        if not self.baseline or not self.value:
            return None
        # For throughput a ratio < 1 means slower than the baseline; for times, > 1 means slower.
        return self.value / self.baseline


@dataclass
class Context:
    base_url: str
    env: dict
    figures: list[Figure] = field(default_factory=list)
    baseline: WrkResult | None = None
    requests_served: int = 0
    quiet: bool = False
    _cookies: dict[str, str] = field(default_factory=dict)

    def session_cookie(self, email: str) -> str:
        """A signed-in session for `email`, stored in the database the server reads."""
        if email not in self._cookies:
            from django.conf import settings
            from django.test import Client

            from accounts.models import User

            client = Client()
            client.force_login(User.objects.get(email=email))
            self._cookies[email] = (
                f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
            )
        return self._cookies[email]

    def wrk(
        self,
        path: str,
        *,
        user_email: str | None = None,
        duration: int = DURATION,
        connections: int = 8,
        threads: int = 2,
        headers: dict[str, str] | None = None,
    ) -> WrkResult:
        command = [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{duration}s",
            "-s",
            str(BENCH_DIR / "percentiles.lua"),
        ]
        for name, value in (headers or {}).items():
            command += ["-H", f"{name}: {value}"]
        if user_email:
            command += ["-H", f"Cookie: {self.session_cookie(user_email)}"]
        command.append(self.base_url + path)
        output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
        data = json.loads(output.strip().splitlines()[-1])
        result = WrkResult(**data)
        self.requests_served += result.requests
        if result.errors:
            self.drain()
        return result

    def drain(self, limit: float = 120.0) -> None:
        """Wait until the server has worked through requests wrk gave up on: otherwise they are still
        queued when the next figure starts, and that figure measures this one's backlog."""
        deadline = time.monotonic() + limit
        while time.monotonic() < deadline:
            started = time.monotonic()
            try:
                urllib.request.urlopen(self.base_url + "/ping/", timeout=limit).read()
            except OSError:
                pass
            if time.monotonic() - started < 0.1:
                return

    def report(self, name: str, value: float, unit: str, baseline: float | None = None) -> None:
        figure = Figure(name, value, unit, baseline)
        if self.quiet:
            return
        self.figures.append(figure)
        ratio = f"  ratio {figure.ratio:.2f}" if figure.ratio is not None else ""
        base = f"  (baseline {baseline:,.2f})" if baseline is not None else ""
        print(f"  {name:<58} {value:>12,.2f} {unit:<10}{base}{ratio}", flush=True)


def signing_files() -> dict[str, str]:
    """Production settings want the signing files: a throwaway set, as the embedded set-up makes its own."""
    from certificates.signing import write_key_files

    written = write_key_files(ROOT / "data" / "bench" / "signing")
    return {
        "CERTIFICATE_SIGNING_KEY": str(written["signing-key.pem"]),
        "CERTIFICATE_SIGNING_CERT": str(written["signing-cert.pem"]),
        "CERTIFICATE_CREDENTIAL_KEY": str(written["credential-key.pem"]),
    }


def recreate_database() -> None:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL.replace("postgres://", "postgresql://"), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{DB_NAME}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{DB_NAME}"')


def worker_rss_mb(server_pid: int) -> list[float]:
    """Resident memory of each gunicorn worker (the server's child processes), in MB, from /proc."""
    sizes = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":", 1) for line in status.read_text().splitlines() if ":" in line)
        except OSError:
            continue  # the process ended while we looked
        if fields.get("PPid", "").strip() == str(server_pid) and "VmRSS" in fields:
            sizes.append(int(fields["VmRSS"].split()[0]) / 1024)
    return sorted(sizes)


def start_server() -> subprocess.Popen:
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    process = subprocess.Popen(
        [gunicorn, "lms.wsgi", "--workers", str(WORKERS), "--bind", f"127.0.0.1:{PORT}", "--log-level", "warning"],
        cwd=ROOT,
        env={**os.environ, **ENV},
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{PORT}/healthz", timeout=2) as response:
                if response.status == 200:
                    return process
        except OSError:
            time.sleep(0.3)
    process.kill()
    raise SystemExit("The server did not answer /healthz within 30 s.")


def modules(selected: list[str]):
    for path in sorted(BENCH_DIR.glob("bench_*.py")):
        name = path.stem
        if selected and name.removeprefix("bench_") not in selected and name not in selected:
            continue
        yield importlib.import_module(f"benchmarks.{name}")


def main(argv: list[str]) -> int:
    if not shutil.which("wrk"):
        print("wrk is needed for the benchmarks: apt-get install wrk", file=sys.stderr)
        return 2
    ENV.update(signing_files())
    os.environ.update(ENV)
    print(f"Preparing database {DB_NAME} …", flush=True)
    recreate_database()
    import django

    django.setup()
    from django.core.cache import cache
    from django.core.management import call_command

    cache.clear()  # routes, sessions and results cached for the previous run's database

    call_command("migrate", verbosity=0, interactive=False)
    call_command("collectstatic", verbosity=0, interactive=False)
    from accounts.models import User

    User.objects.create_user(email="bench@example.lv", password=secrets.token_urlsafe(16), first_name="Bench")
    chosen = list(modules(argv))
    for module in chosen:
        if hasattr(module, "setup"):
            print(f"Setting up {module.__name__} …", flush=True)
            module.setup(Context(base_url="", env=ENV))

    server = start_server()
    ctx = Context(base_url=f"http://127.0.0.1:{PORT}", env=ENV)
    try:
        print(f"\nServer: gunicorn, {WORKERS} workers, PostgreSQL + Redis; wrk {DURATION}s per figure\n")
        ctx.wrk("/ping/", user_email="bench@example.lv", duration=1)  # warm up every worker
        ctx.baseline = ctx.wrk("/ping/", user_email="bench@example.lv")
        ctx.report("baseline: minimal signed-in view /ping/", ctx.baseline.rps, "req/s")
        rss_before = worker_rss_mb(server.pid)
        served_before = ctx.requests_served
        for module in chosen:
            print(f"\n{module.__name__}", flush=True)
            module.run(ctx)
        # Memory is read once every page has been served (its caches and templates loaded), and again
        # after at least MEMORY_REQUESTS more: the pages of the modules that only read (READ_ONLY = True)
        # run again, without printing. Flat means no growth between those two readings.
        rss_every_page = worker_rss_mb(server.pid)
        served_every_page = ctx.requests_served
        ctx.quiet = True
        readers = [module for module in chosen if getattr(module, "READ_ONLY", False)]
        while readers and ctx.requests_served - served_every_page < MEMORY_REQUESTS:
            for module in readers:
                module.run(ctx)
        ctx.quiet = False
        rss_after = worker_rss_mb(server.pid)
        print(f"\nmemory (each of {len(rss_after)} workers)", flush=True)
        ctx.report("largest worker RSS after the warm-up and baseline", max(rss_before, default=0), "MB")
        ctx.report(
            f"largest worker RSS after every page once ({served_every_page - served_before:,} requests)",
            max(rss_every_page, default=0),
            "MB",
            max(rss_before, default=0) or None,
        )
        ctx.report(
            f"largest worker RSS after {ctx.requests_served - served_every_page:,} more requests",
            max(rss_after, default=0),
            "MB",
            max(rss_every_page, default=0) or None,
        )
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=20)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
