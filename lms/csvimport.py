"""Reading spreadsheets people actually export: UTF-8 with or without BOM, Windows-1257, `,` or `;`."""

import csv
import io
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

MAX_ROWS = 2000
MAX_BYTES = 2 * 1024 * 1024


class CSVFormatError(Exception):
    """The file as a whole cannot be read; the message is translated and shown as is."""


@dataclass
class CSVRow:
    line: int
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1257"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise CSVFormatError(_("The file is neither UTF-8 nor Windows-1257 text."))


def read_rows(uploaded, columns: dict[str, tuple[str, ...]], required: set[str]) -> list[CSVRow]:
    """Parse an uploaded CSV into rows keyed by canonical column names.

    `columns` maps each canonical name to the header spellings accepted for it (English and Latvian).
    Raises CSVFormatError when the file is empty, too large, not text, or lacks a required column.
    """
    data = uploaded.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES:
        raise CSVFormatError(_("The file is larger than 2 MB."))
    text = decode(data).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise CSVFormatError(_("The file is empty."))
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [h.strip().lower() for h in next(reader)]

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
    for line_number, record in enumerate(reader, start=2):
        if not any(cell.strip() for cell in record):
            continue
        if len(rows) >= MAX_ROWS:
            raise CSVFormatError(_("The file has more than %(max)d rows; split it.") % {"max": MAX_ROWS})
        values = {name: (record[index].strip() if index < len(record) else "") for name, index in positions.items()}
        rows.append(CSVRow(line=line_number, values=values))
    if not rows:
        raise CSVFormatError(_("The file has a header row but no people."))
    return rows
