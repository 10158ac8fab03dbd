"""The shared cache: one Redis client per process, and generation numbers read once per request."""

import time

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from lms.cache import Generation, GenerationsOf, RedisCache
from pages.tree import TREE, tree_generation
from tests.reliability.processes import redis_server


@pytest.fixture
def in_request():
    """Between the signals Django sends around a request; as the test client does, without closing the
    test's database connection."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    request_started.send(sender=None)
    yield
    request_finished.send(sender=None)
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_outside_a_request_every_read_sees_another_process_bump():
    before = tree_generation()
    cache.incr(TREE.key)  # as another web process publishing a page would
    assert tree_generation() == before + 1


def test_within_a_request_the_number_is_read_once_and_kept(in_request):
    before = tree_generation()
    cache.incr(TREE.key)  # another process, mid-request: this request keeps one consistent view
    assert tree_generation() == before
    request_finished.send(sender=None)
    request_started.send(sender=None)
    assert tree_generation() == before + 1


def test_a_bump_in_this_request_is_seen_at_once(in_request):
    before = tree_generation()
    TREE.bump()
    assert tree_generation() == before + 1


def test_a_generation_evicted_from_the_cache_starts_from_a_number_it_never_had():
    """What was kept under an earlier number must not be read again after an eviction (read outside a
    request, where every read goes to the cache)."""
    other = Generation("tests-cache:evicted")
    seen = [other.current()]
    for _ in range(3):
        other.bump()
        seen.append(other.current())
    assert seen == list(range(seen[0], seen[0] + 4))
    time.sleep(0.01)
    cache.delete(other.key)
    again = other.current()
    assert again > max(seen)
    other.bump()
    assert other.current() == again + 1
    time.sleep(0.01)
    cache.delete(other.key)
    other.bump()  # evicted before anyone read it again
    assert other.current() > again + 1


def test_each_thing_has_its_own_generation_number(db, django_capture_on_commit_callbacks):
    numbers = GenerationsOf("tests-cache:groups")
    before = numbers.current([1, 2])
    with django_capture_on_commit_callbacks(execute=True):
        numbers.changed(1)
        assert numbers.current([1])[1] == before[1] + 1  # at once, for the rest of the transaction
    after = numbers.current([1, 2, 3])
    assert after[1] == before[1] + 2  # and again when it commits
    assert after[2] == before[2]
    time.sleep(0.01)
    cache.delete("tests-cache:groups:2")
    assert numbers.current([2])[2] > before[2]


def test_a_page_edit_is_on_the_next_request(client, django_user_model):
    from wagtail.models import Page

    from pages.models import StandardPage

    root = Page.objects.get(depth=1).get_children().first()
    page = root.add_child(instance=StandardPage(title="Par programmu", slug="par-programmu"))
    page.save_revision().publish()
    assert "Par programmu" in client.get(page.url).content.decode()
    page.title = "Par programmu «Skola – kopienā»"
    page.save_revision().publish()
    assert "Par programmu «Skola – kopienā»" in client.get(page.url).content.decode()


def test_the_redis_backend_keeps_one_client_and_survives_a_restart():
    with redis_server() as server:
        backend = RedisCache(server.url, {})
        backend.set("kopiena-test", "vērtība", 60)
        client = backend._cache.get_client()
        assert backend.get("kopiena-test") == "vērtība"
        assert backend._cache.get_client() is client
        assert backend._cache.get_client(write=True) is client  # one server: reads and writes share a pool
        server.stop()
        server.start()  # an empty server on the same port, as after a Redis restart
        assert backend.get("kopiena-test") is None
        backend.set("kopiena-test", "atkal", 60)
        assert backend.get("kopiena-test") == "atkal"
