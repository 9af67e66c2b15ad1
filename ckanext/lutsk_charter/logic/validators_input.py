"""Strict types for the actions' input (text, booleans, ranges, JSON, content hashes).

Registered with CKAN under their own names through ``logic/validators.py``.
"""

from __future__ import annotations

import json
from typing import Any

import ckan.plugins.toolkit as tk
from ckan.types import Context, FlattenDataDict, FlattenErrorDict, FlattenKey, Validator

_ = tk._
Invalid = tk.Invalid
missing = tk.missing


#: The largest offset or count an action accepts (well inside PostgreSQL's bigint).
MAX_OFFSET = 1_000_000_000

#: How deep a JSON value given to an action may nest.
MAX_JSON_DEPTH = 32


def _text_problem(value: str) -> str | None:
    if "\x00" in value:
        return _("The text contains a NUL character (\\0), which cannot be stored.")
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return _("The text contains characters that are not valid Unicode (lone surrogates).")
    return None


def lutsk_charter_text(
    key: FlattenKey, data: FlattenDataDict, errors: FlattenErrorDict, context: Context
) -> None:
    """Text, and only text: no number, list or object silently turned into a string.

    NUL characters and lone surrogates, which PostgreSQL cannot store, are refused
    with a clear error instead of failing in the database. A refused value stops
    the field's other validators (which would otherwise run on it all the same).
    """
    value = data.get(key)
    if value is missing or value is None:
        return
    if not isinstance(value, str):
        problem = _("Must be text, not {kind}.").format(kind=_json_kind(value))
    else:
        problem = _text_problem(value)
    if problem:
        errors[key].append(problem)
        raise tk.StopOnError


def lutsk_charter_boolean(value: Any, context: Context) -> Any:
    """``true`` or ``false`` (JSON booleans or those two words); anything else is an error."""
    if value is missing or value is None:
        return value
    if isinstance(value, bool):
        return value
    if isinstance(value, str) and value.strip().lower() in ("true", "false"):
        return value.strip().lower() == "true"
    raise Invalid(_("Must be true or false."))


def lutsk_charter_int_range(minimum: int | str, maximum: int | str) -> Validator:
    """A whole number from ``minimum`` to ``maximum`` (a JSON number or digits in text)."""
    low, high = int(minimum), int(maximum)

    def validator(value: Any, context: Context) -> Any:
        if value is missing or value is None:
            return value
        number: int | None = None
        if isinstance(value, int) and not isinstance(value, bool):
            number = value
        elif isinstance(value, str) and value.strip().lstrip("-").isdigit() and len(value) < 20:
            number = int(value.strip())
        if number is None:
            raise Invalid(
                _("Must be a whole number from {low} to {high}.").format(low=low, high=high)
            )
        if not low <= number <= high:
            raise Invalid(
                _("Must be a whole number from {low} to {high}; this is {value}.").format(
                    low=low, high=high, value=number
                )
            )
        return number

    return validator


def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return _("true/false")
    if isinstance(value, int | float):
        return _("a number")
    if isinstance(value, list | tuple):
        return _("a list")
    if isinstance(value, dict):
        return _("an object")
    return _("a value of another type")


def json_depth(value: Any, limit: int = MAX_JSON_DEPTH) -> int:
    """How deep ``value`` nests, counted without recursion, stopping past ``limit``."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if not isinstance(item, dict | list):
            continue
        deepest = max(deepest, depth)
        if deepest > limit:
            return deepest
        children = item.values() if isinstance(item, dict) else item
        stack.extend((child, depth + 1) for child in children)
    return deepest


def check_json_value(value: Any) -> None:
    """Refuse JSON nested deeper than ``MAX_JSON_DEPTH`` or holding unstorable text."""
    if json_depth(value) > MAX_JSON_DEPTH:
        raise Invalid(
            _("The value nests too deeply (more than {limit} levels).").format(limit=MAX_JSON_DEPTH)
        )
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            problem = _text_problem(item)
            if problem:
                raise Invalid(problem)
        elif isinstance(item, dict):
            for k, v in item.items():
                stack.extend((k, v))
        elif isinstance(item, list):
            stack.extend(item)


def load_json(text: str) -> Any:
    """``json.loads`` that turns too deep nesting into a ``ValueError`` instead of a crash."""
    try:
        return json.loads(text)
    except RecursionError as e:
        raise ValueError(
            _("The value nests too deeply (more than {limit} levels).").format(limit=MAX_JSON_DEPTH)
        ) from e


def lutsk_charter_content_hashes(value: Any, context: Context) -> Any:
    """``{resource_id: sha256}``: the content of linked files as just downloaded."""
    if value is missing or value is None:
        return value
    if not isinstance(value, dict) or not all(
        isinstance(k, str)
        and isinstance(v, str)
        and len(k) <= 100
        and len(v) == 64
        and all(c in "0123456789abcdef" for c in v)
        for k, v in value.items()
    ):
        raise Invalid(_("Give an object of resource ids and their SHA-256 hashes."))
    return value


def lutsk_charter_http_url(value: Any, context: Context) -> Any:
    """An absolute http(s) URL."""
    if value is missing or value is None or value == "":
        return value
    from urllib.parse import urlparse

    url = str(value).strip()
    parts = urlparse(url)
    if parts.scheme not in ("http", "https") or not parts.netloc or " " in url:
        raise Invalid(_("Enter a full web address starting with http:// or https://."))
    return url


__all__ = [
    name
    for name, value in list(globals().items())
    if callable(value)
    and getattr(value, "__module__", None) == __name__
    and not name.startswith("_")
    and name[0].islower()
]
