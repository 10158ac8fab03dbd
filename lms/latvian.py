"""Latvian grammar the translations cannot do alone: dates in the case a sentence needs, and the
vocative of a first name in a greeting.

Latvian inflects the month after a preposition: "līdz 26. decembrim" (dative), "kopš 2. decembra"
(genitive), "1. decembrī" (locative: "on"), "uz 5. janvāri" (accusative). Django's DATE_FORMAT
gives only the nominative ("2026. gada 26. decembris"), which is right on its own or after a colon
and wrong after every preposition.

Pure functions, no database; the template filters in lms/templatetags/latvian.py call them and fall
back to Django's own formats in any other language.
"""

import datetime as dt
import re

CASES = ("nominative", "genitive", "dative", "accusative", "locative")

# Month names by case: janvāris, februāris... are second-declension nouns ending in -is (except
# marts, maijs, augusts: first declension, -s).
MONTHS = {
    "nominative": (
        "janvāris",
        "februāris",
        "marts",
        "aprīlis",
        "maijs",
        "jūnijs",
        "jūlijs",
        "augusts",
        "septembris",
        "oktobris",
        "novembris",
        "decembris",
    ),
    "genitive": (
        "janvāra",
        "februāra",
        "marta",
        "aprīļa",
        "maija",
        "jūnija",
        "jūlija",
        "augusta",
        "septembra",
        "oktobra",
        "novembra",
        "decembra",
    ),
    "dative": (
        "janvārim",
        "februārim",
        "martam",
        "aprīlim",
        "maijam",
        "jūnijam",
        "jūlijam",
        "augustam",
        "septembrim",
        "oktobrim",
        "novembrim",
        "decembrim",
    ),
    "accusative": (
        "janvāri",
        "februāri",
        "martu",
        "aprīli",
        "maiju",
        "jūniju",
        "jūliju",
        "augustu",
        "septembri",
        "oktobri",
        "novembri",
        "decembri",
    ),
    "locative": (
        "janvārī",
        "februārī",
        "martā",
        "aprīlī",
        "maijā",
        "jūnijā",
        "jūlijā",
        "augustā",
        "septembrī",
        "oktobrī",
        "novembrī",
        "decembrī",
    ),
}


def month_name(month: int, case: str = "nominative") -> str:
    """The name of month 1–12 in `case`. Raises ValueError for an unknown case or month."""
    if case not in MONTHS:
        raise ValueError(f"unknown case {case!r}; one of {', '.join(CASES)}")
    if not 1 <= month <= 12:
        raise ValueError(f"month must be 1–12, not {month}")
    return MONTHS[case][month - 1]


def day_month(day: dt.date, case: str = "nominative") -> str:
    """ "26. decembrim": the day and month without the year."""
    return f"{day.day}. {month_name(day.month, case)}"


def long_date(day: dt.date, case: str = "nominative") -> str:
    """ "2026. gada 26. decembrim". Only the month inflects: "gada" is already the genitive."""
    return f"{day.year}. gada {day_month(day, case)}"


def numeric_date(day: dt.date) -> str:
    """ "26.12.2026." — Latvian numeric dates end with a full stop; see `end_sentence`."""
    return f"{day.day:02d}.{day.month:02d}.{day.year}."


def end_sentence(text: str) -> str:
    """Close a sentence with one full stop, never two ("līdz 15.12.2026." not "15.12.2026..")."""
    text = text.rstrip()
    return text if text.endswith((".", "!", "?", "…")) else text + "."


_LONG_DATE = re.compile(r"^(?P<year>\d{1,4})\. gada (?P<day>\d{1,2})\. (?P<month>[a-zāčēģīķļņšūž]+)$")
_MONTH_LOOKUP = {name: (case, index + 1) for case, names in MONTHS.items() for index, name in enumerate(names)}


def parse_long_date(text: str) -> tuple[dt.date, str]:
    """The date and case of a `long_date` text; the inverse, used to check it. Raises ValueError."""
    match = _LONG_DATE.match(text)
    if not match or match["month"] not in _MONTH_LOOKUP:
        raise ValueError(f"not a Latvian long date: {text!r}")
    case, month = _MONTH_LOOKUP[match["month"]]
    return dt.date(int(match["year"]), month, int(match["day"])), case


# --- the vocative of first names ----------------------------------------------------------------
# Greetings address a person: "Labdien, Pēteri!", not the nominative "Pēteris". Latvian first names
# follow their declension; names of other languages, and forms we cannot be sure of, stay as given.
_LATVIAN_LETTERS = re.compile(r"^[A-ZĀČĒĢĪĶĻŅŠŪŽ][a-zāčēģīķļņšūž]+$")


def _vocative_word(word: str) -> str:
    if not _LATVIAN_LETTERS.match(word) or len(word) < 3:
        return word
    if word.endswith("us"):  # 3rd declension: Ingus → Ingu, Mikus → Miku
        return word[:-1]
    if word.endswith(("is", "š")):  # 2nd declension: Pēteris → Pēteri, Jānis → Jāni; 1st: Mārtiņš → Mārtiņ
        return word[:-1]
    if word.endswith("s") and not word.endswith(("ss", "os", "es", "as")):
        return word[:-1]  # 1st declension: Ivars → Ivar, Klāvs → Klāv
    return word  # -a, -e (Anna, Līga, Inese) and anything else: the vocative equals the nominative


def vocative(name: str) -> str:
    """The vocative of a Latvian first name ("Pēteris" → "Pēteri", "Mārtiņš" → "Mārtiņ", "Anna" →
    "Anna"); each part of a double name inflects ("Jānis Pēteris" → "Jāni Pēteri", "Anna-Marija")."""
    parts = re.split(r"(\s+|-)", name.strip())
    return "".join(_vocative_word(p) for p in parts)
