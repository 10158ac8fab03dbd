"""HTML in, tagged PDF out: what every PDF the platform prints shares.

WeasyPrint rather than ReportLab: its PDFs carry a structure tree in reading order, /Lang, the title
and alternative text for figures (PDF/UA-1), which ReportLab's open-source edition cannot write, and a
document's layout is an ordinary Django template. DejaVu Sans ships in lms/fonts/ (Bitstream Vera
licence, lms/fonts/LICENSE), so ā č ē ģ ī ķ ļ ņ š ū ž come out the same on every machine.

The font configuration and the stylesheets are parsed once per process and reused by every render;
nothing is fetched from the network (only files under lms/fonts/ and data: URIs).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent / "fonts"
PDF_TEMPLATES = Path(__file__).resolve().parent.parent / "templates" / "pdf"  # shared PDF templates and CSS

BASE_CSS = """
@font-face { font-family: "Kopiena Sans"; src: url("DejaVuSans.ttf"); }
@font-face { font-family: "Kopiena Sans"; font-weight: bold; src: url("DejaVuSans-Bold.ttf"); }
html { font-family: "Kopiena Sans", sans-serif; color: #1b1f24; }
"""


@dataclass(frozen=True)
class Attachment:
    """A file carried inside the PDF (e.g. the signed credential), listed in its attachments panel."""

    name: str
    content: bytes
    description: str


@cache
def _font_config():
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


@cache
def _fetcher():
    from weasyprint.urls import URLFetcher

    return URLFetcher(allowed_protocols=("file", "data"), fail_on_errors=True)


@cache
def _stylesheet(source: str | Path):
    from weasyprint import CSS

    if isinstance(source, Path):
        return CSS(filename=str(source), font_config=_font_config(), url_fetcher=_fetcher())
    return CSS(string=source, base_url=str(FONT_DIR) + "/", font_config=_font_config(), url_fetcher=_fetcher())


def render_pdf(html: str, *, stylesheets: Sequence[Path] = (), attachments: Sequence[Attachment] = ()) -> bytes:
    """Lay out `html` (a full document with <html lang> and <title>) as a tagged PDF/UA-1 file.

    Raises ValueError when a resource (an image) cannot be read: a broken PDF is never returned.
    """
    from weasyprint import HTML
    from weasyprint import Attachment as PdfAttachment

    document = HTML(string=html, base_url=str(FONT_DIR) + "/", url_fetcher=_fetcher())
    try:
        return document.write_pdf(
            stylesheets=[_stylesheet(BASE_CSS), *(_stylesheet(Path(p)) for p in stylesheets)],
            font_config=_font_config(),
            pdf_variant="pdf/ua-1",
            attachments=[
                PdfAttachment(string=a.content, name=a.name, description=a.description, url_fetcher=_fetcher())
                for a in attachments
            ],
        )
    except Exception as exc:  # WeasyPrint raises several kinds for unreadable images and fonts
        raise ValueError(f"The PDF could not be made: {exc}") from exc


def blank_pdf(*, stylesheets: Sequence[Path] = ()) -> bytes:
    """An empty page through the same path: the yardstick that render times are compared with."""
    return render_pdf(
        '<!doctype html><html lang="lv"><head><meta charset="utf-8"><title>–</title></head><body></body></html>',
        stylesheets=stylesheets,
    )
