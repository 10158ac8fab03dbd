from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PrivacyConfig(AppConfig):
    name = "privacy"
    verbose_name = _("Privacy")

    def ready(self) -> None:
        from accounts import navigation, permissions

        navigation.register(
            navigation.Section(
                key="my_data",
                title=_("My data"),
                description=_("Download everything Kopiena holds about you, or ask for it to be erased."),
                url_name="privacy:my_data",
                visible=lambda user: True,
                order=96,
                in_header=False,
            )
        )
        navigation.register(
            navigation.Section(
                key="privacy_admin",
                title=_("Data protection"),
                description=_("Erasure requests, the access log and what the retention task removed."),
                url_name="privacy:erasure_requests",
                visible=permissions.is_national_coordinator,
                order=85,
                in_header=False,
            )
        )
