"""Actions of the ICT department's monitoring: figures per body, trends, daily snapshots."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context, DataDict

from ckanext.lutsk_charter.clock import now, portal_zone
from ckanext.lutsk_charter.logic import schema
from ckanext.lutsk_charter.model.queries import get_group
from ckanext.lutsk_charter.monitoring import service
from ckanext.lutsk_charter.monitoring.states import dataset_page


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
        organization_id = get_group(data_dict["organization_id"]).id
    bodies, figures, city = service.compute(context, organization_id)
    result: dict[str, Any] = {
        "bodies": [{**b, **figures[b["id"]].as_dict()} for b in bodies],
        "city": city.as_dict(),
        "trend": service.trend(context, organization_id or ""),
    }
    if data_dict.get("include_datasets"):
        of_body = organization_id
        if data_dict.get("datasets_organization_id"):
            of_body = get_group(data_dict["datasets_organization_id"]).id
        page, total = dataset_page(
            model.Session,
            now(),
            portal_zone(),
            of_body,
            data_dict.get("state"),
            data_dict.get("limit"),
            int(data_dict.get("offset") or 0),
        )
        titles = {b["id"]: b["title"] for b in bodies}
        result["datasets"] = [service.dataset_row(s, titles) for s in page]
        result["datasets_count"] = total
    return result


@tk.validate_action_data(schema.monitor_snapshot)
def lutsk_charter_monitor_snapshot(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Store today's figures of every body and of the city (the trends' data points).

    Sysadmins only; run daily from cron (``ckan lutsk-charter snapshot``). Running
    it again the same day replaces that day's figures, never adds a second point.
    It first writes the dashboard's summary again from the datasets themselves (the
    first run builds it; saves and quality checks keep it current in between).

    :returns: ``{"day": today, "bodies": how many bodies were stored}``
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_monitor_snapshot", context, data_dict)
    service.rebuild_summary(model.Session)
    bodies, figures, city = service.compute(context, None)
    day = service.store_snapshot(model.Session, figures, city)
    if not context.get("defer_commit"):
        model.Session.commit()
    return {"day": day.isoformat(), "bodies": len(bodies)}
