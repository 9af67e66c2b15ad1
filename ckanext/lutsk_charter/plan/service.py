"""Plans and measures: create, change (with history and deadline moves), read as dicts."""

from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.lutsk_charter.clock import now, today
from ckanext.lutsk_charter.model import plan_queries
from ckanext.lutsk_charter.model.plan import DB, DeadlineChange, Measure, Plan, PlanHistory
from ckanext.lutsk_charter.model.plan_queries import organizations
from ckanext.lutsk_charter.plan import codes

_ = tk._

PLAN_FIELDS = (
    "name", "title_uk", "title_en", "description_uk", "description_en", "period_start",
    "period_end", "document_number", "document_date", "document_url", "state", "current",
    "reporting_period", "report_due_day",
)  # fmt: skip
MEASURE_FIELDS = (
    "number", "position", "section_uk", "section_en", "title_uk", "title_en", "description_uk",
    "description_en", "principles", "lead_organization_id", "co_executor_ids", "deadline_kind",
    "deadline", "expected_result_uk", "expected_result_en", "indicator_text_uk",
    "indicator_text_en", "status", "cancel_reason_uk", "cancel_reason_en", "indicator_code",
    "indicator_organization_id", "indicator_target", "indicator_target_date",
    "evidence_dataset_ids", "evidence_item_codes",
)  # fmt: skip
#: Texts that have an English twin: a missing translation is pointed out.
_BILINGUAL_PLAN = ("title", "description")
_BILINGUAL_MEASURE = (
    "section", "title", "description", "expected_result", "indicator_text", "cancel_reason"
)  # fmt: skip


def _json(value: Any) -> Any:
    if isinstance(value, dt.date | dt.datetime):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return list(value)
    return value


def given(data: dict[str, Any], fields: tuple[str, ...]) -> dict[str, Any]:
    """Those of ``fields`` that ``data`` holds (what a create or update changes)."""
    return {k: data[k] for k in fields if k in data}


def _iso(value: dt.date | dt.datetime | None) -> str | None:
    return value.isoformat() if value else None


def _missing_en(row: Any, fields: tuple[str, ...]) -> list[str]:
    return [f for f in fields if getattr(row, f"{f}_uk") and not getattr(row, f"{f}_en")]


def get_plan(session: DB, id_or_name: str | None) -> Plan:
    """The plan by id or name, or the current one when none is given; ObjectNotFound otherwise."""
    plan = plan_queries.find_plan(session, id_or_name)
    if plan is None:
        raise tk.ObjectNotFound(_("There is no such action plan."))
    return plan


def get_measure(session: DB, measure_id: str) -> Measure:
    measure = session.get(Measure, measure_id)
    if measure is None:
        raise tk.ObjectNotFound(_("There is no such measure."))
    return measure


def _history(
    session: DB,
    plan_id: str,
    measure_id: str | None,
    action: str,
    changes: dict[str, Any],
    user_id: str | None,
) -> None:
    session.add(
        PlanHistory(
            plan_id=plan_id,
            measure_id=measure_id,
            action=action,
            changes=changes,
            user_id=user_id,
            changed_at=now(),
        )
    )


def _apply(row: Any, fields: tuple[str, ...], data: dict[str, Any]) -> dict[str, list[Any]]:
    """Set the fields given; return ``{field: [old, new]}`` of those that changed."""
    changes: dict[str, list[Any]] = {}
    for field in fields:
        if field not in data:
            continue
        new, old = data[field], getattr(row, field, None)
        if new == "" and field.endswith(("_id", "_date", "_target", "_code")):
            new = None
        if _json(old) != _json(new):
            changes[field] = [_json(old), _json(new)]
            setattr(row, field, new)
    return changes


def _unset_current(session: DB, keep: str | None) -> None:
    plan_queries.unset_current(session, keep)
    session.flush()


def create_plan(session: DB, data: dict[str, Any], user_id: str | None) -> Plan:
    if plan_queries.plan_name_taken(session, data["name"]):
        raise tk.ValidationError({"name": [_("An action plan with this name already exists.")]})
    moment = now()
    plan = Plan(created=moment, modified=moment, state="draft", current=False)
    if data.get("current"):
        _unset_current(session, None)
    changes = _apply(plan, PLAN_FIELDS, {"state": "draft", **data})
    session.add(plan)
    session.flush()
    _history(session, plan.id, None, "created", changes, user_id)
    return plan


