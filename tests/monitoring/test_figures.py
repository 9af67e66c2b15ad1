"""Figures and charts of the dashboard (pure)."""

from __future__ import annotations

import datetime as dt
import xml.etree.ElementTree as ET

from ckanext.lutsk_charter.monitoring.charts import line_chart
from ckanext.lutsk_charter.monitoring.figures import body_figures, city_figures, trend_value
from ckanext.lutsk_charter.monitoring.states import DatasetState

NOW = dt.datetime(2026, 11, 27, tzinfo=dt.timezone.utc)


def state(body: str, **kw) -> DatasetState:
    base = {
        "id": f"d{len(kw)}{body}", "name": "d", "title": "D", "owner_org": body,
        "private": False, "draft": False, "frequency": "once a month", "maintainer_email": "",
        "data_changed_at": NOW, "state": "normal", "due": None, "days_left": None,
        "band": "good", "open_codes": (),
    }  # fmt: skip
    return DatasetState(**{**base, **kw})


def test_counts_by_visibility_state_band_and_principle():
    states = [
        state("a", state="overdue", band="bad", open_codes=("overdue", "no_tags")),
        state("a", state="due_soon", data_changed_at=NOW - dt.timedelta(days=20)),
        state("a", private=True, state="normal", open_codes=("no_resources",)),
        state("a", draft=True),
        state("b", state="inactive", band=None),
        state("elsewhere"),  # a body not asked for
    ]
    principle_of = {
        "overdue": "timely_and_comprehensive",
        "no_tags": "inclusive_development",
        "no_resources": "accessible_and_usable",
    }
    figures = body_figures(states, ["a", "b"], {"b": {"creator", "publisher"}}, principle_of)
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
    assert a.last_publication == NOW
    assert (a.creator, a.publisher, b.creator, b.publisher) == (False, False, True, True)
    assert b.bands["unscored"] == 1
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
    single = ET.fromstring(line_chart("t", "d", days[:1], {"x": [5]}))
    assert len(single.findall(f"{ns}circle")) == 1
