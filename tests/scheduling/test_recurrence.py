from datetime import date, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from scheduling.recurrence import Frequency, RecurrenceError, Series, aware, expand, parse_skip_dates

RIGA = ZoneInfo("Europe/Riga")
UTC = ZoneInfo("UTC")


def series(**kwargs) -> Series:
    defaults = {"first_date": date(2026, 10, 1), "start_time": time(17, 0), "duration": timedelta(hours=3)}
    return Series(**{**defaults, **kwargs})


def test_a_weekly_17_00_session_stays_at_17_00_across_the_october_clock_change():
    times = expand(series(count=6))
    assert [s.astimezone(RIGA).strftime("%H:%M") for s, _ in times] == ["17:00"] * 6
    # Summer (UTC+3) before 25 October 2026, winter (UTC+2) after it.
    assert times[0][0].astimezone(UTC).hour == 14
    assert times[-1][0].astimezone(UTC).hour == 15


def test_a_weekly_session_stays_at_17_00_across_the_march_clock_change():
    times = expand(series(first_date=date(2027, 3, 18), count=3))
    assert [s.astimezone(UTC).hour for s, _ in times] == [15, 15, 14]
    assert {s.astimezone(RIGA).hour for s, _ in times} == {17}


def test_every_three_weeks_with_a_count_skips_holidays_without_losing_sessions():
    times = expand(series(interval=3, count=4, skip=frozenset({date(2026, 10, 22)})))
    assert [s.date() for s, _ in times] == [
        date(2026, 10, 1),
        date(2026, 11, 12),
        date(2026, 12, 3),
        date(2026, 12, 24),
    ]


def test_an_end_date_limits_the_series():
    times = expand(series(until=date(2026, 10, 22)))
    assert len(times) == 4


def test_monthly_on_the_second_thursday():
    times = expand(series(first_date=date(2026, 10, 8), frequency=Frequency.MONTHLY, nth=2, count=3))
    assert [s.date() for s, _ in times] == [date(2026, 10, 8), date(2026, 11, 12), date(2026, 12, 10)]


def test_monthly_on_the_last_wednesday():
    times = expand(series(first_date=date(2026, 9, 30), frequency=Frequency.MONTHLY, nth=-1, count=2))
    assert [s.date() for s, _ in times] == [date(2026, 9, 30), date(2026, 10, 28)]


def test_a_time_that_does_not_exist_in_riga_is_refused():
    with pytest.raises(RecurrenceError) as error:
        aware(date(2027, 3, 28), time(3, 30))
    assert error.value.code == "nonexistent_time"
    assert "03:30" in error.value.message


def test_a_time_that_happens_twice_in_riga_is_refused():
    with pytest.raises(RecurrenceError) as error:
        aware(date(2026, 10, 25), time(3, 30))
    assert error.value.code == "ambiguous_time"


def test_a_series_crossing_the_gap_is_refused_as_a_whole():
    with pytest.raises(RecurrenceError) as error:
        expand(series(first_date=date(2027, 3, 14), start_time=time(3, 30), duration=timedelta(hours=1), count=3))
    assert error.value.code == "nonexistent_time"


@pytest.mark.parametrize(
    ("kwargs", "code"),
    [
        ({"count": None}, "bad_end"),
        ({"count": 3, "until": date(2026, 12, 1)}, "bad_end"),
        ({"count": 500}, "bad_count"),
        ({"count": 2, "interval": 0}, "bad_interval"),
        ({"count": 2, "duration": timedelta(0)}, "bad_duration"),
        ({"until": date(2026, 9, 1)}, "bad_end"),
        ({"count": 2, "frequency": Frequency.MONTHLY, "nth": 7}, "bad_nth"),
    ],
)
def test_bad_series_settings_get_a_clear_error(kwargs, code):
    with pytest.raises(RecurrenceError) as error:
        expand(series(**kwargs))
    assert error.value.code == code


def test_skip_dates_are_read_in_latvian_and_iso_style():
    assert parse_skip_dates(["23.12.2026.", "2026-12-30", ""]) == {date(2026, 12, 23), date(2026, 12, 30)}
    with pytest.raises(RecurrenceError):
        parse_skip_dates(["Ziemassvētki"])
