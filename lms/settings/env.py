"""Typed readers for environment variables.

Each helper returns the default when the variable is unset or empty, and stops
start-up with a message that names the variable when its value is malformed.
"""

import os
from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ImproperlyConfigured

T = TypeVar("T")

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off"}


def _raw(name: str) -> str | None:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return None
    return value.strip()


def _parse(name: str, default: T, parse: Callable[[str], T], expected: str) -> T:
    raw = _raw(name)
    if raw is None:
        return default
    try:
        return parse(raw)
    except (TypeError, ValueError) as exc:
        raise ImproperlyConfigured(f"Environment variable {name}={raw!r} is not {expected}.") from exc


def env_str(name: str, default: str = "") -> str:
    raw = _raw(name)
    return default if raw is None else raw


def env_required(name: str) -> str:
    raw = _raw(name)
    if raw is None:
        raise ImproperlyConfigured(f"Environment variable {name} must be set.")
    return raw


def env_bool(name: str, default: bool = False) -> bool:
    def parse(raw: str) -> bool:
        lowered = raw.lower()
        if lowered in _TRUE:
            return True
        if lowered in _FALSE:
            return False
        raise ValueError(raw)

    return _parse(name, default, parse, "a boolean (true/false, 1/0, yes/no, on/off)")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    def parse(raw: str) -> int:
        value = int(raw)
        if minimum is not None and value < minimum:
            raise ValueError(raw)
        return value

    bound = f" of at least {minimum}" if minimum is not None else ""
    return _parse(name, default, parse, f"an integer{bound}")


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = _raw(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_url(name: str, default: str = "", *, schemes: tuple[str, ...]) -> str:
    def parse(raw: str) -> str:
        scheme, sep, rest = raw.partition("://")
        if not sep or scheme not in schemes or not rest:
            raise ValueError(raw)
        return raw

    return _parse(name, default, parse, f"a URL starting with one of {', '.join(s + '://' for s in schemes)}")


def _read_pem_file(name: str, raw: str) -> bytes:
    from pathlib import Path

    try:
        data = Path(raw).read_bytes()
    except OSError as exc:
        raise ImproperlyConfigured(f"Environment variable {name}={raw!r}: the file cannot be read ({exc}).") from exc
    if b"-----BEGIN" not in data:
        raise ImproperlyConfigured(f"Environment variable {name}={raw!r} is not a PEM file.")
    return data


def env_private_key_file(name: str, *, required: bool = False, ed25519: bool = False) -> str:
    """The path of a PEM private key (unencrypted PKCS#8 or traditional), checked by loading it."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    raw = env_required(name) if required else _raw(name)
    if raw is None:
        return ""
    try:
        key = load_pem_private_key(_read_pem_file(name, raw), password=None)
    except (TypeError, ValueError) as exc:
        raise ImproperlyConfigured(f"Environment variable {name}={raw!r} is not an unencrypted private key.") from exc
    if ed25519 and not isinstance(key, Ed25519PrivateKey):
        raise ImproperlyConfigured(f"Environment variable {name}={raw!r} is not an Ed25519 private key.")
    return raw


def env_certificate_file(name: str, *, key_name: str, required: bool = False) -> str:
    """The path of a PEM X.509 certificate whose public key belongs to the private key in `key_name`."""
    from cryptography import x509
    from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat, load_pem_private_key

    raw = env_required(name) if required else _raw(name)
    key_path = _raw(key_name)
    if raw is None:
        if key_path:
            raise ImproperlyConfigured(f"Environment variable {name} must be set when {key_name} is.")
        return ""
    if key_path is None:
        raise ImproperlyConfigured(f"Environment variable {key_name} must be set when {name} is.")
    try:
        certificate = x509.load_pem_x509_certificate(_read_pem_file(name, raw))
    except ValueError as exc:
        raise ImproperlyConfigured(f"Environment variable {name}={raw!r} is not an X.509 certificate.") from exc
    key = load_pem_private_key(_read_pem_file(key_name, key_path), password=None)
    spki = (Encoding.DER, PublicFormat.SubjectPublicKeyInfo)
    if certificate.public_key().public_bytes(*spki) != key.public_key().public_bytes(*spki):
        raise ImproperlyConfigured(f"Environment variables {name} and {key_name}: the certificate is not the key's.")
    return raw
