"""Files sent to people, in one shape: every download, export and archive on the site comes from here.

The file name goes through Django's `content_disposition_header` (an ASCII fallback plus RFC 6266's
`filename*`, so "apliecība.pdf" survives); lms.security marks every response with a file name
`private, no-store`. One file streams with HTTP Range support, several as a ZIP built on the fly.
"""

import re
import zipfile
from collections.abc import Iterable, Iterator, Sequence

from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.utils.http import content_disposition_header

from lms import spreadsheets

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV = "text/csv; charset=utf-8"

CHUNK = 64 * 1024
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def named(response: HttpResponse, filename: str, *, inline: bool = False) -> HttpResponse:
    """Give the response its file name: saved as an attachment, or shown in the browser when inline."""
    response["Content-Disposition"] = content_disposition_header(not inline, filename)
    return response


def download(content: bytes | str, filename: str, content_type: str, *, inline: bool = False) -> HttpResponse:
    return named(HttpResponse(content, content_type=content_type), filename, inline=inline)


def stored_file(fieldfile, filename: str, content_type: str) -> FileResponse:
    """A stored file as an attachment; a file missing from storage is a 404, not a 500."""
    try:
        handle = fieldfile.open("rb")
    except FileNotFoundError as error:
        raise Http404 from error
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=content_type)


def csv_download(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> StreamingHttpResponse:
    """A spreadsheet-safe CSV, streamed as the rows are read."""
    return named(StreamingHttpResponse(spreadsheets.csv_lines(header, rows), content_type=CSV), filename)


def xlsx_download(filename: str, sheets: Iterable[tuple[str, Sequence[str], Iterable[Sequence]]]) -> FileResponse:
    """A workbook with one sheet per (title, header, rows), written to a temporary file and sent from it."""
    handle = spreadsheets.xlsx_sheets_file(sheets)
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX)


def zip_download(filename: str, entries: list[tuple[str, object, int]]) -> StreamingHttpResponse:
    """Several stored files in one ZIP, streamed (see zip_stream)."""
    return named(StreamingHttpResponse(zip_stream(entries), content_type="application/zip"), filename)


def _read(fileobj, start: int, length: int) -> Iterator[bytes]:
    try:
        fileobj.seek(start)
        remaining = length
        while remaining > 0:
            chunk = fileobj.read(min(CHUNK, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk
    finally:
        fileobj.close()


def ranged_file_response(
    request: HttpRequest, fieldfile, *, size: int, content_type: str, filename: str, inline: bool = False
) -> HttpResponse:
    """The file, or the one byte range asked for (206); several ranges get the whole file, a bad range 416."""
    start, end, status = 0, size - 1, 200
    header = request.headers.get("Range", "").strip()
    match = _RANGE.match(header) if header else None
    if header and "," not in header:
        if match is None or (not match[1] and not match[2]):
            return _unsatisfiable(size)
        if match[1]:
            start = int(match[1])
            end = min(int(match[2]), size - 1) if match[2] else size - 1
        else:
            start = max(size - int(match[2]), 0)
        if start > end or start >= size:
            return _unsatisfiable(size)
        status = 206
    fileobj = fieldfile.storage.open(fieldfile.name, "rb")
    length = end - start + 1
    response = StreamingHttpResponse(_read(fileobj, start, length), status=status, content_type=content_type)
    response["Content-Length"] = str(length)
    response["Accept-Ranges"] = "bytes"
    if status == 206:
        response["Content-Range"] = f"bytes {start}-{end}/{size}"
    return named(response, filename, inline=inline)


def _unsatisfiable(size: int) -> HttpResponse:
    response = HttpResponse(status=416)
    response["Content-Range"] = f"bytes */{size}"
    return response


class _Sink:
    """A write-only, unseekable stream; zipfile then writes data descriptors and never seeks back."""

    def __init__(self):
        self.parts: list[bytes] = []
        self.offset = 0

    def write(self, data: bytes) -> int:
        self.parts.append(bytes(data))
        self.offset += len(data)
        return len(data)

    def tell(self) -> int:
        return self.offset

    def flush(self) -> None:
        pass

    def take(self) -> bytes:
        data = b"".join(self.parts)
        self.parts.clear()
        return data


def zip_stream(entries: list[tuple[str, object, int]]) -> Iterator[bytes]:
    """Yield a ZIP of (name in archive, FieldFile, size) entries, holding at most one chunk in memory."""
    sink = _Sink()
    with zipfile.ZipFile(sink, "w", compression=zipfile.ZIP_STORED, allowZip64=True) as archive:
        for name, fieldfile, size in entries:
            info = zipfile.ZipInfo(name)
            info.file_size = size
            info.compress_type = zipfile.ZIP_STORED
            with fieldfile.storage.open(fieldfile.name, "rb") as source, archive.open(info, "w") as target:
                while chunk := source.read(CHUNK):
                    target.write(chunk)
                    yield sink.take()
            yield sink.take()
    yield sink.take()


def unique_names(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    result = []
    for name in names:
        stem, dot, ext = name.rpartition(".")
        if not dot:
            stem, ext = name, ""
        count = seen.get(name, 0)
        seen[name] = count + 1
        result.append(name if count == 0 else f"{stem} ({count + 1}){dot}{ext}")
    return result
