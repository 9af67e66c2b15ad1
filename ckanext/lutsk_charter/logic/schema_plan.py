"""Schemas of the action plan's actions (``logic/action/plan*.py``), one factory per action."""

from __future__ import annotations

from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context, Schema, Validator, ValidatorFactory

from ckanext.lutsk_charter.logic.validators import lutsk_charter_not_before
from ckanext.lutsk_charter.logic.validators_input import _text_problem
from ckanext.lutsk_charter.plan import codes

_ = tk._
Invalid = tk.Invalid
missing = tk.missing

#: How long the plan's texts may be (titles, then descriptions and reports).
TITLE_MAX = 1000
TEXT_MAX = 20000


def _name(value: Any, context: Context) -> Any:
    """A plan's URL name: 2–100 lowercase Latin letters, digits, ``-`` and ``_``."""
    if value is missing or value is None:
        return value
    import re

    if not isinstance(value, str) or not re.fullmatch(r"[a-z0-9_-]{2,100}", value):
        raise Invalid(_("Use 2 to 100 lowercase Latin letters, digits, “-” and “_” for the name."))
    return value


def _one_of(choices: dict[str, str]) -> Validator:
    def validator(value: Any, context: Context) -> Any:
        if value is missing or value is None:
            return value
        if value not in choices:
            raise Invalid(
                _("“{value}” is not one of: {choices}.").format(
                    value=value, choices=", ".join(choices)
                )
            )
        return value

    return validator


def _text_list(limit: int = 200) -> Validator:
    def validator(value: Any, context: Context) -> Any:
        if value is missing or value is None:
            return value
        if isinstance(value, str):
            value = [v.strip() for v in value.split(",") if v.strip()]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise Invalid(_("Must be a list of texts."))
        if len(value) > limit:
            raise Invalid(_("At most {limit} values.").format(limit=limit))
        problem = next((p for p in map(_text_problem, value) if p), None)
        if problem:
            raise Invalid(problem)
        return list(dict.fromkeys(v.strip() for v in value if v.strip()))

    return validator


def _texts(value: Any) -> bool:
    """Whether ``value`` is a list of texts (what the validators after ``_text_list`` need)."""
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _principles(value: Any, context: Context) -> Any:
    """One or more codes of the Charter's six principles."""
    if not _texts(value):
        return value  # not a list of texts: already refused by _text_list
    wrong = [v for v in value if v not in codes.PRINCIPLE_CODES]
    if wrong:
        raise Invalid(
            _("Unknown principle “{value}”: use {choices}.").format(
                value=wrong[0], choices=", ".join(codes.PRINCIPLE_CODES)
            )
        )
    if not value:
        raise Invalid(_("Name at least one principle of the Charter."))
    return value


def _organizations(value: Any, context: Context) -> Any:
    """Ids or names of existing organizations; stored as ids."""
    if not _texts(value):
        return value  # not a list of texts: already refused by _text_list
    from ckanext.lutsk_charter.logic.validators import lutsk_charter_organization_exists

    return list(dict.fromkeys(lutsk_charter_organization_exists(v, context) for v in value))


def _datasets(value: Any, context: Context) -> Any:
    """Ids or names of existing datasets; stored as ids."""
    if not _texts(value):
        return value  # not a list of texts: already refused by _text_list
    from ckan import model

    found = []
    for v in value:
        package = model.Package.get(v)
        if package is None or package.state == "deleted":
            raise Invalid(_("There is no dataset “{value}”.").format(value=v))
        found.append(package.id)
    return list(dict.fromkeys(found))


def _items(value: Any, context: Context) -> Any:
    """Codes of items of the Resolution 835 list."""
    if not _texts(value):
        return value  # not a list of texts: already refused by _text_list
    from ckan import model

    from ckanext.lutsk_charter.model.required import known_codes

    known = known_codes(model.Session, value)
    for v in value:
        if v not in known:
            raise Invalid(
                _("There is no item “{value}” in the Resolution 835 list.").format(value=v)
            )
    return value


def _number(value: Any, context: Context) -> Any:
    """A number (integer or decimal) given as a JSON number or as digits in text."""
    if value is missing or value is None or value == "":
        return missing if value == "" else value
    if isinstance(value, bool):
        raise Invalid(_("Must be a number."))
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip().replace(",", "."))
        except ValueError as e:
            raise Invalid(_("“{value}” is not a number.").format(value=value)) from e
    else:
        raise Invalid(_("Must be a number."))
    if number != number or number in (float("inf"), float("-inf")) or abs(number) > 1e12:
        raise Invalid(_("“{value}” is not a number.").format(value=value))
    return number


