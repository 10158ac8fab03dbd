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


def test_production_settings_pass_the_deploy_check():
    result = run_manage(["check", "--deploy", "--fail-level", "WARNING"], PRODUCTION)
    assert result.returncode == 0, result.stderr + result.stdout


def test_production_refuses_to_start_without_a_secret_key():
    env = {k: v for k, v in PRODUCTION.items() if k != "SECRET_KEY"}
    result = run_manage(["check"], env)
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


def test_a_malformed_database_url_stops_start_up_with_its_name():
    result = run_manage(["check"], {"DATABASE_URL": "mysql//oops"})
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_production_refuses_to_start_without_a_shared_cache():
    env = {k: v for k, v in PRODUCTION.items() if k != "REDIS_URL"}
    result = run_manage(["check"], env)
    assert result.returncode != 0
    assert "REDIS_URL" in result.stderr


def test_the_embedded_sqlite_database_writes_ahead_and_takes_the_write_lock_at_once(db):
    from django.conf import settings
    from django.db import connection

    if connection.vendor != "sqlite":
        pytest.skip("the SQLite options apply only to the embedded default")
    options = settings.DATABASES["default"]["OPTIONS"]
    assert options["transaction_mode"] == "IMMEDIATE"
    assert options["timeout"] == 20
    assert "journal_mode=WAL" in options["init_command"]
