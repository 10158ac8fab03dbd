"""What every PDF the platform makes shares: a font that has ā č ē ģ ī ķ ļ ņ š ū ž.

DejaVu Sans ships in lms/fonts/ (Bitstream Vera licence, lms/fonts/LICENSE), so PDFs look the same
on every machine whatever fonts it has installed.
"""

from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"
REGULAR = "KopienaSans"
BOLD = "KopienaSans-Bold"


def register_fonts() -> tuple[str, str]:
    """Register the regular and bold faces with reportlab once; returns their names."""
    if REGULAR not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(REGULAR, str(FONT_DIR / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))
    return REGULAR, BOLD