def _indicator(value: Any, context: Context) -> Any:
    """The code of a live indicator (``lutsk_charter_indicator_list``), or empty to unbind."""
    if value is missing or value is None or value == "":
        return value
    from ckanext.lutsk_charter.plan.indicators import registered

    known = registered()
    if value not in known:
        raise Invalid(
            _("Unknown indicator “{value}”: use {choices}.").format(
                value=value, choices=", ".join(known)
            )
        )
    return value


def _deadline(key: Any, data: Any, errors: Any, context: Context) -> None:
    """The deadline must match its kind: a date, ``2024-Q3``, ``2024-H1``, ``2024``, or none."""
    kind = data.get(("deadline_kind",))
    value = data.get(key)
    if kind in (missing, None) or value is missing:
        return
    if kind == "ongoing":
        data[key] = ""
        return
    try:
        codes.deadline_date(str(kind), str(value or ""))
    except ValueError:
        examples = {
            "date": "2024-12-31",
            "quarter": "2024-Q3",
            "half_year": "2024-H1",
            "year": "2024",
        }
        errors[key].append(
            _("“{value}” is not a deadline of this kind; write it as {example}.").format(
                value=value, example=examples.get(str(kind), "")
            )
        )


def _text(
    not_empty: Validator, ignore_missing: Validator, text: Validator, limit: ValidatorFactory
) -> tuple[list[Any], list[Any], list[Any]]:
    return (
        [not_empty, text, limit(TITLE_MAX)],
        [ignore_missing, text, limit(TITLE_MAX)],
        [ignore_missing, text, limit(TEXT_MAX)],
    )


@tk.validator_args
def plan_create(
    not_empty: Validator,
    ignore_missing: Validator,
    lutsk_charter_text: Validator,
    lutsk_charter_max_length: ValidatorFactory,
    lutsk_charter_date: Validator,
    lutsk_charter_http_url: Validator,
    lutsk_charter_boolean: Validator,
    lutsk_charter_int_range: ValidatorFactory,
    lutsk_charter_not_blank: Validator,
) -> Schema:
    required, title, text = _text(
        not_empty, ignore_missing, lutsk_charter_text, lutsk_charter_max_length
    )
    return {
        "name": [not_empty, lutsk_charter_text, _name],
        "title_uk": [*required, lutsk_charter_not_blank],
        "title_en": title,
        "description_uk": text,
        "description_en": text,
        "period_start": [not_empty, lutsk_charter_date],
        "period_end": [
            not_empty,
            lutsk_charter_date,
            lutsk_charter_not_before("period_start"),
        ],
        "document_number": [ignore_missing, lutsk_charter_text, lutsk_charter_max_length(100)],
        "document_date": [ignore_missing, lutsk_charter_date],
        "document_url": [ignore_missing, lutsk_charter_text, lutsk_charter_http_url],
        "state": [ignore_missing, lutsk_charter_text, _one_of(codes.PLAN_STATES)],
        "current": [ignore_missing, lutsk_charter_boolean],
        "reporting_period": [ignore_missing, lutsk_charter_text, _one_of(codes.REPORTING_PERIODS)],
        "report_due_day": [ignore_missing, lutsk_charter_int_range(1, 28)],
        "defer_commit": [ignore_missing],
    }


@tk.validator_args
def plan_update(not_empty: Validator, lutsk_charter_text: Validator) -> Schema:
    schema: dict[str, Any] = dict(plan_create())
    ignore_missing = tk.get_validator("ignore_missing")
    for field in ("name", "title_uk", "period_start", "period_end"):
        schema[field] = [ignore_missing, *schema[field][1:]]
    schema["id"] = [not_empty, lutsk_charter_text]
    return schema


@tk.validator_args
def plan_show(ignore_missing: Validator, lutsk_charter_text: Validator) -> Schema:
    return {"id": [ignore_missing, lutsk_charter_text]}


@tk.validator_args
def plan_list(ignore_missing: Validator, lutsk_charter_text: Validator) -> Schema:
    return {"state": [ignore_missing, lutsk_charter_text, _one_of(codes.PLAN_STATES)]}


@tk.validator_args
def plan_progress(
    ignore_missing: Validator, lutsk_charter_text: Validator, lutsk_charter_date: Validator
) -> Schema:
    return {
        "id": [ignore_missing, lutsk_charter_text],
        "date": [ignore_missing, lutsk_charter_date],
    }


