"""Actions of the Charter action plan's measures: create, change, show, list, history."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context, DataDict

from ckanext.lutsk_charter.clock import today
from ckanext.lutsk_charter.logic import schema_plan as schema
from ckanext.lutsk_charter.logic.context import commit, is_sysadmin, session_of, user_id
from ckanext.lutsk_charter.model.plan import Measure, Plan
from ckanext.lutsk_charter.plan import codes, service
from ckanext.lutsk_charter.plan.progress import progress, report_periods

_ = tk._


def _plan_of_measure(context: Context, plan_id: str) -> Plan:
    try:
        return service.get_plan(session_of(context), plan_id)
    except tk.ObjectNotFound as e:
        raise tk.ValidationError({"plan_id": [_("There is no such action plan.")]}) from e


@tk.validate_action_data(schema.measure_create)
def lutsk_charter_measure_create(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Add a measure to an action plan (sysadmins only).

    :param plan_id: the plan's id or name
    :type plan_id: string
    :param number: the measure's number in the plan, e.g. ``1.2`` (unique in the plan)
    :type number: string
    :param position: order on the page (default 0, then by number)
    :type position: int
    :param section_uk: the plan's section, in Ukrainian (``section_en`` in English)
    :type section_uk: string
    :param title_uk: the measure, in Ukrainian (``title_en`` in English)
    :type title_uk: string
    :param description_uk: details (``description_en`` in English)
    :type description_uk: string
    :param principles: codes of the Charter principles it serves: ``open_by_default``,
        ``timely_and_comprehensive``, ``accessible_and_usable``,
        ``comparable_and_interoperable``, ``improved_governance``, ``inclusive_development``
    :type principles: list of strings
    :param lead_organization_id: the lead executor (a body of the portal)
    :type lead_organization_id: string
    :param co_executor_ids: other executing bodies
    :type co_executor_ids: list of strings
    :param deadline_kind: ``date``, ``quarter``, ``half_year``, ``year`` or ``ongoing``
    :type deadline_kind: string
    :param deadline: ``2025-06-30``, ``2024-Q3``, ``2024-H1`` or ``2024`` as the kind
        says; nothing for ``ongoing``
    :type deadline: string
    :param expected_result_uk: the expected result (``expected_result_en`` in English)
    :type expected_result_uk: string
    :param indicator_text_uk: the performance indicator as the plan words it
        (``indicator_text_en`` in English)
    :type indicator_text_uk: string
    :param status: ``planned`` (default), ``in_progress``, ``done`` or ``cancelled``
    :type status: string
    :param cancel_reason_uk: why it was cancelled (required for ``cancelled``;
        ``cancel_reason_en`` in English)
    :type cancel_reason_uk: string
    :param indicator_code: a live indicator the measure's progress follows
        (``lutsk_charter_indicator_list``)
    :type indicator_code: string
    :param indicator_organization_id: the indicator of this body (default: city-wide)
    :type indicator_organization_id: string
    :param indicator_target: the indicator's target value (required with ``indicator_code``)
    :type indicator_target: number
    :param indicator_target_date: by when the target is to be reached
    :type indicator_target_date: string
    :param evidence_dataset_ids: datasets that show the measure carried out
    :type evidence_dataset_ids: list of strings
    :param evidence_item_codes: items of the Resolution 835 list it concerns
    :type evidence_item_codes: list of strings

    :returns: the measure, as ``lutsk_charter_measure_show`` gives it
    :rtype: dictionary
    :raises: ``ValidationError`` (409) for bad values or a number taken in the plan
    """
    tk.check_access("lutsk_charter_measure_create", context, data_dict)
    session = session_of(context)
    plan = _plan_of_measure(context, data_dict["plan_id"])
    measure = service.create_measure(
        session, plan, service.given(data_dict, service.MEASURE_FIELDS), user_id(context)
    )
    result = _measure_show(context, plan, measure)
    commit(context)
    return result


