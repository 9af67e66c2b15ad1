"""CSV import and export of the register of responsible persons (used by the CLI).

The import runs every line through the assign action's own schema first, so a
file is either loaded whole or not at all; then it loads it in one transaction.
"""

from __future__ import annotations

from typing import IO, Any

import ckan.plugins.toolkit as tk
from ckan import model

from ckanext.lutsk_charter.logic import schema
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
    "role",
    "full_name",
    "email",
    "phone",
    "position",
    "document_number",
    "document_date",
    "document_url",
    "valid_from",
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


def _context() -> dict[str, Any]:
    site_user = tk.get_action("get_site_user")({"ignore_auth": True}, {})
    return {"user": site_user["name"], "model": model, "session": model.Session}


def check(rows: list[dict[str, str]]) -> list[tuple[int, dict[str, Any]]]:
    """``(line number, errors)`` of every bad row; line 1 is the header."""
    problems = []
    missing = [
        c for c in ("organization", "role", "full_name", "email") if rows and c not in rows[0]
    ]
    if missing:
        return [(1, {"columns": [f"missing: {', '.join(missing)}"]})]
    for line, row in enumerate(rows, start=2):
        _data, errors = tk.navl_validate(_data_dict(row), schema.responsible_assign(), _context())
        if errors:
            problems.append((line, errors))
    return problems


def load(rows: list[dict[str, str]]) -> int:
    """Assign every row in one transaction; return how many."""
    context = {**_context(), "defer_commit": True}
    action = tk.get_action("lutsk_charter_responsible_assign")
    try:
        for row in rows:
            action(dict(context), _data_dict(row))
        model.Session.commit()
    except Exception:
        model.Session.rollback()
        raise
    return len(rows)


def export(out: IO[str]) -> int:
    """Write every assignment of every body, newest first per body."""
    context = _context()
    writer = csv_writer(out)  # neutralises formula-like cells (OWASP); load() restores them
    writer.writerow(EXPORT_COLUMNS)
    count = 0
    for organization in tk.get_action("organization_list")(context, {"all_fields": True}):
        history = tk.get_action("lutsk_charter_responsible_history")(
            dict(context), {"organization_id": organization["id"]}
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
