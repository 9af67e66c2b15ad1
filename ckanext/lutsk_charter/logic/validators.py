"""Validators used by the scheming schemas (``schemas/*.yaml``) and by our actions.

Every public function here is registered with CKAN by ``tk.blanket.validators``
under its own name; private helpers start with ``_``. Errors are translated
through the extension's catalog (domain ``ckanext-lutsk_charter``).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.authz as authz
import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context, FlattenDataDict, FlattenErrorDict, FlattenKey, Validator

from ckanext.lutsk_charter import config, identifiers, keywords
from ckanext.lutsk_charter.logic import (
    required_messages,
    validators_input,
    validators_register,
    validators_resource,
)
from ckanext.scheming.validation import scheming_validator  # pyright: ignore[reportMissingImports]

_ = tk._
Invalid = tk.Invalid
missing = tk.missing


def lutsk_charter_edrpou(value: Any, context: Context) -> Any:
    """An eight-digit ЄДРПОУ code with a valid check digit (spaces are dropped)."""
    if value is missing or value is None or value == "":
        return value
    code = str(value).replace(" ", "")
    if not code.isdigit() or len(code) != 8:
        raise Invalid(_("The ЄДРПОУ code must be exactly 8 digits."))
    if not identifiers.is_valid_edrpou(code):
        raise Invalid(_("The ЄДРПОУ code {code} has a wrong check digit.").format(code=code))
    return code


def lutsk_charter_phone(value: Any, context: Context) -> Any:
    """A Ukrainian phone number, stored as ``+380XXXXXXXXX``."""
    if value is missing or value is None or value == "":
        return value
    normalized = identifiers.normalize_ua_phone(str(value))
    if normalized is None:
        raise Invalid(_("Enter a Ukrainian phone number, for example +380 332 77-70-00."))
    return normalized


def lutsk_charter_email(value: Any, context: Context) -> Any:
    """An e-mail address (trimmed); a clear, translated error otherwise."""
    if value is missing or value is None or value == "":
        return value
    address = str(value).strip()
    local, _sep, domain = address.rpartition("@")
    if (
        not local
        or "." not in domain
        or domain.startswith(".")
        or domain.endswith(".")
        or any(c.isspace() for c in address)
        or len(address) > 254
    ):
        raise Invalid(_("“{value}” is not a valid e-mail address.").format(value=address))
    return address


def lutsk_charter_not_in_future(value: Any, context: Context) -> Any:
    """A date (already parsed by ``isodate``) that is not later than tomorrow.

    One day of slack keeps publishers in Kyiv time from being refused just
    after midnight UTC.
    """
    if not isinstance(value, dt.datetime | dt.date):
        return value
    day = value.date() if isinstance(value, dt.datetime) else value
    if day > dt.date.today() + dt.timedelta(days=1):
        raise Invalid(_("This date cannot be in the future."))
    return value


def lutsk_charter_not_before(other_field: str) -> Validator:
    """A date field that must not be earlier than ``other_field`` of the same record."""

    def validator(
        key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict, context: Context
    ) -> None:
        this = _parse_day(data.get(key))
        other = _parse_day(_field_value(data, (*key[:-1], other_field)))
        if this and other and this < other:
            errors[key].append(_("The end date cannot be earlier than the start date."))

    return validator


def lutsk_charter_organization_exists(value: Any, context: Context) -> Any:
    """The id or name of an existing organization; stored as its id."""
    if value is missing or value is None or value == "":
        return value
    group = model.Group.get(str(value))
    if group is None or not group.is_organization or group.state != "active":
        raise Invalid(_("There is no organization “{value}”.").format(value=value))
    return group.id


def lutsk_charter_parent_body(
    key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict, context: Context
) -> None:
    """The parent body must exist and must not be the body itself or one of its children."""
    value = data.get(key)
    if value is missing or not value:
        return
    try:
        parent_id = lutsk_charter_organization_exists(value, context)
    except Invalid as e:
        if _parent_may_come_later(value, context):
            return  # an import naming a parent loaded later: found by id when it arrives
        errors[key].append(e.error)
        return
    data[key] = parent_id
    own_id = data.get(("id",))
    if not own_id:
        return
    seen: set[str] = set()
    current: str | None = parent_id
    while current and current not in seen:
        if current == own_id:
            errors[key].append(_("A body cannot be its own parent, directly or through others."))
            return
        seen.add(current)
        group = model.Group.get(current)
        current = group.extras.get("parent_body") if group else None  # pyright: ignore[reportAttributeAccessIssue]


def _parent_may_come_later(value: Any, context: Context) -> bool:
    """A sysadmin's load (``ckanapi load organizations``) may name a parent by an id not loaded yet.

    Only an id (not a name, which could be a typo) of no organization at all, not
    a deleted one; every lookup of ``parent_body`` goes by id, so it resolves when
    that body arrives.
    """
    import uuid

    if not (context.get("ignore_auth") or authz.is_sysadmin(context.get("user"))):
        return False
    try:
        uuid.UUID(str(value))
    except ValueError:
        return False
    return model.Group.get(str(value)) is None


def _field_value(data: FlattenDataDict, key: FlattenKey) -> Any:
    """The raw value of a sibling field, wherever scheming has put it by now."""
    if key in data:
        return data[key]
    prefix, name = key[:-1], key[-1]
    extras_key = (*prefix, "extras")
    for k, v in data.items():
        if k[:-2] == extras_key and k[-1] == "key" and v == name:
            return data.get((*k[:-1], "value"))
    return None


def _parse_day(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and value:
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            return None
    return None


def lutsk_charter_default_spatial(value: Any, context: Context) -> Any:
    """Fill an empty spatial coverage with the portal's hromada."""
    if value is missing or value is None or (isinstance(value, str) and not value.strip()):
        return config.default_spatial_coverage()
    return value


