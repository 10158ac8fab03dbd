from django import forms
from django.utils.translation import gettext_lazy as _

from attendance.models import AbsenceNotice


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Check-in code"),
        max_length=12,
        help_text=_("The six digits your supervisor shows."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "autofocus": True}),
    )
    session = forms.IntegerField(required=False, min_value=1, max_value=2**63 - 1, widget=forms.HiddenInput)


class NoticeForm(forms.Form):
    # No reason is preselected: an untouched form must not record one (illness is health data).
    reason = forms.ChoiceField(label=_("Reason"), choices=[("", _("Choose a reason"))] + AbsenceNotice.Reason.choices)
    note = forms.CharField(
        label=_("A note for your supervisor (optional)"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Only your supervisor sees this note. It is never shown to coordinators or exported."),
    )


class CompletionRuleForm(forms.Form):
    min_attendance_percent = forms.IntegerField(label=_("Minimum attendance (%)"), min_value=1, max_value=100)
    excused_leave_count = forms.BooleanField(
        label=_("Excused sessions leave the count"),
        required=False,
        help_text=_("When ticked, an excused session counts neither as attended nor as held for that person."),
    )
    min_clock_hours = forms.DecimalField(
        label=_("Minimum hours (clock)"), min_value=0, max_value=999, max_digits=5, decimal_places=1
    )
