"""Who a material is for.

Three audiences are built in: everyone (public), any signed-in person, and people holding certain
roles. Apps that know about memberships add their own kinds through a small registry, for example
after the courses app lands::

    from materials import audiences

    audiences.register(
        "course",
        label=_("People enrolled in a course"),
        keys_for=lambda user: Enrolment.objects.filter(user=user).values_list("course_id", flat=True),
        choices=lambda: [(str(c.pk), c.title) for c in Course.objects.all()],
    )

`keys_for(user)` returns the keys (as strings) of the courses, groups, ... the signed-in person belongs
to, in one query; a material whose audience is ("course", "12") is then open to people whose keys
contain "12". `choices()` lists what an editor may pick. Editors are only offered kinds whose checker
is registered, and a material whose kind has no checker (any more) is open to nobody but editors.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

PUBLIC = "public"
SIGNED_IN = "signed_in"
ROLES = "roles"

BUILT_IN: list[tuple[str, str | Promise]] = [
    (PUBLIC, _("Everyone, also without signing in")),
    (SIGNED_IN, _("Any signed-in person")),
    (ROLES, _("People holding certain roles")),
]


@dataclass(frozen=True)
class AudienceKind:
    kind: str
    label: str | Promise
    keys_for: Callable[[object], Iterable[str]]
    choices: Callable[[], Iterable[tuple[str, str]]]


_registry: dict[str, AudienceKind] = {}


def register(
    kind: str,
    *,
    label: str | Promise,
    keys_for: Callable[[object], Iterable[str]],
    choices: Callable[[], Iterable[tuple[str, str]]],
) -> None:
    if kind in {PUBLIC, SIGNED_IN, ROLES}:
        raise ValueError(f"{kind!r} is a built-in audience")
    _registry[kind] = AudienceKind(kind, label, keys_for, choices)


def unregister(kind: str) -> None:
    _registry.pop(kind, None)


def registered(kind: str) -> AudienceKind | None:
    return _registry.get(kind)


def kind_choices() -> list[tuple[str, str | Promise]]:
    return BUILT_IN + [(k.kind, k.label) for k in _registry.values()]


def label_of(kind: str) -> str | Promise:
    return dict(kind_choices()).get(kind, _("Unavailable audience"))


def keys_for(user, kind: str) -> frozenset[str]:
    """The keys of `kind` the person belongs to, read once per request and kept on the user."""
    if not user.is_authenticated or kind not in _registry:
        return frozenset()
    cache = user.__dict__.setdefault("_materials_audience_keys", {})
    if kind not in cache:
        cache[kind] = frozenset(str(k) for k in _registry[kind].keys_for(user))
    return cache[kind]


def registered_kinds() -> list[str]:
    return list(_registry)
