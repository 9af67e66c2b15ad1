"""Tables as CSV (UTF-8 with a BOM, so Excel reads Ukrainian) or XLSX (openpyxl)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Font

MIMETYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def table_bytes(
    header: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str, sheet_title: str = ""
) -> bytes:
    """The table in ``fmt`` (csv or xlsx); an XLSX has a bold header row frozen on top."""
    if fmt == "csv":
        text = io.StringIO()
        writer = csv.writer(text)
        writer.writerow(header)
        writer.writerows(rows)
        return ("\ufeff" + text.getvalue()).encode("utf-8")
    workbook = Workbook(write_only=False)
    sheet = workbook.active
    sheet.append(list(header))
    if sheet_title:
        sheet.title = sheet_title
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "A2"
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
