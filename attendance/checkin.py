"""Rotating self check-in codes: pure functions, no database.

A session's code for a minute is derived from an HMAC (SECRET_KEY) of the session id and the
minute's number, so nothing is stored and every web process agrees. A code is accepted in its
own minute and the one after, so a code read at 10:00:59 still works at 10:01:05.
"""

import hashlib
import hmac
import time

from django.conf import settings

CODE_DIGITS = 6
WINDOW_SECONDS = 60
# How many windows back a code is still reported as "expired" rather than "wrong".
EXPIRED_LOOKBACK = 30


def window_at(timestamp: float | None = None) -> int:
    return int((time.time() if timestamp is None else timestamp) // WINDOW_SECONDS)


def code_for(session_id: int, window: int) -> str:
    message = f"kopiena-checkin:{session_id}:{window}".encode()
    digest = hmac.new(settings.SECRET_KEY.encode(), message, hashlib.sha256).digest()
    number = int.from_bytes(digest[:8], "big") % 10**CODE_DIGITS
    return f"{number:0{CODE_DIGITS}d}"


def current_code(session_id: int, timestamp: float | None = None) -> str:
    return code_for(session_id, window_at(timestamp))


def seconds_left(timestamp: float | None = None) -> int:
    now = time.time() if timestamp is None else timestamp
    return WINDOW_SECONDS - int(now % WINDOW_SECONDS)


def normalise(code: str) -> str:
    return "".join(ch for ch in code if ch.isdigit())


def check(session_id: int, code: str, timestamp: float | None = None) -> str:
    """ "valid" for this or the previous minute's code, "expired" for an older one, else "wrong"."""
    code = normalise(code)
    if len(code) != CODE_DIGITS:
        return "wrong"
    window = window_at(timestamp)
    if any(hmac.compare_digest(code, code_for(session_id, w)) for w in (window, window - 1)):
        return "valid"
    if any(hmac.compare_digest(code, code_for(session_id, window - k)) for k in range(2, EXPIRED_LOOKBACK + 1)):
        return "expired"
    return "wrong"
