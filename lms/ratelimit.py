"""Attempt limits shared by every web process through the cache (Redis in production).

Fixed windows: a counter per key and window, created with the window as its lifetime, so no clean-up
is needed. `failures` counts only what the caller reports, and `wait_seconds` says how long a key is
still blocked.
"""

import time
from dataclasses import dataclass

from allauth.account.adapter import get_adapter
from django.core.cache import cache


@dataclass(frozen=True)
class Limit:
    name: str
    attempts: int
    window_seconds: int

    def _key(self, ident: str, now: float) -> str:
        return f"ratelimit:{self.name}:{ident}:{int(now // self.window_seconds)}"

    def wait_seconds(self, ident: str, *, now: float | None = None) -> int:
        """0 while attempts remain; otherwise the seconds until the window ends."""
        now = time.time() if now is None else now
        if (cache.get(self._key(ident, now)) or 0) < self.attempts:
            return 0
        return max(1, int(self.window_seconds - now % self.window_seconds))

    def count(self, ident: str, *, now: float | None = None) -> int:
        now = time.time() if now is None else now
        key = self._key(ident, now)
        if cache.add(key, 1, timeout=self.window_seconds):
            return 1
        try:
            return cache.incr(key)
        except ValueError:  # the window just ended between add and incr
            cache.add(key, 1, timeout=self.window_seconds)
            return 1


def client_address(request) -> str:
    """The requester's address as allauth sees it for sign-in limits, so a configured proxy is seen through."""
    return get_adapter(request).get_client_ip(request)
