"""Bytes of the demo resources, made in code so nothing binary is committed.

Real shapes of what Lutsk publishers upload: UTF-8 CSV with and without BOM,
windows-1251 and KOI8-U with ``;`` delimiters, TSV, XLSX, JSON, and a few
broken files (ragged rows, an HTML error page named .csv, an empty file).
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence

from openpyxl import Workbook

Rows = Sequence[Sequence[object]]


def csv_bytes(
    rows: Rows,
    encoding: str = "utf-8",
    delimiter: str = ",",
    bom: bool = False,
    decimal_comma: bool = False,
) -> bytes:
    """A CSV file; ``decimal_comma`` writes 73,6 for 73.6, as Ukrainian Excel exports do."""
    if decimal_comma:
        rows = [[str(v).replace(".", ",") if isinstance(v, float) else v for v in r] for r in rows]
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    data = buffer.getvalue().encode(encoding)
    return (b"\xef\xbb\xbf" + data) if bom else data


def xlsx_bytes(rows: Rows, sheet: str = "Дані") -> bytes:
    workbook = Workbook()
    worksheet = workbook.active
    assert worksheet is not None  # a new workbook has its one sheet
    worksheet.title = sheet
    for row in rows:
        worksheet.append(list(row))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def json_bytes(rows: Rows) -> bytes:
    header, *body = rows
    return json.dumps(
        [dict(zip(header, row, strict=True)) for row in body], ensure_ascii=False, indent=1
    ).encode("utf-8")


def ragged_csv_bytes(rows: Rows) -> bytes:
    """Every third data row loses its last cell: what a hand-edited export looks like."""
    broken = [row[:-1] if n and n % 3 == 0 else row for n, row in enumerate(rows)]
    return csv_bytes(broken)


HTML_ERROR_PAGE = (
    b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>"
    b"<body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>\n"
)
