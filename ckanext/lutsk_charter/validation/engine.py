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

from frictionless import (
    Checklist,
    Detector,
    Dialect,
    FrictionlessException,
    Resource,
    Schema,
    formats,
)

from . import fast as fast_path
from .findings import Finding, ValidationStop
from .inspect import Inspection, Limits, inspect
from .package import FORMATS, csv_control, resource_descriptor
from .report import clip, error_dict
from .report import meta as report_meta
from .report import report as stored_report

log = logging.getLogger(__name__)

Status = Literal["success", "failure", "error"]

MAX_ERRORS = 100


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


#: Cells read as "no value" when no Table Schema says otherwise: what Ukrainian
#: statistical tables write for a missing number (dashes, Cyrillic and Latin kha,
#: "н/д" = немає даних), and the English "n/a".
MISSING_MARKERS = ["", "-", "–", "—", "х", "Х", "x", "X", "н/д", "Н/Д", "n/a", "N/A"]


@dataclass
class _Run:
    """What one validation found, from whichever path ran."""

    errors: list[Any]
    rows: int | None
    fields: int | None
    valid: bool
    schema: dict[str, Any] | None
    markers: dict[str, dict[str, int]]
    engine: str
    fallback: str | None = None
    #: the header rows the table was read with (frictionless may detect them)
    header_rows: list[int] | None = None


def validate_file(
    path: Path,
    fmt: str,
    limits: Limits,
    schema: dict[str, Any] | None = None,
    options: dict[str, Any] | None = None,
    *,
    fast: bool = True,
) -> Outcome:
    """Validate ``path`` as ``fmt`` (a lower-case format name) against an optional Table Schema.

    ``fast`` lets CSV/TSV go through the vectorised path (``fast.py``) where it is
    exact; ``False`` makes frictionless do all of it (the tests compare the two).
    """
    options = dict(options or {})
    # The validation options may correct a resource's stated format (e.g. "csv" for "txt").
    fmt = str(options.get("format") or fmt).lower()
    try:
        found = inspect(path, fmt, limits, declared_encoding=options.get("encoding"))
    except ValidationStop as stop:
        return Outcome(stop.status, stored_report([stop.finding], [], {}), None, [stop.finding])

    descriptor: dict[str, Any] | None = None
    try:
        if fmt == "json":
            _check_json_table(path, found)
        resource = _resource(path, fmt, found, schema, options)
        descriptor = resource_descriptor(path, fmt, found, resource, options)
        run = _run(resource, path, fmt, found, schema, options, fast)
    except ValidationStop as stop:
        findings = [*found.findings, stop.finding]
        return Outcome(
            stop.status, stored_report(findings, [], report_meta(found)), found.sha256, findings
        )
    except FrictionlessException as e:
        finding = Finding("unreadable", args={"detail": clip(e.error.message)})
        return Outcome(
            "failure",
            stored_report([*found.findings, finding], [], report_meta(found)),
            found.sha256,
            [*found.findings, finding],
        )
    except (UnicodeDecodeError, ValueError, OSError, MemoryError) as e:
        finding = Finding("unreadable", args={"detail": clip(str(e))})
        return Outcome(
            "failure",
            stored_report([*found.findings, finding], [], report_meta(found)),
            found.sha256,
            [*found.findings, finding],
        )

    errors = [error_dict(e) for e in run.errors][:MAX_ERRORS]
    findings = [*found.findings, *_marker_findings(run)]
    if descriptor is not None:
        if run.schema:
            descriptor["schema"] = run.schema
        if run.header_rows is not None:
            descriptor["dialect"]["headerRows"] = run.header_rows
        elif run.header_rows is None and run.engine == "frictionless":
            descriptor["dialect"]["header"] = False
            descriptor["dialect"].pop("headerRows", None)
    meta = {
        **report_meta(found),
        # frictionless leaves it unset when no row follows the header
        "rows": run.rows if run.rows is not None or run.fields is None else 0,
        "fields": run.fields,
        "error_count": len(run.errors),
        "engine": run.engine,
        "fallback": run.fallback,
        "datapackage": descriptor,
    }
    status: Status = "success" if run.valid else "failure"
    return Outcome(status, stored_report(findings, errors, meta), found.sha256, findings)


def _limit_errors(options: dict[str, Any]) -> int:
    return min(int(options.get("limit_errors") or MAX_ERRORS), 1000)


