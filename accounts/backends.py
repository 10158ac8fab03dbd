"""Django's model backend, loading the signed-in person together with their organisation.

Nearly every page reads the person's organisation (coordinator scope, the header, the dashboard) and
roles (the navigation, every access check), so both come in the same query as the person instead of two
more on each request.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend

from accounts import permissions


class PersonBackend(ModelBackend):
    def get_user(self, user_id):
        model = get_user_model()
        user_id = model._meta.pk.to_python(user_id)
        people = model._default_manager.select_related("organisation").filter(pk=user_id)
        user = permissions.with_access(people, user_id).first()
        if user is None or not self.user_can_authenticate(user):
            return None
        return permissions.remember_access(user)
