"""Actions of the ICT department's monitoring: figures per body, trends, daily snapshots."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

import ckan.plugins.toolkit as tk
import sqlalchemy as sa
from ckan.types import Context, DataDict

from ckanext.lutsk_charter.logic import schema
from ckanext.lutsk_charter.logic.action._common import now, portal_zone, today
from ckanext.lutsk_charter.logic.action.quality import registered_checks
from ckanext.lutsk_charter.model import MonitorSnapshot
from ckanext.lutsk_charter.model.responsible import ResponsibleAssignment
from ckanext.lutsk_charter.monitoring.figures import Figures, body_figures, city_figures
from ckanext.lutsk_charter.monitoring.states import DatasetState, counts, dataset_page

TREND_DAYS = 90


def _bodies(context: Context, organization_id: str | None) -> list[dict[str, str]]:
    group = context["model"].group_table
    query = sa.select(group.c.id, group.c.name, group.c.title).where(
        group.c.is_organization.is_(True), group.c.state == "active"
    )
    if organization_id:
        query = query.where(group.c.id == organization_id)
    rows = context["session"].execute(query.order_by(group.c.title)).all()
    return [{"id": r.id, "name": r.name, "title": r.title or r.name} for r in rows]


def _persons(context: Context, day: dt.date) -> dict[str, set[str]]:
    table = ResponsibleAssignment
    rows = context["session"].execute(
        sa.select(table.organization_id, table.role)
        .where(table.valid_from <= day)
        .where(sa.or_(table.valid_to.is_(None), table.valid_to > day))
        .where(table.superseded_by.is_(None))
        .distinct()
    )
    roles: dict[str, set[str]] = defaultdict(set)
    for organization_id, role in rows:
        roles[organization_id].add(role)
    return roles


def compute(
    context: Context, organization_id: str | None
) -> tuple[list[dict[str, str]], dict[str, Figures], Figures]:
    """The bodies, their figures and the sum, in five queries whatever the number of datasets."""
    bodies = _bodies(context, organization_id)
    by_state, by_code = counts(context["session"], now(), portal_zone(), organization_id)
    principle_of = {c.code: c.principle for c in registered_checks()}
    figures = body_figures(
        [b["id"] for b in bodies], by_state, by_code, _persons(context, today()), principle_of
    )
    return bodies, figures, city_figures(figures.values())


@tk.side_effect_free
@tk.validate_action_data(schema.monitor_show)
def lutsk_charter_monitor_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """The publication figures of every body and of the city, or of one body.

    Sysadmins see every body; a body's admins pass their ``organization_id``.
    Per body: datasets public, private and draft; public datasets by timeliness
    (normal, due_soon — due within 7 days, overdue, inactive; counted from when
    the data last changed) and by quality band; open quality flags by Charter
    principle; whether a current person creates and publishes its data; when
    its public data last changed. ``trend`` lists the daily snapshots.

    :param organization_id: one body (optional for sysadmins)
    :type organization_id: string
    :param include_datasets: also list the datasets with their states (default false)
    :type include_datasets: bool
    :param state: with ``include_datasets``, only datasets in this state
        (normal, due_soon, overdue, inactive, private, draft)
    :type state: string
    :param datasets_organization_id: with ``include_datasets``, only this body's
        datasets (the figures still cover every body asked for)
    :type datasets_organization_id: string
    :param limit: with ``include_datasets``, at most this many (default: all),
        the soonest due first
    :type limit: int
    :param offset: datasets to skip (default 0)
    :type offset: int

    :returns: ``bodies`` (figures with ``name`` and ``title``), ``city`` (the sum;
        ``creator``/``publisher`` count bodies with one), ``trend``
        (``[{day, figures}]``, oldest first) and, when asked, ``datasets`` with
        ``datasets_count`` (all that match)
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_monitor_show", context, data_dict)
    organization_id = None
    if data_dict.get("organization_id"):
        organization_id = context["model"].Group.get(data_dict["organization_id"]).id
    bodies, figures, city = compute(context, organization_id)
    result: dict[str, Any] = {
        "bodies": [{**b, **figures[b["id"]].as_dict()} for b in bodies],
        "city": city.as_dict(),
        "trend": _trend(context, organization_id or ""),
    }
    if data_dict.get("include_datasets"):
        of_body = organization_id
        if data_dict.get("datasets_organization_id"):
            of_body = context["model"].Group.get(data_dict["datasets_organization_id"]).id
        page, total = dataset_page(
            context["session"],
            now(),
            portal_zone(),
            of_body,
            data_dict.get("state"),
            data_dict.get("limit"),
            int(data_dict.get("offset") or 0),
        )
        titles = {b["id"]: b["title"] for b in bodies}
        result["datasets"] = [_dataset(s, titles) for s in page]
        result["datasets_count"] = total
    return result


def _state_of(state: DatasetState) -> str:
    if state.draft:
        return "draft"
    if state.private:
        return "private"
    return state.state


def _dataset(state: DatasetState, titles: dict[str, str]) -> dict[str, Any]:
    return {
        "id": state.id,
        "name": state.name,
        "title": state.title,
        "organization_id": state.owner_org,
        "organization_title": titles.get(state.owner_org or "", ""),
        "state": _state_of(state),
        "update_frequency": state.frequency,
        "data_changed_at": state.data_changed_at.isoformat() if state.data_changed_at else None,
        "due": state.due.isoformat() if state.due else None,
        "days_left": state.days_left,
        "band": state.band,
        "open_flags": len(state.open_codes),
    }


def _trend(context: Context, organization_id: str) -> list[dict[str, Any]]:
    since = today() - dt.timedelta(days=TREND_DAYS)
    rows = context["session"].execute(
        sa.select(MonitorSnapshot.day, MonitorSnapshot.figures)
        .where(MonitorSnapshot.organization_id == organization_id, MonitorSnapshot.day >= since)
        .order_by(MonitorSnapshot.day)
    )
    return [{"day": day.isoformat(), "figures": figures} for day, figures in rows]


@tk.validate_action_data(schema.monitor_snapshot)
def lutsk_charter_monitor_snapshot(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Store today's figures of every body and of the city (the trends' data points).

    Sysadmins only; run daily from cron (``ckan lutsk-charter snapshot``). Running
    it again the same day replaces that day's figures, never adds a second point.

    :returns: ``{"day": today, "bodies": how many bodies were stored}``
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_monitor_snapshot", context, data_dict)
    bodies, figures, city = compute(context, None)
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
    context["session"].execute(
        statement.on_conflict_do_update(
            index_elements=["day", "organization_id"],
            set_={"figures": statement.excluded.figures, "taken_at": statement.excluded.taken_at},
        )
    )
    context["session"].commit()
    return {"day": day.isoformat(), "bodies": len(bodies)}
