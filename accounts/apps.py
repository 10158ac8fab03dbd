from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _
from wagtail.users.apps import WagtailUsersAppConfig


class AccountsConfig(AppConfig):
    default = True  # this module also holds the Wagtail users app config below
    name = "accounts"
    verbose_name = _("Accounts and organisations")

    def ready(self) -> None:
        from accounts import navigation

        navigation.register_defaults()


class WagtailUsersConfig(WagtailUsersAppConfig):
    """Wagtail's user management with Kopiena's people list (see accounts/admin_users.py)."""

    user_viewset = "accounts.admin_users.UserViewSet"
