"""Wagtail admin views for sessions: saving calls the scheduling services instead of model.save()."""

from wagtail.admin.views.generic.models import CreateView, EditView

from scheduling import services
from scheduling.models import Session


class _ServiceFormMixin:
    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except services.SchedulingError as error:
            form.add_error(None, error.message)
            return self.form_invalid(form)


class SessionCreateView(_ServiceFormMixin, CreateView):
    def save_instance(self):
        data = self.form.cleaned_data
        return services.add_session(
            data["group"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            room=data["room"],
            location=data["location"],
            meeting_link=data["meeting_link"],
            by=self.request.user,
        )


class SessionEditView(_ServiceFormMixin, EditView):
    def save_instance(self):
        data = self.form.cleaned_data
        original = Session.objects.get(pk=self.object.pk)
        return services.move_session(
            original,
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            room=data["room"],
            location=data["location"],
            meeting_link=data["meeting_link"],
            reason=data["change_reason"],
            by=self.request.user,
        )


class GroupEditView(EditView):
    """Saving a group may add seats: the waiting list gets its offers at once."""

    def save_instance(self):
        group = super().save_instance()
        services.group_changed(group)
        return group
