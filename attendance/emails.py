"""Emails of attendance, as thin Celery tasks: load by id, build, send once per key."""

from celery import shared_task
from django.conf import settings
from django.urls import reverse

from accounts.models import User
from notifications.services import EMAIL_TASK, render_email, send_once
from scheduling.models import Session


@shared_task(**EMAIL_TASK)
def send_register_closed(session_id: int, supervisor_id: int, person_ids: list[int]) -> bool:
    """Tell a supervisor whom the closed register recorded as absent, with a link to correct it."""
    session = Session.objects.select_related("group").filter(pk=session_id).first()
    supervisor = User.objects.filter(pk=supervisor_id).first()
    if session is None or supervisor is None:
        return False
    people = list(User.objects.filter(pk__in=person_ids).order_by("last_name", "first_name"))

    def build():
        return render_email(
            "attendance/email/register_closed",
            {
                "session": session,
                "group": session.group,
                "people": people,
                "person": supervisor,
                "url": settings.SITE_URL + reverse("attendance:register", args=[session.pk]),
            },
            to=[supervisor.email],
            language=supervisor.preferred_language,
        )

    return send_once(f"register-closed:{session.pk}:{supervisor.pk}", build)
