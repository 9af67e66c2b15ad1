"""Validate one local file with frictionless, after ``inspect`` has vetted it.

Returns an ``Outcome`` whose report is plain JSON, trimmed to a bounded size,
so it can be stored and shown whatever the file held.
"""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from frictionless import Checklist, Dialect, FrictionlessException, Resource, Schema, formats

from .findings import Finding, ValidationStop
from .inspect import Inspection, Limits, inspect

log = logging.getLogger(__name__)

Status = Literal["success", "failure", "error"]

MAX_ERRORS = 100
MAX_CELL = 200
FORMATS = {"csv": "csv", "tsv": "csv", "xlsx": "xlsx", "xls": "xls", "ods": "ods", "json": "json"}


@dataclass
class Outcome:
    status: Status
    report: dict[str, Any]
    sha256: str | None = None
    findings: list[Finding] = field(default_factory=list)

    @property
    def summary(self) -> str:
        """A one-line English summary (for logs and the synchronous refusal)."""
        errors = self.report.get("errors", [])
        codes = [f["code"] for f in self.report.get("findings", []) if f["severity"] == "error"]
        parts = codes + [f"{e['type']} (row {e.get('rowNumber')})" for e in errors[:5]]
        return f"{self.status}: " + (", ".join(parts) if parts else "no errors")


def validate_file(
    path: Path,
    fmt: str,
    limits: Limits,
    schema: dict[str, Any] | None = None,
    options: dict[str, Any] | None = None,
) -> Outcome:
    """Validate ``path`` as ``fmt`` (a lower-case format name) against an optional Table Schema."""
    options = dict(options or {})
    # The validation options may correct a resource's stated format (e.g. "csv" for "txt").
    fmt = str(options.get("format") or fmt).lower()
    try:
        found = inspect(path, fmt, limits, declared_encoding=options.get("encoding"))
    except ValidationStop as stop:
        return Outcome(stop.status, _report([stop.finding], [], {}), None, [stop.finding])

    try:
        if fmt == "json":
            _check_json_table(path, found)
        report = _frictionless(path, fmt, found, schema, options)
    except ValidationStop as stop:
        findings = [*found.findings, stop.finding]
        return Outcome(stop.status, _report(findings, [], _meta(found)), found.sha256, findings)
    except FrictionlessException as e:
        finding = Finding("unreadable", args={"detail": _clip(e.error.message)})
        return Outcome(
            "failure",
            _report([*found.findings, finding], [], _meta(found)),
            found.sha256,
            [*found.findings, finding],
        )
    except (UnicodeDecodeError, ValueError, OSError, MemoryError) as e:
        finding = Finding("unreadable", args={"detail": _clip(str(e))})
        return Outcome(
            "failure",
            _report([*found.findings, finding], [], _meta(found)),
            found.sha256,
            [*found.findings, finding],
        )

    errors = [_error(e) for task in report.tasks for e in task.errors][:MAX_ERRORS]
    errors += [_error(e) for e in report.errors][: MAX_ERRORS - len(errors)]
    stats = report.tasks[0].stats if report.tasks else {}
    meta = {
        **_meta(found),
        "rows": stats.get("rows"),
        "fields": stats.get("fields"),
        "error_count": report.stats.get("errors", len(errors)),
    }
    status: Status = "success" if report.valid else "failure"
    return Outcome(status, _report(found.findings, errors, meta), found.sha256, found.findings)


def _frictionless(
    path: Path,
    fmt: str,
    found: Inspection,
    schema: dict[str, Any] | None,
    options: dict[str, Any],
) -> Any:
    controls: list[Any] = []
    if fmt in ("csv", "tsv"):
        csv_options = (options.get("dialect") or {}).get("csv") or {}
        controls.append(
            formats.CsvControl(delimiter=csv_options.get("delimiter") or found.delimiter or ",")
        )
    dialect = Dialect(controls=controls)
    if isinstance((options.get("dialect") or {}).get("header_rows"), list):
        dialect.header_rows = options["dialect"]["header_rows"]
    resource = Resource(
        # A path relative to its folder: frictionless refuses absolute paths as unsafe.
        path=path.name,
        basepath=str(path.parent),
        format=FORMATS.get(fmt, fmt),
        encoding=(found.encoding or None) if fmt in ("csv", "tsv", "json") else None,
        dialect=dialect,
        schema=Schema.from_descriptor(schema) if schema else None,
    )
    checklist = Checklist(
        pick_errors=options.get("pick_errors") or [],
        skip_errors=options.get("skip_errors") or [],
    )
    return resource.validate(
        checklist=checklist,
        limit_errors=min(int(options.get("limit_errors") or MAX_ERRORS), 1000),
        limit_rows=options.get("limit_rows"),
    )


#: JSON bigger than this is left to frictionless' streaming reader alone.
JSON_PARSE_LIMIT = 50 << 20


def _check_json_table(path: Path, found: Inspection) -> None:
    """A JSON resource must parse, and be a table: a list of objects or of lists."""
    if found.size > JSON_PARSE_LIMIT:
        return
    try:
        data = json.loads(path.read_bytes().decode(found.encoding or "utf-8"))
    except ValueError as e:
        raise ValidationStop(
            "failure", Finding("unreadable", args={"detail": _clip(str(e))})
        ) from e
    if not isinstance(data, list) or not all(isinstance(row, dict | list) for row in data):
        raise ValidationStop("failure", Finding("not-a-table"))


def _error(error: Any) -> dict[str, Any]:
    data = error.to_descriptor()
    return {
        "type": data.get("type"),
        "title": data.get("title"),
        "message": _clip(data.get("message", "")),
        "rowNumber": data.get("rowNumber"),
        "fieldNumber": data.get("fieldNumber"),
        "fieldName": _clip(data.get("fieldName") or ""),
        "cell": _clip(str(data["cell"])) if data.get("cell") is not None else None,
        "note": _clip(data.get("note", "")),
    }


def _meta(found: Inspection) -> dict[str, Any]:
    return {"encoding": found.encoding, "delimiter": found.delimiter, "bytes": found.size}


def _report(
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


def _clip(text: str) -> str:
    return text if len(text) <= MAX_CELL else text[: MAX_CELL - 1] + "…"
