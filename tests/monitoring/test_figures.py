"""Figures and charts of the dashboard (pure)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from ckanext.lutsk_charter.monitoring.charts import line_chart
from ckanext.lutsk_charter.monitoring.figures import body_figures, city_figures, trend_value

NOW = dt.datetime(2026, 11, 27, tzinfo=dt.timezone.utc)


def test_counts_by_visibility_state_band_and_principle():
    earlier = NOW - dt.timedelta(days=20)
    by_state = [
        ("a", "overdue", "bad", 1, NOW),
        ("a", "due_soon", "good", 1, earlier),
        ("a", "private", None, 1, NOW),
        ("a", "draft", None, 1, NOW),
        ("b", "inactive", None, 1, earlier),
        ("elsewhere", "normal", "good", 5, NOW),  # a body not asked for
    ]
    by_code = [
        ("a", "overdue", 1),
        ("a", "no_tags", 1),
        ("a", "no_resources", 1),
        ("a", "custom", 2),
    ]
    principle_of = {
        "overdue": "timely_and_comprehensive",
        "no_tags": "inclusive_development",
        "no_resources": "accessible_and_usable",
    }
    figures = body_figures(
        ["a", "b"], by_state, by_code, {"b": {"creator", "publisher"}}, principle_of
    )
    a, b = figures["a"], figures["b"]
    assert (a.public, a.private, a.draft) == (2, 1, 1)
    assert a.timeliness == {"normal": 0, "due_soon": 1, "overdue": 1, "inactive": 0}
    assert a.bands["bad"] == 1
    assert a.bands["good"] == 1
    assert a.flags == {
        "timely_and_comprehensive": 1,
        "inclusive_development": 1,
        "accessible_and_usable": 1,
    }
    assert a.open_flags == 3
    assert a.last_publication == NOW  # of public data only
    assert (a.creator, a.publisher, b.creator, b.publisher) == (False, False, True, True)
    assert b.bands["unscored"] == 1
    assert b.last_publication == earlier
    city = city_figures(figures.values())
    assert city.public == 3
    assert city.timeliness["inactive"] == 1
    assert (city.creator, city.publisher) == (1, 1)
    stored = city.as_dict()
    assert trend_value(stored, "overdue") == 1
    assert trend_value(stored, "open_flags") == 3
    assert trend_value({}, "public") == 0


def test_the_chart_is_valid_svg_with_escaped_labels():
    days = [dt.date(2026, 11, d) for d in (25, 26, 27)]
    svg = line_chart(
        "Публікація <script>",
        "Опис & пояснення",
        days,
        {"Публічні <b>": [1, 2, 3], "Прострочені": [0, 1, 0]},
    )
    root = ET.fromstring(svg)  # well-formed
    ns = "{http://www.w3.org/2000/svg}"
    assert root.find(f"{ns}title").text == "Публікація <script>"
    assert root.find(f"{ns}desc").text == "Опис & пояснення"
    assert len(root.findall(f"{ns}polyline")) == 2
    assert "<script>" not in svg
    assert "<b>" not in svg
    labels = [t.text for t in root.findall(f"{ns}text[@class='x-label']")]
    assert labels == ["2026-11-25", "2026-11-27"]


def test_one_day_of_data_is_a_bar_per_series_under_one_label():
    """Not two identical x labels with the dots in a column: one label, a bar and value each."""
    ns = "{http://www.w3.org/2000/svg}"
    svg = line_chart(
        "t",
        "d",
        [dt.date(2026, 12, 1)],
        {"Публічні": [120], "Прострочені": [7], "Скоро": [0]},
        day_label=lambda d: "1 грудня 2026 р.",
    )
    root = ET.fromstring(svg)
    assert [t.text for t in root.findall(f"{ns}text[@class='x-label']")] == ["1 грудня 2026 р."]
    assert not root.findall(f"{ns}polyline")
    assert not root.findall(f"{ns}circle")
    bars = root.findall(f"{ns}rect[@class='bar']")
    assert len(bars) == 3
    widths = [float(b.get("width")) for b in bars]
    assert widths[0] > widths[1] > 0  # proportional, the zero still visible as a sliver
    texts = [t.text for t in root.findall(f"{ns}text")]
    assert {"120", "7", "0", "Публічні", "Прострочені", "Скоро"} <= set(texts)
