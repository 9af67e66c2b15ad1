"""The dashboard's figures per body and city-wide (pure: states in, numbers out)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from typing import Any

from .states import DatasetState

TIMELINESS = ("normal", "due_soon", "overdue", "inactive")
BANDS = ("excellent", "good", "sufficient", "bad", "unscored")
#: Figures drawn over time from the daily snapshots.
TREND_SERIES = ("public", "overdue", "due_soon", "open_flags")


@dataclass
class Figures:
    """One body's figures (or the city's, ``organization_id`` "")."""

    organization_id: str
    public: int = 0
    private: int = 0
    draft: int = 0
    #: Public datasets by timeliness: normal, due_soon, overdue, inactive.
    timeliness: dict[str, int] = field(default_factory=lambda: dict.fromkeys(TIMELINESS, 0))
    #: Public datasets by quality band (``unscored``: never checked).
    bands: dict[str, int] = field(default_factory=lambda: dict.fromkeys(BANDS, 0))
    #: Open quality flags (public and private datasets) by Charter principle.
    flags: dict[str, int] = field(default_factory=dict)
    #: Whether a current person creates / publishes the body's data (bodies with both, city-wide).
    creator: bool | int = False
    publisher: bool | int = False
    #: When public data last changed.
    last_publication: dt.datetime | None = None

    @property
    def open_flags(self) -> int:
        return sum(self.flags.values())

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["open_flags"] = self.open_flags
        data["last_publication"] = (
            self.last_publication.isoformat() if self.last_publication else None
        )
        return data


def body_figures(
    states: Iterable[DatasetState],
    bodies: Iterable[str],
    persons: Mapping[str, set[str]],
    principle_of: Mapping[str, str],
) -> dict[str, Figures]:
    """Figures of each body in ``bodies`` (ids); ``persons`` maps a body to its current roles."""
    found = {
        body: Figures(
            body,
            creator="creator" in persons.get(body, set()),
            publisher="publisher" in persons.get(body, set()),
        )
        for body in bodies
    }
    for state in states:
        figures = found.get(state.owner_org or "")
        if figures is None:
            continue
        for code in state.open_codes:
            principle = principle_of.get(code)
            if principle:
                figures.flags[principle] = figures.flags.get(principle, 0) + 1
        if state.draft:
            figures.draft += 1
            continue
        if state.private:
            figures.private += 1
            continue
        figures.public += 1
        figures.timeliness[state.state] += 1
        figures.bands[state.band or "unscored"] += 1
        if state.data_changed_at and (
            figures.last_publication is None or state.data_changed_at > figures.last_publication
        ):
            figures.last_publication = state.data_changed_at
    return found


def city_figures(bodies: Iterable[Figures]) -> Figures:
    """The sum over the bodies; ``creator``/``publisher`` count the bodies that have one."""
    city = Figures("", creator=0, publisher=0)
    for body in bodies:
        city.public += body.public
        city.private += body.private
        city.draft += body.draft
        for key, count in body.timeliness.items():
            city.timeliness[key] += count
        for key, count in body.bands.items():
            city.bands[key] += count
        for key, count in body.flags.items():
            city.flags[key] = city.flags.get(key, 0) + count
        city.creator += bool(body.creator)
        city.publisher += bool(body.publisher)
        if body.last_publication and (
            city.last_publication is None or body.last_publication > city.last_publication
        ):
            city.last_publication = body.last_publication
    return city


def trend_value(figures: Mapping[str, Any], series: str) -> int:
    """One of ``TREND_SERIES`` from stored figures (``as_dict`` shape)."""
    if series in ("overdue", "due_soon"):
        return int(figures.get("timeliness", {}).get(series, 0))
    return int(figures.get(series, 0))
