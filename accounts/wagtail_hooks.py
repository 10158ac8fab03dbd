from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from accounts.models import Organisation


class OrganisationViewSet(ModelViewSet):
    """Municipalities and their schools; changed by admins (model permissions), read by everyone else via the site."""

    model = Organisation
    menu_label = _("Organisations")
    icon = "group"
    add_to_admin_menu = True
    menu_order = 900
    list_display = ["name", "kind", "parent"]
    list_filter = ["kind", "parent"]
    search_fields = ["name"]
    form_fields = ["name", "kind", "parent"]


@hooks.register("register_admin_viewset")
def register_organisation_viewset():
    return OrganisationViewSet("organisations")
