"""The monitoring service: figures per body and of the city, trends, daily snapshots."""

from __future__ import annotations

import datetime as dt
from typing import Any

from ckan import model
from ckan.types import AlchemySession, Context

from ckanext.lutsk_charter import timeliness
from ckanext.lutsk_charter.clock import now, portal_zone, today
from ckanext.lutsk_charter.model import monitoring as tables
from ckanext.lutsk_charter.model import monitoring_states as live
from ckanext.lutsk_charter.model import monitoring_summary as summary
from ckanext.lutsk_charter.model.queries import org_summaries
from ckanext.lutsk_charter.monitoring.figures import (
    Figures,
    body_figures,
    city_figures,
    summary_figures,
)
from ckanext.lutsk_charter.monitoring.states import DatasetState
from ckanext.lutsk_charter.quality.service import registered_checks

TREND_DAYS = 90


def _bodies(organization_id: str | None) -> list[dict[str, str]]:
    bodies = org_summaries(None)
    if organization_id:
        return [bodies[organization_id]] if organization_id in bodies else []
    return list(bodies.values())


def compute(
    context: Context, organization_id: str | None
) -> tuple[list[dict[str, str]], dict[str, Figures], Figures]:
    """The bodies, their figures and the sum, in a handful of queries whatever the number of
    datasets (from the summary once it is built)."""
    session = model.Session
    bodies = _bodies(organization_id)
    ids = [b["id"] for b in bodies]
    zone = portal_zone()
    day = timeliness.local_day(now(), zone)
    principle_of = {c.code: c.principle for c in registered_checks()}
    persons = tables.current_roles(session, today())
    if summary.is_built(session, str(zone)):
        codes: dict[str, list[str]] = {}
        for code, principle in principle_of.items():
            codes.setdefault(principle, []).append(code)
        counts = summary.body_counts(session, organization_id, codes)
        dates = summary.body_dates(session, day, organization_id)
        figures = summary_figures(ids, counts, dates, persons)
    else:
        by_state, by_code = live.counts(session, day, str(zone), organization_id)
        figures = body_figures(ids, by_state, by_code, persons, principle_of)
    return bodies, figures, city_figures(figures.values())


def state_of(state: DatasetState) -> str:
    if state.draft:
        return "draft"
    if state.private:
        return "private"
    return state.state


def dataset_row(state: DatasetState, titles: dict[str, str]) -> dict[str, Any]:
    return {
        "id": state.id,
        "name": state.name,
        "title": state.title,
        "organization_id": state.owner_org,
        "organization_title": titles.get(state.owner_org or "", ""),
        "state": state_of(state),
        "update_frequency": state.frequency,
        "data_changed_at": state.data_changed_at.isoformat() if state.data_changed_at else None,
        "due": state.due.isoformat() if state.due else None,
        "days_left": state.days_left,
        "band": state.band,
        "open_flags": len(state.open_codes),
    }


def trend(context: Context, organization_id: str) -> list[dict[str, Any]]:
    since = today() - dt.timedelta(days=TREND_DAYS)
    rows = tables.snapshots_since(model.Session, organization_id, since)
    return [{"day": day.isoformat(), "figures": figures} for day, figures in rows]


def store_snapshot(session: Any, figures: dict[str, Figures], city: Figures) -> dt.date:
    """Write today's figures of every body and of the city; the same day again replaces them."""
    day = today()
    tables.store_snapshots(
        session, day, now(), {f.organization_id: f.as_dict() for f in [*figures.values(), city]}
    )
    return day


def keep_current(session: AlchemySession, package_ids: list[str], forget: bool = False) -> None:
    """The summary of these datasets, written again in the transaction that changed them
    (``forget``: they are being deleted)."""
    session.flush()  # CKAN's session does not autoflush: let the statement see this save
    summary.refresh(session, package_ids, str(portal_zone()), forget)


def rebuild_summary(session: AlchemySession) -> None:
    """The whole summary written from the packages (the daily snapshot does it first)."""
    summary.rebuild(session, str(portal_zone()), now())