def lutsk_charter_tags_required(
    key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict, context: Context
) -> None:
    """At least one keyword, given either as ``tag_string`` or as a ``tags`` list.

    Keywords given as a ``tags`` list (ckanapi, harvesters) get the Ukrainian
    apostrophe here, before CKAN's tag rules check them (shorter keys go first).
    """
    for name in [k for k in data if len(k) == 3 and k[0] == "tags" and k[2] == "name"]:
        if isinstance(data[name], str):
            data[name] = keywords.normalize_apostrophes(data[name])
    value = data.get(key)
    if isinstance(value, str) and value.strip(" ,"):
        return
    if any(k[0] == "tags" and k[-1] == "name" and v for k, v in data.items()):
        # Tags came as a list (the API's other way, and every package_update
        # after a resource change): nothing for tag_string_convert to do.
        data.pop(key, None)
        raise tk.StopOnError
    if _is_import(data, context):
        data.pop(key, None)  # kept as it came; the quality checks flag it
        raise tk.StopOnError
    errors[key].append(_("Add at least one keyword."))
    raise tk.StopOnError


def lutsk_charter_tag_string_convert(
    key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict, context: Context
) -> None:
    """CKAN's ``tag_string_convert`` (and its limits), with every apostrophe as ``ʼ``.

    «пам'ятки», «пам’ятки» and «памʼятки» are one keyword, stored as «памʼятки».
    """
    value = data.get(key)
    if isinstance(value, str):
        data[key] = keywords.normalize_apostrophes(value)
    elif isinstance(value, list):
        data[key] = [keywords.normalize_apostrophes(v) if isinstance(v, str) else v for v in value]
    tk.get_validator("tag_string_convert")(key, data, errors, context)  # pyright: ignore[reportCallIssue]


def _is_import(data: FlattenDataDict, context: Context) -> bool:
    """A record carried over from another portal: a sysadmin creates it with its own id.

    (``ckanapi load``, a migration.) The forms never send an id to ``package_create``;
    updates (``context["package"]`` set) are never imports.
    """
    if context.get("package") is not None or data.get(("id",)) in (None, "", missing):
        return False
    return bool(context.get("ignore_auth") or authz.is_sysadmin(context.get("user")))


def lutsk_charter_max_length(limit: int | str) -> Validator:
    """Text of at most ``limit`` characters, with an error that says how many were given."""
    maximum = int(limit)

    def validator(value: Any, context: Context) -> Any:
        if isinstance(value, str) and len(value) > maximum:
            allowed = tk.ungettext(
                "At most {limit} character is allowed;",
                "At most {limit} characters are allowed;",
                maximum,
            ).format(limit=maximum)
            given = tk.ungettext(
                "this has {length} character.", "this has {length} characters.", len(value)
            ).format(length=len(value))
            raise Invalid(f"{allowed} {given}")
        return value

    return validator


def lutsk_charter_not_blank(value: Any, context: Context) -> Any:
    """Text that is not empty once its spaces are trimmed; returned trimmed."""
    text = value.strip() if isinstance(value, str) else value
    if text in (None, "", missing):
        raise Invalid(_("Fill this in: it cannot be empty or only spaces."))
    return text


def lutsk_charter_name_from_title(
    key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict, context: Context
) -> None:
    """A new dataset sent without a URL name gets one from its title, transliterated.

    By the official transliteration (Resolution No. 55 of 2010): "Музеї Луцька"
    becomes ``muzei-lutska``; a name already taken gets ``-2``, ``-3``... An
    existing dataset is never renamed here.
    """

    from ckanext.lutsk_charter.model.packages import name_taken
    from ckanext.lutsk_charter.transliteration import NAME_MAX, slugify

    if context.get("package") is not None or data.get(key) not in (missing, None, ""):
        return
    title = data.get(("title",))
    if not isinstance(title, str) or not title.strip():
        return
    base = slugify(title)
    if len(base) < 2:
        return
    name, number = base, 1
    while name_taken(name):
        number += 1
        suffix = f"-{number}"
        name = base[: NAME_MAX - len(suffix)].rstrip("-") + suffix
    data[key] = name


@scheming_validator
def lutsk_charter_required(field: dict[str, Any], schema: dict[str, Any]) -> Validator:
    """``not_empty`` that says what to fill in (see ``required_messages``), not "Missing value".

    Always required, whatever the field's ``required`` says: it stands where a
    schema would write ``not_empty`` or (for a ``required: true`` field)
    ``scheming_required``.
    """
    message = required_messages.required_message

    def validator(
        key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict, context: Context
    ) -> None:
        value = data.get(key)
        if value in (False, 0, 0.0) and value is not None and not isinstance(value, str):
            return
        if value is missing or not value or (isinstance(value, str) and not value.strip()):
            errors[key].append(message(field, schema))
            raise tk.StopOnError

    return validator


# --- the register's, the catalogue's and the old portal's values: ``validators_register.py``;
# --- resources' Table Schema, validation options and system fields: ``validators_resource.py``;
# --- strict types for the actions' input: ``validators_input.py``; all registered from here

_OTHERS = (validators_register, validators_resource, validators_input)
for _module in _OTHERS:
    globals().update({name: getattr(_module, name) for name in _module.__all__})

#: What ``tk.blanket.validators`` registers: every public function of this module and of
#: the others (as when they were one module).
__all__ = sorted(
    [
        name
        for name, value in list(globals().items())
        if callable(value)
        and getattr(value, "__module__", None) == __name__
        and not name.startswith("_")
        and name[0].islower()
    ]
    + [name for module in _OTHERS for name in module.__all__]
)
