"""Validators of resources: their Table Schema, validation options and system fields.

Registered with CKAN under their own names through ``logic/validators.py``.
"""

from __future__ import annotations

import json
from typing import Any

import ckan.authz as authz
import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context, FlattenDataDict, FlattenErrorDict, FlattenKey

from ckanext.lutsk_charter import table_schema
from ckanext.lutsk_charter.logic.validators_input import (
    check_json_value,
    load_json,
    lutsk_charter_http_url,
)

_ = tk._
Invalid = tk.Invalid
missing = tk.missing

#: Keys of ``validation_options`` that the validation job passes to frictionless.
VALIDATION_OPTION_KEYS = frozenset(
    {"encoding", "format", "dialect", "limit_errors", "limit_rows", "pick_errors", "skip_errors"}
)


def lutsk_charter_table_schema(value: Any, context: Context) -> Any:
    """A Table Schema (object or JSON text), stored as JSON text; or a URL of one."""
    if value is missing or value is None or value == "" or value == {}:
        return "" if value == {} else value
    if isinstance(value, str) and value.strip().startswith(("http://", "https://")):
        return lutsk_charter_http_url(value, context)
    if isinstance(value, str):
        try:
            value = load_json(value)
        except ValueError as e:
            raise Invalid(_("The schema is not valid JSON: {error}").format(error=e)) from e
    if not isinstance(value, dict):
        raise Invalid(_("The schema must be a JSON object (a Table Schema)."))
    check_json_value(value)
    problems = table_schema.problems(value)
    if problems:
        raise Invalid(
            _("The schema is not a valid Table Schema: {problems}").format(
                problems="; ".join(problems)
            )
        )
    return json.dumps(value, ensure_ascii=False)


def lutsk_charter_validation_options(value: Any, context: Context) -> Any:
    """Options for the data validation job: a JSON object with known keys."""
    if value is missing or value is None or value == "" or value == {}:
        return "" if value == {} else value
    if isinstance(value, str):
        try:
            value = load_json(value)
        except ValueError as e:
            raise Invalid(
                _("The validation options are not valid JSON: {error}").format(error=e)
            ) from e
    if not isinstance(value, dict):
        raise Invalid(_("The validation options must be a JSON object."))
    check_json_value(value)
    unknown = sorted(set(value) - VALIDATION_OPTION_KEYS)
    if unknown:
        raise Invalid(
            _("Unknown validation options: {unknown}. Allowed: {allowed}.").format(
                unknown=", ".join(unknown), allowed=", ".join(sorted(VALIDATION_OPTION_KEYS))
            )
        )
    for name in ("limit_errors", "limit_rows"):
        if name in value and (
            not isinstance(value[name], int) or isinstance(value[name], bool) or value[name] < 1
        ):
            raise Invalid(_("“{name}” must be a positive whole number.").format(name=name))
    return json.dumps(value, ensure_ascii=False)


def lutsk_charter_json_output(value: Any, context: Context) -> Any:
    """Show stored JSON text as the object it holds (leaves URLs and text alone)."""
    if isinstance(value, str) and value.strip().startswith(("{", "[")):
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def lutsk_charter_system_field(
    key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict, context: Context
) -> None:
    """A resource field only the system writes (``validation_status`` and friends).

    Sysadmins (and so the site user and imports) may set it, which keeps values a
    portal migrated from ckanext-validation. Anyone else's value is replaced by
    what is stored, so nothing is forged and nothing is lost.
    """
    trusted = _trusted(context)
    value = data.get(key)
    if trusted and value not in (None, "", missing) and not _validated_here(data, key):
        # An import: shown as "imported", with this value, until our own result.
        marker = (*key[:-1], "validation_status_imported")
        if key[-1] == "validation_status" and value != "imported" and not data.get(marker):
            data[marker] = value
        return
    # Our own result echoed back (package_show → package_update), or nothing: keep what is stored.
    stored = _stored_resource_value(data, key, context)
    if stored is None:
        data.pop(key, None)
    else:
        data[key] = stored


def _trusted(context: Context) -> bool:
    """Whether the saver is a sysadmin (or the system), asked once per save, not per field.

    Core's ``check_access`` has put the saver's user object in the context already;
    ``authz.is_sysadmin`` would look them up again, three times for each resource.
    """
    if context.get("ignore_auth"):
        return True
    user = context.get("user")
    found = context.get("auth_user_obj")
    if found is not None and user and getattr(found, "name", None) == user:
        return bool(getattr(found, "sysadmin", False))
    return authz.is_sysadmin(user)


def _validated_here(data: FlattenDataDict, key: FlattenKey) -> bool:
    """Whether this portal has validated the resource (so a status sent back is its own)."""
    from ckanext.lutsk_charter.model import ResourceValidation

    resource_id = data.get((*key[:-1], "id"))
    if not resource_id or resource_id is missing:
        return False
    return model.Session.get(ResourceValidation, resource_id) is not None


def _stored_resource_value(data: FlattenDataDict, key: FlattenKey, context: Context) -> Any:
    resource_id = data.get((*key[:-1], "id"))
    if not resource_id:
        return None
    resource = model.Resource.get(resource_id)
    if resource is None:
        return None
    return (resource.extras or {}).get(key[-1])


__all__ = [
    name
    for name, value in list(globals().items())
    if callable(value)
    and getattr(value, "__module__", None) == __name__
    and not name.startswith("_")
    and name[0].islower()
]
