from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MaterialsConfig(AppConfig):
    name = "materials"
    verbose_name = _("Materials")

    def ready(self) -> None:
        from accounts.navigation import Section, register
        from materials import image_signals, memberships, results

        memberships.register_all()
        image_signals.connect()
        results.connect()

        register(
            Section(
                key="materials",
                title=_("Materials"),
                description=_("Handouts, methodologies, templates and recordings for the programme."),
                url_name="materials:list",
                visible=lambda user: True,
                order=40,
            )
        )
