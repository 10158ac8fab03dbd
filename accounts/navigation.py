"""The sections of the site a person's roles use: the header navigation and the dashboard tiles.

Each app registers its sections when it is ready; a section shows only to those its
`visible` predicate admits, so nobody sees a link to a page they cannot open.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.functional import Promise, cached_property
from django.utils.translation import gettext_lazy as _

from accounts import permissions


@dataclass(frozen=True)
class Section:
    key: str
    title: str | Promise
    description: str | Promise
    url_name: str
    visible: Callable
    order: int = 100
    in_header: bool = True

    @cached_property
    def url(self) -> str:
        """Reversed once per process: every page's header shows a dozen of these."""
        return reverse(self.url_name)


_registry: dict[str, Section] = {}


def register(section: Section) -> None:
    _registry[section.key] = section


def sections_for(user) -> list[Section]:
    if not user.is_authenticated:
        return []
    return [s for s in sorted(_registry.values(), key=lambda s: s.order) if s.visible(user)]


def register_defaults() -> None:
    register(
        Section(
            key="invitations",
            title=_("People and invitations"),
            description=_("See the people of your municipality, invite new ones one by one or from a CSV file."),
            url_name="people",
            visible=permissions.can_coordinate,
            order=80,
        )
    )
    register(
        Section(
            key="cms",
            title=_("Content management"),
            description=_("Write and publish pages, courses and materials in the editor."),
            url_name="wagtailadmin_home",
            visible=permissions.can_use_cms,
            order=90,
        )
    )
    register(
        Section(
            key="profile",
            title=_("My profile"),
            description=_("Your name, organisation, language, password and sign-in security."),
            url_name="profile",
            visible=lambda user: True,
            order=95,
            in_header=False,
        )
    )
