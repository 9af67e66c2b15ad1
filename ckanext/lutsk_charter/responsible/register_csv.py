"""CSV import and export of the register of responsible persons.

``lutsk_charter_responsible_load`` reads a file with :func:`parse`: every line goes
through the assign action's own schema first, so a file is loaded whole or not at
all. :func:`export` writes the register back in the same columns.
"""

from __future__ import annotations

import csv
import io
from typing import IO, Any

import ckan.plugins.toolkit as tk

from ckanext.lutsk_charter.logic import schema
from ckanext.lutsk_charter.model.queries import site_context
from ckanext.lutsk_charter.monitoring.exports import csv_writer, restore_text

COLUMNS = [
    "organization",
    "role",
    "full_name",
    "email",
    "phone",
    "position",
    "document_number",
    "document_date",
    "document_url",
    "valid_from",
]
EXPORT_COLUMNS = [
    "id",
    "organization",
    "organization_id",
    *COLUMNS[1:],
    "valid_to",
    "current",
    "recorded_at",
    "ended_at",
    "end_reason",
    "supersedes",
    "superseded_by",
]


def _data_dict(row: dict[str, str]) -> dict[str, Any]:
    def cell(name: str) -> str:
        return restore_text((row.get(name) or "").strip())

    data: dict[str, Any] = {
        "organization_id": cell("organization"),
        "role": cell("role"),
        "full_name": cell("full_name"),
        "email": cell("email"),
        "phone": cell("phone"),
        "position": cell("position"),
        "valid_from": cell("valid_from"),
    }
    document = {k: cell(f"document_{k}") for k in ("number", "date", "url")}
    if any(document.values()):
        data["appointing_document"] = document
    return {k: v for k, v in data.items() if v not in ("", None)}


def _context() -> Any:
    return site_context()


def _needed_columns(header: list[str]) -> list[str]:
    return [c for c in ("organization", "role", "full_name", "email") if c not in header]


def parse(text: str, context: Any) -> tuple[list[dict[str, Any]], list[str]]:
    """The assign action's data of every line, and one translated message per bad line.

    Line 1 is the header; the messages name each line by its number.
    """
    _ = tk._
    reader = csv.DictReader(io.StringIO(str(text).lstrip("\ufeff")))
    header = [c.strip() for c in reader.fieldnames or []]
    reader.fieldnames = header
    missing = _needed_columns(header)
    if missing:
        return [], [
            _("Line {line}: missing columns: {columns}.").format(line=1, columns=", ".join(missing))
        ]
    rows: list[dict[str, Any]] = []
    problems: list[str] = []
    for line, row in enumerate(reader, start=2):
        data = _data_dict(row)
        _data, errors = tk.navl_validate(dict(data), schema.responsible_assign(), context)
        for field, field_errors in errors.items():
            if field_errors:
                problems.append(
                    _("Line {line}: {field}: {error}").format(
                        line=line, field=field, error=" ".join(_texts(field_errors))
                    )
                )
        rows.append(data)
    if not rows and not problems:
        problems.append(_("The file has no persons."))
    return rows, problems


def _texts(errors: Any) -> list[str]:
    if isinstance(errors, dict):
        return [t for v in errors.values() for t in _texts(v)]
    if isinstance(errors, list):
        return [t for v in errors for t in _texts(v)]
    return [str(errors)]


def export(out: IO[str]) -> int:
    """Write every assignment of every body, newest first per body."""
    context = _context()
    writer = csv_writer(out)  # neutralises formula-like cells (OWASP); load() restores them
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    for organization in tk.get_action("organization_list")(context, {"all_fields": True}):
        history = tk.get_action("lutsk_charter_responsible_history")(
            _context(), {"organization_id": organization["id"]}
        )
        for person in history:
            document = person["appointing_document"]
            row = {
                **person,
                "organization": organization["name"],
                "document_number": document["number"],
                "document_date": document["date"],
                "document_url": document["url"],
            }
            writer.writerow([row.get(c, "") for c in EXPORT_COLUMNS])
            count += 1
    return count
