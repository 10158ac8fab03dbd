from datetime import datetime, timedelta

from django import forms
from django.utils.translation import gettext_lazy as _

from lms.bounds import BoundedDateField
from scheduling.models import Room, SupervisionGroup
from scheduling.recurrence import Frequency, RecurrenceError, Series, aware, parse_skip_dates

# The browser's date and time pickers take ISO values whatever the display format ("19.01.2027." is
# not a value an <input type="date"> accepts: it would show an empty field).
DATE_INPUT = {"attrs": {"type": "date"}, "format": "%Y-%m-%d"}
TIME_INPUT = {"attrs": {"type": "time"}, "format": "%H:%M"}

WEEKDAYS = [
    ("1", _("Monday")),
    ("2", _("Tuesday")),
    ("3", _("Wednesday")),
    ("4", _("Thursday")),
    ("5", _("Friday")),
    ("6", _("Saturday")),
    ("7", _("Sunday")),
]
DURATIONS = [
    (str(m), label)
    for m, label in [
        (60, _("1 hour")),
        (90, _("1½ hours")),
        (120, _("2 hours")),
        (150, _("2½ hours")),
        (180, _("3 hours")),
        (240, _("4 hours")),
    ]
]


class SeriesForm(forms.Form):
    first_date = BoundedDateField(label=_("Date of the first session"), widget=forms.DateInput(**DATE_INPUT))
    start_time = forms.TimeField(label=_("Start time"), widget=forms.TimeInput(**TIME_INPUT))
    duration = forms.TypedChoiceField(label=_("Length"), choices=DURATIONS, coerce=int, initial="180")
    frequency = forms.ChoiceField(
        label=_("Repeat"),
        choices=[
            (Frequency.WEEKLY, _("Every N weeks on the same weekday")),
            (Frequency.MONTHLY, _("Monthly on the n-th weekday")),
        ],
        widget=forms.RadioSelect,
        initial=Frequency.WEEKLY,
    )
    interval = forms.IntegerField(label=_("Every how many weeks or months"), min_value=1, max_value=12, initial=3)
    nth = forms.TypedChoiceField(
        label=_("Which weekday of the month (monthly only)"),
        coerce=int,
        required=False,
        empty_value=None,
        choices=[
            ("", "—"),
            ("1", _("first")),
            ("2", _("second")),
            ("3", _("third")),
            ("4", _("fourth")),
            ("-1", _("last")),
        ],
    )
    count = forms.IntegerField(
        label=_("Number of sessions"),
        min_value=1,
        max_value=200,
        required=False,
        help_text=_("Fill in either the number of sessions or the last date."),
    )
    until = BoundedDateField(label=_("Last date"), required=False, widget=forms.DateInput(**DATE_INPUT))
    skip = forms.CharField(
        label=_("Dates to skip"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("School holidays and other dates without a session, one a line, e.g. 23.12.2026."),
    )
    room = forms.ModelChoiceField(
        label=_("Room"),
        queryset=Room.objects.all(),
        required=False,
        help_text=_("Leave empty to use the group's room."),
    )

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            skip = parse_skip_dates((data.get("skip") or "").splitlines())
        except RecurrenceError as error:
            self.add_error("skip", error.message)
            return data
        data["series"] = Series(
            first_date=data["first_date"],
            start_time=data["start_time"],
            duration=timedelta(minutes=data["duration"]),
            frequency=data["frequency"],
            interval=data["interval"],
            nth=data.get("nth"),
            count=data.get("count"),
            until=data.get("until"),
            skip=skip,
        )
        return data


class MoveSessionForm(forms.Form):
    date = BoundedDateField(label=_("Date"), widget=forms.DateInput(**DATE_INPUT))
    start_time = forms.TimeField(label=_("Start time"), widget=forms.TimeInput(**TIME_INPUT))
    end_time = forms.TimeField(label=_("End time"), widget=forms.TimeInput(**TIME_INPUT))
    room = forms.ModelChoiceField(label=_("Room"), queryset=Room.objects.all(), required=False)
    location = forms.CharField(label=_("Other place"), max_length=300, required=False)
    meeting_link = forms.URLField(label=_("Meeting link"), max_length=500, required=False, assume_scheme="https")
    reason = forms.CharField(label=_("Reason, shown to participants"), max_length=300)

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        try:
            data["starts_at"] = aware(data["date"], data["start_time"])
            data["ends_at"] = aware(data["date"], data["end_time"])
        except RecurrenceError as error:
            raise forms.ValidationError(error.message) from error
        return data


def initial_for_move(session) -> dict:
    from django.utils import timezone

    start = timezone.localtime(session.starts_at)
    end = timezone.localtime(session.ends_at)
    return {
        "date": start.date(),
        "start_time": start.time().replace(second=0),
        "end_time": end.time().replace(second=0),
        "room": session.room_id,
        "location": session.location,
        "meeting_link": session.meeting_link,
    }


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason, shown to participants"), max_length=300)


class MovePersonForm(forms.Form):
    to_group = forms.ModelChoiceField(label=_("Move to group"), queryset=SupervisionGroup.objects.none())

    def __init__(self, *args, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["to_group"].queryset = groups if groups is not None else SupervisionGroup.objects.none()


class FeedSettingsForm(forms.Form):
    hide_cancelled = forms.BooleanField(label=_("Hide cancelled sessions in my feed"), required=False)


def month_from(value: str | None, today) -> datetime:
    """'2026-11' → first day of that month; anything else (or a year far from today) → the current month."""
    try:
        month = datetime.strptime(value or "", "%Y-%m").date()
    except ValueError:
        return today.replace(day=1)
    if abs(month.year - today.year) > 50:
        return today.replace(day=1)
    return month
