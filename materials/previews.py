"""Small preview images: a Pillow thumbnail of an image, the first page of a PDF (pypdfium2)."""

import io
import logging

from PIL import Image

log = logging.getLogger(__name__)

PREVIEW_WIDTH = 480


def make_preview(fileobj, content_type: str) -> bytes | None:
    """PNG bytes of a preview, or None when the type has none or the file cannot be drawn."""
    try:
        fileobj.seek(0)
        if content_type.startswith("image/"):
            with Image.open(fileobj) as image:
                image.seek(0)
                picture = image.convert("RGB")
        elif content_type == "application/pdf":
            picture = _first_pdf_page(fileobj)
        else:
            return None
        picture.thumbnail((PREVIEW_WIDTH, PREVIEW_WIDTH * 2))
        out = io.BytesIO()
        picture.save(out, "PNG", optimize=True)
        return out.getvalue()
    except Exception:  # a preview is a convenience: a file that cannot be drawn still uploads
        log.warning("No preview could be drawn", exc_info=True)
        return None
    finally:
        fileobj.seek(0)


def _first_pdf_page(fileobj) -> Image.Image:
    import pypdfium2

    document = pypdfium2.PdfDocument(fileobj.read())
    try:
        page = document[0]
        scale = PREVIEW_WIDTH / max(page.get_width(), 1)
        return page.render(scale=scale).to_pil().convert("RGB")
    finally:
        document.close()
