"""One way to turn a ``ValidationError``'s ``error_dict`` into sentences a person reads."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any


def messages(errors: Mapping[str, Any] | None) -> list[str]:
    """Every message of ``errors``, in order: lists, nested dicts and plain values alike."""
    return list(_walk(errors or {}))


def text(errors: Mapping[str, Any] | None) -> str:
    """The messages of ``errors`` as one line."""
    return " ".join(messages(errors))


def _walk(value: Any) -> Iterator[str]:
    if isinstance(value, Mapping):
        for item in value.values():
            yield from _walk(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _walk(item)
    elif value not in (None, ""):
        yield str(value)
