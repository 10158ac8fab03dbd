"""Our Latvian catalogue for the libraries' own strings (Wagtail admin, django-allauth, Django).

Upstream's lv catalogues leave much of the Wagtail admin in English and carry some wrong plural
orders, so `lms/locale_upstream/` holds our own catalogue, listed in LOCALE_PATHS after the project's
`locale/`: it overrides the libraries but never the project's own catalogues, and the project's
makemessages never writes to it.

`python -m lms.upstream_catalogue` (after upgrading a library) merges the installed libraries'
source catalogues into ours: our translations are kept, upstream's Latvian fills entries we do not
have yet, new strings appear untranslated (tests/lms/test_upstream_catalogue.py then fails until
they are translated), and strings no library has any more are dropped. Entries whose msgid a project
catalogue already translates are left out, so the project's wording wins as it does without us.
"""

import sys
from dataclasses import dataclass
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "lms" / "locale_upstream" / "lv" / "LC_MESSAGES"
PLURAL_FORMS = "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n != 0 ? 1 : 2);"


@dataclass(frozen=True)
class Source:
    package: str
    locale_dir: str
    domain: str = "django"


# The packages the site installs, in the order their strings are taken when two share a msgid.
SOURCES = [
    Source("wagtail", "admin/locale"),
    Source("wagtail", "admin/locale", "djangojs"),
    Source("wagtail", "locale"),
    Source("wagtail", "snippets/locale"),
    Source("wagtail", "images/locale"),
    Source("wagtail", "documents/locale"),
    Source("wagtail", "users/locale"),
    Source("wagtail", "sites/locale"),
    Source("wagtail", "locales/locale"),
    Source("wagtail", "embeds/locale"),
    Source("wagtail", "search/locale"),
    Source("wagtail", "contrib/forms/locale"),
    Source("wagtail", "contrib/redirects/locale"),
    Source("wagtail", "contrib/settings/locale"),
    Source("wagtail", "contrib/simple_translation/locale"),
    Source("allauth", "locale"),
    Source("django", "conf/locale"),
    Source("django", "contrib/auth/locale"),
    Source("django", "contrib/contenttypes/locale"),
    Source("django", "contrib/humanize/locale"),
    Source("taggit", "locale"),
]


# Labels Wagtail builds from field names without gettext (the sites listing's columns); our override of
# wagtailadmin/tables/column_header.html passes every column label through gettext, and these are the
# msgids it then looks up.
UNTRANSLATED_UPSTREAM = ["Site name", "Root page", "Port"]


def package_dir(name: str) -> Path:
    module = __import__(name)
    return Path(module.__file__).resolve().parent


def key(entry: polib.POEntry) -> tuple[str | None, str]:
    return (entry.msgctxt, entry.msgid)


def project_msgids() -> set[tuple[str | None, str]]:
    """msgids the project's own catalogues translate (they win over ours; leave them out)."""
    found = set()
    for path in ROOT.glob("**/locale/lv/LC_MESSAGES/django.po"):
        if ".venv" in path.parts or "node_modules" in path.parts:
            continue
        found |= {key(e) for e in polib.pofile(str(path)) if e.translated() and not e.obsolete}
    return found


def _empty_catalogue(domain: str) -> polib.POFile:
    po = polib.POFile(wrapwidth=0)
    po.metadata = {
        "Project-Id-Version": f"Kopiena: upstream strings ({domain})",
        "Language": "lv",
        "MIME-Version": "1.0",
        "Content-Type": "text/plain; charset=UTF-8",
        "Content-Transfer-Encoding": "8bit",
        "Plural-Forms": PLURAL_FORMS,
    }
    return po


def merge(domain: str) -> polib.POFile:
    path = TARGET / f"{domain}.po"
    ours = polib.pofile(str(path), wrapwidth=0) if path.exists() else _empty_catalogue(domain)
    kept = {key(e): e for e in ours if not e.obsolete}
    skip = project_msgids() if domain == "django" else set()
    merged = _empty_catalogue(domain)
    merged.header = ours.header
    seen = set()
    for source in SOURCES:
        if source.domain != domain:
            continue
        base = package_dir(source.package) / source.locale_dir
        english = base / "en" / "LC_MESSAGES" / f"{domain}.po"
        if not english.exists():
            continue
        latvian_path = base / "lv" / "LC_MESSAGES" / f"{domain}.po"
        latvian = {}
        if latvian_path.exists():
            latvian = {key(e): e for e in polib.pofile(str(latvian_path)) if e.translated() and "fuzzy" not in e.flags}
        for entry in polib.pofile(str(english)):
            k = key(entry)
            if entry.obsolete or k in seen or k in skip:
                continue
            seen.add(k)
            new = polib.POEntry(
                msgctxt=entry.msgctxt,
                msgid=entry.msgid,
                msgid_plural=entry.msgid_plural,
                flags=[f for f in entry.flags if f != "fuzzy"],
                occurrences=[(f"{source.package}/{source.locale_dir.removesuffix('/locale')}", "")],
            )
            if k in kept:
                new.msgstr, new.msgstr_plural = kept[k].msgstr, dict(kept[k].msgstr_plural)
                new.tcomment = kept[k].tcomment
            elif k in latvian:
                new.msgstr, new.msgstr_plural = latvian[k].msgstr, dict(latvian[k].msgstr_plural)
                new.tcomment = "upstream"
            elif entry.msgid_plural:
                new.msgstr_plural = {0: "", 1: "", 2: ""}
            merged.append(new)
    if domain == "django":
        for msgid in UNTRANSLATED_UPSTREAM:
            if (None, msgid) in seen or (None, msgid) in skip:
                continue
            new = polib.POEntry(msgid=msgid, occurrences=[("templates/wagtailadmin/tables/column_header.html", "")])
            if (None, msgid) in kept:
                new.msgstr = kept[(None, msgid)].msgstr
            merged.append(new)
    return merged


def main() -> int:
    TARGET.mkdir(parents=True, exist_ok=True)
    for domain in ("django", "djangojs"):
        po = merge(domain)
        po.save(str(TARGET / f"{domain}.po"))
        sys.stdout.write(f"{domain}.po: {len(po)} entries, {len(po.untranslated_entries())} untranslated\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
