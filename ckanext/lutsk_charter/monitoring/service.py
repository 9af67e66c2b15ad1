"""The monitoring service: figures per body and of the city, trends, daily snapshots."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import sqlalchemy as sa
from ckan import model
from ckan.types import Context

from ckanext.lutsk_charter.clock import now, portal_zone, today
from ckanext.lutsk_charter.model import MonitorSnapshot
from ckanext.lutsk_charter.model.queries import current_on, org_summaries
from ckanext.lutsk_charter.model.responsible import ResponsibleAssignment
from ckanext.lutsk_charter.monitoring.figures import Figures, body_figures, city_figures
from ckanext.lutsk_charter.monitoring.states import DatasetState, counts
from ckanext.lutsk_charter.quality.service import registered_checks

TREND_DAYS = 90


def _bodies(organization_id: str | None) -> list[dict[str, str]]:
    bodies = org_summaries(None)
    if organization_id:
        return [bodies[organization_id]] if organization_id in bodies else []
    return list(bodies.values())


def _persons(context: Context, day: dt.date) -> dict[str, set[str]]:
    table = ResponsibleAssignment
    rows = model.Session.execute(
        sa.select(table.organization_id, table.role).where(current_on(day)).distinct()
    )
    roles: dict[str, set[str]] = defaultdict(set)
    for organization_id, role in rows:
        roles[organization_id].add(role)
    return roles


def compute(
    context: Context, organization_id: str | None
) -> tuple[list[dict[str, str]], dict[str, Figures], Figures]:
    """The bodies, their figures and the sum, in five queries whatever the number of datasets."""
    bodies = _bodies(organization_id)
    by_state, by_code = counts(model.Session, now(), portal_zone(), organization_id)
    principle_of = {c.code: c.principle for c in registered_checks()}
    figures = body_figures(
        [b["id"] for b in bodies], by_state, by_code, _persons(context, today()), principle_of
    )
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
    rows = model.Session.execute(
        sa.select(MonitorSnapshot.day, MonitorSnapshot.figures)
        .where(MonitorSnapshot.organization_id == organization_id, MonitorSnapshot.day >= since)
        .order_by(MonitorSnapshot.day)
    )
    return [{"day": day.isoformat(), "figures": figures} for day, figures in rows]


def store_snapshot(session: Any, figures: dict[str, Figures], city: Figures) -> dt.date:
    """Write today's figures of every body and of the city; the same day again replaces them."""
    day, moment = today(), now()
    from sqlalchemy.dialects.postgresql import insert

    rows = [
        {
            "day": day,
            "organization_id": f.organization_id,
            "figures": f.as_dict(),
            "taken_at": moment,
        }
        for f in [*figures.values(), city]
    ]
    statement = insert(MonitorSnapshot.__table__).values(rows)
    session.execute(
        statement.on_conflict_do_update(
            index_elements=["day", "organization_id"],
            set_={"figures": statement.excluded.figures, "taken_at": statement.excluded.taken_at},
        )
    )
    return day
