"""What quality flags say, in words a publisher reads, and where each is fixed.

Labels of the Charter's principles, severities, MQA bands and flag statuses; a
stored flag's title, message and fix in the reader's language; the link to the
form field, report or tab where the flag is fixed. Pages reach them through the
template helpers in ``helpers.py``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.lutsk_charter.clock import today
from ckanext.lutsk_charter.messages import N_
from ckanext.lutsk_charter.quality.checks import (
    FIELD_LABELS,
    PASSPORT_FIELDS,
    PRINCIPLES,
    SEVERITIES,
)
from ckanext.lutsk_charter.types import BAND_LABELS, FLAG_STATUS_LABELS

_LINK_REASONS = {
    "timeout": N_("no answer in time"),
    "connection": N_("no connection to the server"),
    "too many redirects": N_("too many redirects"),
    "unknown host": N_("unknown server"),
    "not an http(s) URL": N_("not a web address"),
}


def principle_label(principle: str) -> str:
    """The translated name of a Charter principle (``open_by_default``...)."""
    return tk._(PRINCIPLES[principle]) if principle in PRINCIPLES else principle


def principles() -> list[str]:
    """The six principles' codes in the Charter's order."""
    return list(PRINCIPLES)


def severity_label(severity: str) -> str:
    return tk._(SEVERITIES[severity]) if severity in SEVERITIES else severity


def band_label(band: str) -> str:
    """The translated name of an MQA band (``excellent``...)."""
    return tk._(BAND_LABELS[band]) if band in BAND_LABELS else band


def flag_status_label(status: str) -> str:
    return tk._(FLAG_STATUS_LABELS[status]) if status in FLAG_STATUS_LABELS else status


def checks() -> list[dict[str, str]]:
    """Every registered check as ``{"code", "title", "principle"}``, by principle."""
    from ckanext.lutsk_charter.quality.service import registered_checks

    order = list(PRINCIPLES)
    return [
        {"code": c.code, "title": tk._(c.title), "principle": c.principle}
        for c in sorted(registered_checks(), key=lambda c: (order.index(c.principle), c.code))
    ]


def check_title(code: str) -> str:
    """The short translated name of a check, e.g. for a search facet."""
    check = _check(code)
    return tk._(check.title) if check else code


def flag_text(flag: dict[str, Any]) -> dict[str, str]:
    """``{"title", "message", "fix"}`` of a stored flag, in the reader's language."""
    check = _check(flag.get("code", ""))
    if check is None:
        return {"title": flag.get("code", ""), "message": "", "fix": ""}
    args = _readable_args(flag.get("args") or {})
    try:
        message = tk._(check.message).format(**args)
    except (KeyError, IndexError):
        message = tk._(check.message)
    return {"title": tk._(check.title), "message": message, "fix": tk._(check.how_to_fix)}


def _check(code: str) -> Any:
    from ckanext.lutsk_charter.quality.service import registered_checks

    return next((c for c in registered_checks() if c.code == code), None)


def roles_sentence(creator: Any, publisher: Any) -> str:
    """Whether a body has its two responsible persons, as one sentence that reads well."""
    if creator and publisher:
        return tk._("Both responsible persons are recorded: who creates and who publishes.")
    if creator:
        return tk._("The person who creates the open data is recorded; nobody publishes it.")
    if publisher:
        return tk._("The person who publishes the open data is recorded; nobody creates it.")
    return tk._("No responsible persons are recorded: nobody creates or publishes the open data.")


def _missing_roles_phrase(roles: list[str]) -> str:
    """The end of "The body has no current person who …", for one role missing or both."""
    if set(roles) >= {"creator", "publisher"}:
        return tk._("creates its open data, nor one who publishes it")
    if "creator" in roles:
        return tk._("creates its open data")
    if "publisher" in roles:
        return tk._("publishes its open data")
    return ", ".join(roles)


