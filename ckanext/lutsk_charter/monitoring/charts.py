"""Line charts of the trends, drawn as SVG on the server (no script, nothing from a CDN).

Every label is escaped; the chart carries a title and a description for screen
readers, and the page shows the same numbers as a table.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from html import escape
from typing import Any

import ckan.plugins.toolkit as tk
from markupsafe import Markup
from markupsafe import escape as markup_escape

from ckanext.lutsk_charter.monitoring.figures import trend_value
from ckanext.lutsk_charter.monitoring.labels import trend_label

WIDTH, PLOT_HEIGHT = 640, 200
LEFT, RIGHT, TOP, AXIS = 48, 16, 16, 24
LEGEND_ROW = 16
#: Distinguishable colours (Okabe–Ito); each line also has its name in the legend.
COLOURS = ("#0072B2", "#D55E00", "#E69F00", "#009E73", "#CC79A7", "#56B4E9")


def _day_text(day: dt.date) -> str:
    return day.isoformat()


def line_chart(
    title: str,
    description: str,
    days: Sequence[dt.date],
    series: Mapping[str, Sequence[int]],
    day_label: Callable[[dt.date], str] = _day_text,
    chart_id: str = "chart",
) -> str:
    """An SVG line chart of ``series`` (label → one value per day in ``days``).

    With a single day there is no line to draw: the chart is then one bar per
    series, its value written beside it, under the one day's label.
    """
    if len(days) == 1:
        return _bar_chart(title, description, days[0], series, day_label, chart_id)
    plot_w, plot_h = WIDTH - LEFT - RIGHT, PLOT_HEIGHT - TOP
    height = PLOT_HEIGHT + AXIS + LEGEND_ROW * len(series)  # one legend row per line
    top = max([1, *(v for values in series.values() for v in values)])
    step = plot_w / max(1, len(days) - 1)

    def x(i: int) -> float:
        return LEFT + i * step

    def y(value: int) -> float:
        return TOP + plot_h - value / top * plot_h

    parts = [
        *_head(title, description, height, chart_id),
        f'<line x1="{LEFT}" y1="{TOP + plot_h}" x2="{LEFT + plot_w}" y2="{TOP + plot_h}" '
        'stroke="#555"/>',
        f'<line x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{TOP + plot_h}" stroke="#555"/>',
        f'<text x="{LEFT - 6}" y="{TOP + 4}" text-anchor="end" font-size="11">{top}</text>',
        f'<text x="{LEFT - 6}" y="{TOP + plot_h}" text-anchor="end" font-size="11">0</text>',
    ]
    if days:
        parts.append(
            f'<text x="{LEFT}" y="{PLOT_HEIGHT + 14}" font-size="11" class="x-label">'
            f"{escape(day_label(days[0]))}</text>"
        )
        parts.append(
            f'<text x="{LEFT + plot_w}" y="{PLOT_HEIGHT + 14}" text-anchor="end" font-size="11" '
            f'class="x-label">{escape(day_label(days[-1]))}</text>'
        )
    for number, (label, values) in enumerate(series.items()):
        colour = COLOURS[number % len(COLOURS)]
        points = " ".join(f"{x(i):.1f},{y(v):.1f}" for i, v in enumerate(values))
        if values:
            parts.append(
                f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{points}"/>'
            )
        parts.append(_legend(number, label, colour))
    parts.append("</svg>")
    return "".join(parts)


def _head(title: str, description: str, height: int, chart_id: str) -> list[str]:
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" role="img" '
        f'class="lutsk-charter-chart" id="{escape(chart_id)}" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(description)}</desc>',
    ]


def _legend(number: int, label: str, colour: str) -> str:
    row = PLOT_HEIGHT + AXIS + LEGEND_ROW * number
    return (
        f'<rect x="{LEFT}" y="{row}" width="10" height="10" fill="{colour}"/>'
        f'<text x="{LEFT + 14}" y="{row + 9}" font-size="11">{escape(label)}</text>'
    )


BAR_HEIGHT, BAR_GAP = 22, 16


def _bar_chart(
    title: str,
    description: str,
    day: dt.date,
    series: Mapping[str, Sequence[int]],
    day_label: Callable[[dt.date], str],
    chart_id: str,
) -> str:
    """One day's figures: a horizontal bar per series with its value and name."""
    values = {label: (list(v) or [0])[-1] for label, v in series.items()}
    top = max([1, *values.values()])
    plot_w = WIDTH - LEFT - RIGHT - 48  # room for the value after the longest bar
    height = TOP + 18 + (BAR_HEIGHT + BAR_GAP) * len(values)
    parts = [
        *_head(title, description, height, chart_id),
        f'<text x="{LEFT}" y="{TOP}" font-size="12" class="x-label">{escape(day_label(day))}'
        "</text>",
    ]
    for number, (label, value) in enumerate(values.items()):
        colour = COLOURS[number % len(COLOURS)]
        y = TOP + 12 + number * (BAR_HEIGHT + BAR_GAP)
        width = max(2.0, value / top * plot_w)
        parts.append(
            f'<rect class="bar" x="{LEFT}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" '
            f'fill="{colour}"/>'
            f'<text x="{LEFT + width + 6:.1f}" y="{y + 15}" font-size="12">{value}</text>'
            f'<text x="{LEFT + 4}" y="{y + BAR_HEIGHT + 8}" font-size="10">{escape(label)}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


#: The trend in two charts, each on its own scale: hundreds of datasets would
#: flatten a handful of flags (and the other way round) on one axis.
TREND_CHARTS = (
    ("datasets", ("public", "overdue", "due_soon")),
    ("flags", ("open_flags",)),
)


def trend_charts(trend: list[dict[str, Any]], day_label: Callable[[dt.date], str]) -> Markup:
    """The trend as SVG charts, datasets and flags apart (escaped; safe to embed)."""
    days = [dt.date.fromisoformat(point["day"]) for point in trend]
    texts = {
        "datasets": (
            tk._("Datasets over time"),
            tk._("Public, overdue and due-soon datasets, day by day."),
        ),
        "flags": (tk._("Open quality flags over time"), tk._("Open quality flags, day by day.")),
    }
    charts = []
    for key, names in TREND_CHARTS:
        series = {
            trend_label(name): [trend_value(p["figures"], name) for p in trend] for name in names
        }
        title, description = texts[key]
        svg = line_chart(
            title,
            description,
            days,
            series,
            day_label=day_label,
            chart_id=f"lutsk-charter-chart-{key}",
        )
        charts.append(
            f'<figure class="lutsk-charter-chart-figure"><figcaption class="fs-6">'
            f"{markup_escape(title)}</figcaption>{svg}</figure>"
        )
    return Markup('<div class="lutsk-charter-charts">' + "".join(charts) + "</div>")
