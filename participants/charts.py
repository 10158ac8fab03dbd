"""Server-rendered SVG charts: numbers in, SVG text out, no database and no JavaScript.

Each chart is an <svg role="img"> with a <title> and <desc> naming what it shows; the page puts a
table with the same numbers right after it, so the figures do not depend on seeing the picture.
Colours meet 3:1 against white (WCAG 1.4.11) and each series also differs by pattern of position.
"""

import math
from collections.abc import Sequence
from html import escape

SERIES_COLOURS = ("#0b4f8a", "#8a1538", "#1d6b35")
TEXT = "#1b1f24"
GRID = "#c9d1d8"


def _nice_max(value: float) -> float:
    """The smallest of 1, 2, 5 × a power of ten at or above `value` (1 for nothing)."""
    if value <= 0:
        return 1
    magnitude = 10 ** math.floor(math.log10(value))
    for factor in (1, 2, 5, 10):
        if value <= factor * magnitude:
            return factor * magnitude
    return 10 * magnitude


def _number(value: float) -> str:
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.1f}"


def bar_chart(
    items: Sequence[tuple[str, float]],
    *,
    chart_id: str,
    title: str,
    description: str,
    unit: str = "",
    maximum: float | None = None,
) -> str:
    """Horizontal bars, one per (label, value), labelled with the value."""
    label_width, bar_width, row = 260, 320, 28
    height = max(1, len(items)) * row + 20
    top = maximum if maximum is not None else _nice_max(max((v for _l, v in items), default=0))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" viewBox="0 0 {label_width + bar_width + 80} '
        f'{height}" aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    for index, (label, value) in enumerate(items):
        y = 10 + index * row
        width = 0 if not top else bar_width * min(value, top) / top
        shown = label if len(label) <= 30 else label[:29] + "…"
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end" font-size="13" fill="{TEXT}">'
            f"{escape(shown)}</text>"
            f'<rect x="{label_width}" y="{y + 4}" width="{width:.1f}" height="18" fill="{SERIES_COLOURS[0]}"/>'
            f'<text x="{label_width + width + 6:.1f}" y="{y + 17}" font-size="13" fill="{TEXT}">'
            f"{escape(_number(value))}{escape(unit)}</text>"
        )
    parts.append("</svg>")
    return "".join(parts)


def column_chart(
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    *,
    chart_id: str,
    title: str,
    description: str,
) -> str:
    """Grouped vertical columns: one group per label (e.g. a month), one column per series, with a legend."""
    left, bottom, plot_height = 40, 40, 180
    group_width = 44
    column = max(6, (group_width - 8) // max(1, len(series)))
    width = left + group_width * max(1, len(labels)) + 10
    height = plot_height + bottom + 30
    top = _nice_max(max((v for _name, values in series for v in values), default=0))
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" class="chart" viewBox="0 0 {width} {height}" '
        f'aria-labelledby="{chart_id}-title {chart_id}-desc">',
        f'<title id="{chart_id}-title">{escape(title)}</title><desc id="{chart_id}-desc">{escape(description)}</desc>',
    ]
    divisions = 4 if str(int(top * 1000))[0] == "2" else 5  # 0.5 steps up to 2, 1 up to 5 …
    for step in range(divisions + 1):
        value = top * step / divisions
        y = 10 + plot_height - plot_height * step / divisions
        parts.append(
            f'<line x1="{left}" x2="{width - 10}" y1="{y:.1f}" y2="{y:.1f}" stroke="{GRID}" stroke-width="1"/>'
            f'<text x="{left - 4}" y="{y + 4:.1f}" text-anchor="end" font-size="11" fill="{TEXT}">'
            f"{escape(_number(value))}</text>"
        )
    for index, label in enumerate(labels):
        x0 = left + index * group_width + 4
        for s, (_name, values) in enumerate(series):
            value = values[index] if index < len(values) else 0
            h = plot_height * value / top if top else 0
            parts.append(
                f'<rect x="{x0 + s * column}" y="{10 + plot_height - h:.1f}" width="{column - 1}" height="{h:.1f}" '
                f'fill="{SERIES_COLOURS[s % len(SERIES_COLOURS)]}"/>'
            )
        parts.append(
            f'<text x="{x0 + group_width / 2 - 4}" y="{plot_height + 26}" text-anchor="middle" font-size="11" '
            f'fill="{TEXT}">{escape(label)}</text>'
        )
    legend_y = plot_height + bottom + 14
    x = left
    for s, (name, _values) in enumerate(series):
        colour = SERIES_COLOURS[s % len(SERIES_COLOURS)]
        parts.append(
            f'<rect x="{x}" y="{legend_y - 10}" width="12" height="12" fill="{colour}"/>'
            f'<text x="{x + 16}" y="{legend_y}" font-size="12" fill="{TEXT}">{escape(name)}</text>'
        )
        x += 24 + 7 * len(name)
    parts.append("</svg>")
    return "".join(parts)
