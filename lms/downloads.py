"""Streaming responses: one file with HTTP Range support, several files as a ZIP built on the fly."""

import re
import zipfile
from collections.abc import Iterator
from urllib.parse import quote

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse

CHUNK = 64 * 1024
_RANGE = re.compile(r"^bytes=(\d*)-(\d*)$")


def _content_disposition(kind: str, filename: str) -> str:
    ascii_name = filename.encode("ascii", "ignore").decode() or "file"
    return f"{kind}; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename)}"


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
    response["Content-Disposition"] = _content_disposition("inline" if inline else "attachment", filename)
    response["Cache-Control"] = "private, no-store"
    return response


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
