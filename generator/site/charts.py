"""Inline SVG bar charts, drawn at build time (no chart library, nothing loaded from outside)."""

from __future__ import annotations

from html import escape

ROW, LABEL, BAR, PAD = 28, 180, 360, 8
COLOURS = ("#3f51b5", "#00897b", "#f4511e", "#8e24aa", "#6d4c41", "#546e7a")


def bars(title: str, rows: list[tuple[str, int]], unit: str = "个") -> str:
    """A horizontal bar chart of ``rows`` (label, value), with its data as text for readers."""
    top = max((value for _, value in rows), default=0) or 1
    height = ROW * len(rows) + PAD * 2
    width = LABEL + BAR + 80
    parts = [
        f'<svg class="catalog-chart" role="img" viewBox="0 0 {width} {height}" width="100%" '
        f'style="max-width:{width}px" xmlns="http://www.w3.org/2000/svg">',
        f"<title>{escape(title)}</title>",
    ]
    for index, (label, value) in enumerate(rows):
        y = PAD + index * ROW
        length = round(BAR * value / top)
        colour = COLOURS[index % len(COLOURS)]
        parts.append(
            f'<text x="{LABEL - 8}" y="{y + 18}" text-anchor="end" font-size="13" '
            f'fill="currentColor">{escape(_short(label))}</text>'
            f'<rect x="{LABEL}" y="{y + 4}" width="{max(length, 1)}" height="{ROW - 10}" '
            f'fill="{colour}"><title>{escape(label)}：{value} {unit}</title></rect>'
            f'<text x="{LABEL + max(length, 1) + 6}" y="{y + 18}" font-size="13" '
            f'fill="currentColor">{value}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _short(label: str, limit: int = 12) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"
