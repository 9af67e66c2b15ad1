"""A plan's measures as flat rows (export, publication) and rows back into measures (import).

Pure: no database. Export neutralises formulas (``monitoring/exports.py``); the
import reads CSV (UTF-8, with or without BOM, ``,`` or ``;``) or XLSX (the first
sheet), one measure per row after a header, and restores what the export
neutralised.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping
from typing import Any

from ckanext.lutsk_charter.monitoring.exports import restore_text, write_dicts

#: The columns of a plan's measures, in the order of the export and the import.
COLUMNS: tuple[str, ...] = (
    "number", "section_uk", "section_en", "title_uk", "title_en", "description_uk",
    "description_en", "principles", "lead_organization", "co_executors", "deadline_kind",
    "deadline", "expected_result_uk", "expected_result_en", "indicator_text_uk",
    "indicator_text_en", "status", "cancel_reason_uk", "cancel_reason_en", "indicator_code",
    "indicator_organization", "indicator_target", "indicator_target_date",
)  # fmt: skip
#: Columns the export adds for the progress on its day (ignored by the import).
PROGRESS_COLUMNS: tuple[str, ...] = (
    "deadline_date", "overdue", "progress", "indicator_value", "reports",
)  # fmt: skip
#: Columns of the import that hold lists (comma-separated in a cell).
LIST_COLUMNS = frozenset({"principles", "co_executors"})
REQUIRED_COLUMNS = frozenset({"number", "title_uk", "principles", "deadline_kind"})


def _name(body: Mapping[str, Any] | None) -> str:
    return (body or {}).get("name") or ""


def export_rows(measures: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows of the measures of ``lutsk_charter_plan_progress`` (with their progress)."""
    rows = []
    for m in measures:
        indicator = m.get("indicator") or {}
        live = m.get("live_indicator") or {}
        rows.append(
            {
                "number": m["number"],
                "section_uk": m["section_uk"],
                "section_en": m["section_en"],
                "title_uk": m["title_uk"],
                "title_en": m["title_en"],
                "description_uk": m["description_uk"],
                "description_en": m["description_en"],
                "principles": ", ".join(m["principles"]),
                "lead_organization": _name(m["lead_organization"]),
                "co_executors": ", ".join(_name(c) for c in m["co_executors"]),
                "deadline_kind": m["deadline"]["kind"],
                "deadline": m["deadline"]["value"],
                "expected_result_uk": m["expected_result_uk"],
                "expected_result_en": m["expected_result_en"],
                "indicator_text_uk": m["indicator_text_uk"],
                "indicator_text_en": m["indicator_text_en"],
                "status": m["status"],
                "cancel_reason_uk": m["cancel_reason_uk"],
                "cancel_reason_en": m["cancel_reason_en"],
                "indicator_code": live.get("code") or "",
                "indicator_organization": _name(live.get("organization")),
                "indicator_target": live.get("target"),
                "indicator_target_date": live.get("target_date") or "",
                "deadline_date": m["deadline"]["date"] or "",
                "overdue": "true" if m["overdue"] else "false",
                "progress": m.get("progress"),
                "indicator_value": indicator.get("value"),
                "reports": "; ".join(f"{r['period']}: {r['state']}" for r in m.get("reports", [])),
            }
        )
    return rows


def csv_text(rows: list[dict[str, Any]]) -> str:
    out = io.StringIO()
    write_dicts(out, [*COLUMNS, *PROGRESS_COLUMNS], rows)
    return out.getvalue()


def json_text(progress: Mapping[str, Any]) -> str:
    return json.dumps(progress, ensure_ascii=False, indent=2)


class BadFile(ValueError):
    """The file cannot be read as a table of measures (a message for the user)."""


def read_table(content: bytes, fmt: str) -> list[tuple[int, dict[str, str]]]:
    """``[(line number, {column: text})]`` of a CSV or XLSX file (line 1 is the header)."""
    if fmt == "xlsx":
        table = _xlsx(content)
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError as e:
            raise BadFile("not UTF-8") from e
        first = text.split("\n", 1)[0]
        delimiter = ";" if first.count(";") > first.count(",") else ","
        table = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    if not table:
        raise BadFile("empty")
    header = [str(h or "").strip() for h in table[0]]
    missing = REQUIRED_COLUMNS - set(header)
    if missing:
        raise BadFile("missing columns: " + ", ".join(sorted(missing)))
    rows = []
    for number, cells in enumerate(table[1:], start=2):
        values = {
            h: restore_text(str(c).strip()) if c is not None else ""
            for h, c in zip(header, cells, strict=False)
            if h
        }
        if any(values.values()):
            rows.append((number, values))
    return rows


def _xlsx(content: bytes) -> list[list[Any]]:
    from openpyxl import load_workbook

    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception as e:  # openpyxl raises many kinds for a file that is not a workbook
        raise BadFile("not an XLSX workbook") from e
    sheet = book.worksheets[0]
    found = []
    for row in sheet.iter_rows(values_only=True):
        found.append(["" if v is None else _cell(v) for v in row])
    return found


def _cell(value: Any) -> str:
    import datetime as dt

    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def measure_data(row: Mapping[str, str], bodies: Mapping[str, str]) -> dict[str, Any]:
    """The ``lutsk_charter_measure_create`` data of an imported row.

    ``bodies`` maps a body's name (and id) to its id; an unknown name is passed on
    as it is, for the action to refuse with its own message.
    """
    data: dict[str, Any] = {}
    for column in COLUMNS:
        value = row.get(column, "")
        if value == "":
            continue
        if column in LIST_COLUMNS:
            items = [v.strip() for v in value.split(",") if v.strip()]
            if column == "co_executors":
                data["co_executor_ids"] = [bodies.get(v, v) for v in items]
            else:
                data[column] = items
        elif column == "lead_organization":
            data["lead_organization_id"] = bodies.get(value, value)
        elif column == "indicator_organization":
            data["indicator_organization_id"] = bodies.get(value, value)
        else:
            data[column] = value
    return data
