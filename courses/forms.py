from django import forms
from django.utils.translation import gettext_lazy as _

from accounts import permissions
from courses.models import Cohort, CoursePage
from lms.bounds import BoundedDateField, BoundedModelChoiceField


class CohortForm(forms.ModelForm):
    class Meta:
        model = Cohort
        fields = ["name", "course", "municipality", "starts_on", "ends_on", "trainer"]
        field_classes = {
            "course": BoundedModelChoiceField,
            "municipality": BoundedModelChoiceField,
            "trainer": BoundedModelChoiceField,
            "starts_on": BoundedDateField,
            "ends_on": BoundedDateField,
        }
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["course"].queryset = CoursePage.objects.live().filter(locale__language_code="lv")
        self.fields["municipality"].queryset = permissions.municipalities_for(user)
        self.fields["trainer"].queryset = permissions.people_visible_to(user)

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The cohort cannot end before it starts."))
        return cleaned


class AddMemberForm(forms.Form):
    email = forms.EmailField(label=_("Email address of the person"))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_email(self):
        email = self.cleaned_data["email"].lower()
        person = permissions.people_visible_to(self.user).filter(email=email).first()
        if person is None:
            raise forms.ValidationError(_("Nobody with this address has an account in your municipalities."))
        self.cleaned_data["person"] = person
        return email


class EnrolmentCSVForm(forms.Form):
    file = forms.FileField(
        label=_("CSV file"),
        help_text=_("Columns: email, name, organisation. UTF-8 or Windows-1257, separated by commas or semicolons."),
    )
