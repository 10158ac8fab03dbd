"""Expand a recurring series into concrete session times, in Europe/Riga wall time.

Pure functions, no database. Dates are expanded as *local dates*, then the local wall time is
attached and converted to an aware datetime. A 17:00 session therefore stays at 17:00 across the
October and March clock changes (expanding in UTC would shift it by an hour).

A wall time that does not exist (03:30 on the last Sunday of March, when clocks jump from 03:00
to 04:00) or exists twice (03:30 on the last Sunday of October) is refused with RecurrenceError;
we never guess which instant was meant.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from dateutil import rrule
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from lms.bounds import date_range_message, in_date_range

RIGA = ZoneInfo("Europe/Riga")
MAX_OCCURRENCES = 200


class RecurrenceError(ValueError):
    def __init__(self, code: str, message: str):
        super().__init__(message)
        self.code = code
        self.message = message


class Frequency:
    WEEKLY = "weekly"
    MONTHLY = "monthly"


@dataclass(frozen=True)
class Series:
    """A series description.

    - weekly every `interval` weeks on the weekday of `first_date`;
    - monthly on the `nth` (1..4, or -1 for the last) weekday of `first_date`'s weekday,
      every `interval` months.
    Exactly one of `count` and `until` ends the series; `skip` lists dates left out (holidays).
    """

    first_date: date
    start_time: time
    duration: timedelta
    frequency: str = Frequency.WEEKLY
    interval: int = 1
    nth: int | None = None
    count: int | None = None
    until: date | None = None
    skip: frozenset[date] = field(default_factory=frozenset)


def aware(day: date, wall: time, zone: ZoneInfo = RIGA) -> datetime:
    """Attach `zone` to a local wall time, refusing times that do not exist or happen twice."""
    naive = datetime.combine(day, wall.replace(tzinfo=None))
    first = naive.replace(tzinfo=zone, fold=0)
    second = naive.replace(tzinfo=zone, fold=1)
    label = f"{date_format(day, 'SHORT_DATE_FORMAT')} {wall:%H:%M}"
    if first.utcoffset() != second.utcoffset():
        # Both folds disagree: the time is either skipped (spring) or repeated (autumn).
        round_trip = first.astimezone(ZoneInfo("UTC")).astimezone(zone).replace(tzinfo=None)
        if round_trip != naive:
            raise RecurrenceError(
                "nonexistent_time",
                _("%(when)s does not exist in Riga: the clocks jump forward an hour that night. Choose another time.")
                % {"when": label},
            )
        raise RecurrenceError(
            "ambiguous_time",
            _("%(when)s happens twice in Riga: the clocks go back an hour that night. Choose another time.")
            % {"when": label},
        )
    return first


def local_dates(series: Series) -> list[date]:
    """The dates of the series, holidays removed, without time-zone arithmetic."""
    if series.interval < 1 or series.interval > 12:
        raise RecurrenceError("bad_interval", _("The interval must be between 1 and 12."))
    if (series.count is None) == (series.until is None):
        raise RecurrenceError("bad_end", _("End the series either after a number of sessions or on a date."))
    if series.count is not None and not 1 <= series.count <= MAX_OCCURRENCES:
        raise RecurrenceError("bad_count", _("A series has between 1 and %(max)d sessions.") % {"max": MAX_OCCURRENCES})
    if not (in_date_range(series.first_date) and in_date_range(series.until)):
        raise RecurrenceError("date_range", date_range_message())
    if series.until is not None and series.until < series.first_date:
        raise RecurrenceError("bad_end", _("The series cannot end before its first session."))
    if series.duration <= timedelta(0):
        raise RecurrenceError("bad_duration", _("A session must end after it starts."))
    if series.duration > timedelta(hours=12):
        raise RecurrenceError("bad_duration", _("A session lasts at most 12 hours."))

    start = datetime.combine(series.first_date, time(0))
    weekday = rrule.weekday(series.first_date.weekday())
    if series.frequency == Frequency.WEEKLY:
        rule_kwargs = {"freq": rrule.WEEKLY, "byweekday": weekday}
    elif series.frequency == Frequency.MONTHLY:
        if series.nth not in (1, 2, 3, 4, -1):
            raise RecurrenceError("bad_nth", _("Choose the first, second, third, fourth or last weekday."))
        rule_kwargs = {"freq": rrule.MONTHLY, "byweekday": weekday(series.nth)}
    else:
        raise RecurrenceError("bad_frequency", _("Unknown repetition."))

    until = datetime.combine(series.until, time(0)) if series.until else None
    # Ask for extra occurrences when counting, because skipped dates do not count.
    wanted = series.count + len(series.skip) if series.count else None
    rule = rrule.rrule(dtstart=start, interval=series.interval, count=wanted, until=until, **rule_kwargs)
    days = []
    for occurrence in rule:
        if len(days) >= MAX_OCCURRENCES:
            raise RecurrenceError(
                "bad_count", _("A series has between 1 and %(max)d sessions.") % {"max": MAX_OCCURRENCES}
            )
        day = occurrence.date()
        if not in_date_range(day):
            raise RecurrenceError("date_range", date_range_message())
        if day in series.skip:
            continue
        days.append(day)
        if series.count and len(days) == series.count:
            break
    if not days:
        raise RecurrenceError("empty", _("These settings give no sessions at all."))
    return days


def expand(series: Series, zone: ZoneInfo = RIGA) -> list[tuple[datetime, datetime]]:
    """(start, end) aware datetimes for every session of the series, in order.

    The end is the start's wall time plus the duration, so a session across a clock change
    still ends at the wall time people expect.
    """
    result = []
    for day in local_dates(series):
        starts_at = aware(day, series.start_time, zone)
        end_wall = datetime.combine(day, series.start_time) + series.duration
        ends_at = aware(end_wall.date(), end_wall.time(), zone)
        result.append((starts_at, ends_at))
    return result


def parse_skip_dates(lines: Iterable[str]) -> frozenset[date]:
    """Dates written one a line as YYYY-MM-DD or DD.MM.YYYY (Latvian style, trailing dot allowed)."""
    found = set()
    for raw in lines:
        text = raw.strip().rstrip(".")
        if not text:
            continue
        for fmt in ("%Y-%m-%d", "%d.%m.%Y"):
            try:
                found.add(datetime.strptime(text, fmt).date())
                break
            except ValueError:
                continue
        else:
            raise RecurrenceError(
                "bad_skip_date", _("“%(text)s” is not a date; write it as 24.12.2026.") % {"text": raw.strip()[:40]}
            )
    return frozenset(found)
