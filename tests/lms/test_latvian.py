"""Latvian dates in the case the sentence needs, and first names in the vocative (lms/latvian.py)."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from lms import latvian

D = dt.date(2026, 12, 26)


@pytest.mark.parametrize(
    ("case", "expected"),
    [
        ("nominative", "2026. gada 26. decembris"),
        ("genitive", "2026. gada 26. decembra"),
        ("dative", "2026. gada 26. decembrim"),
        ("accusative", "2026. gada 26. decembri"),
        ("locative", "2026. gada 26. decembrī"),
    ],
)
def test_long_date_in_each_case(case, expected):
    assert latvian.long_date(D, case) == expected


@pytest.mark.parametrize(
    ("day", "case", "expected"),
    [
        (dt.date(2026, 12, 2), "genitive", "2. decembra"),
        (dt.date(2026, 12, 1), "locative", "1. decembrī"),
        (dt.date(2027, 3, 8), "dative", "8. martam"),
        (dt.date(2027, 5, 1), "locative", "1. maijā"),
        (dt.date(2027, 8, 15), "accusative", "15. augustu"),
        (dt.date(2027, 4, 30), "genitive", "30. aprīļa"),
    ],
)
def test_day_and_month_without_the_year(day, case, expected):
    assert latvian.day_month(day, case) == expected


def test_an_unknown_case_is_refused():
    with pytest.raises(ValueError, match="unknown case"):
        latvian.long_date(D, "vocative")


def test_numeric_dates_do_not_get_a_second_full_stop():
    text = f"Saite derīga līdz {latvian.numeric_date(dt.date(2026, 12, 15))}"
    assert latvian.end_sentence(text) == "Saite derīga līdz 15.12.2026."
    assert latvian.end_sentence("Sesija pārcelta") == "Sesija pārcelta."


@given(st.dates(), st.sampled_from(latvian.CASES))
def test_every_date_reads_back_in_the_case_it_was_written(day, case):
    text = latvian.long_date(day, case)
    assert latvian.parse_long_date(text) == (day, case)
    assert ".." not in text and not text.endswith(".")


@given(st.dates())
def test_the_month_changes_with_the_case_and_nothing_else_does(day):
    forms = {case: latvian.long_date(day, case) for case in latvian.CASES}
    assert len(set(forms.values())) == len(latvian.CASES)
    prefix = f"{day.year}. gada {day.day}. "
    assert all(text.startswith(prefix) for text in forms.values())


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Pēteris", "Pēteri"),
        ("Jānis", "Jāni"),
        ("Mārtiņš", "Mārtiņ"),
        ("Ivars", "Ivar"),
        ("Ingus", "Ingu"),
        ("Līga", "Līga"),
        ("Inese", "Inese"),
        ("Jānis Pēteris", "Jāni Pēteri"),
        ("Anna-Marija", "Anna-Marija"),
        ("Charlie", "Charlie"),
        ("Thomas", "Thomas"),
        ("Tomass", "Tomass"),
        ("", ""),
        ("<script>", "<script>"),
    ],
)
def test_vocative_of_first_names(name, expected):
    assert latvian.vocative(name) == expected


def render(source: str, language: str, **context) -> str:
    with translation.override(language):
        return Template(source).render(Context(context))


def test_filters_are_built_in_and_speak_latvian():
    text = render('līdz {{ d|lv_date:"dative" }}, kopš {{ d|lv_day:"genitive" }}', "lv", d=D)
    assert text == "līdz 2026. gada 26. decembrim, kopš 26. decembra"


def test_filters_fall_back_to_the_usual_format_in_english():
    assert render('{{ d|lv_date:"dative" }} / {{ d|lv_day:"locative" }}', "en", d=D) == "26 December 2026 / 26 December"
    assert render("{{ n|lv_vocative }}", "en", n="Pēteris") == "Pēteris"


def test_an_aware_datetime_is_read_in_riga_time():
    # 22:30 UTC on 31 December is already 1 January in Riga.
    moment = dt.datetime(2026, 12, 31, 22, 30, tzinfo=ZoneInfo("UTC"))
    assert render('{{ m|lv_date:"locative" }}', "lv", m=moment) == "2027. gada 1. janvārī"


def test_the_vocative_filter_escapes_like_any_variable():
    assert render("{{ n|lv_vocative }}", "lv", n="<b>Pēteris</b>") == "&lt;b&gt;Pēteris&lt;/b&gt;"


def test_filters_leave_empty_values_empty():
    assert render('[{{ d|lv_date:"dative" }}][{{ n|lv_vocative }}]', "lv", d=None, n=None) == "[][]"
