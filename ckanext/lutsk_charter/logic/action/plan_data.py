"""Actions of the action plan's live indicators and the ICT department's control."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ckanext.lutsk_charter.clock import now, today
from ckanext.lutsk_charter.logic import schema_plan_reports as schema
from ckanext.lutsk_charter.logic.context import session_of
from ckanext.lutsk_charter.model import plan_queries
from ckanext.lutsk_charter.model.plan_queries import indicator_trends
from ckanext.lutsk_charter.plan import indicators

_ = tk._

TREND_DAYS = 90


@tk.side_effect_free
@tk.validate_action_data(schema.indicator_list)
def lutsk_charter_indicator_list(context: Context, data_dict: DataDict) -> list[dict[str, Any]]:
    """The live indicators a measure can bind to, with their values now and their trend.

    Values are computed now from the portal's data (the same figures as
    ``lutsk_charter_monitor_show`` and ``lutsk_charter_required_dataset_coverage``);
    the trend is the daily values stored by ``ckan lutsk-charter snapshot``.

    :param organization_id: the values of this body (default: city-wide)
    :type organization_id: string
    :param code: only this indicator
    :type code: string

    :returns: ``[{code, label, description, unit (percent or count), organization_id,
        value, numerator, denominator, trend: [{day, value}]}]``; ``value`` is null
        when there is nothing to count (e.g. a share of no datasets)
    :rtype: list of dictionaries
    """
    tk.check_access("lutsk_charter_indicator_list", context, data_dict)
    scope = data_dict.get("organization_id") or ""
    registered = indicators.registered()
    codes = [data_dict["code"]] if data_dict.get("code") else list(registered)
    values = indicators.compute(context, codes)
    day = today()
    trends = indicator_trends(
        session_of(context), [(c, scope) for c in codes], day - dt.timedelta(days=TREND_DAYS), day
    )
    found = []
    for code in codes:
        indicator = registered[code]
        figure = values[code].get(scope) or indicators.Figure(None)
        found.append(
            {
                "code": code,
                "label": _(indicator.label),
                "description": _(indicator.description),
                "unit": indicator.unit,
                "organization_id": scope or None,
                **figure.as_dict(),
                "trend": [
                    {"day": d.isoformat(), "value": v} for d, v in trends.get((code, scope), [])
                ],
            }
        )
    return found


@tk.validate_action_data(schema.indicator_snapshot)
def lutsk_charter_indicator_snapshot(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Store today's value of every live indicator, city-wide and per body.

    Sysadmins only; ``ckan lutsk-charter snapshot`` runs it daily with the
    monitoring figures. A second run the same day replaces that day's values.

    :returns: ``{"day", "indicators": how many, "values": how many rows stored}``
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_indicator_snapshot", context, data_dict)
    values = indicators.compute(context)
    day, moment = today(), now()
    rows = [
        {
            "code": code,
            "organization_id": scope,
            "day": day,
            "value": figure.value,
            "numerator": figure.numerator,
            "denominator": figure.denominator,
            "taken_at": moment,
        }
        for code, scopes in values.items()
        for scope, figure in scopes.items()
    ]
    plan_queries.store_indicator_values(session_of(context), rows)
    if not context.get("defer_commit"):
        session_of(context).commit()
    return {"day": day.isoformat(), "indicators": len(values), "values": len(rows)}