@tk.validate_action_data(schema.measure_update)
def lutsk_charter_measure_update(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """Change a measure (sysadmins only); only the fields given change, each change is
    kept in its history. Moving the deadline of a measure of an approved (or closed)
    plan needs ``deadline_document``, and the old deadline is kept.

    :param id: the measure's id
    :type id: string
    :param deadline_document: the document that moved the deadline, e.g.
        ``розпорядження від 01.10.2024 № 456``
    :type deadline_document: string

    The other parameters are those of ``lutsk_charter_measure_create`` (but ``plan_id``).

    :returns: the measure
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_measure_update", context, data_dict)
    session = session_of(context)
    measure = service.get_measure(session, data_dict["id"])
    plan = service.get_plan(session, measure.plan_id)
    data = service.given(data_dict, (*service.MEASURE_FIELDS, "deadline_document"))
    service.update_measure(session, plan, measure, data, user_id(context))
    result = _measure_show(context, plan, measure)
    commit(context)
    return result


def _measure_show(context: Context, plan: Plan, measure: Measure) -> dict[str, Any]:
    session = session_of(context)
    from ckanext.lutsk_charter.model.plan_queries import latest_reports

    day = today()
    result = service.measure_dict(measure, service.bodies_of(session, [measure]), day)
    reports = latest_reports(session, [measure.id]).get(measure.id, [])
    result["reports"] = report_periods(plan, measure, reports, day)
    result["deadline_changes"] = service.deadline_changes(session, measure.id)
    result["plan"] = {"id": plan.id, "name": plan.name, "state": plan.state}
    return result


@tk.side_effect_free
@tk.validate_action_data(schema.measure_show)
def lutsk_charter_measure_show(context: Context, data_dict: DataDict) -> dict[str, Any]:
    """A measure (anyone, when its plan is approved or closed).

    :param id: the measure's id
    :type id: string

    :returns: ``id``, ``plan_id``, ``plan`` (``id``, ``name``, ``state``), ``number``,
        ``position``, ``section_uk``/``_en``, ``title_uk``/``_en``,
        ``description_uk``/``_en``, ``principles``, ``lead_organization`` (``id``,
        ``name``, ``title`` or null), ``co_executors``, ``deadline`` (``kind``,
        ``value``, ``date``: its last day), ``deadline_changes`` (``old``, ``new``,
        ``document``, ``user_id``, ``changed_at``), ``expected_result_uk``/``_en``,
        ``indicator_text_uk``/``_en``, ``status``, ``overdue``,
        ``cancel_reason_uk``/``_en``, ``live_indicator`` (``code``,
        ``organization_id``, ``target``, ``target_date`` or null), ``evidence``
        (``dataset_ids``, ``item_codes``), ``reports`` (as in
        ``lutsk_charter_plan_progress``), ``translation_missing``, ``modified``
    :rtype: dictionary
    """
    tk.check_access("lutsk_charter_measure_show", context, data_dict)
    session = session_of(context)
    measure = service.get_measure(session, data_dict["id"])
    return _measure_show(context, service.get_plan(session, measure.plan_id), measure)


_SORT_KEYS: dict[str, Any] = {
    "number": lambda m: (m["position"], _number_key(m["number"])),
    "deadline": lambda m: (m["deadline"]["date"] or "9999", _number_key(m["number"])),
    "status": lambda m: (list(codes.MEASURE_STATUSES).index(m["status"]), _number_key(m["number"])),
    "executor": lambda m: (
        (m["lead_organization"] or {}).get("title") or "\uffff", _number_key(m["number"])
    ),
    "progress": lambda m: (m["progress"], _number_key(m["number"])),
}  # fmt: skip


def _number_key(number: str) -> tuple[Any, ...]:
    return tuple(int(p) if p.isdigit() else p for p in number.replace("-", ".").split("."))


@tk.side_effect_free
@tk.validate_action_data(schema.measure_list)
def lutsk_charter_measure_list(context: Context, data_dict: DataDict) -> list[dict[str, Any]]:
    """The measures of a plan, filtered and sorted, with their progress on a day.

    :param plan_id: the plan's id or name (default: the current plan)
    :type plan_id: string
    :param principle: only measures serving this principle
    :type principle: string
    :param organization_id: only measures this body leads or co-executes
    :type organization_id: string
    :param status: only measures in this status
    :type status: string
    :param overdue: only overdue (true) or only not overdue (false) measures
    :type overdue: bool
    :param date: the day progress and overdue are judged on (default today)
    :type date: string
    :param sort: ``number`` (default), ``deadline``, ``status``, ``executor``,
        ``progress``; ``-number``, ``-deadline``, ``-progress`` descending
    :type sort: string

    :returns: the measures as in ``lutsk_charter_plan_progress``'s ``measures``
    :rtype: list of dictionaries
    """
    tk.check_access("lutsk_charter_measure_list", context, data_dict)
    plan = service.get_plan(session_of(context), data_dict.get("plan_id"))
    rows = progress(session_of(context), plan, data_dict.get("date") or today())["measures"]
    if data_dict.get("principle"):
        rows = [r for r in rows if data_dict["principle"] in r["principles"]]
    if data_dict.get("organization_id"):
        body = data_dict["organization_id"]
        rows = [
            r
            for r in rows
            if (r["lead_organization"] or {}).get("id") == body
            or any(c["id"] == body for c in r["co_executors"])
        ]
    if data_dict.get("status"):
        rows = [r for r in rows if r["status"] == data_dict["status"]]
    if "overdue" in data_dict:
        rows = [r for r in rows if r["overdue"] is data_dict["overdue"]]
    sort = data_dict.get("sort") or "number"
    rows.sort(key=_SORT_KEYS[sort.lstrip("-")], reverse=sort.startswith("-"))
    return rows


@tk.side_effect_free
@tk.validate_action_data(schema.measure_history)
def lutsk_charter_measure_history(context: Context, data_dict: DataDict) -> list[dict[str, Any]]:
    """Every change of a measure, oldest first: created, updated (with
    ``changes``: ``{field: [old, new]}``), reports submitted and reviewed. Who made
    a change (``user_id``, ``user_name``) is shown to sysadmins only.

    :param id: the measure's id
    :type id: string

    :returns: ``[{action, changes, user_id, user_name, changed_at}]``
    :rtype: list of dictionaries
    """
    tk.check_access("lutsk_charter_measure_history", context, data_dict)
    session = session_of(context)
    measure = service.get_measure(session, data_dict["id"])
    rows = service.history(session, measure.id)
    if not is_sysadmin(context):
        for row in rows:
            row["user_id"] = row["user_name"] = None
    return rows
