"""Personas shared by every test, built with the plain ORM.

Valmiera is the demo municipality: Māris coordinates it; Jelgava is somewhere he cannot see.
"""

import io
import os

import pytest
from django.core.management import call_command
from django.db import transaction

from accounts.models import Organisation, User
from tests.factories import make_person

pytest_plugins = ["tests.scheduling.fixtures"]

IN_CI = os.environ.get("CI", "").lower() == "true"
DEMO_PASSWORD = "demo-password-1"


def need(condition: bool, reason: str) -> None:
    """Skip a test whose service is missing on a developer machine; in CI, fail instead."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"CI must provide this: {reason}")
    pytest.skip(reason)


@pytest.fixture
def agency(db) -> Organisation:
    return Organisation.objects.create(name="VIAA", kind=Organisation.Kind.AGENCY)


@pytest.fixture
def valmiera(db) -> Organisation:
    return Organisation.objects.create(name="Valmieras novads", kind=Organisation.Kind.MUNICIPALITY)


@pytest.fixture
def valmiera_school(valmiera) -> Organisation:
    return Organisation.objects.create(name="Valmieras pamatskola", kind=Organisation.Kind.SCHOOL, parent=valmiera)


@pytest.fixture
def jelgava(db) -> Organisation:
    return Organisation.objects.create(name="Jelgavas valstspilsēta", kind=Organisation.Kind.MUNICIPALITY)


@pytest.fixture
def jelgava_school(jelgava) -> Organisation:
    return Organisation.objects.create(name="Jelgavas 4. vidusskola", kind=Organisation.Kind.SCHOOL, parent=jelgava)


@pytest.fixture
def mentor(valmiera_school) -> User:
    return make_person("liga.mentore@example.lv", ["mentor"], valmiera_school)


@pytest.fixture
def educator(valmiera_school) -> User:
    return make_person("janis.skolotajs@example.lv", ["educator"], valmiera_school)


@pytest.fixture
def supervisor(valmiera) -> User:
    return make_person("erika.supervizore@example.lv", ["supervisor"], valmiera)


@pytest.fixture
def coordinator(valmiera) -> User:
    """Coordinates Valmieras novads only."""
    return make_person("maris.koordinators@example.lv", ["coordinator"], valmiera)


@pytest.fixture
def national_coordinator(agency) -> User:
    return make_person("inese.valsts@example.lv", ["coordinator"], agency)


@pytest.fixture
def editor(agency) -> User:
    return make_person("anna.redaktore@example.lv", ["editor"], agency)


@pytest.fixture
def admin_user(agency) -> User:
    return make_person("guntis.admins@example.lv", [], agency, is_staff=True, is_superuser=True)


@pytest.fixture
def outsider(jelgava_school) -> User:
    """Signed in, holds no role, belongs to another municipality."""
    return make_person("charlie.cits@example.lv", [], jelgava_school)


@pytest.fixture(scope="module")
def _demo_for_module(django_db_setup, django_db_blocker):
    """`seed_demo` once for a test module, inside a transaction rolled back after the module's last test.
    Module-wide rather than session-wide: an open session-wide transaction would put the demo into the
    database of every test that runs after the first demo test. A module that uses `demo` uses it in
    every test, since its other tests would see the demo too."""
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            call_command("seed_demo", password=DEMO_PASSWORD, stdout=io.StringIO())
            yield
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(_demo_for_module, db):
    """The demo site (every demo account signs in with DEMO_PASSWORD). What a test changes is rolled back
    to the seeded state, as any test's changes are."""


@pytest.fixture(autouse=True)
def _default_language(settings):
    """Each test starts in the site's language. Django leaves the language a request activated on the
    thread, so a test that asked for English would otherwise hand English to whichever test runs next."""
    from django.utils import translation

    with translation.override(settings.LANGUAGE_CODE):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache(request):
    """Rate limits live in the cache; each test starts with none counted.

    A test that left a streamed response unread never ended its request, so the generation numbers
    that request kept are forgotten too.

    Content types are cached per process, and a rolled-back test may have added one the database no
    longer has; ordinary tests start with that cache empty. Not before a transactional test: restoring
    its database needs the cache as it is."""
    from django.contrib.contenttypes.models import ContentType
    from django.core.cache import cache

    from lms import cache as lms_cache

    cache.clear()
    lms_cache._request.generations = None
    marker = request.node.get_closest_marker("django_db")
    if marker is None or not marker.kwargs.get("transaction"):
        ContentType.objects.clear_cache()
    yield


REAL_TRANSACTION_MARKERS = {"postgres", "worker", "browser"}


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items):
    """Tests marked postgres, worker or browser commit real transactions; the data that migrations
    created (groups, locales, the page tree) is restored after each of them by serialized rollback.
    Runs before pytest-django sorts the tests, so these run after every ordinary test."""
    for item in items:
        if REAL_TRANSACTION_MARKERS & {m.name for m in item.iter_markers()}:
            item.add_marker(pytest.mark.django_db(transaction=True, serialized_rollback=True))


def _real_transactions(request, settings) -> None:
    need(settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3", "needs PostgreSQL (DATABASE_URL)")
    request.getfixturevalue("transactional_db")


@pytest.fixture
def live_worker(request, settings):
    """A real Celery worker consuming from CELERY_BROKER_URL in this process, two threads wide."""
    need(bool(settings.CELERY_BROKER_URL), "needs CELERY_BROKER_URL pointing at a running Redis")
    _real_transactions(request, settings)
    from celery.contrib.testing.worker import start_worker

    from lms.celery import app

    app.conf.task_always_eager = False
    try:
        with start_worker(app, pool="threads", concurrency=2, perform_ping_check=False, loglevel="WARNING") as worker:
            yield worker
    finally:
        app.conf.task_always_eager = True


@pytest.fixture
def postgres(request, settings):
    """For tests that prove behaviour under real concurrency: PostgreSQL, committed transactions."""
    _real_transactions(request, settings)


@pytest.fixture
def after_commit(django_capture_on_commit_callbacks):
    """`with after_commit(): ...` runs what the code queued for after its transaction commits, as a real
    commit would; work queued inside a block that rolled back is dropped, as in production."""
    return lambda: django_capture_on_commit_callbacks(execute=True)
