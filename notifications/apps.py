from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Notifications")

    def ready(self) -> None:
        from accounts.navigation import Section, register
        from notifications.receivers import connect
        from notifications.views import can_read_local_mail

        connect()

        register(
            Section(
                key="mailbox",
                title=_("Outgoing email"),
                description=_("Emails the local set-up wrote instead of sending them."),
                url_name="mailbox",
                visible=can_read_local_mail,
                order=99,
                in_header=False,
            )
        )
