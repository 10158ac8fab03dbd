"""Accent folding so that "sadarbiba" finds "sadarbība"."""

import re

from anyascii import anyascii

_NOT_WORD = re.compile(r"[^a-z0-9]+")
MAX_QUERY_LENGTH = 200


def fold(text: str) -> str:
    """Lower-case ASCII words of `text` separated by single spaces."""
    return _NOT_WORD.sub(" ", anyascii(text or "").lower()).strip()


def fold_query(text: str) -> str:
    """A search string reduced to at most 20 plain words; anything else (SQL, quotes, operators) is dropped."""
    words = fold(text[: MAX_QUERY_LENGTH * 5]).split()
    return " ".join(words[:20])[:MAX_QUERY_LENGTH].strip()
