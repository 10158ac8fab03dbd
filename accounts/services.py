"""Rules that change who is in the platform: invitations, joining and roles."""

import re
from collections.abc import Iterable

from allauth.account.models import EmailAddress
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import permissions
from accounts.models import Invitation, Organisation, Role, User, UserRole
from accounts.tasks import send_invitation_email
from lms.csvimport import Preview, check_lengths, read_rows
from notifications.services import enqueue

# Wagtail admin groups that go with a role.
ROLE_GROUPS = {Role.EDITOR: "Editors", Role.COORDINATOR: "Coordinators"}


class AccountError(Exception):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


def set_roles(user: User, roles: Iterable[str]) -> None:
    """Give `user` exactly these roles, with the Wagtail groups that go with them."""
    wanted = {Role(r) for r in roles}
    with transaction.atomic():
        UserRole.objects.filter(user=user).exclude(role__in=wanted).delete()
        existing = set(UserRole.objects.filter(user=user).values_list("role", flat=True))
        UserRole.objects.bulk_create([UserRole(user=user, role=r) for r in wanted - existing])
        for role, group_name in ROLE_GROUPS.items():
            group, _created = Group.objects.get_or_create(name=group_name)
            if role in wanted:
                user.groups.add(group)
            else:
                user.groups.remove(group)
    permissions.forget_roles(user)


@transaction.atomic
def invite_person(
    *,
    email: str,
    first_name: str,
    last_name: str,
    organisation: Organisation | None,
    roles: list[str],
    language: str,
    by: User,
) -> Invitation:
    """Create an invitation and queue its email.

    Raises AccountError: "too_long" (longer than the model keeps), "forbidden" (roles or organisation
    outside the inviter's scope), "has_account", "already_invited".
    """
    email = email.strip().lower()
    for field_name, value in (("email", email), ("first_name", first_name.strip()), ("last_name", last_name.strip())):
        limit = Invitation._meta.get_field(field_name).max_length
        if len(value) > limit:
            raise AccountError(
                "too_long",
                _("%(field)s may be at most %(limit)d characters long.")
                % {"field": Invitation._meta.get_field(field_name).verbose_name.capitalize(), "limit": limit},
            )
    if not permissions.can_grant(by, roles, organisation):
        raise AccountError("forbidden", _("You may not give these roles in this organisation."))
    if User.objects.filter(email__iexact=email).exists():
        raise AccountError("has_account", _("%(email)s already has an account.") % {"email": email})
    # An expired invitation no longer counts: it is revoked so a fresh one can be sent.
    Invitation.objects.filter(
        email__iexact=email, accepted_at__isnull=True, revoked_at__isnull=True, expires_at__lte=timezone.now()
    ).update(revoked_at=timezone.now())
    if Invitation.objects.pending().filter(email__iexact=email).exists():
        raise AccountError("already_invited", _("%(email)s already has an open invitation.") % {"email": email})
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                email=email,
                first_name=first_name.strip(),
                last_name=last_name.strip(),
                organisation=organisation,
                roles=sorted(set(roles)),
                language=language,
                invited_by=by,
            )
    except IntegrityError as exc:  # a parallel request invited the same address
        raise AccountError(
            "already_invited", _("%(email)s already has an open invitation.") % {"email": email}
        ) from exc
    _queue_invitation_email(invitation)
    return invitation


