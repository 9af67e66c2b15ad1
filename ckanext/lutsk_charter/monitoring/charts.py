"""Line charts of the trends, drawn as SVG on the server (no script, nothing from a CDN).

Every label is escaped; the chart carries a title and a description for screen
readers, and the page shows the same numbers as a table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from html import escape

WIDTH, PLOT_HEIGHT = 640, 200
LEFT, RIGHT, TOP, AXIS = 48, 16, 16, 24
LEGEND_ROW = 16
#: Distinguishable colours (Okabe–Ito); each line also has its name in the legend.
COLOURS = ("#0072B2", "#D55E00", "#E69F00", "#009E73", "#CC79A7", "#56B4E9")


def line_chart(
    title: str,
    description: str,
    days: Sequence[dt.date],
    series: Mapping[str, Sequence[int]],
) -> str:
    """An SVG line chart of ``series`` (label → one value per day in ``days``)."""
    plot_w, plot_h = WIDTH - LEFT - RIGHT, PLOT_HEIGHT - TOP
    height = PLOT_HEIGHT + AXIS + LEGEND_ROW * len(series)  # one legend row per line
    top = max([1, *(v for values in series.values() for v in values)])
    step = plot_w / max(1, len(days) - 1)

    def x(i: int) -> float:
        return LEFT + i * step

    def y(value: int) -> float:
        return TOP + plot_h - value / top * plot_h

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'class="lutsk-charter-chart" aria-labelledby="chart-title chart-desc">',
        f'<title id="chart-title">{escape(title)}</title>',
        f'<desc id="chart-desc">{escape(description)}</desc>',
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" y2="{TOP + plot_h}" '
        'stroke="#555"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="#555"/>',
        f'<text x="{LEFT - 6}" y="{TOP + 4}" text-anchor="end" font-size="11">{top}</text>',
        f'<text x="{LEFT - 6}" y="{TOP + plot_h}" text-anchor="end" font-size="11">0</text>',
    ]
    if days:
        parts.append(
            f'<text x="{LEFT}" y="{PLOT_HEIGHT + 14}" font-size="11">{days[0].isoformat()}</text>'
        )
        parts.append(
            f'<text x="{LEFT + plot_w}" y="{PLOT_HEIGHT + 14}" text-anchor="end" font-size="11">'
            f"{days[-1].isoformat()}</text>"
        )
    for number, (label, values) in enumerate(series.items()):
        colour = COLOURS[number % len(COLOURS)]
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
        if len(values) == 1:
            parts.append(f'<circle cx="{x(0):.1f}" cy="{y(values[0]):.1f}" r="3" fill="{colour}"/>')
        elif values:
            parts.append(
                f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{points}"/>'
            )
        row = PLOT_HEIGHT + AXIS + LEGEND_ROW * number
        parts.append(
            f'<rect x="{LEFT}" y="{row}" width="10" height="10" fill="{colour}"/>'
            f'<text x="{LEFT + 14}" y="{row + 9}" font-size="11">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)
