"""The sysadmins' form for a measure of the action plan (new and edit)."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Response

from ckanext.lutsk_charter.plan import present

from .plan import context, error_messages, field_errors

_ = tk._

#: Texts with a Ukrainian and an English field.
BILINGUAL = (
    "section",
    "title",
    "description",
    "expected_result",
    "indicator_text",
    "cancel_reason",
)
#: One-line fields typed as they are.
PLAIN = (
    "number",
    "position",
    "lead_organization_id",
    "deadline_kind",
    "deadline",
    "status",
    "indicator_code",
    "indicator_organization_id",
    "indicator_target",
    "indicator_target_date",
    "deadline_document",
)
#: Fields of several values: a ``<select multiple>`` or one value per line.
LISTS = ("principles", "co_executor_ids", "evidence_dataset_ids", "evidence_item_codes")


def _values_of(measure: dict[str, Any]) -> dict[str, Any]:
    """The form's values from ``lutsk_charter_measure_show``."""
    values: dict[str, Any] = {
        f"{f}_{lang}": measure.get(f"{f}_{lang}") or "" for f in BILINGUAL for lang in ("uk", "en")
    }
    deadline = measure.get("deadline") or {}
    live = measure.get("live_indicator") or {}
    evidence = measure.get("evidence") or {}
    values |= {
        "number": measure.get("number") or "",
        "position": measure.get("position") or 0,
        "lead_organization_id": (measure.get("lead_organization") or {}).get("id") or "",
        "deadline_kind": deadline.get("kind") or "",
        "deadline": deadline.get("value") or "",
        "status": measure.get("status") or "planned",
        "indicator_code": live.get("code") or "",
        "indicator_organization_id": live.get("organization_id") or "",
        "indicator_target": "" if live.get("target") is None else live["target"],
        "indicator_target_date": live.get("target_date") or "",
        "principles": list(measure.get("principles") or ()),
        "co_executor_ids": [c["id"] for c in measure.get("co_executors") or ()],
        "evidence_dataset_ids": "\n".join(evidence.get("dataset_ids") or ()),
        "evidence_item_codes": "\n".join(evidence.get("item_codes") or ()),
        "deadline_document": "",
    }
    return values


def _values_from_form() -> dict[str, Any]:
    form = tk.request.form
    values: dict[str, Any] = {
        k: form.get(k, "").strip()
        for k in (*PLAIN, *(f"{f}_{lang}" for f in BILINGUAL for lang in ("uk", "en")))
    }
    values["principles"] = form.getlist("principles")
    values["co_executor_ids"] = [v for v in form.getlist("co_executor_ids") if v]
    for name in ("evidence_dataset_ids", "evidence_item_codes"):
        values[name] = form.get(name, "")
    return values


def _data(values: dict[str, Any], measure: dict[str, Any] | None) -> dict[str, Any]:
    """What the action gets: empty optional fields left out, lists split by line."""
    data: dict[str, Any] = {}
    for key, value in values.items():
        if key in ("evidence_dataset_ids", "evidence_item_codes"):
            data[key] = [line.strip() for line in str(value).splitlines() if line.strip()]
        elif key in LISTS or key.endswith(("_en", "_uk")) or value not in ("", None):
            data[key] = value
    if measure:
        if data.get("deadline_document") is None:
            data.pop("deadline_document", None)
        if not values.get("indicator_code"):
            data["indicator_code"] = ""  # "" unbinds (None would be ignored as missing)
    else:
        data.pop("deadline_document", None)
    return data


def measure_form(plan: dict[str, Any], measure: dict[str, Any] | None) -> Response | str:
    """New (``measure`` None) or edit: render, or save and go back to the control page."""
    errors: dict[str, Any] = {}
    values = _values_of(measure) if measure else {"status": "planned", "deadline_kind": "quarter"}
    if tk.request.method == "POST":
        values = _values_from_form()
        data = _data(values, measure)
        if measure:
            data["id"] = measure["id"]
            action = "lutsk_charter_measure_update"
        else:
            data["plan_id"] = plan["id"]
            action = "lutsk_charter_measure_create"
        try:
            saved = tk.get_action(action)(context(), data)
        except tk.NotAuthorized:
            return tk.abort(403, _("Only sysadmins may manage the measures of a plan."))
        except tk.ObjectNotFound:
            return tk.abort(404, _("There is no such measure."))
        except tk.ValidationError as e:
            errors = e.error_dict
        else:
            tk.h.flash_success(
                _("Measure {number} is saved.").format(number=saved.get("number", ""))
            )
            return tk.redirect_to("lutsk_charter_plan.control", plan=plan["name"])
    try:
        bodies = tk.get_action("organization_list")(context(), {"all_fields": True, "limit": 1000})
    except tk.NotAuthorized:
        bodies = []
    try:
        indicators = tk.get_action("lutsk_charter_indicator_list")(context(), {})
    except (tk.NotAuthorized, tk.ValidationError, KeyError):
        indicators = []
    if isinstance(indicators, dict):
        indicators = indicators.get("results") or indicators.get("indicators") or []
    page = tk.render(
        "lutsk_charter/plan/measure_form.html",
        {
            "plan": plan,
            "measure": measure,
            "form": values,
            "errors": field_errors(errors),
            "error_summary": error_messages(errors),
            "bodies": sorted(bodies, key=lambda b: (b.get("title") or b["name"]).casefold()),
            "indicators": indicators,
            "principle_labels": present.PRINCIPLES,
            "statuses": {k: v for k, v in present.STATUSES.items() if k != "overdue"},
            "deadline_kinds": present.DEADLINE_KINDS,
        },
    )
    return (page, 409) if errors else page  # type: ignore[return-value]
