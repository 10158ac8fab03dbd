"""The shared cache: one Redis client per process, and generation numbers read once per request."""

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from lms.cache import Generation, RedisCache
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


def test_generations_evicted_from_the_cache_start_again(in_request):
    other = Generation("tests-cache:evicted")
    cache.delete(other.key)
    assert other.current() == 1
    other.bump()
    assert other.current() == 2


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
