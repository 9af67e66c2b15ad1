"""What validation reports say, in words a publisher reads: findings, error types, statuses.

The codes come from ``findings.py`` (the checks before frictionless) and from
frictionless; the texts are marked for the catalog here and translated for the
reader (``tk._``) when a page shows them. Also the words for a Table Schema's
fields and constraints, which the resource page shows beside the report.
"""

from __future__ import annotations

import json
from typing import Any

import ckan.plugins.toolkit as tk

from ckanext.lutsk_charter.messages import N_

#: What the checks before frictionless can report, and what to do about it.
_FINDINGS: dict[str, tuple[str, str]] = {
    "empty-file": (N_("The file is empty."), N_("Upload the file with its data.")),
    "binary-file": (
        N_("The file is not text: it looks like a picture, an archive or another binary file."),
        N_("Export the table as CSV (Excel: “Save as” → “CSV UTF-8”)."),
    ),
    "html-page": (
        N_("The file is a web page (HTML), not data: often an error page saved instead."),
        N_("Check the link or upload the data file itself."),
    ),
    "line-too-long": (
        N_("A line of the file is {line_mb} MB long (the limit is {limit_mb} MB)."),
        N_("Check that the file has line breaks and the right delimiter."),
    ),
    "too-big": (
        N_("The file is {size_mb} MB, over the {limit_mb} MB that are validated."),
        N_("Split the data into several files, e.g. by year."),
    ),
    "zip-bomb": (
        N_("The spreadsheet would unpack to {unpacked_mb} MB; it is refused as unsafe."),
        N_("Save the spreadsheet again from your office program, or publish CSV."),
    ),
    "not-a-spreadsheet": (
        N_("The file is not a spreadsheet of the stated format."),
        N_("Check the format of the resource, or save the file again as XLSX or ODS."),
    ),
    "not-a-table": (
        N_("The JSON is not a table: it must be a list of records."),
        N_("Publish the records as a JSON list of objects."),
    ),
    "unreadable": (
        N_("The data could not be read: {detail}"),
        N_("Open the file, check it and save it again in a standard format."),
    ),
    "encoding-not-utf8": (
        N_("The file is in the {encoding} encoding, not UTF-8."),
        N_("Save it as UTF-8 so every program reads it (Excel: “CSV UTF-8”)."),
    ),
    "encoding-guessed": (
        N_(
            "The encoding {encoding} was worked out from the text (certainty {confidence} "
            "of 100; the next likeliest is {alternative})."
        ),
        N_(
            "If the values look garbled, state the encoding in the validation options "
            "(“encoding”), or better, save the file as UTF-8."
        ),
    ),
    "encoding-unknown": (
        N_("The validation options name the encoding “{declared}”, which is not known."),
        N_("Use a standard name such as utf-8, windows-1251 or koi8-u, or remove it."),
    ),
    "nul-bytes": (
        N_("The file holds {count} NUL bytes (the first in line {line}); they stay in the values."),
        N_("Export the file again: NUL bytes are damage, not data."),
    ),
    "missing-value-markers": (
        N_(
            "Column “{column}” has {markers} (first in row {row}) where a value is missing; "
            "they were read as empty."
        ),
        N_("Say so in the Table Schema, so every program reads them the same: {declaration}"),
    ),
    "encoding-mismatch": (
        N_("The validation options say {declared}, but the file looks like {detected}."),
        N_("Correct the encoding in the validation options, or remove it."),
    ),
    "download-timeout": (
        N_("The server of {url} did not answer in time."),
        N_("Check that the link works, or upload the file."),
    ),
    "download-failed": (
        N_("The file could not be downloaded from {url} ({detail})."),
        N_("Check that the link works, or upload the file."),
    ),
    "too-many-redirects": (
        N_("The link {url} redirects too many times."),
        N_("Use the final address of the file."),
    ),
    "private-address": (
        N_("The link {url} points to an internal address, which is not downloaded."),
        N_("Publish the file at a public address, or upload it."),
    ),
    "file-missing": (
        N_("The uploaded file is missing from the storage."),
        N_("Upload the file again."),
    ),
    "internal-error": (
        N_("The validation itself failed ({detail}); the ICT department can see why in the log."),
        N_("Try again later or tell the ICT department."),
    ),
}

#: Frictionless error types publishers meet most, in plain words.
_ERROR_TYPES: dict[str, tuple[str, str]] = {
    "type-error": (
        N_("Wrong type of value"),
        N_("Make the value match the column's type in the structure (schema)."),
    ),
    "constraint-error": (
        N_("Value breaks a rule"),
        N_("Check the value against the column's rules in the structure."),
    ),
    "missing-cell": (
        N_("Missing value at the end of a row"),
        N_("Add the missing cells, or check the delimiter."),
    ),
    "extra-cell": (
        N_("Extra value in a row"),
        N_("Remove the extra cells, or quote values that contain the delimiter."),
    ),
    "blank-row": (N_("Empty row"), N_("Delete the empty rows.")),
    "blank-label": (N_("Column without a name"), N_("Give every column a name in the header.")),
    "duplicate-label": (N_("Two columns with the same name"), N_("Give each column its own name.")),
    "missing-label": (
        N_("Column missing"),
        N_("Add the column the structure expects, or correct the structure."),
    ),
    "extra-label": (
        N_("Column not in the structure"),
        N_("Remove the column or add it to the structure."),
    ),
    "incorrect-label": (
        N_("Column name differs from the structure"),
        N_("Name the column as in the structure."),
    ),
    "primary-key": (N_("Repeated identifier"), N_("Make the identifier column unique.")),
    "unique-error": (N_("Repeated value in a unique column"), N_("Remove the duplicates.")),
    "encoding-error": (N_("Wrong encoding"), N_("Save the file as UTF-8.")),
    "source-error": (
        N_("The file cannot be read as data"),
        N_("Check the format and save the file again."),
    ),
}

