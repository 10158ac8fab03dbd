from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from notifications import admin_views


class OutboxMenuItem(MenuItem):
    def is_shown(self, request):
        return admin_views.can_see_outbox(request.user)


@hooks.register("register_admin_urls")
def outbox_urls():
    return [
        path("outbox/", admin_views.stuck_list, name="notifications_outbox"),
        path("outbox/<int:pk>/retry/", admin_views.retry, name="notifications_outbox_retry"),
    ]


@hooks.register("register_admin_menu_item")
def outbox_menu_item():
    return OutboxMenuItem(_("Stuck work"), reverse("notifications_outbox"), icon_name="warning", order=950)
