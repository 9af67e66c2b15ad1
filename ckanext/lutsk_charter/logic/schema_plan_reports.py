"""Schemas of the action plan's reports, feedback, indicators, control, import and export."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context, Schema, Validator, ValidatorFactory

from ckanext.lutsk_charter.logic.schema_plan import (
    TEXT_MAX,
    _indicator,
    _one_of,
    _text_list,
    _texts,
)
from ckanext.lutsk_charter.plan import codes

_ = tk._
Invalid = tk.Invalid
missing = tk.missing


def _period(value: Any, context: Context) -> Any:
    """A reporting period: ``2024-H1``, ``2024-Q3`` or ``2024``."""
    if value is missing or value is None:
        return value
    if codes.period_bounds(str(value)) is None:
        raise Invalid(
            _("“{value}” is not a reporting period; write it as 2024-H1, 2024-Q3 or 2024.").format(
                value=value
            )
        )
    return value


def _urls(value: Any, context: Context) -> Any:
    """A list of http(s) links."""
    if not _texts(value):
        return value  # not a list of texts: already refused by _text_list
    from ckanext.lutsk_charter.logic.validators_input import lutsk_charter_http_url

    return [lutsk_charter_http_url(v, context) for v in value]


def _uploads(value: Any, context: Context) -> Any:
    """Uploaded files (one or a list)."""
    if value is missing or value is None or value == "":
        return missing
    items = value if isinstance(value, list) else [value]
    for item in items:
        if not hasattr(item, "read") or not hasattr(item, "filename"):
            raise Invalid(_("Send the evidence files as uploads (multipart/form-data)."))
    return items


@tk.validator_args
def report_submit(
    not_empty: Validator,
    ignore_missing: Validator,
    lutsk_charter_text: Validator,
    lutsk_charter_max_length: ValidatorFactory,
    lutsk_charter_not_blank: Validator,
    lutsk_charter_int_range: ValidatorFactory,
) -> Schema:
    return {
        "measure_id": [not_empty, lutsk_charter_text],
        "period": [not_empty, lutsk_charter_text, _period],
        "text_uk": [
            not_empty,
            lutsk_charter_text,
            lutsk_charter_not_blank,
            lutsk_charter_max_length(TEXT_MAX),
        ],
        "text_en": [ignore_missing, lutsk_charter_text, lutsk_charter_max_length(TEXT_MAX)],
        "percent": [not_empty, lutsk_charter_int_range(0, 100)],
        "links": [ignore_missing, _text_list(20), _urls],
        "upload": [ignore_missing, _uploads],
        "defer_commit": [ignore_missing],
    }  # fmt: skip


@tk.validator_args
def report_review(
    not_empty: Validator,
    ignore_missing: Validator,
    lutsk_charter_text: Validator,
    lutsk_charter_max_length: ValidatorFactory,
) -> Schema:
    return {
        "id": [not_empty, lutsk_charter_text],
        "state": [not_empty, lutsk_charter_text, _one_of({"accepted": "", "returned": ""})],
        "comment": [ignore_missing, lutsk_charter_text, lutsk_charter_max_length(TEXT_MAX)],
        "defer_commit": [ignore_missing],
    }


@tk.validator_args
def report_list(
    ignore_missing: Validator, lutsk_charter_text: Validator, lutsk_charter_boolean: Validator
) -> Schema:
    return {
        "measure_id": [ignore_missing, lutsk_charter_text],
        "plan_id": [ignore_missing, lutsk_charter_text],
        "period": [ignore_missing, lutsk_charter_text, _period],
        "state": [ignore_missing, lutsk_charter_text, _one_of(codes.REPORT_STATES)],
        "all_versions": [ignore_missing, lutsk_charter_boolean],
    }


@tk.validator_args
def report_file_show(not_empty: Validator, lutsk_charter_text: Validator) -> Schema:
    return {
        "report_id": [not_empty, lutsk_charter_text],
        "name": [not_empty, lutsk_charter_text],
    }


@tk.validator_args
def feedback_submit(
    not_empty: Validator,
    ignore_missing: Validator,
    lutsk_charter_text: Validator,
    lutsk_charter_max_length: ValidatorFactory,
    lutsk_charter_not_blank: Validator,
    lutsk_charter_email: Validator,
) -> Schema:
    return {
        "measure_id": [not_empty, lutsk_charter_text],
        "name": [
            not_empty, lutsk_charter_text, lutsk_charter_not_blank, lutsk_charter_max_length(200)
        ],
        "email": [ignore_missing, lutsk_charter_text, lutsk_charter_email],
        "text": [
            not_empty, lutsk_charter_text, lutsk_charter_not_blank, lutsk_charter_max_length(5000)
        ],
        "defer_commit": [ignore_missing],
    }  # fmt: skip


@tk.validator_args
def feedback_review(
    not_empty: Validator, ignore_missing: Validator, lutsk_charter_text: Validator
) -> Schema:
    return {
        "id": [not_empty, lutsk_charter_text],
        "state": [not_empty, lutsk_charter_text, _one_of({"approved": "", "rejected": ""})],
        "defer_commit": [ignore_missing],
    }


@tk.validator_args
def feedback_list(ignore_missing: Validator, lutsk_charter_text: Validator) -> Schema:
    return {
        "measure_id": [ignore_missing, lutsk_charter_text],
        "state": [ignore_missing, lutsk_charter_text, _one_of(codes.FEEDBACK_STATES)],
    }


@tk.validator_args
def indicator_list(
    ignore_missing: Validator,
    lutsk_charter_text: Validator,
    lutsk_charter_organization_exists: Validator,
) -> Schema:
    return {
        "organization_id": [ignore_missing, lutsk_charter_text, lutsk_charter_organization_exists],
        "code": [ignore_missing, lutsk_charter_text, _indicator],
    }


@tk.validator_args
def indicator_snapshot(ignore_missing: Validator) -> Schema:
    return {"defer_commit": [ignore_missing]}


@tk.validator_args
def plan_control(
    ignore_missing: Validator,
    lutsk_charter_text: Validator,
    lutsk_charter_date: Validator,
    lutsk_charter_organization_exists: Validator,
) -> Schema:
    return {
        "id": [ignore_missing, lutsk_charter_text],
        "date": [ignore_missing, lutsk_charter_date],
        "principle": [
            ignore_missing, lutsk_charter_text, _one_of(dict.fromkeys(codes.PRINCIPLE_CODES, ""))
        ],
        "organization_id": [
            ignore_missing, lutsk_charter_text, lutsk_charter_organization_exists
        ],
        "status": [ignore_missing, lutsk_charter_text, _one_of(codes.MEASURE_STATUSES)],
    }  # fmt: skip


@tk.validator_args
def plan_export(
    ignore_missing: Validator, lutsk_charter_text: Validator, lutsk_charter_date: Validator
) -> Schema:
    return {
        "id": [ignore_missing, lutsk_charter_text],
        "date": [ignore_missing, lutsk_charter_date],
        "format": [
            ignore_missing,
            lutsk_charter_text,
            _one_of({"rows": "", "csv": "", "json": ""}),
        ],
    }


@tk.validator_args
def plan_import(
    not_empty: Validator,
    ignore_missing: Validator,
    lutsk_charter_text: Validator,
    lutsk_charter_boolean: Validator,
) -> Schema:
    return {
        "id": [not_empty, lutsk_charter_text],
        "upload": [ignore_missing],
        "content": [ignore_missing, lutsk_charter_text],
        "format": [ignore_missing, lutsk_charter_text, _one_of({"csv": "", "xlsx": ""})],
        "dry_run": [ignore_missing, lutsk_charter_boolean],
    }


@tk.validator_args
def plan_publish(ignore_missing: Validator, lutsk_charter_text: Validator) -> Schema:
    return {"id": [ignore_missing, lutsk_charter_text]}
