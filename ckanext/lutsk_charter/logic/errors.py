"""One way to flatten a ``ValidationError``'s ``error_dict`` into ``field: reason`` pairs."""

from __future__ import annotations

from typing import Any


def flatten_errors(errors: Any, prefix: str = "") -> list[dict[str, str]]:
    """``[{"field", "reason"}]`` from an error dict, however nested.

    Lists of dicts (resources, repeating subfields) become ``field[1].sub``;
    dicts ``field.sub``; a single message that is not in a list counts too.
    """
    if not isinstance(errors, dict):
        return [{"field": prefix.rstrip("."), "reason": str(errors)}] if errors else []
    found: list[dict[str, str]] = []
    for field, value in errors.items():
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for number, item in enumerate(value, start=1):
                found += flatten_errors(item, f"{prefix}{field}[{number}].")
        elif isinstance(value, dict):
            found += flatten_errors(value, f"{prefix}{field}.")
        elif value:
            for reason in value if isinstance(value, list) else [value]:
                found.append({"field": f"{prefix}{field}", "reason": str(reason)})
    return found


def messages(errors: Any) -> list[str]:
    """Each problem as one line, ``field: reason``."""
    return [f"{e['field']}: {e['reason']}" for e in flatten_errors(errors)]


def reasons(errors: Any) -> list[str]:
    """Only the messages (for a flash message or a command's output), in order."""
    return [e["reason"] for e in flatten_errors(errors)]
