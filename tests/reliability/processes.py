"""Real processes for fault and load tests: gunicorn serving the site, redis-server, a private
PostgreSQL cluster. Each listens on a free loopback port and is stopped by the test that started it."""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from http.cookiejar import CookieJar
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent
PG_BIN = Path("/usr/lib/postgresql/15/bin")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_until(predicate: Callable[[], bool], timeout: float = 30.0, step: float = 0.1) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(step)
    return False


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2):
            return True
    except urllib.error.HTTPError:
        return True  # any HTTP answer means the server is up
    except OSError:
        return False


def site_env(database_url: str, **extra: str) -> dict[str, str]:
    """The environment of a web process: the test settings, this database, no broker unless given."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST", "DJANGO_", "CELERY_", "REDIS_"))}
    env.update(DJANGO_SETTINGS_MODULE="lms.settings.test", DATABASE_URL=database_url, PYTHONUNBUFFERED="1")
    env.update(extra)
    return env


@contextlib.contextmanager
def gunicorn(env: dict[str, str], *, workers: int = 2, threads: int = 8) -> Iterator[str]:
    """Serve the site from `env`'s database; yields the base URL."""
    port = free_port()
    log = tempfile.NamedTemporaryFile(prefix="kopiena-gunicorn-", suffix=".log", delete=False)
    process = subprocess.Popen(
        [
            str(VENV_BIN / "gunicorn"),
            "lms.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--timeout",
            "60",
            "--graceful-timeout",
            "5",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        if not wait_until(lambda: process.poll() is None and _answers(base + "/healthz"), timeout=60):
            raise RuntimeError("gunicorn did not start:\n" + Path(log.name).read_text()[-4000:])
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
        os.unlink(log.name)


@contextlib.contextmanager
def redis_server() -> Iterator["RedisServer"]:
    server = RedisServer()
    try:
        server.start()
        yield server
    finally:
        server.stop()


class RedisServer:
    """A redis-server of our own, without persistence, that a test may stop and start again."""

    def __init__(self):
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if not wait_until(self._pings, timeout=10):
            raise RuntimeError("redis-server did not start")

    def _pings(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.process = None


class PostgresCluster:
    """A private PostgreSQL cluster in a temporary folder, on a free port, run as the postgres user
    when the tests run as root. The machine's shared server is never touched."""

    def __init__(self):
        self.port = free_port()
        self.directory = Path(tempfile.mkdtemp(prefix="kopiena-pg-"))
        self.data = self.directory / "data"
        self._as_postgres = os.geteuid() == 0

    def _run(self, *args: str, check: bool = True, **kwargs) -> subprocess.CompletedProcess:
        command = list(args)
        if self._as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True, timeout=120, **kwargs)

    def init(self) -> None:
        if self._as_postgres:
            shutil.chown(self.directory, "postgres", "postgres")
        self._run(
            str(PG_BIN / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )

    def start(self) -> None:
        self._run(
            str(PG_BIN / "pg_ctl"),
            "-D",
            str(self.data),
            "-w",
            "-l",
            str(self.directory / "log"),
            "-o",
            f"-p {self.port} -k {self.directory} -c listen_addresses=127.0.0.1 -c fsync=off",
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        self._run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-w", "-m", mode, "stop", check=False)

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def copy_database_from(self, source_url: str, name: str) -> None:
        """pg_dump of an existing (test) database restored here."""
        self._run(str(PG_BIN / "createdb"), "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", name)
        dump = subprocess.run(
            [str(PG_BIN / "pg_dump"), "--no-owner", "--no-privileges", source_url],
            check=True,
            capture_output=True,
            timeout=120,
        )
        subprocess.run(
            [str(PG_BIN / "psql"), "-q", "-v", "ON_ERROR_STOP=1", self.url(name)],
            input=dump.stdout,
            check=True,
            capture_output=True,
            timeout=120,
        )

    def remove(self) -> None:
        self.stop("immediate")
        shutil.rmtree(self.directory, ignore_errors=True)


class Browser:
    """A person's HTTP session against a live server: cookies kept, CSRF token sent on POST."""

    def __init__(self, base: str, *, session_key: str | None = None):
        self.base = base
        self.jar = CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)
        self.csrf = "k" * 32  # any 32-character secret: Django compares the header with the cookie
        self.cookies = {"csrftoken": self.csrf, **({"sessionid": session_key} if session_key else {})}

    def request(self, method: str, path: str, data: dict | None = None, timeout: float = 60) -> tuple[int, bytes]:
        body = urllib.parse.urlencode(data or {}).encode() if method == "POST" else None
        request = urllib.request.Request(self.base + path, data=body, method=method)
        request.add_header("Cookie", "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        if method == "POST":
            request.add_header("X-CSRFToken", self.csrf)
            request.add_header("Content-Type", "application/x-www-form-urlencoded")
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, response.read()
        except urllib.error.HTTPError as error:
            return error.code, error.read()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def signed_in_session(user) -> str:
    """A database session for `user`, as sign-in would make; its key goes in the sessionid cookie."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "accounts.backends.PersonBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store.create()
    return store.session_key


def in_parallel(count: int, work: Callable[[int], object], *, timeout: float = 120) -> list:
    """Run work(i) in `count` threads released together; returns their results in order."""
    barrier = threading.Barrier(count)
    results: list = [None] * count

    def run(i: int) -> None:
        barrier.wait(timeout=30)
        try:
            results[i] = work(i)
        except Exception as exc:  # kept as the result, so the test reports it
            results[i] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=timeout)
    return results


def test_database_url() -> str:
    """The address of the database pytest-django made for this run, for a process started by the test."""
    from urllib.parse import quote

    from django.db import connection

    settings = connection.settings_dict
    credentials = quote(settings["USER"] or "postgres")
    if settings.get("PASSWORD"):
        credentials += ":" + quote(settings["PASSWORD"])
    return f"postgres://{credentials}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{settings['NAME']}"


test_database_url.__test__ = False  # a helper, not a test


@contextlib.contextmanager
def celery_worker(env: dict[str, str], *, concurrency: int = 2) -> Iterator[subprocess.Popen]:
    """A real `celery -A lms worker` (prefork, acks late), as production runs it; yields the process."""
    log = tempfile.NamedTemporaryFile(prefix="kopiena-worker-", suffix=".log", delete=False)
    process = subprocess.Popen(
        [
            str(VENV_BIN / "celery"),
            "-A",
            "lms",
            "worker",
            "--loglevel=INFO",
            "--concurrency",
            str(concurrency),
            "--without-gossip",
            "--without-mingle",
            "--without-heartbeat",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    process.log_path = log.name
    try:
        yield process
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGTERM)
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=10)
        os.unlink(log.name)


def worker_env(database_url: str, broker_url: str, directory: Path, **extra: str) -> dict[str, str]:
    """A worker with the embedded settings but a real broker: email written as files under `directory`."""
    env = site_env(database_url, CELERY_BROKER_URL=broker_url, **extra)
    env.update(
        DJANGO_SETTINGS_MODULE="lms.settings.dev",
        DEBUG="false",
        DATA_DIR=str(directory),
        EMAIL_DIR=str(directory / "mail"),
        MEDIA_ROOT=str(directory / "media"),
        MATERIALS_ROOT=str(directory / "materials"),
    )
    return env


def sent_messages(directory: Path) -> list[bytes]:
    """The messages the file email backend wrote (one file per connection, messages split by dashes)."""
    messages = []
    for path in sorted((directory / "mail").glob("*.log")):
        messages += [m for m in path.read_bytes().split(b"\n" + b"-" * 79 + b"\n") if m.strip()]
    return messages


@contextlib.contextmanager
def celery_app_using(broker_url: str) -> Iterator[None]:
    """This test process queues to `broker_url` instead of running tasks eagerly, for the test's length."""
    from lms.celery import app

    saved = (app.conf.broker_url, app.conf.task_always_eager)
    saved_env = os.environ.get("CELERY_BROKER_URL")  # Celery prefers this variable to its setting
    # The connection pools of the usual broker are set aside, untouched, and put back afterwards.
    saved_pools = (app._pool, app.amqp._producer_pool)
    app._pool = app.amqp._producer_pool = None
    app.conf.broker_url, app.conf.task_always_eager = broker_url, False
    os.environ["CELERY_BROKER_URL"] = broker_url
    try:
        yield
    finally:
        if app._pool is not None:
            app._pool.force_close_all()
        app._pool, app.amqp._producer_pool = saved_pools
        app.conf.broker_url, app.conf.task_always_eager = saved
        if saved_env is None:
            os.environ.pop("CELERY_BROKER_URL", None)
        else:
            os.environ["CELERY_BROKER_URL"] = saved_env
