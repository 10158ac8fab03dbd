from email import policy
from email.parser import BytesParser
from pathlib import Path

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from accounts.permissions import is_admin

MAX_LISTED = 200


FILE_BACKEND = "django.core.mail.backends.filebased.EmailBackend"


def can_read_local_mail(user) -> bool:
    return is_admin(user) and settings.EMAIL_BACKEND == FILE_BACKEND


def _read_messages(path: Path) -> list[dict]:
    """The file backend appends each message followed by a line of dashes."""
    raw = path.read_bytes()
    chunks = [c for c in raw.split(b"\n" + b"-" * 79 + b"\n") if c.strip()]
    messages = []
    for chunk in chunks:
        parsed = BytesParser(policy=policy.default).parsebytes(chunk.lstrip())
        body = parsed.get_body(preferencelist=("plain", "html"))
        messages.append(
            {
                "subject": parsed["subject"],
                "to": parsed["to"],
                "date": parsed["date"],
                "body": body.get_content() if body else "",
                "attachments": [a.get_filename() or a.get_content_type() for a in parsed.iter_attachments()],
            }
        )
    return messages


@login_required
def mailbox(request: HttpRequest) -> HttpResponse:
    """Admins read the locally written emails of the embedded set-up in the browser."""
    if not can_read_local_mail(request.user):
        raise Http404
    directory = Path(settings.EMAIL_FILE_PATH)
    directory.mkdir(parents=True, exist_ok=True)
    files = sorted(directory.glob("*.log"), key=lambda p: p.stat().st_mtime, reverse=True)[:MAX_LISTED]
    messages = [m for f in files for m in _read_messages(f)]
    return render(request, "notifications/mailbox.html", {"messages": messages, "directory": directory})
