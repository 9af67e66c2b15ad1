"""The catalogue of datasets Resolution 835 makes mandatory, as a service: its CSV and
which datasets are linked to its items, with their timeliness."""

from __future__ import annotations

import csv
import io
from typing import Any

import ckan.plugins.toolkit as tk
from ckan import model
from ckan.types import Context

from ckanext.lutsk_charter import timeliness
from ckanext.lutsk_charter.clock import now, portal_zone
from ckanext.lutsk_charter.logic import schema
from ckanext.lutsk_charter.model import required as required_model
from ckanext.lutsk_charter.model.queries import data_changed_at
from ckanext.lutsk_charter.monitoring.exports import restore_text
from ckanext.lutsk_charter.types import REQUIRED_SECTIONS

_ = tk._

#: Columns of the catalogue's CSV, as ``data/835-list.csv`` and the export write them.
CSV_COLUMNS = ("code", "section", "number", "name_uk", "name_en", "source", "active")
_NEEDED_COLUMNS = ("section", "number", "name_uk")
#: The dataset field that links a dataset to its item.
FIELD = "required_dataset"


def parse_csv(context: Context, text: str) -> tuple[list[dict[str, Any]], list[str]]:
    """The rows of the catalogue's CSV, ready for the table, and a message per bad line."""
    reader = csv.DictReader(io.StringIO(str(text).lstrip("\ufeff")))
    header = [c.strip() for c in reader.fieldnames or []]
    reader.fieldnames = header
    missing = [c for c in _NEEDED_COLUMNS if c not in header]
    if missing:
        return [], [
            _("Line {line}: missing columns: {columns}.").format(line=1, columns=", ".join(missing))
        ]
    rows: list[dict[str, Any]] = []
    problems: list[str] = []
    seen: dict[str, int] = {}
    for line, raw in enumerate(reader, start=2):
        cells = {
            k: restore_text((v or "").strip())
            for k, v in raw.items()
            if k in CSV_COLUMNS and v is not None
        }
        cells = {k: v for k, v in cells.items() if v != ""}
        data, errors = tk.navl_validate(cells, schema.required_dataset_row(), context)
        messages = [
            _("Line {line}: {field}: {error}").format(
                line=line, field=field, error=" ".join(str(e) for e in field_errors)
            )
            for field, field_errors in errors.items()
            if field_errors
        ]
        if not messages:
            prefix = REQUIRED_SECTIONS[data["section"]]
            number = int(data["number"])
            code = data.get("code") or f"{prefix}-{number}"
            if number < 1:
                messages.append(
                    _("Line {line}: number: the position must be 1 or more.").format(line=line)
                )
            if not code.startswith(f"{prefix}-"):
                messages.append(
                    _("Line {line}: code: {code} does not belong to the section {section}.").format(
                        line=line, code=code, section=data["section"]
                    )
                )
            if code in seen:
                messages.append(
                    _("Line {line}: code: {code} is already on line {other}.").format(
                        line=line, code=code, other=seen[code]
                    )
                )
            seen.setdefault(code, line)
            row = {
                "code": code,
                "section": data["section"],
                "position": number,
                "name_uk": data["name_uk"],
                "name_en": data.get("name_en", ""),
                "source": data.get("source", ""),
            }
            if "active" in data:
                row["active"] = data["active"]
            rows.append(row)
        problems.extend(messages)
    if not rows and not problems:
        problems.append(_("The file has no items."))
    return rows, problems


def linked_datasets(context: Context, organization_id: str | None) -> list[dict[str, Any]]:
    """Every public, active dataset linked to an item, with its timeliness: two queries in all."""
    rows = required_model.linked_rows(model.Session, FIELD, organization_id)
    latest = data_changed_at([r.id for r in rows])
    moment, zone = now(), portal_zone()
    result = []
    for row in rows:
        changed = latest.get(row.id) or timeliness.parse_ckan_time(row.metadata_created) or moment
        assessed = timeliness.assess(row.frequency, changed, moment, zone)
        result.append(
            {
                "id": row.id,
                "name": row.name,
                "title": row.title,
                "organization_id": row.owner_org,
                "code": row.code,
                "update_frequency": row.frequency,
                "state": assessed.state,
                "data_changed_at": changed.isoformat() if changed else None,
                "due": assessed.due.isoformat() if assessed.due else None,
                "current": assessed.state != "overdue",
            }
        )
    return result


def package_items() -> list[dict[str, Any]]:
    """The items of the package's ``data/835-list.csv`` as rows of the table (all active)."""
    from importlib import resources

    text = (resources.files("ckanext.lutsk_charter") / "data" / "835-list.csv").read_text("utf-8")
    return [
        {
            "code": row["code"],
            "section": row["section"],
            "position": int(row["number"]),
            "name_uk": row["name_uk"],
            "name_en": row["name_en"],
            "source": row["source"],
            "active": True,
        }
        for row in csv.DictReader(io.StringIO(text))
    ]


def seed_if_empty(session: Any) -> int:
    """Fill an empty catalogue with the package's items, as a new portal gets them; the
    caller commits. Returns how many rows were added (0 when it was not empty)."""
    return required_model.seed_if_empty(session, package_items())
