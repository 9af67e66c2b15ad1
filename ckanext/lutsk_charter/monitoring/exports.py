"""Tables as CSV (UTF-8 with a BOM, so Excel reads Ukrainian) or XLSX (openpyxl).

Every table the extension writes goes through here, so every one of them is
safe against formula injection (OWASP's "CSV injection" rule): a text cell that
starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return would be run
as a formula by a spreadsheet program. In CSV such a cell gets a leading
apostrophe (``'=HYPERLINK(...)``), which spreadsheets hide and people can still
read; ``restore_text`` takes it off again when our own importers read the file
back. In XLSX the cell is stored as text with Excel's "quote prefix" style, so
it shows exactly as written and is never evaluated.

XLSX cells keep their types: ``int``/``float`` as numbers, ``date``/``datetime``
as dates, the rest as text; the sheet is named, its header row bold and frozen,
its columns as wide as their content (within bounds).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Iterable, Mapping, Sequence
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

MIMETYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
#: What a cell may not start with (OWASP: CSV injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
DATE_FORMAT = "DD.MM.YYYY"
DATETIME_FORMAT = "DD.MM.YYYY HH:MM"
MIN_WIDTH, MAX_WIDTH = 8, 60
#: Excel refuses sheet names over 31 characters or with any of these.
_SHEET_FORBIDDEN = set("[]:*?/\\")


def is_formula_like(value: Any) -> bool:
    """True for text a spreadsheet would read as a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def safe_text(value: Any) -> Any:
    """``value`` with a leading apostrophe when it would be read as a formula (CSV)."""
    return "'" + value if is_formula_like(value) else value


def restore_text(value: str) -> str:
    """The text ``safe_text`` was given: our importers read our own exports back."""
    if value.startswith("'") and value[1:].startswith(FORMULA_STARTS):
        return value[1:]
    return value


def _csv_cell(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    if isinstance(value, dt.date):
        return value.isoformat()
    if value is None:
        return ""
    return safe_text(value)


def csv_writer(out: IO[str], **kwargs: Any) -> Any:
    """A ``csv.writer`` whose rows are neutralised cell by cell."""
    writer = csv.writer(out, **kwargs)

    class _Safe:
        def writerow(self, row: Iterable[Any]) -> Any:
            return writer.writerow([_csv_cell(v) for v in row])

        def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
            for row in rows:
                self.writerow(row)

    return _Safe()


def write_dicts(
    out: IO[str], fieldnames: Sequence[str], rows: Iterable[Mapping[str, Any]], **kwargs: Any
) -> int:
    """Write a header and ``rows`` (dicts; missing keys empty), neutralised; return the count."""
    writer = csv_writer(out, **kwargs)
    writer.writerow(fieldnames)
    count = 0
    for row in rows:
        writer.writerow([row.get(name, "") for name in fieldnames])
        count += 1
    return count


def sheet_name(title: str) -> str:
    """A name Excel accepts for a sheet (at most 31 characters, no ``[]:*?/\\``)."""
    cleaned = "".join("-" if c in _SHEET_FORBIDDEN else c for c in title).strip("' ")
    return cleaned[:31] or "Sheet1"


def write_cell(cell: Any, value: Any) -> None:
    """Put ``value`` in an XLSX cell with its type; text is never a formula."""
    _xlsx_cell(cell, value)


def _xlsx_cell(cell: Any, value: Any) -> None:
    if isinstance(value, bool):
        cell.value = value
    elif isinstance(value, dt.datetime):
        cell.value = value.replace(tzinfo=None)
        cell.number_format = DATETIME_FORMAT
    elif isinstance(value, dt.date):
        cell.value = value
        cell.number_format = DATE_FORMAT
    elif isinstance(value, int | float) or value is None:
        cell.value = value
    else:
        text = str(value)
        cell.value = text
        cell.data_type = "s"  # never a formula, whatever it starts with
        if is_formula_like(text):
            cell.quotePrefix = True  # Excel keeps it text even when the cell is edited


def _width(value: Any) -> int:
    if isinstance(value, dt.datetime):
        return 16
    if isinstance(value, dt.date):
        return 10
    if value is None:
        return 0
    return max((len(line) for line in str(value).splitlines()), default=0)


def table_bytes(
    header: Sequence[str], rows: Iterable[Sequence[Any]], fmt: str, sheet_title: str = ""
) -> bytes:
    """The table in ``fmt`` (csv or xlsx); an XLSX has a bold header row frozen on top."""
    if fmt == "csv":
        text = io.StringIO()
        writer = csv_writer(text)
        writer.writerow(header)
        writer.writerows(rows)
        return ("\ufeff" + text.getvalue()).encode("utf-8")
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # a new workbook has its one sheet
    sheet.title = sheet_name(sheet_title or "data")
    widths = [_width(h) for h in header]
    for number, name in enumerate(header, start=1):
        cell = sheet.cell(row=1, column=number)
        _xlsx_cell(cell, name)
        cell.font = Font(bold=True)
    for row_number, row in enumerate(rows, start=2):
        for number, value in enumerate(row, start=1):
            _xlsx_cell(sheet.cell(row=row_number, column=number), value)
            if number <= len(widths):
                widths[number - 1] = max(widths[number - 1], _width(value))
            else:
                widths.append(_width(value))
    for number, width in enumerate(widths, start=1):
        letter = get_column_letter(number)
        sheet.column_dimensions[letter].width = min(MAX_WIDTH, max(MIN_WIDTH, width + 2))
    sheet.freeze_panes = "A2"
    if sheet.max_row > 1:
        sheet.auto_filter.ref = sheet.dimensions
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
