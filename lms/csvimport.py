"""Importing lists of people: read the CSV files people actually export (UTF-8 with or without BOM,
Windows-1257, `,` or `;`) and XLSX workbooks (their first sheet, read as if it had been saved as CSV),
check every row, keep the checked rows until the person confirms.

Every import on the site has the same three steps: upload → a `Preview` of every row with its
problems → confirm. Nothing is saved before the confirmation; the checked rows wait in the session
(`Staging`), tied to what they were checked for (a cohort, say), so a confirmation can only save what
was shown.
"""

import csv
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MAX_ROWS = 2000
MAX_BYTES = 2 * 1024 * 1024
MAX_COLUMNS = 50  # of an XLSX sheet: no import has nearly as many
XLSX_MAGIC = b"PK\x03\x04"  # a ZIP archive, which every XLSX workbook is


class CSVFormatError(Exception):
    """The file as a whole cannot be read; the message is translated and shown as is."""


@dataclass
class CSVRow:
    line: int
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)


@dataclass
class Preview:
    rows: list[CSVRow] = field(default_factory=list)

    @property
    def has_errors(self) -> bool:
        return any(r.errors for r in self.rows)

    @property
    def valid_count(self) -> int:
        return sum(1 for r in self.rows if not r.errors)


class Staging:
    """The rows of a clean preview, kept in the session under `key` until the person confirms.

    `scope` is what the rows were checked for (a cohort's id, say); rows staged for another scope are
    never handed out. A preview with problems stages nothing unless the import lets the person choose
    to save only the rows without problems (`valid_only`).
    """

    def __init__(self, session, key: str, scope=None):
        self.session, self.key, self.scope = session, key, scope

    def keep(self, preview: Preview, *, valid_only: bool = False, **extra) -> None:
        """Stage the rows of a clean preview; with `valid_only`, the rows without problems of any preview
        (marked `partial` when some were left out)."""
        rows = [r.values for r in preview.rows if not r.errors]
        if not rows or (preview.has_errors and not valid_only):
            self.clear()
            return
        self.session[self.key] = {"scope": self.scope, "rows": rows, "partial": preview.has_errors, **extra}

    def take(self) -> dict | None:
        """The staged rows and extras, or None when nothing (or something for another scope) waits."""
        stored = self.session.get(self.key)
        if not stored or stored.get("scope") != self.scope:
            return None
        return stored

    def clear(self) -> None:
        self.session.pop(self.key, None)


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1257"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CSVFormatError(_("The file is neither UTF-8 nor Windows-1257 text."))


def _xlsx_cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return str(value)


def xlsx_text(data: bytes) -> str:
    """The first sheet of an XLSX workbook as `;`-separated CSV text, so one reader handles both."""
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";")
        for number, row in enumerate(sheet.iter_rows(values_only=True, max_col=MAX_COLUMNS)):
            if number > MAX_ROWS + 1:  # enough for read_rows to say the file is too long
                break
            writer.writerow([_xlsx_cell(value) for value in row])
        workbook.close()
    except Exception as exc:  # openpyxl and zipfile raise many kinds for a damaged or foreign archive
        raise CSVFormatError(_("The file cannot be opened as an XLSX workbook. Save it again as XLSX or CSV.")) from exc
    return out.getvalue()


def read_rows(uploaded, columns: dict[str, tuple[str, ...]], required: set[str]) -> list[CSVRow]:
    """Parse an uploaded CSV (or XLSX) file into rows keyed by canonical column names.

    `columns` maps each canonical name to the header spellings accepted for it (English and Latvian).
    Raises CSVFormatError when the file is empty, too large, not text, or lacks a required column.
    """
    data = uploaded.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise CSVFormatError(_("The file is larger than 2 MB."))
    text = xlsx_text(data) if data.startswith(XLSX_MAGIC) else decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise CSVFormatError(_("The file is empty."))
    if "\x00" in text:
        # Spreadsheets never write NUL into CSV text; such a file is binary or damaged (and PostgreSQL
        # could not store or search for the value anyway).
        raise CSVFormatError(_("The file contains NUL characters, so it is not CSV text. Save it again as CSV."))
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [h.strip().lower() for h in next(reader)]
    except csv.Error as exc:
        raise _unreadable(reader.line_num, exc) from exc

    spelling_to_name = {s.lower(): name for name, spellings in columns.items() for s in (name, *spellings)}
    positions: dict[str, int] = {}
    for index, heading in enumerate(header):
        name = spelling_to_name.get(heading)
        if name and name not in positions:
            positions[name] = index
    missing = [name for name in columns if name in required and name not in positions]
    if missing:
        raise CSVFormatError(
            _("The first row must name the columns; missing: %(missing)s. Expected: %(expected)s.")
            % {"missing": ", ".join(missing), "expected": ", ".join(columns)}
        )

    rows: list[CSVRow] = []
    try:
        for record in reader:
            if not any(cell.strip() for cell in record):
                continue
            if len(rows) >= MAX_ROWS:
                raise CSVFormatError(_("The file has more than %(max)d rows; split it.") % {"max": MAX_ROWS})
            values = {name: (record[i].strip() if i < len(record) else "") for name, i in positions.items()}
            rows.append(CSVRow(line=reader.line_num, values=values))
    except csv.Error as exc:
        raise _unreadable(reader.line_num, exc) from exc
    if not rows:
        raise CSVFormatError(_("The file has a header row but no people."))
    return rows


def _unreadable(line: int, exc: csv.Error) -> CSVFormatError:
    if "field larger than field limit" in str(exc):
        return CSVFormatError(
            _("Line %(line)d has a cell longer than %(limit)s characters; no column of this import is that long.")
            % {"line": line, "limit": f"{csv.field_size_limit():,}".replace(",", " ")}
        )
    return CSVFormatError(_("Line %(line)d cannot be read as CSV (%(error)s).") % {"line": line, "error": exc})


def check_lengths(row: CSVRow, model, fields: dict[str, str]) -> None:
    """Add an error to `row` for every value longer than the model field it will be stored in, so a
    preview refuses exactly what saving would. `fields` maps CSV column names to model field names."""
    for column, field_name in fields.items():
        limit = model._meta.get_field(field_name).max_length
        value = row.values.get(column, "")
        if limit and len(value) > limit:
            row.errors.append(
                _("“%(column)s” is %(length)d characters long; at most %(limit)d fit.")
                % {"column": column, "length": len(value), "limit": limit}
            )
