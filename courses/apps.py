from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoursesConfig(AppConfig):
    name = "courses"
    verbose_name = _("Courses")

    def ready(self) -> None:
        from accounts import permissions
        from accounts.models import Role
        from accounts.navigation import Section, register

        register(
            Section(
                key="my_learning",
                title=_("My learning"),
                description=_("Your courses, your progress and where to continue."),
                url_name="my_learning",
                visible=lambda user: permissions.has_role(user, Role.MENTOR, Role.EDUCATOR),
                order=10,
            )
        )
        register(
            Section(
                key="cohorts",
                title=_("Cohorts"),
                description=_("Enrol people in courses by cohort or from a CSV file, and follow their progress."),
                url_name="cohorts",
                visible=permissions.can_coordinate,
                order=30,
            )
        )
