"""Actions of the Charter action plan: plans and their progress.

Measures and their history are in ``plan_measures.py``; reports and feedback in
``plan_reports.py``; indicators in ``plan_data.py``; control, import, export and
publication in ``plan_io.py``.
"""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ckanext.lutsk_charter.clock import today
from ckanext.lutsk_charter.logic import schema_plan as schema
from ckanext.lutsk_charter.logic.context import commit, is_sysadmin, session_of, user_id
from ckanext.lutsk_charter.model import plan_queries
from ckanext.lutsk_charter.plan import service
from ckanext.lutsk_charter.plan.progress import progress

_ = tk._


@tk.validate_action_data(schema.plan_create)
def lutsk_charter_plan_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Create an action plan (sysadmins only). It starts as a draft unless ``state`` says otherwise.

    :param name: URL name, e.g. ``charter-2024-2025`` (2–100 of ``a-z 0-9 - _``)
    :type name: string
    :param title_uk: title in Ukrainian
    :type title_uk: string
    :param title_en: title in English (optional; the public page says when it is missing)
    :type title_en: string
    :param description_uk: description in Ukrainian (optional)
    :type description_uk: string
    :param description_en: description in English (optional)
    :type description_en: string
    :param period_start: first day of the plan, ``YYYY-MM-DD``
    :type period_start: string
    :param period_end: last day of the plan, ``YYYY-MM-DD``
    :type period_end: string
    :param document_number: number of the approving document, e.g. ``123``
    :type document_number: string
    :param document_date: date of the approving document
    :type document_date: string
    :param document_url: link to the approving document
    :type document_url: string
    :param state: ``draft`` (default), ``approved`` or ``closed``
    :type state: string
    :param current: whether this is the current plan (the one ``/charter`` shows);
        making one current makes the others not
    :type current: bool
    :param reporting_period: ``half_year`` (default), ``quarter`` or ``year``
    :type reporting_period: string
    :param report_due_day: reports are due by this day of the month after a period (default 10)
    :type report_due_day: int

    :returns: the plan, as ``lutsk_charter_plan_show`` gives it
    :rtype: dictionary
    :raises: ``ValidationError`` (409) for a taken name or bad values
    """
    tk.check_access("lutsk_charter_plan_create", context, data_dict)
    plan = service.create_plan(
        session_of(context), service.given(data_dict, service.PLAN_FIELDS), user_id(context)
    )
    result = service.plan_dict(plan)
    commit(context)
    return result


@tk.validate_action_data(schema.plan_update)
def lutsk_charter_plan_update(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Change an action plan (sysadmins only); only the fields given change, and the
    history keeps what changed. A plan approved or closed cannot go back to draft.

    :param id: the plan's id or name
    :type id: string

    The other parameters are those of ``lutsk_charter_plan_create``.

    :returns: the plan
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_plan_update", context, data_dict)
    session = session_of(context)
    plan = service.get_plan(session, data_dict["id"])
    service.update_plan(
        session, plan, service.given(data_dict, service.PLAN_FIELDS), user_id(context)
    )
    result = service.plan_dict(plan)
    commit(context)
    return result


@tk.side_effect_free
@tk.validate_action_data(schema.plan_show)
def lutsk_charter_plan_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """An action plan (anyone for an approved or closed one; a draft only sysadmins).

    :param id: the plan's id or name (default: the current plan)
    :type id: string

    :returns: ``id``, ``name``, ``title_uk``, ``title_en``, ``description_uk``,
        ``description_en``, ``period_start``, ``period_end``, ``document``
        (``number``, ``date``, ``url``), ``state``, ``current``,
        ``reporting_period``, ``report_due_day``, ``periods`` (the reporting
        periods, e.g. ``["2024-H1", "2024-H2", ...]``), ``translation_missing``
        (the texts with no English yet), ``created``, ``modified``
    :rtype: dictionary
    :raises: ``ObjectNotFound`` when there is no such plan (or no current one)
    """
    tk.check_access("lutsk_charter_plan_show", context, data_dict)
    return service.plan_dict(service.get_plan(session_of(context), data_dict.get("id")))


@tk.side_effect_free
@tk.validate_action_data(schema.plan_list)
def lutsk_charter_plan_list(context: Context, data_dict: DataDict) -> list[dict[str, Any]]:
    """The action plans, newest period first; drafts only for sysadmins.

    :param state: only plans in this state (``draft``, ``approved``, ``closed``)
    :type state: string

    :returns: the plans, as ``lutsk_charter_plan_show`` gives them
    :rtype: list of dictionaries
    """
    tk.check_access("lutsk_charter_plan_list", context, data_dict)
    found = plan_queries.plans(session_of(context), data_dict.get("state"), is_sysadmin(context))
    return [service.plan_dict(p) for p in found]


@tk.side_effect_free
@tk.validate_action_data(schema.plan_progress)
def lutsk_charter_plan_progress(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """How far an action plan has come on a day: overall, per principle, per measure.

    A measure's ``progress`` (0–100) is 100 when done, 0 when cancelled; bound to a
    live indicator with a target, the indicator's stored value on the day over the
    target (at most 100); otherwise the percent of its latest accepted report.
    ``overdue``: planned or in progress with its deadline passed on the day.
    Indicator values are those stored by the daily snapshot on or before the
    day (``ckan lutsk-charter snapshot``). The number of SQL statements does not
    grow with the number of measures.

    :param id: the plan's id or name (default: the current plan)
    :type id: string
    :param date: the day, ``YYYY-MM-DD`` (default today in Kyiv)
    :type date: string

    :returns: ``plan`` (as ``lutsk_charter_plan_show``), ``date``, ``totals`` and
        per principle (``principles``: ``code`` plus the same keys) a summary —
        ``measures``, ``by_status`` (planned, in_progress, done, cancelled),
        ``overdue``, ``done_share`` and ``progress`` (percent, cancelled measures
        left out; null when none) — and ``measures``: each as
        ``lutsk_charter_measure_show`` without its history, plus ``progress``,
        ``reported_percent``, ``indicator`` (null, or ``code``,
        ``organization_id``, ``value``, ``numerator``, ``denominator``, ``day``,
        ``target``, ``target_date``, ``progress``, ``trend``: ``[{day, value}]``)
        and ``reports`` (per period owed so far: ``period``, ``due``, ``state`` —
        accepted, submitted, returned, missing or open —, ``version``,
        ``percent``, ``report_id``)
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_plan_progress", context, data_dict)
    plan = service.get_plan(session_of(context), data_dict.get("id"))
    return progress(session_of(context), plan, data_dict.get("date") or today())
