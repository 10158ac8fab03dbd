"""Personal data held by accounts/ (see privacy/registry.py): the person, roles, addresses, invitations.

Erasure runs last: the User row stays, anonymised, because attendance, ESF+ records and the
certificate register point at it; nobody can sign in as it again."""

from django.contrib.sessions.models import Session
from django.db import transaction
from django.db.models import Q

from accounts.models import Invitation, User, UserRole


def export(user: User) -> dict[str, list[dict]]:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator

    organisation = user.organisation
    return {
        "profile": [
            {
                "email": user.email,
                "first_name": user.first_name,
                "last_name": user.last_name,
                "preferred_language": user.preferred_language,
                "organisation": organisation.name if organisation else "",
                "municipality": (organisation.parent.name if organisation and organisation.parent_id else ""),
                "joined": user.date_joined,
                "last_sign_in": user.last_login,
            }
        ],
        "roles": [
            {"role": str(r.get_role_display()), "granted": r.granted_at}
            for r in UserRole.objects.filter(user=user).order_by("granted_at")
        ],
        "email_addresses": [
            {"email": a.email, "verified": a.verified, "primary": a.primary}
            for a in EmailAddress.objects.filter(user=user)
        ],
        "sign_in_security": [
            {"type": a.type, "created": a.created_at, "last_used": a.last_used_at}
            for a in Authenticator.objects.filter(user=user)
        ],
        "invitations": [
            {
                "email": i.email,
                "first_name": i.first_name,
                "last_name": i.last_name,
                "organisation": i.organisation.name if i.organisation else "",
                "roles": i.role_labels(),
                "invited": i.created_at,
                "accepted": i.accepted_at,
            }
            for i in _invitations_of(user).select_related("organisation")
        ],
    }


def _invitations_of(user: User):
    return Invitation.objects.filter(Q(user=user) | Q(email__iexact=user.email))


def _sessions_of(user: User) -> list[str]:
    keys = []
    for session in Session.objects.all().iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            keys.append(session.session_key)
    return keys


@transaction.atomic
def erase(user: User) -> dict[str, int]:
    from allauth.account.models import EmailAddress
    from allauth.mfa.models import Authenticator
    from wagtail.models import ModelLogEntry, PageLogEntry

    counts = {
        "invitations": _invitations_of(user).delete()[0],
        "email_addresses": EmailAddress.objects.filter(user=user).delete()[0],
        "sign_in_security": Authenticator.objects.filter(user=user).delete()[0],
        "roles": UserRole.objects.filter(user=user).delete()[0],
        "sessions": Session.objects.filter(session_key__in=_sessions_of(user)).delete()[0],
    }
    # The CMS's history names objects as they were called ("Līga Ozoliņa"); keep the entry, drop the name.
    name, email = user.get_full_name().strip(), user.email
    labels = Q(label__icontains=email) | (Q(label__icontains=name) if name else Q(pk__in=[]))
    counts["cms_history"] = ModelLogEntry.objects.filter(labels).update(label="–") + PageLogEntry.objects.filter(
        labels
    ).update(label="–")
    user.groups.clear()
    user.user_permissions.clear()
    user.first_name = ""
    user.last_name = ""
    user.email = f"erased-{user.pk}@erased.invalid"
    user.organisation = None
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.set_unusable_password()
    user.save()
    counts["profile"] = 1
    return counts
