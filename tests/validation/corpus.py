"""A corpus of real-world and hostile files with the outcome each must have.

Each case makes its file (nothing binary is committed). ``code`` is the finding
or frictionless error type the report must contain.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from openpyxl import Workbook

ROWS = [
    ["Маршрут", "Кінцева зупинка", "Тролейбусів"],
    ["1", "Завод ЛуАЗ", "9"],
    ["2", "Гнідавська", "6"],
    ["4", "Кічкарівка", "7"],
]
SCHEMA = {
    "fields": [
        {"name": "Маршрут", "type": "string"},
        {"name": "Кінцева зупинка", "type": "string"},
        {"name": "Тролейбусів", "type": "integer"},
    ]
}


def _csv(rows: list[list[str]], sep: str = ",", encoding: str = "utf-8") -> bytes:
    return ("\r\n".join(sep.join(r) for r in rows) + "\r\n").encode(encoding)


def _xlsx(rows: list[list[Any]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _zip_bomb(path: Path) -> None:
    """An .xlsx whose sheet unpacks to 600 MB of the same byte (a few hundred KB packed)."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as sheet:
            block = b"0" * (1 << 20)
            for _ in range(600):
                sheet.write(block)


def _huge_line(path: Path) -> None:
    """A CSV whose second line is 1 GB long (written in 1 MB blocks)."""
    block = b"a" * (1 << 20)
    with path.open("wb") as f:
        f.write(b"id,text\n1,")
        for _ in range(1024):
            f.write(block)
        f.write(b"\n")


@dataclass(frozen=True)
class Case:
    name: str
    fmt: str
    make: bytes | Callable[[Path], None]
    status: str
    code: str | None = None
    schema: dict[str, Any] | None = None
    options: dict[str, Any] | None = None
    big: bool = False

    def write(self, folder: Path) -> Path:
        path = folder / f"{self.name}.{self.fmt}"
        if isinstance(self.make, bytes):
            path.write_bytes(self.make)
        else:
            self.make(path)
        return path


CASES = [
    Case("good-utf8", "csv", _csv(ROWS), "success", schema=SCHEMA),
    Case("good-utf8-bom", "csv", b"\xef\xbb\xbf" + _csv(ROWS), "success", schema=SCHEMA),
    Case(
        "cp1251-semicolon",
        "csv",
        _csv(ROWS, ";", "cp1251"),
        "success",
        "encoding-not-utf8",
        schema=SCHEMA,
    ),
    Case(
        "koi8u-semicolon",
        "csv",
        _csv(ROWS, ";", "koi8_u"),
        "success",
        "encoding-not-utf8",
        schema=SCHEMA,
    ),
    Case("tab-delimited", "tsv", _csv(ROWS, "\t"), "success", schema=SCHEMA),
    Case("tab-in-csv", "csv", _csv(ROWS, "\t"), "success", schema=SCHEMA),
    Case(
        "declared-encoding-wrong",
        "csv",
        _csv(ROWS, ";", "cp1251"),
        "success",
        "encoding-mismatch",
        options={"encoding": "koi8-u"},
    ),
    Case(
        "type-error",
        "csv",
        _csv([*ROWS, ["5", "Вокзал", "багато"]]),
        "failure",
        "type-error",
        schema=SCHEMA,
    ),
    Case(
        "ragged-rows",
        "csv",
        _csv([ROWS[0], ROWS[1], ["2", "Гнідавська"], ["3", "a", "1", "x"]]),
        "failure",
        "missing-cell",
    ),
    Case(
        "blank-header",
        "csv",
        _csv([["Маршрут", "", "Тролейбусів"], *ROWS[1:]]),
        "failure",
        "blank-label",
    ),
    Case("duplicate-header", "csv", _csv([["id", "id"], ["1", "2"]]), "failure", "duplicate-label"),
    Case("blank-row", "csv", _csv([*ROWS[:2], ["", "", ""], *ROWS[2:]]), "failure", "blank-row"),
    Case(
        "schema-missing-column",
        "csv",
        _csv([r[:2] for r in ROWS]),
        "failure",
        "missing-label",
        schema=SCHEMA,
    ),
    Case("empty", "csv", b"", "failure", "empty-file"),
    Case(
        "binary-as-csv",
        "csv",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4,
        "failure",
        "binary-file",
    ),
    Case(
        "html-as-csv",
        "csv",
        b"<!DOCTYPE html><html><head><title>502</title></head><body>Bad Gateway</body></html>",
        "failure",
        "html-page",
    ),
    Case("only-header", "csv", _csv([ROWS[0]]), "success"),
    Case(
        "good-xlsx",
        "xlsx",
        _xlsx([ROWS[0]] + [[r[0], r[1], int(r[2])] for r in ROWS[1:]]),
        "success",
        schema=SCHEMA,
    ),
    Case(
        "xlsx-type-error",
        "xlsx",
        _xlsx([ROWS[0], ["1", "Завод", "дев'ять"]]),
        "failure",
        "type-error",
        schema=SCHEMA,
    ),
    Case(
        "xlsx-not-a-zip",
        "xlsx",
        b"this is not a spreadsheet at all",
        "failure",
        "not-a-spreadsheet",
    ),
    Case("xlsx-zip-bomb", "xlsx", _zip_bomb, "failure", "zip-bomb"),
    Case(
        "json-table",
        "json",
        json.dumps([{"id": 1, "name": "Луцьк"}], ensure_ascii=False).encode(),
        "success",
    ),
    Case("json-broken", "json", b'[{"id": 1, "name": ', "failure", "unreadable"),
    Case(
        "pick-errors-option",
        "csv",
        _csv([*ROWS[:2], ["", "", ""]]),
        "success",
        options={"pick_errors": ["type-error"]},
    ),
    Case("over-size-limit", "csv", _csv(ROWS * 40000), "error", "too-big"),
    Case("one-gigabyte-line", "csv", _huge_line, "failure", "line-too-long", big=True),
]