def _run(
    resource: Resource,
    path: Path,
    fmt: str,
    found: Inspection,
    schema: dict[str, Any] | None,
    options: dict[str, Any],
    fast: bool,
) -> _Run:
    limit = _limit_errors(options)
    markers = None if schema else MISSING_MARKERS
    reason = _fast_refusal(fmt, options) if fast else "not-asked"
    if reason is None:
        try:
            result = fast_path.validate(
                resource,
                path,
                found,
                limit_errors=limit,
                markers=markers,
                given_schema=bool(schema),
            )
        except fast_path.Fallback as fallback:
            reason = fallback.reason
            # The fast path opened it: start afresh so nothing it read is reused.
            resource = _resource(path, fmt, found, schema, options)
        else:
            return _Run(
                result.errors,
                result.rows,
                result.fields,
                not result.errors,
                result.schema,
                result.markers,
                "fast",
                None,
                [1],
            )
    return _frictionless(resource, options, limit, markers, reason)


def _fast_refusal(fmt: str, options: dict[str, Any]) -> str | None:
    """Why the fast path is not tried at all (``None``: it is)."""
    if fmt not in ("csv", "tsv"):
        return "format"
    for option in ("pick_errors", "skip_errors", "limit_rows"):
        if options.get(option):
            return f"option:{option}"
    if (options.get("dialect") or {}).get("header_rows") not in (None, [1]):
        return "header-rows"
    return None


def _frictionless(
    resource: Resource,
    options: dict[str, Any],
    limit: int,
    markers: list[str] | None,
    reason: str | None,
) -> _Run:
    checklist = Checklist(
        pick_errors=options.get("pick_errors") or [],
        skip_errors=options.get("skip_errors") or [],
    )
    first: dict[str, dict[str, int]] = {}
    marker_set = {m for m in (markers or []) if m}

    def on_row(row: Any) -> None:
        for name, source in row.blank_cells.items():
            if source in marker_set:
                first.setdefault(name, {}).setdefault(source, row.row_number)

    report = resource.validate(
        checklist=checklist,
        limit_errors=limit,
        limit_rows=options.get("limit_rows"),
        on_row=on_row if marker_set else None,
    )
    errors = [e for task in report.tasks for e in task.errors] + list(report.errors)
    stats = report.tasks[0].stats if report.tasks else {}
    schema = None
    if resource.schema is not None and resource.schema.fields:
        schema = resource.schema.to_descriptor()
    dialect = resource.dialect
    return _Run(
        errors,
        stats.get("rows"),
        stats.get("fields"),
        report.valid,
        schema,
        first,
        "frictionless",
        reason,
        list(dialect.header_rows) if dialect.header else None,
    )


def _marker_findings(run: _Run) -> list[Finding]:
    """One warning per column of a typed column that holds missing-value markers."""
    if not run.markers or not run.schema:
        return []
    types = {f["name"]: f.get("type", "any") for f in run.schema.get("fields", [])}
    typed = {k: v for k, v in run.markers.items() if types.get(k) not in (None, "string", "any")}
    used = sorted({m for seen in typed.values() for m in seen})
    declaration = json.dumps({"missingValues": ["", *used]}, ensure_ascii=False)
    findings = []
    for name, seen in typed.items():
        markers = sorted(seen, key=lambda m: seen[m])
        findings.append(
            Finding(
                "missing-value-markers",
                "warning",
                {
                    "column": name,
                    "markers": ", ".join(f"«{m}»" for m in markers),
                    "row": min(seen.values()),
                    "declaration": declaration,
                },
            )
        )
    return findings


def _resource(
    path: Path,
    fmt: str,
    found: Inspection,
    schema: dict[str, Any] | None,
    options: dict[str, Any],
) -> Resource:
    controls: list[Any] = []
    if fmt in ("csv", "tsv"):
        controls.append(formats.CsvControl(**csv_control(found, options)))
    dialect = Dialect(controls=controls)
    if isinstance((options.get("dialect") or {}).get("header_rows"), list):
        dialect.header_rows = options["dialect"]["header_rows"]
    return Resource(
        # A path relative to its folder: frictionless refuses absolute paths as unsafe.
        path=path.name,
        basepath=str(path.parent),
        format=FORMATS.get(fmt, fmt),
        encoding=(found.encoding or None) if fmt in ("csv", "tsv", "json") else None,
        dialect=dialect,
        schema=Schema.from_descriptor(schema) if schema else None,  # pyright: ignore[reportArgumentType]
        detector=Detector(field_missing_values=list(MISSING_MARKERS)) if not schema else Detector(),
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
        raise ValidationStop("failure", Finding("unreadable", args={"detail": clip(str(e))})) from e
    if not isinstance(data, list) or not all(isinstance(row, dict | list) for row in data):
        raise ValidationStop("failure", Finding("not-a-table"))
