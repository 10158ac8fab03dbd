from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[2]


def catalogues():
    return [p for p in ROOT.glob("**/locale/lv/LC_MESSAGES/django.po") if ".venv" not in p.parts]


def test_there_is_a_latvian_catalogue():
    assert catalogues()


def test_latvian_catalogue_has_no_untranslated_or_fuzzy_entries():
    problems = []
    for path in catalogues():
        po = polib.pofile(str(path))
        problems += [f"{path.relative_to(ROOT)}: untranslated {e.msgid!r}" for e in po.untranslated_entries()]
        problems += [f"{path.relative_to(ROOT)}: fuzzy {e.msgid!r}" for e in po.fuzzy_entries() if not e.obsolete]
    assert problems == []
