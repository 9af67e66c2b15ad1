"""Live indicators: figures the portal computes from its own data.

Each indicator computes its value for the city ("") and for every body at once
from the figures other parts of the extension already compute (the monitoring
figures of ``lutsk_charter_monitor_show``, the 835 coverage of
``lutsk_charter_required_dataset_coverage``, the resources' schema and
validation), so nothing is counted differently here. Other plugins add
indicators through ``interfaces.ICharterIndicators``.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

import ckan.plugins as p
import ckan.plugins.toolkit as tk
from ckan.types import Context

from ckanext.lutsk_charter.plan.codes import N_

Unit = Literal["percent", "count"]
UNITS: dict[str, str] = {"percent": N_("%"), "count": N_("datasets")}


@dataclass(frozen=True)
class Figure:
    """An indicator's value for one scope, with what it is the share of."""

    value: float | None
    numerator: int | None = None
    denominator: int | None = None

    def as_dict(self) -> dict[str, Any]:
        return {"value": self.value, "numerator": self.numerator, "denominator": self.denominator}


def share(numerator: int, denominator: int) -> Figure:
    """A percentage with one decimal (None when there is nothing to share)."""
    if not denominator:
        return Figure(None, numerator, denominator)
    return Figure(round(100.0 * numerator / denominator, 1), numerator, denominator)


class Sources:
    """What the indicators are computed from, each read at most once per computation."""

    def __init__(self, context: Context) -> None:
        self.context = context

    def _act(self, action: str, data: dict[str, Any]) -> Any:
        inner: Any = {
            "ignore_auth": True,
            "user": self.context.get("user", ""),
            "session": self.context.get("session"),
        }
        return tk.get_action(action)(inner, data)

    @functools.cached_property
    def monitor(self) -> dict[str, Any]:
        """``lutsk_charter_monitor_show`` for every body: ``bodies`` and ``city``."""
        return self._act("lutsk_charter_monitor_show", {})

    @functools.cached_property
    def coverage(self) -> dict[str, Any]:
        """``lutsk_charter_required_dataset_coverage`` of the city."""
        return self._act("lutsk_charter_required_dataset_coverage", {})

    @functools.cached_property
    def resources(self) -> dict[str, dict[str, int]]:
        """Per body ("" the city): tabular, with_schema, validated, passing resources."""
        from ckan import model

        from ckanext.lutsk_charter.model.plan_queries import resource_counts
        from ckanext.lutsk_charter.quality.checks import TABULAR

        return resource_counts(self.context.get("session") or model.Session, TABULAR)

    def body_ids(self) -> list[str]:
        return [b["id"] for b in self.monitor["bodies"]]


Compute = Callable[[Sources], dict[str, Figure]]


@dataclass(frozen=True)
class Indicator:
    """A live indicator: its code, catalog label and description, unit, computation."""

    code: str
    label: str
    description: str
    unit: Unit
    compute: Compute


def _per_body(
    sources: Sources, city: Figure, of_body: Callable[[dict[str, Any]], Figure]
) -> dict[str, Figure]:
    found = {"": city}
    for body in sources.monitor["bodies"]:
        found[body["id"]] = of_body(body)
    return found


def _coverage(sources: Sources, want_current: bool) -> dict[str, Figure]:
    """The share of the 835 items that apply, published (and current), as the coverage counts.

    For the city every active item; for a body the items for all holders and the
    local ones it linked a dataset to (the coverage action's rule for one body).
    """
    from ckanext.lutsk_charter.types import REQUIRED_SECTIONS

    items = sources.coverage["items"]
    prefix = f"{REQUIRED_SECTIONS['all_holders']}-"
    key = "current" if want_current else "published"
    city = share(sum(1 for i in items if i[key]), len(items))
    found = {"": city}
    for body_id in sources.body_ids():
        applies = published = 0
        for item in items:
            mine = [
                d for d in item["datasets"] if (d.get("organization") or {}).get("id") == body_id
            ]
            if not mine and not item["code"].startswith(prefix):
                continue
            applies += 1
            if mine and (not want_current or any(d["current"] for d in mine)):
                published += 1
        found[body_id] = share(published, applies)
    return found


def _items_published(sources: Sources) -> dict[str, Figure]:
    return _coverage(sources, want_current=False)


def _items_current(sources: Sources) -> dict[str, Figure]:
    return _coverage(sources, want_current=True)


