"""Validators of the register of responsible persons and of the 835 catalogue, and those
that normalise the old portal's values on save.

Registered with CKAN under their own names through ``logic/validators.py``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context

from ckanext.lutsk_charter import legacy
from ckanext.lutsk_charter.logic.validators_input import (
    _text_problem,
    check_json_value,
    load_json,
    lutsk_charter_http_url,
)
from ckanext.lutsk_charter.model import RequiredDataset
from ckanext.lutsk_charter.types import REQUIRED_SECTIONS, RESPONSIBLE_ROLES

_ = tk._
Invalid = tk.Invalid
missing = tk.missing


def lutsk_charter_responsible_role(value: Any, context: Context) -> Any:
    """``creator`` or ``publisher``: who creates a body's open data, who publishes it."""
    if value not in RESPONSIBLE_ROLES:
        raise Invalid(_("Unknown role “{value}”: use creator or publisher.").format(value=value))
    return value


def lutsk_charter_date(value: Any, context: Context) -> Any:
    """A calendar date given as ``YYYY-MM-DD`` (or a date); returned as a date.

    Empty text is an error (leave the field out instead), as is anything but text.
    """
    if value is missing or value is None:
        return value
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not value.strip():
        raise Invalid(_("Enter a date as YYYY-MM-DD, or leave the field out."))
    problem = _text_problem(value)
    if problem:
        raise Invalid(problem)
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError as e:
        raise Invalid(
            _("“{value}” is not a date; write it as YYYY-MM-DD.").format(value=value)
        ) from e


def lutsk_charter_user_exists(value: Any, context: Context) -> Any:
    """The id or name of an active CKAN user; stored as the id."""
    if value is missing or value is None or value == "":
        return value
    user = model.User.get(str(value))
    if user is None or user.state != "active":
        raise Invalid(_("There is no user “{value}”.").format(value=value))
    return user.id


def lutsk_charter_appointing_document(value: Any, context: Context) -> Any:
    """The order that appointed a person: ``{"number", "date", "url"}``, all optional."""
    if value is missing or value is None or value == "" or value == {}:
        return missing
    if isinstance(value, str):
        try:
            value = load_json(value)
        except ValueError as e:
            raise Invalid(_("The appointing document must be an object.")) from e
    if not isinstance(value, dict):
        raise Invalid(_("The appointing document must be an object."))
    check_json_value(value)
    if any(v is not None and not isinstance(v, str) for v in value.values()):
        raise Invalid(_("The appointing document's number, date and address must be text."))
    unknown = set(value) - {"number", "date", "url"}
    if unknown:
        raise Invalid(
            _("The appointing document has unknown keys: {keys}.").format(
                keys=", ".join(sorted(unknown))
            )
        )
    number = str(value.get("number") or "").strip() or None
    if number and len(number) > 100:
        raise Invalid(_("The document number is too long."))
    return {
        "number": number,
        "date": lutsk_charter_date(value.get("date") or None, context),
        "url": lutsk_charter_http_url(value.get("url") or None, context),
    }


def lutsk_charter_id_list(value: Any, context: Context) -> Any:
    """One id or a list of ids (at most 1000); returned as a list of strings."""
    ids = [value] if isinstance(value, str) else value
    if not isinstance(ids, list) or not all(
        isinstance(i, str) and i.strip() and len(i) <= 100 and not _text_problem(i) for i in ids
    ):
        raise Invalid(_("Give an id or a list of ids."))
    if len(ids) > 1000:
        raise Invalid(_("At most {limit} ids at once.").format(limit=1000))
    return [i.strip() for i in ids]


def lutsk_charter_required_dataset(value: Any, context: Context) -> Any:
    """The code of an active item of the Resolution 835 list (``ALL-6``, ``OMS-1``).

    A dataset already linked to an item that has since been switched off keeps
    its link when it is saved again.
    """
    if value is missing or value is None or value == "":
        return value

    if not isinstance(value, str) or _text_problem(value) or len(value) > 50:
        raise Invalid(
            _("“{value}” is not an item of the Resolution 835 list of mandatory datasets.").format(
                value=str(value)[:50].replace("\x00", "").encode("utf-8", "replace").decode()
            )
        )
    code = value.strip().upper()
    item = model.Session.get(RequiredDataset, code)
    package = context.get("package")
    if item is not None and package is not None and package.extras.get("required_dataset") == code:
        return code  # kept as it was, even if the item has since been switched off
    if item is None or not item.active:
        raise Invalid(
            _("“{value}” is not an item of the Resolution 835 list of mandatory datasets.").format(
                value=value
            )
        )
    return code


def lutsk_charter_required_section(value: Any, context: Context) -> Any:
    """A section of the Resolution 835 list: ``all_holders`` or ``local_self_government``."""
    if value not in REQUIRED_SECTIONS:
        raise Invalid(
            _("Unknown section “{value}”: use all_holders or local_self_government.").format(
                value=value
            )
        )
    return value


def lutsk_charter_required_code(value: Any, context: Context) -> Any:
    """An item code: the section's prefix, a hyphen and a number (``ALL-6``, ``OMS-12``)."""
    if value is missing or value is None or value == "":
        return value
    code = str(value).strip().upper()
    prefix, _sep, number = code.partition("-")
    if prefix not in REQUIRED_SECTIONS.values() or not number.isdigit() or int(number) < 1:
        raise Invalid(
            _("“{value}” is not an item code; write it as ALL-6 or OMS-12.").format(value=value)
        )
    return code


# --- values of the old portal, normalised on save -------------------------------------------


def lutsk_charter_legacy_language(value: Any, context: Context) -> Any:
    """``uk``, ``ukr``, ``UA``… → ``ua`` (and the other languages' aliases)."""
    if isinstance(value, str) and value:
        return legacy.language(value)
    return value


def lutsk_charter_legacy_frequency(value: Any, context: Context) -> Any:
    """``Once a year``, ``щороку``, ``annually``… → ``once a year`` (and so on)."""
    if isinstance(value, str) and value:
        return legacy.frequency(value)
    return value


def lutsk_charter_format(value: Any, context: Context) -> Any:
    """A resource format as CKAN names it (``csv``, ``.csv``, ``text/csv`` → ``CSV``)."""
    if not isinstance(value, str) or not value.strip():
        return value
    return legacy.resource_format(value, _known_formats())


def _known_formats() -> dict[str, str]:
    import ckan.lib.helpers as h

    return {key: entry[1] for key, entry in h.resource_formats().items()}


__all__ = [
    name
    for name, value in list(globals().items())
    if callable(value)
    and getattr(value, "__module__", None) == __name__
    and not name.startswith("_")
    and name[0].islower()
]
