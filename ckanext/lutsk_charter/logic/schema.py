"""Schemas of the extension's actions, one factory per action."""

from __future__ import annotations

import ckan.plugins.toolkit as tk
from ckan.types import Schema, Validator, ValidatorFactory

# The register's schemas live in ``schema_responsible.py``; the actions find them here.
from ckanext.lutsk_charter.logic.schema_responsible import (  # noqa: F401
    CHANGE_KINDS,
    RESPONSIBLE_ACTIVITY_TYPE,
    change_notice_result,
    responsible_activity,
    responsible_assign,
    responsible_change_acknowledge_many,
    responsible_change_list,
    responsible_correct,
    responsible_end,
    stale_contacts,
)
from ckanext.lutsk_charter.logic.validators_input import MAX_OFFSET
from ckanext.lutsk_charter.types import PUBLICATION_STATES


@tk.validator_args
def organization_only(
    not_empty: Validator,
    lutsk_charter_text: Validator,
    lutsk_charter_organization_exists: Validator,
) -> Schema:
    return {"organization_id": [not_empty, lutsk_charter_text, lutsk_charter_organization_exists]}


@tk.validator_args
def id_only(not_empty: Validator, lutsk_charter_text: Validator) -> Schema:
    return {"id": [not_empty, lutsk_charter_text]}


@tk.validator_args
def validation_run(
    not_empty: Validator,
    lutsk_charter_text: Validator,
    ignore_missing: Validator,
    lutsk_charter_boolean: Validator,
) -> Schema:
    return {
        "resource_id": [not_empty, lutsk_charter_text],
        "sync": [ignore_missing, lutsk_charter_boolean],
    }


@tk.validator_args
def validation_show(not_empty: Validator, lutsk_charter_text: Validator) -> Schema:
    return {"resource_id": [not_empty, lutsk_charter_text]}


@tk.validator_args
def validation_run_batch(
    ignore_missing: Validator,
    lutsk_charter_text: Validator,
    lutsk_charter_boolean: Validator,
    lutsk_charter_organization_exists: Validator,
    package_id_or_name_exists: Validator,
) -> Schema:
    return {
        "organization_id": [ignore_missing, lutsk_charter_text, lutsk_charter_organization_exists],
        "dataset_id": [ignore_missing, lutsk_charter_text, package_id_or_name_exists],
        "pending": [ignore_missing, lutsk_charter_boolean],
        "sync": [ignore_missing, lutsk_charter_boolean],
    }


@tk.validator_args
def dataset_id(
    not_empty: Validator, lutsk_charter_text: Validator, package_id_or_name_exists: Validator
) -> Schema:
    return {"id": [not_empty, lutsk_charter_text, package_id_or_name_exists]}


@tk.validator_args
def data_change_record(
    not_empty: Validator,
    lutsk_charter_text: Validator,
    ignore_missing: Validator,
    package_id_or_name_exists: Validator,
    lutsk_charter_content_hashes: Validator,
) -> Schema:
    return {
        "id": [not_empty, lutsk_charter_text, package_id_or_name_exists],
        "content": [ignore_missing, lutsk_charter_content_hashes],
    }


@tk.validator_args
def quality_recheck(
    ignore_missing: Validator,
    lutsk_charter_text: Validator,
    lutsk_charter_boolean: Validator,
    package_id_or_name_exists: Validator,
    lutsk_charter_organization_exists: Validator,
) -> Schema:
    return {
        "id": [ignore_missing, lutsk_charter_text, package_id_or_name_exists],
        "organization_id": [ignore_missing, lutsk_charter_text, lutsk_charter_organization_exists],
        "background": [ignore_missing, lutsk_charter_boolean],
        "reindex": [ignore_missing, lutsk_charter_boolean],
    }


