"""The shared cache as Kopiena uses it: one Redis client per process, and generation numbers read once
per request.

Django's Redis backend builds a new `redis.Redis` client around its connection pool for every call
(about 50 µs here), and a page reads the cache a dozen times. `RedisCache` keeps one client per pool.

A generation is a number in the cache that is part of the key of everything derived from some data
(the page tree, the footer's links). Changing the data bumps the number, so every derived entry is
worked out again. A page needs several derived entries: within a request the numbers are read once,
together, and kept until the request ends or one of them is bumped. Outside a request (a task, the
shell, a test's own code) every read goes to the cache.
"""

import functools
import hashlib
import time

from asgiref.local import Local
from django.core.cache import cache
from django.core.cache.backends import redis as django_redis
from django.core.signals import request_finished, request_started
from django.db import transaction


class RedisCacheClient(django_redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            # redis-py's client is safe to share between threads; its pool renews connections after a fork.
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class RedisCache(django_redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = RedisCacheClient


def digest(*shown) -> str:
    """A cache key's part for what an entry was worked out from: the digest of those values' repr, so
    values that print differently (a new title, another language, a changed status) key another entry.
    Only for values whose repr shows everything they hold: numbers, strings, dates, tuples of them."""
    return hashlib.sha256(repr(shown).encode()).hexdigest()


_request = Local()  # per thread, and per task under ASGI
_generations: list["Generation"] = []


def _fresh_number() -> int:
    """The number a generation starts from when the cache holds none (never read, or evicted): the
    time in milliseconds. It is far ahead of any number the generation had before (that would take
    more than one change a millisecond for as long as it lived), so nothing kept under an earlier
    number is read again."""
    return time.time_ns() // 1_000_000


def _bump(key: str) -> None:
    try:
        cache.incr(key)
    except ValueError:  # not in the cache (evicted, or never read)
        cache.set(key, _fresh_number(), timeout=None)


class Generation:
    def __init__(self, key: str):
        self.key = key
        _generations.append(self)

    def current(self) -> int:
        known = getattr(_request, "generations", None)
        if known is None:
            return cache.get_or_set(self.key, _fresh_number, timeout=None)
        if self.key not in known:
            keys = [g.key for g in _generations if g.key not in known]
            found = cache.get_many(keys)
            for key in keys:
                known[key] = found[key] if key in found else cache.get_or_set(key, _fresh_number, timeout=None)
        return known[self.key]

    def bump(self) -> None:
        """Everything derived under the current number is worked out again, in this process and every other."""
        _bump(self.key)
        known = getattr(_request, "generations", None)
        if known is not None:
            known.pop(self.key, None)

    def changed(self) -> None:
        """The data changed in the current transaction: bump at once (for the rest of the transaction)
        and again once it commits (a reader in between still saw the old rows and may have kept what it
        worked out from them under the new number)."""
        self.bump()
        transaction.on_commit(self.bump)


class GenerationsOf:
    """A generation number for each thing of one kind (each supervision group, say), for what is worked
    out from one thing's rows: a change to one leaves what was kept for the others. Read from the cache
    many at once, not kept for the request."""

    def __init__(self, prefix: str):
        self.prefix = prefix

    def _key(self, pk) -> str:
        return f"{self.prefix}:{pk}"

    def current(self, pks) -> dict:
        keys = {pk: self._key(pk) for pk in pks}
        found = cache.get_many(list(keys.values()))
        return {
            pk: found[key] if key in found else cache.get_or_set(key, _fresh_number, timeout=None)
            for pk, key in keys.items()
        }

    def changed(self, pk) -> None:
        """The rows of `pk` changed in the current transaction: bump its number at once and again once
        the change commits, as `Generation.changed` does."""
        bump = functools.partial(_bump, self._key(pk))
        bump()
        transaction.on_commit(bump)


def _request_started(**kwargs) -> None:
    _request.generations = {}


def _request_finished(**kwargs) -> None:
    _request.generations = None


request_started.connect(_request_started, dispatch_uid="kopiena-generations-start")
request_finished.connect(_request_finished, dispatch_uid="kopiena-generations-finish")