def update_plan(session: DB, plan: Plan, data: dict[str, Any], user_id: str | None) -> Plan:
    if (
        "name" in data
        and data["name"] != plan.name
        and plan_queries.plan_name_taken(session, data["name"])
    ):
        raise tk.ValidationError({"name": [_("An action plan with this name already exists.")]})
    if data.get("state") == "draft" and plan.state != "draft":
        raise tk.ValidationError(
            {"state": [_("An approved or closed plan cannot go back to draft.")]}
        )
    start = data.get("period_start", plan.period_start)
    end = data.get("period_end", plan.period_end)
    if start > end:
        raise tk.ValidationError(
            {"period_end": [_("The end date cannot be earlier than the start date.")]}
        )
    if data.get("current"):
        _unset_current(session, plan.id)
    changes = _apply(plan, PLAN_FIELDS, data)  # checked above: nothing is refused after this
    if changes:
        plan.modified = now()
        _history(session, plan.id, None, "updated", changes, user_id)
    session.flush()
    return plan


def _check_measure(session: DB, plan: Plan, measure: Measure) -> None:
    errors: dict[str, Any] = {}
    if measure.deadline_kind != "ongoing":
        if not measure.deadline:
            errors["deadline"] = [_("Give the deadline: a date, a quarter, a half-year or a year.")]
        else:
            try:
                measure.deadline_date = codes.deadline_date(measure.deadline_kind, measure.deadline)
            except ValueError:
                errors["deadline"] = [_("The deadline does not match its kind.")]
    else:
        measure.deadline = ""
        measure.deadline_date = None
    if measure.status == "cancelled" and not measure.cancel_reason_uk:
        errors["cancel_reason_uk"] = [_("Say why the measure was cancelled.")]
    if measure.indicator_code and measure.indicator_target is None:
        errors["indicator_target"] = [_("A measure bound to a live indicator needs a target.")]
    taken = plan_queries.measure_number_taken(session, plan.id, measure.number, measure.id)
    if taken:
        errors["number"] = [_("The plan already has a measure with this number.")]
    if errors:
        raise tk.ValidationError(errors)


def create_measure(session: DB, plan: Plan, data: dict[str, Any], user_id: str | None) -> Measure:
    moment = now()
    measure = Measure(
        id=None, plan_id=plan.id, created=moment, modified=moment, status="planned",
        co_executor_ids=[], evidence_dataset_ids=[], evidence_item_codes=[], deadline="",
    )  # fmt: skip
    from ckan.model import types as ckan_types

    measure.id = ckan_types.make_uuid()
    changes = _apply(measure, MEASURE_FIELDS, data)
    _check_measure(session, plan, measure)
    session.add(measure)
    session.flush()
    _history(session, plan.id, measure.id, "created", changes, user_id)
    return measure


def update_measure(
    session: DB, plan: Plan, measure: Measure, data: dict[str, Any], user_id: str | None
) -> Measure:
    old_kind, old_deadline = measure.deadline_kind, measure.deadline
    document = data.pop("deadline_document", None)
    before = {f: getattr(measure, f) for f in (*MEASURE_FIELDS, "deadline_date")}
    try:
        changes = _apply(measure, MEASURE_FIELDS, data)
        _check_measure(session, plan, measure)
        moved = (measure.deadline_kind, measure.deadline) != (old_kind, old_deadline)
        if moved and plan.state != "draft" and not document:
            raise tk.ValidationError(
                {
                    "deadline_document": [
                        _(
                            "Name the document that moved the deadline of a measure of an "
                            "approved plan."
                        )
                    ]
                }
            )
    except tk.ValidationError:
        # A refused change leaves the measure as it was (the session may live on).
        for field, value in before.items():
            setattr(measure, field, value)
        raise
    if moved and plan.state != "draft":
        session.add(
            DeadlineChange(
                measure_id=measure.id,
                old_kind=old_kind,
                old_deadline=old_deadline,
                new_kind=measure.deadline_kind,
                new_deadline=measure.deadline,
                document=document,
                user_id=user_id,
                changed_at=now(),
            )
        )
        changes["deadline_document"] = [None, document]
    if changes:
        measure.modified = now()
        _history(session, plan.id, measure.id, "updated", changes, user_id)
    session.flush()
    return measure


