from unittest import mock

from django.db.utils import OperationalError

from lms.celery import app


def test_healthz_reports_database_and_eager_broker(client, db, settings):
    assert app.conf.task_always_eager  # the test settings run tasks in-process
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "broker": "eager",
        "outbox": {"pending": 0, "stuck": 0, "oldest_seconds": 0},
    }


def test_healthz_is_503_when_the_database_is_down(client, db, settings):
    assert app.conf.task_always_eager  # the test settings run tasks in-process
    with mock.patch("lms.views.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


def test_healthz_says_when_the_broker_is_unreachable(client, db, settings):
    app.conf.task_always_eager = False
    try:
        with mock.patch.object(app, "connection_for_write", side_effect=OSError("refused")):
            response = client.get("/healthz")
    finally:
        app.conf.task_always_eager = True
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["broker"] == "unreachable"
