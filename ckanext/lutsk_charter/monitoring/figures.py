"""The dashboard's figures per body and city-wide (pure: states in, numbers out)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ckanext.lutsk_charter.types import MONITOR_BANDS, TIMELINESS

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
    bands: dict[str, int] = field(default_factory=lambda: dict.fromkeys(MONITOR_BANDS, 0))
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
        """The API shape: the fields in order (copies of the counts), then ``open_flags``.

        Written out rather than ``dataclasses.asdict``, which deep-copies and costs
        more than computing the figures of two thousand bodies.
        """
        return {
            "organization_id": self.organization_id,
            "public": self.public,
            "private": self.private,
            "draft": self.draft,
            "timeliness": dict(self.timeliness),
            "bands": dict(self.bands),
            "flags": dict(self.flags),
            "creator": self.creator,
            "publisher": self.publisher,
            "last_publication": (
                self.last_publication.isoformat() if self.last_publication else None
            ),
            "open_flags": self.open_flags,
        }


def _empty_figures(bodies: Iterable[str], persons: Mapping[str, set[str]]) -> dict[str, Figures]:
    """Zero figures of each body, with whether it has a current creator and publisher."""
    return {
        body: Figures(
            body,
            creator="creator" in persons.get(body, set()),
            publisher="publisher" in persons.get(body, set()),
        )
        for body in bodies
    }


def body_figures(
    bodies: Iterable[str],
    by_state: Iterable[Any],
    by_code: Iterable[Any],
    persons: Mapping[str, set[str]],
    principle_of: Mapping[str, str],
) -> dict[str, Figures]:
    """Figures of each body in ``bodies`` (ids) from grouped counts.

    ``by_state``: ``(owner_org, publication_state, band, n, last_change)`` rows;
    ``by_code``: ``(owner_org, code, n)`` of open flag codes; ``persons`` maps a
    body to the roles it has a current person in.
    """
    found = _empty_figures(bodies, persons)
    for owner_org, publication_state, band, n, last_change in by_state:
        figures = found.get(owner_org or "")
        if figures is None:
            continue
        if publication_state == "draft":
            figures.draft += n
        elif publication_state == "private":
            figures.private += n
        else:
            figures.public += n
            figures.timeliness[publication_state] += n
            figures.bands[band or "unscored"] += n
            if last_change and (
                figures.last_publication is None or last_change > figures.last_publication
            ):
                figures.last_publication = last_change
    for owner_org, code, n in by_code:
        figures = found.get(owner_org or "")
        principle = principle_of.get(code)
        if figures is not None and principle:
            figures.flags[principle] = figures.flags.get(principle, 0) + n
    return found


def summary_figures(
    bodies: Iterable[str],
    counts: Mapping[str, Mapping[str, int]],
    dates: Iterable[Any],
    persons: Mapping[str, set[str]],
) -> dict[str, Figures]:
    """Figures of each body in ``bodies`` (ids) from the dashboard's summary, the same as
    ``body_figures`` gives from the datasets' states.

    ``counts``: per body ``{key: n}`` (``public``, ``private``, ``draft``, ``inactive``,
    ``band:<band>`` as ``model.MonitorCount``, and ``group:<principle>``: datasets with
    an open flag of each code of the principle, summed); ``dates``:
    ``(body, last_publication, overdue, due_soon)`` rows.
    """
    found = _empty_figures(bodies, persons)
    for body, figures in found.items():
        for key, n in counts.get(body, {}).items():
            kind, _, value = key.partition(":")
            if kind == "band":
                figures.bands[value or "unscored"] += n
            elif kind == "group":
                figures.flags[value] = n
            elif kind in ("public", "private", "draft"):
                setattr(figures, kind, n)
            elif kind == "inactive":
                figures.timeliness["inactive"] = n
    for body, last_publication, overdue, due_soon in dates:
        figures = found.get(body)
        if figures is None:
            continue
        figures.last_publication = last_publication if figures.public else None
        figures.timeliness["overdue"] = overdue
        figures.timeliness["due_soon"] = due_soon
        figures.timeliness["normal"] = (
            figures.public - figures.timeliness["inactive"] - overdue - due_soon
        )
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
