"""Lists people open in Excel or LibreOffice: CSV and XLSX whose cells can never run as formulas.

CSV uses `;` between cells, as Excel expects with Latvian regional settings (where `,` is the decimal
separator), and starts with a BOM so the Latvian letters survive.
"""

import csv
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from datetime import date, datetime
from decimal import Decimal

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n")
_KEPT_TYPES = (int, float, Decimal, date, datetime)


def safe_cell(value):
    """Numbers and dates stay as they are; anything else becomes text that cannot start a formula."""
    if value is None:
        return ""
    if isinstance(value, _KEPT_TYPES) and not isinstance(value, bool):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_lines(header: Sequence[str], rows: Iterable[Sequence], *, chunk: int = 500) -> Iterator[str]:
    """CSV text in chunks of rows, for a StreamingHttpResponse."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff" + writer.writerow([safe_cell(h) for h in header])
    buffer = []
    for row in rows:
        buffer.append(writer.writerow([safe_cell(value) for value in row]))
        if len(buffer) >= chunk:
            yield "".join(buffer)
            buffer = []
    if buffer:
        yield "".join(buffer)


def sheet_title(title: str) -> str:
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in title).strip("'")
    return cleaned[:31] or "Sheet"


def xlsx_file(title: str, header: Sequence[str], rows: Iterable[Sequence]):
    """A write-only workbook saved into a temporary file, rewound; the caller sends and closes it."""
    return xlsx_sheets_file([(title, header, rows)])


def xlsx_sheets_file(sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence]]]):
    """Like xlsx_file, with one sheet per (title, header, rows)."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    used: set[str] = set()
    for title, header, rows in sheets:
        name = sheet_title(title)
        while name.lower() in used:  # sheet names must differ, ignoring case
            name = sheet_title(f"{name[:28]} {len(used)}")
        used.add(name.lower())
        sheet = workbook.create_sheet(title=name)
        sheet.append([safe_cell(h) for h in header])
        for row in rows:
            sheet.append([safe_cell(value) for value in row])
    handle = tempfile.TemporaryFile()
    workbook.save(handle)
    handle.seek(0)
    return handle


def xlsx_bytes(title: str, header: Sequence[str], rows: Iterable[Sequence]) -> bytes:
    with xlsx_file(title, header, rows) as handle:
        return handle.read()
