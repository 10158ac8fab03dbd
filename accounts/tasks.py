from smtplib import SMTPException

from celery import shared_task
from django.urls import reverse

from accounts.models import Invitation
from notifications.services import render_email, send_once


@shared_task(autoretry_for=(SMTPException, ConnectionError), retry_backoff=True, max_retries=6)
def send_invitation_email(invitation_id: int, key: str) -> bool:
    """Email the invitation link once per key; a retry or a second worker sends nothing more."""
    invitation = Invitation.objects.select_related("organisation", "invited_by").filter(pk=invitation_id).first()
    if invitation is None or invitation.key != key or not invitation.is_usable:
        return False

    def build():
        return render_email(
            "accounts/email/invitation",
            {
                "invitation": invitation,
                "accept_path": reverse("accept_invitation", args=[invitation.key]),
            },
            to=[invitation.email],
            language=invitation.language,
        )

    return send_once(f"invitation:{invitation.pk}:{key}", build)