def plan_dict(plan: Plan) -> dict[str, Any]:
    return {
        "id": plan.id,
        "name": plan.name,
        "title_uk": plan.title_uk,
        "title_en": plan.title_en,
        "description_uk": plan.description_uk,
        "description_en": plan.description_en,
        "period_start": _iso(plan.period_start),
        "period_end": _iso(plan.period_end),
        "document": {
            "number": plan.document_number,
            "date": _iso(plan.document_date),
            "url": plan.document_url,
        },
        "state": plan.state,
        "current": plan.current,
        "reporting_period": plan.reporting_period,
        "report_due_day": plan.report_due_day,
        "periods": codes.periods_between(plan.reporting_period, plan.period_start, plan.period_end),
        "translation_missing": _missing_en(plan, _BILINGUAL_PLAN),
        "created": _iso(plan.created),
        "modified": _iso(plan.modified),
    }


def measure_dict(
    measure: Measure, bodies: dict[str, dict[str, str]], on: dt.date | None = None
) -> dict[str, Any]:
    """A measure as the API shows it; ``bodies`` from ``model.plan.organizations``."""
    day = on or today()
    return {
        "id": measure.id,
        "plan_id": measure.plan_id,
        "number": measure.number,
        "position": measure.position,
        "section_uk": measure.section_uk,
        "section_en": measure.section_en,
        "title_uk": measure.title_uk,
        "title_en": measure.title_en,
        "description_uk": measure.description_uk,
        "description_en": measure.description_en,
        "principles": list(measure.principles),
        "lead_organization": bodies.get(measure.lead_organization_id or ""),
        "co_executors": [bodies[i] for i in measure.co_executor_ids if i in bodies],
        "deadline": {
            "kind": measure.deadline_kind,
            "value": measure.deadline,
            "date": _iso(measure.deadline_date),
        },
        "expected_result_uk": measure.expected_result_uk,
        "expected_result_en": measure.expected_result_en,
        "indicator_text_uk": measure.indicator_text_uk,
        "indicator_text_en": measure.indicator_text_en,
        "status": measure.status,
        "overdue": codes.is_overdue(measure.status, measure.deadline_date, day),
        "cancel_reason_uk": measure.cancel_reason_uk,
        "cancel_reason_en": measure.cancel_reason_en,
        "live_indicator": (
            {
                "code": measure.indicator_code,
                "organization_id": measure.indicator_organization_id,
                "organization": bodies.get(measure.indicator_organization_id or ""),
                "target": measure.indicator_target,
                "target_date": _iso(measure.indicator_target_date),
            }
            if measure.indicator_code
            else None
        ),
        "evidence": {
            "dataset_ids": list(measure.evidence_dataset_ids),
            "item_codes": list(measure.evidence_item_codes),
        },
        "translation_missing": _missing_en(measure, _BILINGUAL_MEASURE),
        "modified": _iso(measure.modified),
    }


def bodies_of(session: DB, measures: list[Measure]) -> dict[str, dict[str, str]]:
    """The bodies the measures name (lead, co-executors, indicator scope), in one query."""
    ids: set[str] = set()
    for m in measures:
        ids.update(filter(None, [m.lead_organization_id, m.indicator_organization_id]))
        ids.update(m.co_executor_ids)
    return organizations(session, ids)


def deadline_changes(session: DB, measure_id: str) -> list[dict[str, Any]]:
    rows = plan_queries.deadline_moves(session, measure_id)
    return [
        {
            "old": {"kind": r.old_kind, "value": r.old_deadline},
            "new": {"kind": r.new_kind, "value": r.new_deadline},
            "document": r.document,
            "user_id": r.user_id,
            "changed_at": _iso(r.changed_at),
        }
        for r in rows
    ]


def history(session: DB, measure_id: str) -> list[dict[str, Any]]:
    rows = plan_queries.measure_history(session, measure_id)
    return [
        {
            "action": h.action,
            "changes": h.changes,
            "user_id": h.user_id,
            "user_name": name,
            "changed_at": _iso(h.changed_at),
        }
        for h, name in rows
    ]