@tk.validator_args
def measure_create(
    not_empty: Validator,
    ignore_missing: Validator,
    lutsk_charter_text: Validator,
    lutsk_charter_max_length: ValidatorFactory,
    lutsk_charter_date: Validator,
    lutsk_charter_organization_exists: Validator,
    lutsk_charter_int_range: ValidatorFactory,
    lutsk_charter_not_blank: Validator,
) -> Schema:
    required, title, text = _text(
        not_empty, ignore_missing, lutsk_charter_text, lutsk_charter_max_length
    )
    return {
        "plan_id": [not_empty, lutsk_charter_text],
        "number": [
            not_empty, lutsk_charter_text, lutsk_charter_not_blank, lutsk_charter_max_length(20)
        ],
        "position": [ignore_missing, lutsk_charter_int_range(0, 100000)],
        "section_uk": title,
        "section_en": title,
        "title_uk": [*required, lutsk_charter_not_blank],
        "title_en": title,
        "description_uk": text,
        "description_en": text,
        "principles": [not_empty, _text_list(6), _principles],
        "lead_organization_id": [
            ignore_missing, lutsk_charter_text, lutsk_charter_organization_exists
        ],
        "co_executor_ids": [ignore_missing, _text_list(), _organizations],
        "deadline_kind": [not_empty, lutsk_charter_text, _one_of(codes.DEADLINE_KINDS)],
        "deadline": [ignore_missing, lutsk_charter_text, _deadline],
        "expected_result_uk": text,
        "expected_result_en": text,
        "indicator_text_uk": text,
        "indicator_text_en": text,
        "status": [ignore_missing, lutsk_charter_text, _one_of(codes.MEASURE_STATUSES)],
        "cancel_reason_uk": text,
        "cancel_reason_en": text,
        "indicator_code": [ignore_missing, lutsk_charter_text, _indicator],
        "indicator_organization_id": [
            ignore_missing, lutsk_charter_text, lutsk_charter_organization_exists
        ],
        "indicator_target": [ignore_missing, _number],
        "indicator_target_date": [ignore_missing, lutsk_charter_date],
        "evidence_dataset_ids": [ignore_missing, _text_list(), _datasets],
        "evidence_item_codes": [ignore_missing, _text_list(), _items],
        "defer_commit": [ignore_missing],
    }  # fmt: skip


@tk.validator_args
def measure_update(
    not_empty: Validator,
    ignore_missing: Validator,
    lutsk_charter_text: Validator,
    lutsk_charter_max_length: ValidatorFactory,
) -> Schema:
    schema: dict[str, Any] = dict(measure_create())
    for field in ("number", "title_uk", "principles", "deadline_kind"):
        schema[field] = [ignore_missing, *schema[field][1:]]
    schema.pop("plan_id")
    schema["id"] = [not_empty, lutsk_charter_text]
    schema["deadline_document"] = [
        ignore_missing,
        lutsk_charter_text,
        lutsk_charter_max_length(500),
    ]
    return schema


@tk.validator_args
def measure_show(not_empty: Validator, lutsk_charter_text: Validator) -> Schema:
    return {"id": [not_empty, lutsk_charter_text]}


@tk.validator_args
def measure_list(
    ignore_missing: Validator,
    lutsk_charter_text: Validator,
    lutsk_charter_boolean: Validator,
    lutsk_charter_date: Validator,
    lutsk_charter_organization_exists: Validator,
) -> Schema:
    return {
        "plan_id": [ignore_missing, lutsk_charter_text],
        "principle": [
            ignore_missing, lutsk_charter_text, _one_of(dict.fromkeys(codes.PRINCIPLE_CODES, ""))
        ],
        "organization_id": [ignore_missing, lutsk_charter_text, lutsk_charter_organization_exists],
        "status": [ignore_missing, lutsk_charter_text, _one_of(codes.MEASURE_STATUSES)],
        "overdue": [ignore_missing, lutsk_charter_boolean],
        "date": [ignore_missing, lutsk_charter_date],
        "sort": [ignore_missing, lutsk_charter_text, _one_of(dict.fromkeys(SORTS, ""))],
    }  # fmt: skip


#: How ``lutsk_charter_measure_list`` may sort (``-`` first: descending).
SORTS = (
    "number",
    "-number",
    "deadline",
    "-deadline",
    "status",
    "executor",
    "progress",
    "-progress",
)


@tk.validator_args
def measure_history(not_empty: Validator, lutsk_charter_text: Validator) -> Schema:
    return {"id": [not_empty, lutsk_charter_text]}
