from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificatesConfig(AppConfig):
    name = "certificates"
    verbose_name = _("Certificates")

    def ready(self) -> None:
        from accounts import navigation, permissions
        from accounts.models import Role

        navigation.register(
            navigation.Section(
                key="my_certificates",
                title=_("My certificates"),
                description=_("Download your certificates and share their verification links."),
                url_name="my_certificates",
                visible=lambda user: permissions.has_role(user, Role.MENTOR, Role.EDUCATOR, Role.SUPERVISOR),
                order=40,
            )
        )
        navigation.register(
            navigation.Section(
                key="certificates_manage",
                title=_("Certificates"),
                description=_("Issue, revoke and reissue certificates, export lists and download them in bulk."),
                url_name="certificates_manage",
                visible=permissions.can_coordinate,
                order=70,
            )
        )
