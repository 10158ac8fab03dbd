"""Template filters for Latvian grammar, built in for every template (TEMPLATES OPTIONS builtins).

{{ deadline|lv_date:"dative" }}     līdz 2026. gada 26. decembrim   (English: 26 December 2026)
{{ since|lv_day:"genitive" }}       kopš 2. decembra               (English: 2 December)
{{ person.first_name|lv_vocative }} Labdien, Pēteri!               (English: the name as it is)
"""

import datetime as dt

from django import template
from django.utils import formats, timezone, translation

from lms import latvian

register = template.Library()


def _as_date(value) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    if isinstance(value, dt.date):
        return value
    return None


def _latvian() -> bool:
    return (translation.get_language() or "").split("-")[0] == "lv"


@register.filter
def lv_date(value, case: str = "nominative") -> str:
    """The date with its year, its month in `case` in Latvian; DATE_FORMAT in other languages."""
    day = _as_date(value)
    if day is None:
        return ""
    if not _latvian():
        return formats.date_format(day, "DATE_FORMAT")
    return latvian.long_date(day, case)


@register.filter
def lv_day(value, case: str = "nominative") -> str:
    """Day and month without the year, the month in `case`; MONTH_DAY_FORMAT in other languages."""
    day = _as_date(value)
    if day is None:
        return ""
    if not _latvian():
        return formats.date_format(day, "MONTH_DAY_FORMAT")
    return latvian.day_month(day, case)


@register.filter
def lv_vocative(name) -> str:
    """A first name as a Latvian greeting addresses it; unchanged in other languages."""
    if not name:
        return ""
    return latvian.vocative(str(name)) if _latvian() else str(name)
