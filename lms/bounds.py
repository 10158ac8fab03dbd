"""Bounds where input enters: one date range for every form, import and service, and ids that fit the
database. Pure functions and form fields; no database."""

from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2100, 12, 31)
# The largest value of a BigAutoField (PostgreSQL bigint, SQLite integer).
MAX_ID = 2**63 - 1


def in_date_range(value: date | datetime | None) -> bool:
    if value is None:
        return True
    day = value.date() if isinstance(value, datetime) else value
    return EARLIEST_DATE <= day <= LATEST_DATE


def date_range_message() -> str:
    return _("Enter a date from %(earliest)s to %(latest)s.") % {
        "earliest": EARLIEST_DATE.strftime("%d.%m.%Y."),
        "latest": LATEST_DATE.strftime("%d.%m.%Y."),
    }


def validate_date_in_range(value: date | datetime | None) -> None:
    """Form and model validator: refuses dates outside 2000–2100 with a translated message."""
    if not in_date_range(value):
        raise ValidationError(date_range_message(), code="date_range")


class BoundedDateField(forms.DateField):
    default_validators = [validate_date_in_range]


class BoundedDateTimeField(forms.DateTimeField):
    default_validators = [validate_date_in_range]


def parse_id(value) -> int | None:
    """A positive id that the database can hold, or None for anything else ("abc", "", 10**20, -1)."""
    try:
        number = int(str(value).strip())
    except (TypeError, ValueError):
        return None
    return number if 0 < number <= MAX_ID else None


class IdField(forms.IntegerField):
    """A hidden or chosen id: "abc" and oversized numbers get a clear message instead of a server error."""

    default_error_messages = {"invalid": gettext_lazy("Choose one of the listed entries.")}

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


class BoundedModelChoiceField(forms.ModelChoiceField):
    """A choice by id that refuses ids the database cannot hold with the usual "not one of the choices"
    message (SQLite raises OverflowError for them instead of finding nothing)."""

    def to_python(self, value):
        text = str(value).strip()
        if value not in self.empty_values and text.lstrip("+-").isdigit() and parse_id(text) is None:
            raise ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return super().to_python(value)
