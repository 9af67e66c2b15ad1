"""Checking a Table Schema descriptor with frictionless (pure, no CKAN)."""

from __future__ import annotations

from typing import Any

from frictionless import FrictionlessException, Schema


def problems(descriptor: dict[str, Any]) -> list[str]:
    """Return what is wrong with a Table Schema descriptor; empty when it is valid."""
    if not isinstance(descriptor.get("fields"), list) or not descriptor["fields"]:
        return ["“fields” must be a non-empty list"]
    try:
        Schema.from_descriptor(descriptor)
    except FrictionlessException as e:
        errors = e.reasons or [e.error]
        return [err.message for err in errors]
    return []
