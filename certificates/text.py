"""Wording shared by the PDF, the verification page and the exports; in the active language."""

from datetime import date
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from certificates.models import HoursUnit


def format_hours_number(hours: Decimal) -> str:
    whole = hours == hours.to_integral_value()
    return formats.number_format(hours, decimal_pos=0 if whole else 1)


def describe_hours(hours: Decimal, unit: str) -> str:
    """'36 academic hours (45 min)' / '36 akadēmiskās stundas (45 min)'."""
    shown = format_hours_number(hours)
    count = int(hours) if hours == hours.to_integral_value() else 2  # fractions read as plural
    if unit == HoursUnit.CLOCK:
        return ngettext("%(hours)s clock hour", "%(hours)s clock hours", count) % {"hours": shown}
    minutes = 40 if unit == HoursUnit.ACADEMIC_40 else 45
    return ngettext(
        "%(hours)s academic hour (%(minutes)d min)", "%(hours)s academic hours (%(minutes)d min)", count
    ) % {"hours": shown, "minutes": minutes}


def describe_dates(started_on: date | None, completed_on: date) -> str:
    end = formats.date_format(completed_on, "SHORT_DATE_FORMAT")
    if started_on is None or started_on == completed_on:
        return end
    return _("%(start)s – %(end)s") % {"start": formats.date_format(started_on, "SHORT_DATE_FORMAT"), "end": end}


def group_code(code: str) -> str:
    """ABCDEFGHJKLMNPQR → ABCD-EFGH-JKLM-NPQR, easier to read out and type."""
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))
