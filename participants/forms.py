from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Organisation
from participants.models import (
    SENSITIVE_FIELDS,
    Activity,
    Education,
    ExitResult,
    Gender,
    LabourStatus,
    PublicEvent,
    SensitiveAnswer,
    SensitiveIndicators,
)

OLDEST = 100
YOUNGEST = 14
MAX_REPORT_DAYS = 366 * 10


def _birth_year_field(required: bool) -> forms.IntegerField:
    this_year = timezone.localdate().year
    return forms.IntegerField(
        label=_("Year of birth"),
        required=required,
        min_value=this_year - OLDEST,
        max_value=this_year - YOUNGEST,
        help_text=_("Only the year: it gives your age group, not your birthday."),
        error_messages={
            "min_value": _("Enter a year from %(limit_value)s on."),
            "max_value": _("Enter a year up to %(limit_value)s."),
            "invalid": _("Enter the year as four digits, for example 1985."),
        },
    )


class EntryForm(forms.Form):
    """The entry data a person gives once; a coordinator may leave fields they do not know empty."""

    gender = forms.ChoiceField(label=_("Gender"), choices=Gender.choices, widget=forms.RadioSelect)
    birth_year = _birth_year_field(required=True)
    labour_status = forms.ChoiceField(
        label=_("Labour-market status when you started"), choices=LabourStatus.choices, widget=forms.RadioSelect
    )
    education = forms.ChoiceField(
        label=_("Highest education completed"), choices=Education.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args, partial: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["birth_year"] = _birth_year_field(required=not partial)
        if partial:
            for name in ("gender", "labour_status", "education"):
                field = self.fields[name]
                field.required = False
                field.choices = [("", _("Not known")), *field.choices]
            self.fields["labour_status"].label = _("Labour-market status at entry")


class CorrectionForm(EntryForm):
    reason = forms.CharField(
        label=_("Why is it corrected?"),
        max_length=300,
        help_text=_("Kept with the new version, for the audit. Do not write anything else about the person."),
    )


class SensitiveForm(forms.ModelForm):
    consent = forms.BooleanField(
        label=_(
            "I agree that Kopiena stores these answers for ESF+ statistics. I can withdraw this consent at any time, "
            "and the answers are then deleted."
        )
    )

    class Meta:
        model = SensitiveIndicators
        fields = list(SENSITIVE_FIELDS)
        widgets = dict.fromkeys(SENSITIVE_FIELDS, forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in SENSITIVE_FIELDS:
            field = self.fields[name]
            field.required = True
            field.choices = SensitiveAnswer.choices


class ExitForm(forms.Form):
    result = forms.ChoiceField(label=_("Result"), choices=ExitResult.choices, widget=forms.RadioSelect)
    left_on = forms.DateField(label=_("Left on"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
    certificate = forms.BooleanField(label=_("Received a certificate"), required=False)


class ReportForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
    end = forms.DateField(label=_("To"), widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Organisation.objects.none(), required=False, empty_label=_("All of mine")
    )
    activity = forms.ChoiceField(
        label=_("Activity"), choices=[("", _("Both activities")), *Activity.choices], required=False
    )

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end:
            if end < start:
                raise forms.ValidationError(_("The end of the period is before its start."))
            if (end - start) > timedelta(days=MAX_REPORT_DAYS):
                raise forms.ValidationError(_("Choose a period of at most ten years."))
            if start.year < 2000 or end.year > timezone.localdate().year + 1:
                raise forms.ValidationError(_("Choose a period between 2000 and next year."))
        return cleaned


class EventForm(forms.ModelForm):
    class Meta:
        model = PublicEvent
        fields = ["title", "kind", "held_on", "municipality", "attendees"]
        widgets = {"held_on": forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"})}

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = municipalities
        self.fields["attendees"].max_value = 100_000
        self.fields["attendees"].widget.attrs["max"] = 100_000

    def clean_attendees(self):
        value = self.cleaned_data["attendees"]
        if value > 100_000:
            raise forms.ValidationError(_("Enter at most 100 000 attendees."))
        return value

    def clean_held_on(self):
        value = self.cleaned_data["held_on"]
        if value > timezone.localdate() or value.year < 2000:
            raise forms.ValidationError(_("Public events are counted once held: choose a date up to today."))
        return value
