"""The own-data ZIP: data.json with every category, one human-readable CSV per category, a README.

Pure: categories in, bytes out (no database)."""

import csv
import io
import json
import zipfile
from datetime import date, datetime
from decimal import Decimal

from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _

from lms.spreadsheets import safe_cell
from privacy.registry import CATEGORY_TITLES


def _json_default(value):
    if isinstance(value, datetime):
        return timezone.localtime(value).isoformat() if timezone.is_aware(value) else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return str(value)


def _readable(value) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if isinstance(value, datetime):
        return formats.date_format(
            timezone.localtime(value) if timezone.is_aware(value) else value, "SHORT_DATETIME_FORMAT"
        )
    if isinstance(value, date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    if isinstance(value, (list, tuple)):
        return ", ".join(_readable(v) for v in value)
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False, default=_json_default)
    return str(value)


def _heading(key: str) -> str:
    return key.replace("_", " ").capitalize()


def csv_text(rows: list[dict]) -> str:
    """A CSV for people: `;` between cells, a BOM for Excel, readable dates, no formulas."""
    columns: list[str] = []
    for row in rows:
        for key in row:
            if key not in columns:
                columns.append(key)
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";")
    writer.writerow([_heading(c) for c in columns])
    for row in rows:
        writer.writerow([safe_cell(_readable(row.get(c))) for c in columns])
    return "\ufeff" + buffer.getvalue()


def zip_bytes(categories: dict[str, list[dict]], *, language: str, generated_at: datetime) -> bytes:

    with translation.override(language):
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(
                "data.json",
                json.dumps(
                    {"generated_at": generated_at, "categories": categories},
                    ensure_ascii=False,
                    indent=2,
                    default=_json_default,
                ),
            )
            lines = [
                _("Everything Kopiena holds about you, prepared on %(when)s.")
                % {"when": formats.date_format(timezone.localtime(generated_at), "SHORT_DATETIME_FORMAT")},
                "",
                _("data.json has every category for programs; each CSV file has one category for people."),
                "",
            ]
            for key in sorted(categories):
                rows = categories[key]
                archive.writestr(f"{key}.csv", csv_text(rows))
                title = str(CATEGORY_TITLES.get(key, _heading(key)))
                lines.append(f"{key}.csv – {title}: {len(rows)}")
            archive.writestr("README.txt", "\n".join(lines) + "\n")
        return buffer.getvalue()
