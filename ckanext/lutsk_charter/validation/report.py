"""The stored report of a validation: plain JSON, its cells clipped and its size bounded."""

from __future__ import annotations

import json
from typing import Any

from .findings import Finding
from .inspect import Inspection

MAX_CELL = 200


def error_dict(error: Any) -> dict[str, Any]:
    """A frictionless error as the report keeps it."""
    data = error.to_descriptor()
    return {
        "type": data.get("type"),
        "title": data.get("title"),
        "message": clip(data.get("message", "")),
        "rowNumber": data.get("rowNumber"),
        "fieldNumber": data.get("fieldNumber"),
        "fieldName": clip(data.get("fieldName") or ""),
        "cell": clip(str(data["cell"])) if data.get("cell") is not None else None,
        "note": clip(data.get("note", "")),
    }


def meta(found: Inspection) -> dict[str, Any]:
    return {
        "encoding": found.encoding,
        "encoding_confidence": found.encoding_confidence,
        "delimiter": found.delimiter,
        "bytes": found.size,
    }


def report(
    findings: list[Finding], errors: list[dict[str, Any]], meta: dict[str, Any]
) -> dict[str, Any]:
    report = {
        "findings": [f.to_dict() for f in findings],
        "errors": errors,
        "meta": meta,
    }
    # Bound the stored size: drop errors from the end until it fits in 256 KB.
    while errors and len(json.dumps(report, ensure_ascii=False)) > 256 * 1024:
        del errors[len(errors) // 2 :]
    return report


def clip(text: str) -> str:
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"
