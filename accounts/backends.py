"""Django's model backend, loading the signed-in person together with their organisation.

Nearly every page reads the person's organisation (coordinator scope, the header, the dashboard), so
it comes in the same query as the person instead of one more on each request.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class PersonBackend(ModelBackend):
    def get_user(self, user_id):
        user = get_user_model()._default_manager.select_related("organisation").filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
