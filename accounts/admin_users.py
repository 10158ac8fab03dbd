"""The Wagtail admin's people list: people sign in with their email address, so the column that
Wagtail calls "Username" is headed "Email address" (Kopiena has no usernames)."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.users.views import users


class IndexView(users.IndexView):
    @property
    def columns(self):
        columns = []
        for column in super().columns:
            if isinstance(column, Column) and column.name == self.model.USERNAME_FIELD:
                column.label = _("Email address")
            columns.append(column)
        return columns


class UserViewSet(users.UserViewSet):
    index_view_class = IndexView