@tk.validator_args
def flag_list(
    ignore_missing: Validator,
    lutsk_charter_text: Validator,
    one_of: ValidatorFactory,
    lutsk_charter_int_range: ValidatorFactory,
    default: ValidatorFactory,
    lutsk_charter_organization_exists: Validator,
    package_id_or_name_exists: Validator,
) -> Schema:
    from ckanext.lutsk_charter.quality.checks import PRINCIPLES, SEVERITIES
    from ckanext.lutsk_charter.types import FLAG_STATUSES

    return {
        "organization_id": [ignore_missing, lutsk_charter_text, lutsk_charter_organization_exists],
        "package_id": [ignore_missing, lutsk_charter_text, package_id_or_name_exists],
        "principle": [ignore_missing, lutsk_charter_text, one_of(list(PRINCIPLES))],
        "severity": [ignore_missing, lutsk_charter_text, one_of(list(SEVERITIES))],
        "code": [ignore_missing, lutsk_charter_text],
        "status": [default("open"), lutsk_charter_text, one_of([*FLAG_STATUSES, "unresolved"])],
        "limit": [ignore_missing, lutsk_charter_int_range(0, MAX_OFFSET)],
        "offset": [ignore_missing, lutsk_charter_int_range(0, MAX_OFFSET)],
    }


@tk.validator_args
def flag_review(
    not_empty: Validator,
    ignore_missing: Validator,
    lutsk_charter_text: Validator,
    one_of: ValidatorFactory,
    lutsk_charter_max_length: ValidatorFactory,
    lutsk_charter_id_list: Validator,
) -> Schema:
    from ckanext.lutsk_charter.types import REVIEW_STATUSES

    return {
        "id": [not_empty, lutsk_charter_id_list],
        "status": [not_empty, lutsk_charter_text, one_of(list(REVIEW_STATUSES))],
        "note": [ignore_missing, lutsk_charter_text, lutsk_charter_max_length(2000)],
    }


@tk.validator_args
def link_check(
    not_empty: Validator,
    ignore_missing: Validator,
    lutsk_charter_text: Validator,
    lutsk_charter_boolean: Validator,
    package_id_or_name_exists: Validator,
) -> Schema:
    return {
        "id": [not_empty, lutsk_charter_text, package_id_or_name_exists],
        "sync": [ignore_missing, lutsk_charter_boolean],
    }


@tk.validator_args
def required_dataset_list(
    ignore_missing: Validator,
    lutsk_charter_text: Validator,
    lutsk_charter_boolean: Validator,
    lutsk_charter_required_section: Validator,
) -> Schema:
    return {
        "section": [ignore_missing, lutsk_charter_text, lutsk_charter_required_section],
        "include_inactive": [ignore_missing, lutsk_charter_boolean],
    }


@tk.validator_args
def required_dataset_update(
    not_empty: Validator,
    ignore_missing: Validator,
    lutsk_charter_text: Validator,
    lutsk_charter_boolean: Validator,
    lutsk_charter_required_code: Validator,
    lutsk_charter_max_length: ValidatorFactory,
    lutsk_charter_not_blank: Validator,
) -> Schema:
    return {
        "code": [not_empty, lutsk_charter_text, lutsk_charter_required_code],
        "name_uk": [
            ignore_missing,
            lutsk_charter_text,
            lutsk_charter_not_blank,
            lutsk_charter_max_length(2000),
        ],
        "name_en": [ignore_missing, lutsk_charter_text, lutsk_charter_max_length(2000)],
        "active": [ignore_missing, lutsk_charter_boolean],
    }


