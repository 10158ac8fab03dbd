import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from lms.settings.env import env_bool, env_int, env_url

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize(
    ("reader", "name", "value"),
    [
        (lambda: env_bool("KOPIENA_TEST_FLAG"), "KOPIENA_TEST_FLAG", "perhaps"),
        (lambda: env_int("KOPIENA_TEST_INT", 1, minimum=1), "KOPIENA_TEST_INT", "0"),
        (lambda: env_int("KOPIENA_TEST_INT", 1), "KOPIENA_TEST_INT", "ten"),
        (lambda: env_url("KOPIENA_TEST_URL", schemes=("redis",)), "KOPIENA_TEST_URL", "localhost:6379"),
    ],
)
def test_malformed_values_stop_start_up_naming_the_variable(monkeypatch, reader, name, value):
    monkeypatch.setenv(name, value)
    with pytest.raises(ImproperlyConfigured, match=name):
        reader()


def test_unset_values_take_their_defaults(monkeypatch):
    monkeypatch.delenv("KOPIENA_TEST_FLAG", raising=False)
    assert env_bool("KOPIENA_TEST_FLAG", True) is True


def run_manage(args, env):
    dropped = {"DATABASE_URL", "CELERY_BROKER_URL", "REDIS_URL", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


PRODUCTION = {
    "DJANGO_SETTINGS_MODULE": "lms.settings.production",
    "SECRET_KEY": "x" * 60 + "production-secret-for-the-deploy-check",
    "DATABASE_URL": "postgres://kopiena@127.0.0.1:5432/kopiena",
    "CELERY_BROKER_URL": "redis://127.0.0.1:6379/0",
    "REDIS_URL": "redis://127.0.0.1:6379/1",
    "ALLOWED_HOSTS": "kopiena.example.lv",
}


@pytest.fixture(scope="module")
def signing_files(tmp_path_factory) -> dict[str, str]:
    """The three PEM files production reads, made as the embedded set-up makes its own."""
    from certificates.signing import write_key_files

    written = write_key_files(tmp_path_factory.mktemp("signing"))
    return {
        "CERTIFICATE_SIGNING_KEY": str(written["signing-key.pem"]),
        "CERTIFICATE_SIGNING_CERT": str(written["signing-cert.pem"]),
        "CERTIFICATE_CREDENTIAL_KEY": str(written["credential-key.pem"]),
    }


@pytest.fixture
def production(signing_files) -> dict[str, str]:
    return {**PRODUCTION, **signing_files}


def test_production_settings_pass_the_deploy_check(production):
    result = run_manage(["check", "--deploy", "--fail-level", "WARNING"], production)
    assert result.returncode == 0, result.stderr + result.stdout


@pytest.mark.parametrize("name", ["CERTIFICATE_SIGNING_KEY", "CERTIFICATE_SIGNING_CERT", "CERTIFICATE_CREDENTIAL_KEY"])
def test_production_refuses_to_start_without_a_signing_file_naming_it(production, name):
    env = {k: v for k, v in production.items() if k != name}
    result = run_manage(["check"], env)
    assert result.returncode != 0
    assert name in result.stderr


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("CERTIFICATE_SIGNING_KEY", b"not a key"),
        ("CERTIFICATE_SIGNING_CERT", b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"),
        ("CERTIFICATE_CREDENTIAL_KEY", None),  # a valid key, but not Ed25519
    ],
)
def test_production_refuses_a_malformed_signing_file_naming_it(production, tmp_path, name, content):
    broken = tmp_path / "broken.pem"
    broken.write_bytes(content if content is not None else open(production["CERTIFICATE_SIGNING_KEY"], "rb").read())
    result = run_manage(["check"], {**production, name: str(broken)})
    assert result.returncode != 0
    assert name in result.stderr


def test_production_refuses_a_certificate_that_is_not_the_keys(production, tmp_path):
    from certificates.signing import write_key_files

    other = write_key_files(tmp_path)
    result = run_manage(["check"], {**production, "CERTIFICATE_SIGNING_CERT": str(other["signing-cert.pem"])})
    assert result.returncode != 0
    assert "the certificate is not the key's" in result.stderr


def test_production_refuses_a_missing_file_naming_the_variable(production):
    result = run_manage(["check"], {**production, "CERTIFICATE_CREDENTIAL_KEY": "/nonexistent/credential.pem"})
    assert result.returncode != 0
    assert "CERTIFICATE_CREDENTIAL_KEY" in result.stderr and "cannot be read" in result.stderr


def test_production_refuses_to_start_without_a_secret_key(production):
    env = {k: v for k, v in production.items() if k != "SECRET_KEY"}
    result = run_manage(["check"], env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_a_malformed_database_url_stops_start_up_with_its_name():
    result = run_manage(["check"], {"DATABASE_URL": "mysql//oops"})
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_the_embedded_site_url_follows_the_port_it_runs_on():
    script = "from django.conf import settings; print(settings.SITE_URL)"
    result = run_manage(
        ["shell", "-c", script], {"PORT": "9000", "SITE_URL": "", "DJANGO_SETTINGS_MODULE": "lms.settings.dev"}
    )
    assert result.stdout.strip().splitlines()[-1] == "http://127.0.0.1:9000", result.stderr


def test_production_refuses_to_start_without_a_shared_cache():
    env = {k: v for k, v in PRODUCTION.items() if k != "REDIS_URL"}
    result = run_manage(["check"], env)
    assert result.returncode != 0
    assert "REDIS_URL" in result.stderr


def test_the_embedded_sqlite_database_writes_ahead_and_takes_the_write_lock_at_once():
    # Read in a process without DATABASE_URL, so this runs (and can fail) in the PostgreSQL pass too.
    code = (
        "from django.conf import settings; o = settings.DATABASES['default']; "
        "print(o['ENGINE'], o['OPTIONS']['transaction_mode'], o['OPTIONS']['timeout'], o['OPTIONS']['init_command'])"
    )
    result = run_manage(["shell", "-c", code], {"DJANGO_SETTINGS_MODULE": "lms.settings.dev"})
    assert result.returncode == 0, result.stderr
    engine, mode, timeout, init = result.stdout.strip().splitlines()[-1].split(" ", 3)
    assert engine == "django.db.backends.sqlite3"
    assert (mode, timeout) == ("IMMEDIATE", "20")
    assert "journal_mode=WAL" in init