def _bodies_with_persons(sources: Sources) -> dict[str, Figure]:
    bodies = sources.monitor["bodies"]
    both = [bool(b["creator"]) and bool(b["publisher"]) for b in bodies]
    return {
        "": share(sum(both), len(bodies)),
        **{b["id"]: share(int(ok), 1) for b, ok in zip(bodies, both, strict=True)},
    }


def _not_overdue_of(figures: dict[str, Any]) -> Figure:
    public = int(figures["public"])
    return share(public - int(figures["timeliness"]["overdue"]), public)


def _not_overdue(sources: Sources) -> dict[str, Figure]:
    return _per_body(sources, _not_overdue_of(sources.monitor["city"]), _not_overdue_of)


def _good_of(figures: dict[str, Any]) -> Figure:
    bands = figures["bands"]
    return share(int(bands["excellent"]) + int(bands["good"]), int(figures["public"]))


def _good_or_better(sources: Sources) -> dict[str, Figure]:
    return _per_body(sources, _good_of(sources.monitor["city"]), _good_of)


def _public_of(figures: dict[str, Any]) -> Figure:
    return Figure(float(figures["public"]), int(figures["public"]), None)


def _public(sources: Sources) -> dict[str, Figure]:
    return _per_body(sources, _public_of(sources.monitor["city"]), _public_of)


def _resource_share(sources: Sources, numerator: str, denominator: str) -> dict[str, Figure]:
    counts = sources.resources
    found = {"": share(counts[""][numerator], counts[""][denominator])}
    for body_id in sources.body_ids():
        body = counts.get(body_id) or {numerator: 0, denominator: 0}
        found[body_id] = share(body[numerator], body[denominator])
    return found


def _with_schema(sources: Sources) -> dict[str, Figure]:
    return _resource_share(sources, "with_schema", "tabular")


def _passing(sources: Sources) -> dict[str, Figure]:
    return _resource_share(sources, "passing", "validated")


BUILT_IN: tuple[Indicator, ...] = (
    Indicator(
        "required_published",
        N_("Resolution 835 datasets published"),
        N_("Share of the datasets Resolution 835 requires that are published."),
        "percent",
        _items_published,
    ),
    Indicator(
        "required_current",
        N_("Resolution 835 datasets published and current"),
        N_("Share of the datasets Resolution 835 requires that are published and not overdue."),
        "percent",
        _items_current,
    ),
    Indicator(
        "bodies_with_persons",
        N_("Bodies with a creator and a publisher"),
        N_("Share of bodies with a current person who creates and one who publishes open data."),
        "percent",
        _bodies_with_persons,
    ),
    Indicator(
        "datasets_not_overdue",
        N_("Public datasets not overdue"),
        N_("Share of public datasets updated as often as they promise."),
        "percent",
        _not_overdue,
    ),
    Indicator(
        "tabular_with_schema",
        N_("Tabular resources with a Table Schema"),
        N_(
            "Share of tabular resources (CSV, TSV, XLS, XLSX, ODS) of public datasets "
            "with a Table Schema."
        ),
        "percent",
        _with_schema,
    ),
    Indicator(
        "validation_passing",
        N_("Validated resources passing"),
        N_("Share of validated resources of public datasets that passed the data validation."),
        "percent",
        _passing,
    ),
    Indicator(
        "datasets_good_or_better",
        N_("Datasets rated Good or better"),
        N_("Share of public datasets in the quality band Good or Excellent."),
        "percent",
        _good_or_better,
    ),
    Indicator(
        "public_datasets",
        N_("Public datasets"),
        N_("Number of public datasets on the portal."),
        "count",
        _public,
    ),
)


def registered() -> dict[str, Indicator]:
    """The built-in indicators and those of plugins (``ICharterIndicators``), by code."""
    from ckanext.lutsk_charter.interfaces import ICharterIndicators

    found = {i.code: i for i in BUILT_IN}
    for plugin in p.PluginImplementations(ICharterIndicators):
        for indicator in plugin.charter_indicators():
            found.setdefault(indicator.code, indicator)
    return found


def compute(context: Context, codes: list[str] | None = None) -> dict[str, dict[str, Figure]]:
    """``{code: {body id or "": Figure}}`` of the indicators asked for (default all)."""
    indicators = registered()
    sources = Sources(context)
    return {
        code: indicators[code].compute(sources)
        for code in (codes if codes is not None else list(indicators))
        if code in indicators
    }
