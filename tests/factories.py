"""Plain factories for tests and benchmarks: rows built with the ORM, no fixtures, no services."""

from datetime import timedelta

from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import Organisation, User
from accounts.services import set_roles
from scheduling.models import Booking, Session


def make_person(
    email: str,
    roles: list[str],
    organisation: Organisation | None = None,
    *,
    first_name: str = "",
    last_name: str = "",
    **extra,
) -> User:
    """A person with a verified email and these roles; the name comes from the address unless given."""
    first, _, last = email.split("@")[0].partition(".")
    user = User.objects.create_user(
        email=email,
        password="correct-horse-battery",
        first_name=first_name or first.capitalize(),
        last_name=last_name or (last or "Test").capitalize(),
        organisation=organisation,
        **extra,
    )
    EmailAddress.objects.create(user=user, email=email, verified=True, primary=True)
    set_roles(user, roles)
    return user


def next_week_at(hour: int, days: int = 7):
    local = timezone.localtime() + timedelta(days=days)
    return local.replace(hour=hour, minute=0, second=0, microsecond=0)


def add_sessions(group, count=3, *, hour=15, first_day=7, every_days=21, length_hours=3, room=None):
    sessions = []
    for i in range(count):
        starts_at = next_week_at(hour, first_day + i * every_days)
        sessions.append(
            Session.objects.create(
                group=group,
                starts_at=starts_at,
                ends_at=starts_at + timedelta(hours=length_hours),
                room=room,
                meeting_link=group.meeting_link,
            )
        )
    return sessions


def make_session(group, *, starts_in: timedelta, hours: int = 2) -> Session:
    starts_at = (timezone.now() + starts_in).replace(second=0, microsecond=0)
    return Session.objects.create(group=group, starts_at=starts_at, ends_at=starts_at + timedelta(hours=hours))


def seat(group, person, confirmed_at=None) -> Booking:
    when = confirmed_at or timezone.now() - timedelta(days=30)
    return Booking.objects.create(
        group=group, person=person, status=Booking.Status.CONFIRMED, created_at=when, confirmed_at=when
    )
