"""Who may do what. Every view asks here; no view decides access on its own.

Roles are read once per request and cached on the user object.
"""

import functools
from collections.abc import Iterable

from django.contrib.auth.models import AnonymousUser, Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL

from accounts.models import Organisation, Role, User, UserRole

AnyUser = User | AnonymousUser

STAFF_ROLES = frozenset({Role.COORDINATOR, Role.EDITOR})


CMS_MARK = "<cms>"  # not a role: the row that says the person may open the CMS


@functools.cache
def _access_sql() -> str:
    """The person's roles, and a CMS_MARK row when they hold Wagtail's `access_admin` permission
    directly or through a group. Every page's header needs both: one round trip, written once as SQL
    because building it through the ORM cost more than running it (about 1 ms a page)."""
    tables = {
        "role": UserRole._meta.db_table,
        "user_permission": User.user_permissions.through._meta.db_table,
        "user_group": User.groups.through._meta.db_table,
        "group_permission": Group.permissions.through._meta.db_table,
        "permission": Permission._meta.db_table,
        "content_type": ContentType._meta.db_table,
    }
    admin = (
        "JOIN {permission} p ON p.id = {alias}.permission_id "
        "JOIN {content_type} ct ON ct.id = p.content_type_id "
        "WHERE p.codename = 'access_admin' AND ct.app_label = 'wagtailadmin'"
    )
    return (
        "SELECT role FROM {role} WHERE user_id = %s "
        f"UNION ALL SELECT '{CMS_MARK}' WHERE "
        "EXISTS (SELECT 1 FROM {user_permission} up " + admin.replace("{alias}", "up") + " AND up.user_id = %s) "
        "OR EXISTS (SELECT 1 FROM {user_group} ug JOIN {group_permission} gp ON gp.group_id = ug.group_id "
        + admin.replace("{alias}", "gp")
        + " AND ug.user_id = %s)"
    ).format(**tables)


def _remember_access(user: User, found: set[str]) -> None:
    user._kopiena_cms = user.is_superuser or CMS_MARK in found
    user._kopiena_roles = frozenset(found - {CMS_MARK})


def _load_access(user: User) -> None:
    """Roles and CMS access, kept on the user object for the rest of the request."""
    with connection.cursor() as cursor:
        cursor.execute(_access_sql(), [user.pk, user.pk, user.pk])
        _remember_access(user, {row[0] for row in cursor.fetchall()})


def with_access(people: QuerySet, person_id: int) -> QuerySet:
    """`people` (the one person `person_id`) with their roles and CMS mark read in the same query, as
    one comma-separated column: the signed-in person is loaded this way on every request (see
    accounts.backends), and remember_access keeps the answer on the user object."""
    joined = "string_agg(role, ',')" if connection.vendor == "postgresql" else "group_concat(role, ',')"
    sql = f"SELECT {joined} FROM ({_access_sql()}) access"
    return people.annotate(kopiena_access=RawSQL(sql, [person_id, person_id, person_id]))


def remember_access(user: User) -> User:
    """Keep the roles that with_access read on `user` for the rest of the request."""
    _remember_access(user, set(filter(None, (user.kopiena_access or "").split(","))))
    return user


def roles_of(user: AnyUser) -> frozenset[str]:
    if not user.is_authenticated:
        return frozenset()
    if getattr(user, "_kopiena_roles", None) is None:
        _load_access(user)
    return user._kopiena_roles


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
    """Whether the person may open the Wagtail admin, read with their roles (`_load_access`);
    `has_perm` would load all their permissions in two more queries on every page."""
    if not user.is_authenticated or not user.is_active:
        return False
    if getattr(user, "_kopiena_cms", None) is None:
        _load_access(user)
    return user._kopiena_cms
