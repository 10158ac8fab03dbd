from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SchedulingConfig(AppConfig):
    name = "scheduling"
    verbose_name = _("Supervision scheduling")

    def ready(self) -> None:
        from accounts import permissions
        from accounts.models import Role
        from accounts.navigation import Section, register

        register(
            Section(
                key="supervision",
                title=_("Group supervision"),
                description=_("Find a supervision group, book a seat and see your sessions."),
                url_name="scheduling:find",
                visible=lambda user: permissions.has_role(user, Role.EDUCATOR, Role.MENTOR),
                order=20,
            )
        )
        register(
            Section(
                key="calendar",
                title=_("My calendar"),
                description=_("Your sessions by month and as a list, and a link for Outlook, Google or Apple."),
                url_name="scheduling:calendar",
                visible=lambda user: True,
                order=25,
            )
        )
        register(
            Section(
                key="supervising",
                title=_("My groups"),
                description=_("Plan sessions, move or cancel them, and see who takes part."),
                url_name="scheduling:supervising",
                visible=lambda user: permissions.has_role(user, Role.SUPERVISOR),
                order=30,
            )
        )
        register(
            Section(
                key="coordination",
                title=_("Supervision groups"),
                description=_("Every group in your municipality, its seats and waiting list."),
                url_name="scheduling:coordination",
                visible=permissions.can_coordinate,
                order=35,
            )
        )
