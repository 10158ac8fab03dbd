"""The sent-email ledger (see privacy/registry.py): which emails went to the person, and when."""

from notifications.models import SentEmail


def _to(user):
    return SentEmail.objects.filter(to__icontains=user.email)


def export(user) -> dict[str, list[dict]]:
    return {
        "emails": [
            {"subject": e.subject, "to": e.to, "sent": e.sent_at}
            for e in _to(user).filter(sent_at__isnull=False).order_by("sent_at")
        ]
    }


def erase(user) -> dict[str, int]:
    """The key stays, so a retried task still does not send the email again."""
    return {"emails": _to(user).update(to="", subject="")}
