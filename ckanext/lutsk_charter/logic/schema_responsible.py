"""Schemas of the actions of the register of responsible persons and its changes."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan.types import Schema, Validator, ValidatorFactory

from ckanext.lutsk_charter.logic.validators_input import MAX_OFFSET

#: The kinds of change in the register of responsible persons.
CHANGE_KINDS = ("assigned", "ended", "corrected")

_PERSON_FIELDS = (
    "full_name", "email", "phone", "position", "user_id", "appointing_document", "contact_public"
)  # fmt: skip
_REQUIRED_PERSON_FIELDS = frozenset({"full_name", "email"})


@tk.validator_args
def responsible_assign(
    not_empty: Validator,
    ignore_missing: Validator,
    lutsk_charter_text: Validator,
    lutsk_charter_organization_exists: Validator,
    lutsk_charter_responsible_role: Validator,
    lutsk_charter_email: Validator,
    lutsk_charter_phone: Validator,
    lutsk_charter_max_length: ValidatorFactory,
    lutsk_charter_user_exists: Validator,
    lutsk_charter_appointing_document: Validator,
    lutsk_charter_date: Validator,
    lutsk_charter_boolean: Validator,
    lutsk_charter_not_blank: Validator,
) -> Schema:
    return {
        "organization_id": [not_empty, lutsk_charter_text, lutsk_charter_organization_exists],
        "role": [not_empty, lutsk_charter_text, lutsk_charter_responsible_role],
        "full_name": [
            not_empty,
            lutsk_charter_text,
            lutsk_charter_not_blank,
            lutsk_charter_max_length(200),
        ],
        "email": [not_empty, lutsk_charter_text, lutsk_charter_not_blank, lutsk_charter_email],
        "phone": [ignore_missing, lutsk_charter_text, lutsk_charter_phone],
        "position": [ignore_missing, lutsk_charter_text, lutsk_charter_max_length(200)],
        "user_id": [ignore_missing, lutsk_charter_text, lutsk_charter_user_exists],
        "appointing_document": [ignore_missing, lutsk_charter_appointing_document],
        "valid_from": [ignore_missing, lutsk_charter_date],
        "contact_public": [ignore_missing, lutsk_charter_boolean],
    }


@tk.validator_args
def responsible_end(
    not_empty: Validator,
    ignore_missing: Validator,
    lutsk_charter_text: Validator,
    lutsk_charter_date: Validator,
    lutsk_charter_max_length: ValidatorFactory,
) -> Schema:
    return {
        "id": [not_empty, lutsk_charter_text],
        "valid_to": [ignore_missing, lutsk_charter_date],
        "reason": [ignore_missing, lutsk_charter_text, lutsk_charter_max_length(500)],
    }


@tk.validator_args
def responsible_correct(
    not_empty: Validator,
    ignore_missing: Validator,
    lutsk_charter_text: Validator,
    lutsk_charter_max_length: ValidatorFactory,
    lutsk_charter_date: Validator,
) -> Schema:
    assign = responsible_assign()
    # A required field may be corrected, never blanked: its not_empty stays.
    schema: Schema = {  # pyright: ignore[reportAssignmentType]
        name: [
            ignore_missing,
            *(assign[name] if name in _REQUIRED_PERSON_FIELDS else assign[name][1:]),  # pyright: ignore[reportArgumentType]
        ]
        for name in _PERSON_FIELDS
    }
    schema.update(
        id=[not_empty, lutsk_charter_text],
        valid_from=[ignore_missing, lutsk_charter_date],
        reason=[ignore_missing, lutsk_charter_text, lutsk_charter_max_length(500)],
    )
    return schema


@tk.validator_args
def responsible_change_list(
    ignore_missing: Validator,
    lutsk_charter_text: Validator,
    one_of: ValidatorFactory,
    lutsk_charter_boolean: Validator,
    lutsk_charter_int_range: ValidatorFactory,
    lutsk_charter_organization_exists: Validator,
) -> Schema:
    return {
        "acknowledged": [ignore_missing, lutsk_charter_boolean],
        "organization_id": [ignore_missing, lutsk_charter_text, lutsk_charter_organization_exists],
        "datasets_organization_id": [
            ignore_missing,
            lutsk_charter_text,
            lutsk_charter_organization_exists,
        ],
        "kind": [ignore_missing, lutsk_charter_text, one_of(list(CHANGE_KINDS))],
        "limit": [ignore_missing, lutsk_charter_int_range(0, MAX_OFFSET)],
        "offset": [ignore_missing, lutsk_charter_int_range(0, MAX_OFFSET)],
    }


@tk.validator_args
def responsible_change_acknowledge_many(
    ignore_missing: Validator,
    lutsk_charter_text: Validator,
    one_of: ValidatorFactory,
    lutsk_charter_id_list: Validator,
    lutsk_charter_organization_exists: Validator,
) -> Schema:
    return {
        "id": [ignore_missing, lutsk_charter_id_list],
        "organization_id": [ignore_missing, lutsk_charter_text, lutsk_charter_organization_exists],
        "kind": [ignore_missing, lutsk_charter_text, one_of(list(CHANGE_KINDS))],
    }


@tk.validator_args
def change_notice_result(
    not_empty: Validator, unicode_safe: Validator, one_of: Validator, ignore_missing: Validator
) -> Schema:
    return {
        "id": [not_empty, unicode_safe],
        "state": [not_empty, unicode_safe, one_of(["sent", "failed"])],  # pyright: ignore[reportCallIssue]
        "error": [ignore_missing, unicode_safe],
    }


@tk.validator_args
def stale_contacts(
    ignore_missing: Validator,
    lutsk_charter_text: Validator,
    lutsk_charter_organization_exists: Validator,
) -> Schema:
    return {
        "organization_id": [ignore_missing, lutsk_charter_text, lutsk_charter_organization_exists]
    }


#: Our own activity type; the activity plugin validates types against its own
#: list, so activities of this type are created with the schema below.
RESPONSIBLE_ACTIVITY_TYPE = "changed responsible person"


@tk.validator_args
def responsible_activity(
    not_missing: Validator,
    not_empty: Validator,
    lutsk_charter_text: Validator,
    group_id_exists: Validator,
    one_of: ValidatorFactory,
) -> Schema:
    from ckanext.activity.logic.schema import default_create_activity_schema  # pyright: ignore[reportMissingImports]

    schema = default_create_activity_schema()
    schema["object_id"] = [not_missing, not_empty, lutsk_charter_text, group_id_exists]
    schema["activity_type"] = [
        not_missing,
        not_empty,
        lutsk_charter_text,
        one_of([RESPONSIBLE_ACTIVITY_TYPE]),
    ]
    return schema
