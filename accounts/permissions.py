"""Who may do what. Every view asks here; no view decides access on its own.

Roles are read once per request and cached on the user object.
"""

from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser, Permission
from django.db.models import Q, QuerySet

from accounts.models import Organisation, Role, User

AnyUser = User | AnonymousUser

STAFF_ROLES = frozenset({Role.COORDINATOR, Role.EDITOR})


def roles_of(user: AnyUser) -> frozenset[str]:
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_kopiena_roles", None)
    if cached is None:
        cached = frozenset(user.user_roles.values_list("role", flat=True))
        user._kopiena_roles = cached
    return cached


def forget_roles(user: AnyUser) -> None:
    """Drop the per-request cache after roles change."""
    for name in ("_kopiena_roles", "_kopiena_cms"):
        if hasattr(user, name):
            delattr(user, name)


def has_role(user: AnyUser, *roles: str) -> bool:
    return bool(roles_of(user) & set(roles))


def is_admin(user: AnyUser) -> bool:
    return user.is_authenticated and user.is_superuser


def is_national_coordinator(user: AnyUser) -> bool:
    if is_admin(user):
        return True
    if not has_role(user, Role.COORDINATOR):
        return False
    organisation = user.organisation
    return organisation is not None and organisation.kind == Organisation.Kind.AGENCY


def coordinated_municipality_ids(user: AnyUser) -> set[int] | None:
    """Municipalities a coordinator oversees: None means all of them, an empty set means none."""
    if is_national_coordinator(user):
        return None
    if not has_role(user, Role.COORDINATOR) or user.organisation is None:
        return set()
    municipality_id = user.organisation.municipality_id
    return {municipality_id} if municipality_id else set()


def can_coordinate(user: AnyUser) -> bool:
    return is_admin(user) or has_role(user, Role.COORDINATOR)


def can_edit_content(user: AnyUser) -> bool:
    return is_admin(user) or has_role(user, Role.EDITOR)


def needs_mfa(user: AnyUser) -> bool:
    """People who can change others' data or published content must use a second factor."""
    return user.is_authenticated and (user.is_superuser or user.is_staff or bool(roles_of(user) & STAFF_ROLES))


def organisations_for(user: AnyUser) -> QuerySet[Organisation]:
    """Organisations a coordinator oversees (their municipalities and those municipalities' schools):
    all for a national coordinator, none for anyone who does not coordinate."""
    if not can_coordinate(user):
        return Organisation.objects.none()
    return Organisation.objects.within(coordinated_municipality_ids(user))


def municipalities_for(user: AnyUser) -> QuerySet[Organisation]:
    return organisations_for(user).municipalities()


def in_scope(queryset: QuerySet, user: AnyUser, *, via: str) -> QuerySet:
    """The rows of `queryset` that `user` coordinates. `via` is the lookup path from a row to its
    Organisation — a municipality or a school ("municipality", "organisation", "holder__organisation").

    Every list a coordinator sees is scoped through here; rows without an organisation belong to
    national coordinators only.
    """
    if not can_coordinate(user):
        return queryset.none()
    if coordinated_municipality_ids(user) is None:
        return queryset
    return queryset.filter(**{f"{via}__in": organisations_for(user)})


def coordinates_municipality(user: AnyUser, municipality_id: int | None) -> bool:
    """Whether `user` coordinates the municipality with this id (national coordinators: any)."""
    if not can_coordinate(user):
        return False
    scope = coordinated_municipality_ids(user)
    return scope is None or municipality_id in scope


def can_manage_organisation(user: AnyUser, organisation: Organisation | None) -> bool:
    """Whether `user` coordinates people of `organisation` (no organisation: national coordinators only)."""
    if not can_coordinate(user):
        return False
    if coordinated_municipality_ids(user) is None:
        return True
    return organisation is not None and coordinates_municipality(user, organisation.municipality_id)


def grantable_roles(user: AnyUser) -> list[str]:
    """Roles this person may hand out: editors are named nationally, the rest by any coordinator."""
    if not can_coordinate(user):
        return []
    if is_national_coordinator(user):
        return list(Role.values)
    return [r for r in Role.values if r != Role.EDITOR]


def can_grant(user: AnyUser, roles: Iterable[str], organisation: Organisation | None) -> bool:
    allowed = set(grantable_roles(user))
    return set(roles) <= allowed and can_manage_organisation(user, organisation)


def people_visible_to(user: AnyUser) -> QuerySet[User]:
    """People a coordinator may see and manage: those of organisations in their municipality."""
    return in_scope(User.objects.all(), user, via="organisation")


def can_use_cms(user: AnyUser) -> bool:
    """Whether the person may open the Wagtail admin (its `access_admin` permission, given directly or
    through a group), in one query cached on the user object; `has_perm` would load all their
    permissions in two on every page that shows the navigation."""
    if not user.is_authenticated or not user.is_active:
        return False
    if user.is_superuser:
        return True
    cached = getattr(user, "_kopiena_cms", None)
    if cached is None:
        cached = (
            Permission.objects.filter(content_type__app_label="wagtailadmin", codename="access_admin")
            .filter(Q(user=user) | Q(group__user=user))
            .exists()
        )
        user._kopiena_cms = cached
    return cached