def _readable_args(args: dict[str, Any]) -> dict[str, Any]:
    """Codes in a finding's arguments as words of the reader's language."""
    labels = {**PASSPORT_FIELDS, **FIELD_LABELS}
    readable: dict[str, Any] = {k: ("" if v is None else v) for k, v in args.items()}
    if "roles" in args:
        readable["roles"] = _missing_roles_phrase(args["roles"] or [])
    for key in ("fields", "missing"):
        if key in args:
            readable[key] = ", ".join(tk._(labels.get(f, f)) for f in args[key] or [])
    if isinstance(args.get("values"), dict):
        readable["values"] = "; ".join(
            f"{tk._(labels.get(k, k))}: «{v}»" for k, v in args["values"].items()
        )
    if "reason" in args:
        reason = args["reason"] or ""
        readable["reason"] = tk._(_LINK_REASONS[reason]) if reason in _LINK_REASONS else reason
    for key in ("due", "date"):
        if args.get(key):
            try:
                day = dt.date.fromisoformat(args[key])
            except ValueError:
                continue
            readable[key] = tk.h.lutsk_charter_datetime(day)
            if key == "due":
                readable["days"] = abs((today() - day).days)
    return readable


# Where each flag is fixed: the form field, the resource's form or its report, a body's tab.

#: A dataset field's anchor in the dataset form (scheming's ``field-<name>`` ids).
_DATASET_FIELD_OF = {
    "license_not_open": "license_id",
    "closed_without_justification": "closed_justification",
    "release_date_passed": "planned_release_date",
    "description_too_short": "notes",
    "no_actuality_date": "data_actuality_date",
    "no_tags": "tag_string",
    "maintainer_not_responsible": "maintainer_email",
    "no_contact": "maintainer",
}
#: A resource field's anchor in the resource form.
_RESOURCE_FIELD_OF = {
    "broken_link": "resource-url",
    "no_table_schema": "schema",
    "value_not_in_list": "format",
}
_PASSPORT_ANCHOR = {"tags": "tag_string"}


def flag_fix(flag: dict[str, Any], dataset_name: str) -> dict[str, str] | None:
    """Where to fix a flag: ``{"url", "label", "resource"}`` (``resource`` names the
    resource the flag is about, or is empty), or None when nothing links to a fix.

    A resource's data errors lead to its validation report, its link, format or
    structure to that field of its form; a dataset's field to that field of the
    dataset form; no responsible person to the body's register.
    """
    code = flag.get("code", "")
    args = flag.get("args") or {}
    resource_id = flag.get("resource_id")
    resource = _resource_name(resource_id) if resource_id else ""
    url, label = "", ""
    if resource_id and code == "validation_failed":
        url = tk.h.url_for(
            "lutsk_charter.validation_report", id=dataset_name, resource_id=resource_id
        )
        label = tk._("Open the validation report")
    elif resource_id and code in _RESOURCE_FIELD_OF:
        url = tk.h.url_for("resource.edit", id=dataset_name, resource_id=resource_id)
        url += "#field-" + _RESOURCE_FIELD_OF[code]
        label = tk._("Edit the resource")
    elif code in _DATASET_FIELD_OF or code in ("passport_incomplete", "value_not_in_list"):
        field = _DATASET_FIELD_OF.get(code)
        if code == "passport_incomplete":
            first = (args.get("fields") or ["notes"])[0]
            field = _PASSPORT_ANCHOR.get(first, first)
        elif code == "value_not_in_list":
            field = next(iter(args.get("values") or {"license_id": ""}))
        url = tk.h.url_for("dataset.edit", id=dataset_name) + f"#field-{field}"
        label = tk._("Edit the field")
    elif code in ("no_resources", "no_machine_readable", "only_proprietary_formats"):
        url = tk.h.url_for("resource.new", id=dataset_name)
        label = tk._("Add data")
    elif code in ("overdue", "due_soon"):
        url = tk.h.url_for("dataset.resources", id=dataset_name)
        label = tk._("Upload the current data")
    elif code == "no_groups":
        url = tk.h.url_for("dataset.groups", id=dataset_name)
        label = tk._("Add to a group")
    elif code == "no_responsible_person" and flag.get("organization_id"):
        url = tk.h.url_for("lutsk_charter.responsible", id=flag["organization_id"])
        label = tk._("Open the body's responsible persons")
    if not url:
        return None
    return {"url": url, "label": label, "resource": resource}


def _resource_name(resource_id: str) -> str:
    resource = model.Resource.get(resource_id)
    if resource is None:
        return ""
    return resource.name or tk._("Unnamed resource")
