"""Our Latvian catalogue for the libraries' strings (lms/locale_upstream/) is complete and wins over theirs."""

import re
from datetime import datetime, timedelta
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import timezone, translation
from django.utils.timesince import timesince
from wagtail.admin.templatetags.wagtailadmin_tags import timesince_simple

from lms import upstream_catalogue

ROOT = Path(__file__).resolve().parents[2]
CATALOGUES = sorted((ROOT / "lms" / "locale_upstream" / "lv" / "LC_MESSAGES").glob("*.po"))
PLACEHOLDER = re.compile(r"%\((\w+)\)[sdifr]|\{(\w*)\}")


def placeholders(text: str) -> set[str]:
    return {a or b for a, b in PLACEHOLDER.findall(text)}


def test_both_domains_are_shipped():
    assert [p.name for p in CATALOGUES] == ["django.po", "djangojs.po"]


def test_upstream_catalogue_comes_after_the_projects_own_in_locale_paths():
    paths = [Path(p) for p in settings.LOCALE_PATHS]
    assert paths.index(ROOT / "locale") < paths.index(ROOT / "lms" / "locale_upstream")


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.name)
def test_every_entry_is_translated_and_none_is_fuzzy(path):
    po = polib.pofile(str(path))
    problems = [f"untranslated {e.msgid!r}" for e in po.untranslated_entries()]
    problems += [f"fuzzy {e.msgid!r}" for e in po.fuzzy_entries()]
    assert problems == []


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_catalogue_holds_every_string_of_the_installed_libraries(domain):
    """After a library upgrade this fails until `python -m lms.upstream_catalogue` is run and the new
    strings are translated."""
    merged = upstream_catalogue.merge(domain)
    ours = polib.pofile(str(upstream_catalogue.TARGET / f"{domain}.po"))
    assert {upstream_catalogue.key(e) for e in merged} == {upstream_catalogue.key(e) for e in ours}
    assert [e.msgid for e in merged.untranslated_entries()] == []


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda p: p.name)
def test_translations_keep_the_placeholders_of_the_source(path):
    problems = []
    for e in polib.pofile(str(path)):
        if e.msgid_plural:
            source = placeholders(e.msgid) | placeholders(e.msgid_plural)
            forms = e.msgstr_plural
            if sorted(forms) != [0, 1, 2]:
                problems.append(f"{e.msgid!r}: Latvian needs three plural forms, has {sorted(forms)}")
            for n, text in forms.items():
                if not placeholders(text) <= source:
                    problems.append(f"{e.msgid!r}[{n}]: unknown {placeholders(text) - source}")
        elif placeholders(e.msgstr) != placeholders(e.msgid):
            problems.append(f"{e.msgid!r}: {placeholders(e.msgid)} became {placeholders(e.msgstr)}")
    assert problems == []


def test_project_catalogues_and_ours_agree_where_they_share_a_msgid():
    """LOCALE_PATHS beat app catalogues: a shared msgid would silently change an app's wording."""
    ours = {upstream_catalogue.key(e): e.msgstr for e in polib.pofile(str(CATALOGUES[0])) if not e.msgid_plural}
    clashes = []
    for path in ROOT.glob("*/locale/lv/LC_MESSAGES/django.po"):
        for e in polib.pofile(str(path)):
            k = upstream_catalogue.key(e)
            if k in ours and e.msgstr and ours[k] != e.msgstr:
                clashes.append(f"{path.relative_to(ROOT)} {e.msgid!r}: {e.msgstr!r} / ours {ours[k]!r}")
    assert clashes == []


@pytest.mark.parametrize(
    ("minutes", "expected"),
    [(1, "1\xa0minūte"), (12, "12\xa0minūtes"), (21, "21\xa0minūte"), (11, "11\xa0minūtes")],
)
def test_time_phrases_use_the_latvian_plural_forms(minutes, expected):
    now = datetime(2026, 12, 1, 12, 0)
    with translation.override("lv"):
        assert timesince(now - timedelta(minutes=minutes), now) == expected


def test_wagtail_time_ago_phrase_is_latvian():
    with translation.override("lv"):
        text = timesince_simple(timezone.now() - timedelta(minutes=12))
    assert text == "12\xa0minūtes atpakaļ"


def test_wagtail_says_just_now_for_less_than_a_minute():
    with translation.override("lv"):
        assert timesince_simple(timezone.now()) == "tikko"
