"""A validated resource as a Data Package resource, and the ``datapackage.json`` that
repeats the verdict elsewhere (``frictionless validate datapackage.json``); pure."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from frictionless import Resource

from .inspect import Inspection

#: CKAN format → frictionless format
FORMATS = {"csv": "csv", "tsv": "csv", "xlsx": "xlsx", "xls": "xls", "ods": "ods", "json": "json"}


def csv_control(found: Inspection, options: dict[str, Any]) -> dict[str, Any]:
    """Every CSV setting spelled out, so frictionless sniffs nothing (and a copy reads the same)."""
    csv_options = (options.get("dialect") or {}).get("csv") or {}
    return {
        "delimiter": csv_options.get("delimiter") or found.delimiter or ",",
        "quote_char": '"',
        "double_quote": True,
        "skip_initial_space": False,
    }


def resource_descriptor(
    path: Path, fmt: str, found: Inspection, resource: Resource, options: dict[str, Any]
) -> dict[str, Any]:
    """The resource as a Data Package resource: what reproduces the verdict elsewhere."""
    data: dict[str, Any] = {
        "name": "data",
        "path": path.name,
        "format": FORMATS.get(fmt, fmt),
    }
    if resource.encoding:
        data["encoding"] = resource.encoding
    dialect: dict[str, Any] = {}
    if fmt in ("csv", "tsv"):
        control = csv_control(found, options)
        dialect["csv"] = {
            "delimiter": control["delimiter"],
            "quoteChar": control["quote_char"],
            "doubleQuote": control["double_quote"],
            "skipInitialSpace": control["skip_initial_space"],
        }
    header_rows = (options.get("dialect") or {}).get("header_rows")
    dialect["headerRows"] = header_rows if isinstance(header_rows, list) else [1]
    data["dialect"] = dialect
    checks = {k: options[k] for k in ("pick_errors", "skip_errors", "limit_rows") if options.get(k)}
    if checks:
        data["lutsk_charter:options"] = checks
    return data


def datapackage(
    described: dict[str, Any],
    *,
    name: str,
    title: str,
    path: str,
    homepage: str | None = None,
) -> dict[str, Any]:
    """A ``datapackage.json`` of one stored resource descriptor: with the data file saved
    as ``path`` beside it, ``frictionless validate datapackage.json`` repeats the verdict."""
    resource = {k: v for k, v in described.items() if k != "lutsk_charter:options"}
    resource["path"] = path
    resource["name"] = _slug(Path(path).stem) or "data"
    command = "frictionless validate datapackage.json"
    options = described.get("lutsk_charter:options") or {}
    for option in ("pick_errors", "skip_errors"):
        if options.get(option):
            command += f" --{option.replace('_', '-')} {','.join(options[option])}"
    if options.get("limit_rows"):
        command += f" --limit-rows {int(options['limit_rows'])}"
    package: dict[str, Any] = {
        "name": _slug(name) or "data",
        "title": title,
        "description": (f"Save the data file as {path} next to this file and run: {command}"),
        "resources": [resource],
    }
    if homepage:
        package["homepage"] = homepage
    return package


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9._-]+", "-", text.lower()).strip("-")
