"""Celery signals that close the outbox loop: a worker marks its item done, or keeps the last error."""

from celery import signals

from notifications.services import OUTBOX_HEADER, mark_done, record_failure, redispatch_pending


def _outbox_id(request) -> int | None:
    if request is None:
        return None

    # Celery puts custom headers on the request itself (protocol 2), and under `headers` when eager.
    value = getattr(request, OUTBOX_HEADER, None) or (getattr(request, "headers", None) or {}).get(OUTBOX_HEADER)
    try:
        return int(value) if value is not None else None
    except (TypeError, ValueError):
        return None


def _succeeded(sender=None, **kwargs) -> None:
    item_id = _outbox_id(getattr(sender, "request", None))
    if item_id is not None:
        mark_done(item_id)


def _retried(sender=None, request=None, reason=None, **kwargs) -> None:
    item_id = _outbox_id(request)
    if item_id is not None:
        record_failure(item_id, reason if isinstance(reason, BaseException) else RuntimeError(str(reason)))


def _failed(sender=None, exception=None, **kwargs) -> None:
    item_id = _outbox_id(getattr(sender, "request", None))
    if item_id is not None and exception is not None:
        from notifications.services import record_failure

        record_failure(item_id, exception)


def _worker_ready(sender=None, **kwargs) -> None:
    """A worker that starts (after an outage, a deploy) takes over what is still open."""
    import logging

    from django.db import close_old_connections

    try:
        count = redispatch_pending(include_recent=True)
    except Exception:  # the database may still be starting; beat tries again within a minute
        logging.getLogger(__name__).warning("Outbox re-dispatch at worker start-up failed", exc_info=True)
        return
    finally:
        close_old_connections()
    logging.getLogger(__name__).info("Outbox: %d open item(s) handed to the broker at start-up", count)


def connect() -> None:
    signals.task_success.connect(_succeeded, dispatch_uid="kopiena-outbox-success")
    signals.task_retry.connect(_retried, dispatch_uid="kopiena-outbox-retry")
    signals.task_failure.connect(_failed, dispatch_uid="kopiena-outbox-failure")
    signals.worker_ready.connect(_worker_ready, dispatch_uid="kopiena-outbox-worker-ready")
