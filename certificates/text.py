"""Wording shared by the PDF, the verification page and the exports; in the active language."""

from datetime import date
from decimal import Decimal

from django.utils import formats
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from certificates.models import HoursUnit
from lms import latvian


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


def date_until(day: date) -> str:
    """The date after "until" in the active language: "2029. gada 14. novembrim" / "14 November 2029"."""
    if (get_language() or "lv").startswith("lv"):
        return latvian.long_date(day, "dative")
    return formats.date_format(day, "DATE_FORMAT")


def valid_until_text(day: date) -> str:
    """'Derīga līdz 2029. gada 14. novembrim' / 'Valid until 14 November 2029'."""
    return _("Valid until %(date)s") % {"date": date_until(day)}


def expired_text(day: date) -> str:
    return _("Expired: it was valid until %(date)s") % {"date": date_until(day)}