@transaction.atomic
def resend_invitation(invitation: Invitation, *, by: User) -> Invitation:
    """Send a new link (the old one stops working) and extend the expiry. Raises AccountError "closed"."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at or invitation.revoked_at:
        raise AccountError("closed", _("This invitation is no longer open."))
    fresh = Invitation._meta.get_field("key").default()
    invitation.key = fresh
    invitation.expires_at = Invitation._meta.get_field("expires_at").default()
    invitation.save(update_fields=["key", "expires_at"])
    _queue_invitation_email(invitation)
    return invitation


@transaction.atomic
def revoke_invitation(invitation: Invitation, *, by: User) -> None:
    Invitation.objects.filter(pk=invitation.pk, accepted_at__isnull=True).update(revoked_at=timezone.now())


def _queue_invitation_email(invitation: Invitation) -> None:

    enqueue(send_invitation_email, invitation_id=invitation.pk, key=invitation.key)


@transaction.atomic
def accept_invitation(key: str, *, first_name: str, last_name: str, password: str) -> User:
    """Turn an invitation into an account with a verified email address and the invited roles.

    Raises AccountError: "unknown", "used", "revoked", "expired", "has_account".
    """
    invitation = Invitation.objects.select_for_update().filter(key=key).first()
    if invitation is None:
        raise AccountError("unknown", _("This invitation link is not valid."))
    if invitation.accepted_at:
        raise AccountError("used", _("This invitation has already been used. Sign in instead."))
    if invitation.revoked_at:
        raise AccountError("revoked", _("This invitation was withdrawn."))
    if invitation.is_expired:
        raise AccountError("expired", _("This invitation has expired. Ask your coordinator for a new one."))
    if User.objects.filter(email__iexact=invitation.email).exists():
        raise AccountError("has_account", _("An account with this email already exists. Sign in instead."))
    user = User.objects.create_user(
        email=invitation.email,
        password=password,
        first_name=first_name.strip(),
        last_name=last_name.strip(),
        organisation=invitation.organisation,
        preferred_language=invitation.language,
    )
    EmailAddress.objects.create(user=user, email=user.email, verified=True, primary=True)
    set_roles(user, invitation.roles)
    invitation.accepted_at = timezone.now()
    invitation.user = user
    invitation.save(update_fields=["accepted_at", "user"])
    return user


# --- Bulk invitations from CSV -------------------------------------------------------------

CSV_COLUMNS = {
    "email": ("e-pasts", "epasts", "e-mail"),
    "first_name": ("first name", "vārds", "vards"),
    "last_name": ("last name", "uzvārds", "uzvards"),
    "organisation": ("organization", "organizācija", "organizacija", "iestāde"),
    "roles": ("role", "lomas", "loma"),
}

# The template offered for download: the Latvian spellings of CSV_COLUMNS, and one example row.
TEMPLATE_HEADER = ["e-pasts", "vārds", "uzvārds", "organizācija", "lomas"]


def invitation_template_rows(by: User) -> list[list[str]]:
    """One example row a coordinator overwrites: a school they coordinate (or their own organisation)."""
    school = permissions.organisations_for(by).exclude(parent=None).order_by("name").first() or by.organisation
    return [["vards.uzvards@skola.lv", "Vārds", "Uzvārds", school.name if school else "", "pedagogs"]]


ROLE_ALIASES = {
    "mentors": Role.MENTOR,
    "pedagogs": Role.EDUCATOR,
    "izglītotājs": Role.EDUCATOR,
    "skolotājs": Role.EDUCATOR,
    "supervizors": Role.SUPERVISOR,
    "koordinators": Role.COORDINATOR,
    "redaktors": Role.EDITOR,
}


def resolve_organisation(name: str, by: User) -> tuple[Organisation | None, str | None]:
    if not name:
        return None, None
    candidates = Organisation.objects.select_related("parent")
    if "/" in name:
        parent_name, _sep, child_name = (part.strip() for part in name.partition("/"))
        matches = list(candidates.filter(name__iexact=child_name, parent__name__iexact=parent_name))
    else:
        matches = list(candidates.filter(name__iexact=name))
    if not matches:
        return None, _("Unknown organisation “%(name)s”.") % {"name": name}
    if len(matches) > 1:
        return None, _("“%(name)s” is ambiguous; write it as “Municipality / School”.") % {"name": name}
    return matches[0], None


def _parse_roles(cell: str) -> tuple[list[str], list[str]]:
    roles, unknown = [], []
    for token in filter(None, re.split(r"[\s,;|]+", cell.lower())):
        role = ROLE_ALIASES.get(token, token)
        if role in Role.values:
            roles.append(str(role))
        else:
            unknown.append(token)
    return sorted(set(roles)), unknown


def preview_invitations(uploaded, *, by: User) -> Preview:
    """Read and check every row of an invitation CSV without saving anything.

    Raises lms.csvimport.CSVFormatError when the file as a whole is unreadable.
    """
    rows = read_rows(uploaded, CSV_COLUMNS, required={"email", "first_name", "last_name"})
    emails = [r.values["email"].lower() for r in rows]
    existing_users = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    open_invites = set(Invitation.objects.pending().filter(email__in=emails).values_list("email", flat=True))
    seen: dict[str, int] = {}
    for row in rows:
        email = row.values["email"].lower()
        row.values["email"] = email
        try:
            validate_email(email)
        except ValidationError:
            row.errors.append(_("“%(email)s” is not a valid email address.") % {"email": email})
        if email in seen:
            row.errors.append(_("Same email as row %(line)d.") % {"line": seen[email]})
        else:
            seen[email] = row.line
        if email in existing_users:
            row.errors.append(_("This person already has an account."))
        elif email in open_invites:
            row.errors.append(_("This person already has an open invitation."))
        if not row.values.get("first_name") or not row.values.get("last_name"):
            row.errors.append(_("First and last name are required."))
        check_lengths(row, Invitation, {"email": "email", "first_name": "first_name", "last_name": "last_name"})
        organisation, org_error = resolve_organisation(row.values.get("organisation", ""), by)
        if org_error:
            row.errors.append(org_error)
        roles, unknown = _parse_roles(row.values.get("roles", ""))
        if unknown:
            row.errors.append(_("Unknown role: %(roles)s.") % {"roles": ", ".join(unknown)})
        if not roles and not unknown:
            row.errors.append(_("At least one role is required."))
        if not org_error and roles and not permissions.can_grant(by, roles, organisation):
            row.errors.append(_("You may not give these roles in this organisation."))
        row.values["roles"] = ",".join(roles)
        row.values["organisation_id"] = str(organisation.pk) if organisation else ""
        row.values["organisation_name"] = str(organisation) if organisation else ""
    return Preview(rows=rows)


def import_invitations(rows: list[dict], *, language: str, by: User) -> list[Invitation]:
    """Create every invitation of a previewed file, or none of them.

    Raises AccountError from invite_person for the first row that no longer passes.
    """
    created = []
    with transaction.atomic():
        for values in rows:
            organisation = (
                Organisation.objects.filter(pk=values["organisation_id"]).first() if values["organisation_id"] else None
            )
            created.append(
                invite_person(
                    email=values["email"],
                    first_name=values["first_name"],
                    last_name=values["last_name"],
                    organisation=organisation,
                    roles=[r for r in values["roles"].split(",") if r],
                    language=language,
                    by=by,
                )
            )
    return created


@transaction.atomic
def update_person(person: User, *, organisation: Organisation | None, roles: list[str], by: User) -> User:
    """Move a person to an organisation and give them exactly `roles`, within the coordinator's scope.

    Raises AccountError "forbidden" when the new organisation or roles are outside the scope, or when
    a coordinator tries to change their own roles.
    """
    if person.pk == by.pk and not permissions.is_admin(by):
        raise AccountError("forbidden", _("You cannot change your own roles or organisation."))
    current = permissions.roles_of(person)
    changed_roles = set(roles) ^ set(current)
    if not permissions.can_manage_organisation(by, organisation) or not set(changed_roles) <= set(
        permissions.grantable_roles(by)
    ):
        raise AccountError("forbidden", _("You may not give these roles in this organisation."))
    person.organisation = organisation
    person.save(update_fields=["organisation"])
    set_roles(person, roles)
    return person