@tk.validator_args
def required_dataset_row(
    not_empty: Validator,
    ignore_missing: Validator,
    unicode_safe: Validator,
    boolean_validator: Validator,
    natural_number_validator: Validator,
    lutsk_charter_required_code: Validator,
    lutsk_charter_required_section: Validator,
    lutsk_charter_max_length: ValidatorFactory,
) -> Schema:
    """One line of the catalogue's CSV (``code`` may be left out: section prefix + number)."""
    return {
        "code": [ignore_missing, unicode_safe, lutsk_charter_required_code],
        "section": [not_empty, unicode_safe, lutsk_charter_required_section],
        "number": [not_empty, natural_number_validator],
        "name_uk": [not_empty, unicode_safe, lutsk_charter_max_length(2000)],
        "name_en": [ignore_missing, unicode_safe, lutsk_charter_max_length(2000)],
        "source": [ignore_missing, unicode_safe, lutsk_charter_max_length(1000)],
        "active": [ignore_missing, boolean_validator],
    }


@tk.validator_args
def required_dataset_load(
    not_empty: Validator,
    ignore_missing: Validator,
    lutsk_charter_text: Validator,
    lutsk_charter_boolean: Validator,
) -> Schema:
    return {
        "csv": [not_empty, lutsk_charter_text],
        "dry_run": [ignore_missing, lutsk_charter_boolean],
    }


#: ``lutsk_charter_responsible_load`` takes the same two keys: CSV text and ``dry_run``.
responsible_load = required_dataset_load


@tk.validator_args
def required_dataset_coverage(
    ignore_missing: Validator,
    lutsk_charter_text: Validator,
    lutsk_charter_organization_exists: Validator,
) -> Schema:
    return {
        "organization_id": [ignore_missing, lutsk_charter_text, lutsk_charter_organization_exists]
    }


@tk.validator_args
def monitor_show(
    lutsk_charter_int_range: ValidatorFactory,
    ignore_missing: Validator,
    lutsk_charter_text: Validator,
    lutsk_charter_boolean: Validator,
    one_of: ValidatorFactory,
    lutsk_charter_organization_exists: Validator,
) -> Schema:
    return {
        "organization_id": [ignore_missing, lutsk_charter_text, lutsk_charter_organization_exists],
        "include_datasets": [ignore_missing, lutsk_charter_boolean],
        "state": [
            ignore_missing,
            lutsk_charter_text,
            one_of(list(PUBLICATION_STATES)),
        ],
        "datasets_organization_id": [
            ignore_missing,
            lutsk_charter_text,
            lutsk_charter_organization_exists,
        ],
        "limit": [ignore_missing, lutsk_charter_int_range(0, MAX_OFFSET)],
        "offset": [ignore_missing, lutsk_charter_int_range(0, MAX_OFFSET)],
    }


@tk.validator_args
def monitor_snapshot(ignore_missing: Validator) -> Schema:
    return {}


@tk.validator_args
def reminders_send(ignore_missing: Validator, lutsk_charter_boolean: Validator) -> Schema:
    return {"dry_run": [ignore_missing, lutsk_charter_boolean]}


@tk.validator_args
def register_export(
    ignore_missing: Validator,
    lutsk_charter_text: Validator,
    one_of: ValidatorFactory,
    default: ValidatorFactory,
    lutsk_charter_organization_exists: Validator,
) -> Schema:
    from ckanext.lutsk_charter.monitoring.register import FORMATS

    return {
        "format": [default("csv"), lutsk_charter_text, one_of(list(FORMATS))],
        "organization_id": [ignore_missing, lutsk_charter_text, lutsk_charter_organization_exists],
    }


@tk.validator_args
def register_publish() -> Schema:
    return {}


@tk.validator_args
def legacy_check(
    ignore_missing: Validator, lutsk_charter_text: Validator, package_id_or_name_exists: Validator
) -> Schema:
    return {"id": [ignore_missing, lutsk_charter_text, package_id_or_name_exists]}


@tk.validator_args
def legacy_fix(
    ignore_missing: Validator,
    lutsk_charter_text: Validator,
    lutsk_charter_boolean: Validator,
    package_id_or_name_exists: Validator,
) -> Schema:
    return {
        "id": [ignore_missing, lutsk_charter_text, package_id_or_name_exists],
        "dry_run": [ignore_missing, lutsk_charter_boolean],
    }