_STATUSES = {
    "pending": N_("waiting"),
    "running": N_("being validated"),
    "success": N_("valid"),
    "failure": N_("has errors"),
    "error": N_("could not be validated"),
    "imported": N_("status imported, not yet validated here"),
}


def finding_text(finding: dict[str, Any]) -> dict[str, str]:
    """``{"message", "fix"}`` of a stored finding, in the reader's language."""
    message, fix = _FINDINGS.get(finding.get("code", ""), (finding.get("code", ""), ""))
    args = {k: ("" if v is None else v) for k, v in (finding.get("args") or {}).items()}
    try:
        text = tk._(message).format(**args)
    except (KeyError, IndexError):
        text = tk._(message)
    try:
        fix_text = tk._(fix).format(**args) if fix else ""
    except (KeyError, IndexError):
        fix_text = tk._(fix)
    return {"message": text, "fix": fix_text}


_DELIMITERS = {
    ",": N_("comma"),
    ";": N_("semicolon"),
    "\t": N_("tab"),
    "|": N_("vertical bar"),
}


def delimiter_label(delimiter: str) -> str:
    """A CSV delimiter in words (tab is invisible, the others read better named)."""
    if delimiter == "\t":
        return tk._(_DELIMITERS[delimiter])
    if delimiter in _DELIMITERS:
        return f"{tk._(_DELIMITERS[delimiter])} «{delimiter}»"
    return f"«{delimiter}»"


def error_type_text(error_type: str, title: str = "") -> dict[str, str]:
    """``{"title", "fix"}`` of a frictionless error type, in the reader's language."""
    if error_type in _ERROR_TYPES:
        label, fix = _ERROR_TYPES[error_type]
        return {"title": tk._(label), "fix": tk._(fix)}
    return {"title": title or error_type, "fix": ""}


def status_label(status: str | None) -> str:
    """A status in words: valid, has errors..."""
    return tk._(_STATUSES[status]) if status in _STATUSES else (status or "")


def status_labels() -> dict[str, str]:
    """Every status in words, for the badge that updates itself."""
    return {status: tk._(label) for status, label in _STATUSES.items()}


def table_schema_fields(value: Any) -> list[dict[str, Any]] | None:
    """The fields of a Table Schema (dict or JSON text) as rows to show; None if it is not one.

    Each row: ``name``, ``type``, ``title``, ``description`` and ``constraints`` as
    readable text (``required``, ``unique``, ``minimum: 0``...).
    """
    schema = value
    if isinstance(value, str):
        try:
            schema = json.loads(value)
        except ValueError:
            return None
    if not isinstance(schema, dict) or not isinstance(schema.get("fields"), list):
        return None
    labels = {
        "required": N_("required"),
        "unique": N_("unique"),
        "minimum": N_("minimum"),
        "maximum": N_("maximum"),
        "minLength": N_("minimum length"),
        "maxLength": N_("maximum length"),
        "pattern": N_("pattern"),
        "enum": N_("one of"),
    }
    rows = []
    for field in schema["fields"]:
        if not isinstance(field, dict):
            continue
        given = field.get("constraints")
        constraints: dict[str, Any] = given if isinstance(given, dict) else {}
        words = []
        for key, rule in constraints.items():
            label = tk._(labels[key]) if key in labels else key
            if rule is True:
                words.append(label)
            elif rule is False or rule is None:
                continue
            elif isinstance(rule, list):
                words.append(f"{label}: {', '.join(str(r) for r in rule)}")
            else:
                words.append(f"{label}: {rule}")
        rows.append(
            {
                "name": str(field.get("name") or ""),
                "type": field_type_label(str(field.get("type") or "any")),
                "title": str(field.get("title") or ""),
                "description": str(field.get("description") or ""),
                "constraints": "; ".join(words),
            }
        )
    return rows


_FIELD_TYPES = {
    "string": N_("text"),
    "number": N_("number"),
    "integer": N_("whole number"),
    "boolean": N_("yes/no"),
    "date": N_("date"),
    "datetime": N_("date and time"),
    "time": N_("time"),
    "year": N_("year"),
    "yearmonth": N_("year and month"),
    "duration": N_("duration"),
    "geopoint": N_("geographic point"),
    "geojson": N_("GeoJSON"),
    "object": N_("object (JSON)"),
    "array": N_("list (JSON)"),
    "any": N_("any"),
}


def field_type_label(field_type: str) -> str:
    """A Table Schema type in words (``integer`` → "ціле число")."""
    return tk._(_FIELD_TYPES[field_type]) if field_type in _FIELD_TYPES else field_type
