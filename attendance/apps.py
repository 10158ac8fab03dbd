from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AttendanceConfig(AppConfig):
    name = "attendance"
    verbose_name = _("Attendance")

    def ready(self) -> None:
        from accounts import permissions
        from accounts.models import Role
        from accounts.navigation import Section, register
        from attendance import completion

        completion.connect()

        register(
            Section(
                key="attendance",
                title=_("My hours"),
                description=_(
                    "Check in to a session, tell your supervisor you will miss one, and see your "
                    "professional-development hours in the last three years against the 36 required."
                ),
                url_name="attendance:my_hours",
                visible=lambda user: permissions.has_role(user, Role.EDUCATOR, Role.MENTOR),
                order=27,
            )
        )
        register(
            Section(
                key="attendance_risk",
                title=_("Attendance at risk"),
                description=_(
                    "Participants who can no longer complete their supervision cycle, and attendance exports."
                ),
                url_name="attendance:at_risk",
                visible=permissions.can_coordinate,
                order=36,
                in_header=False,
            )
        )
