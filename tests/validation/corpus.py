"""A corpus of real-world and hostile files with the outcome each must have.

Each case makes its file (nothing binary is committed). ``code`` is the finding
or frictionless error type the report must contain, ``findings`` more of them;
``encoding`` the encoding the report must state; ``text`` a word of the file that
the report must show as written (the mojibake test), in the ``script`` of the file.
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


def _xlsx(rows: list[list[Any]], merge: tuple[str, ...] = ()) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    for cells in merge:
        book.active.merge_cells(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


FRENCH = [
    ["Ville", "Région", "Habitants"],
    ["Besançon", "Franche-Comté", "116000"],
    ["Orléans", "Centre-Val de Loire", "117000"],
]
GERMAN = [
    ["Straße", "Größe", "Anzahl"],
    ["Müllerstraße", "groß", "5"],
    ["Hauptstraße", "klein", "7"],
]
POLISH = [
    ["Miasto", "Województwo", "Ludność"],
    ["Łódź", "łódzkie", "658000"],
    ["Gdańsk", "pomorskie", "486000"],
]
GREEK = [
    ["Πόλη", "Περιφέρεια", "Πληθυσμός"],
    ["Αθήνα", "Αττική", "643000"],
    ["Θεσσαλονίκη", "Κεντρική Μακεδονία", "315000"],
]
#: windows-1252 only: € and typographic quotes sit in 0x80–0x9F.
CP1252 = [
    ["Item", "Note", "Price"],
    ["Café", "“special” – 2024", "3"],
    ["Crème brûlée", "€ only", "5"],
]
#: Dashes, kha and "н/д" where a statistical table has no number.
MARKERS = [
    ["Район", "Населення", "Шкіл"],
    ["Центральний", "68000", "12"],
    ["Вересневе", "-", "–"],
    ["Гнідава", "—", "х"],
    ["Київський", "x", "н/д"],
    ["Новий", "n/a", "3"],
]
MARKERS_SCHEMA = {
    "fields": [
        {"name": "Район", "type": "string"},
        {"name": "Населення", "type": "integer"},
        {"name": "Шкіл", "type": "integer"},
    ]
}


def _late_cp1251(path: Path) -> None:
    """A file whose first 64 KB are ASCII and whose Cyrillic comes after."""
    lines = ["id,name"] + [f"{n},Lutsk" for n in range(1, 9000)] + ["9000,Луцьк", "9001,Ківерці"]
    path.write_bytes(("\r\n".join(lines) + "\r\n").encode("cp1251"))


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
    findings: tuple[str, ...] = ()
    encoding: str | None = None
    delimiter: str | None = None
    text: str | None = None
    script: str | None = None

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
    # Encodings: by BOM, by UTF-8 validity, else by what the decoded text reads as.
    Case(
        "utf16le-excel-unicode-text",
        "csv",
        b"\xff\xfe" + _csv(ROWS, "\t", "utf-16-le"),
        "success",
        encoding="utf-16",
        delimiter="\t",
        text="Кінцева зупинка",
        script="cyrillic",
    ),
    Case(
        "utf16be-bom",
        "csv",
        b"\xfe\xff" + _csv(ROWS, ";", "utf-16-be"),
        "success",
        encoding="utf-16",
        delimiter=";",
        text="Кінцева зупинка",
        script="cyrillic",
    ),
    Case(
        "utf16le-no-bom",
        "csv",
        _csv(ROWS, ",", "utf-16-le"),
        "success",
        encoding="utf-16-le",
        text="Тролейбусів",
        script="cyrillic",
    ),
    Case(
        "utf32-bom",
        "csv",
        _csv(ROWS, ",", "utf-32"),
        "success",
        encoding="utf-32",
        text="Тролейбусів",
        script="cyrillic",
    ),
    Case(
        "windows-1251-guessed",
        "csv",
        _csv(ROWS, ";", "cp1251"),
        "success",
        findings=("encoding-guessed", "encoding-not-utf8"),
        encoding="windows-1251",
        text="Кінцева зупинка",
        script="cyrillic",
    ),
    Case(
        "koi8u-guessed",
        "csv",
        _csv(ROWS, ",", "koi8_u"),
        "success",
        findings=("encoding-guessed",),
        encoding="koi8-u",
        text="Кінцева зупинка",
        script="cyrillic",
    ),
    Case(
        "cyrillic-after-64kb",
        "csv",
        _late_cp1251,
        "success",
        "encoding-guessed",
        encoding="windows-1251",
    ),
    Case(
        "cp1252-french",
        "csv",
        _csv(FRENCH, ";", "cp1252"),
        "success",
        "encoding-guessed",
        encoding="windows-1252",
        text="Région",
        script="latin",
    ),
    Case(
        "cp1252-euro-and-quotes",
        "csv",
        _csv(CP1252, ",", "cp1252"),
        "success",
        "encoding-guessed",
        encoding="windows-1252",
        text="Note",
        script="latin",
    ),
    Case(
        "iso-8859-1-german",
        "csv",
        _csv(GERMAN, ",", "latin_1"),
        "success",
        "encoding-guessed",
        # ISO-8859-1 and windows-1252 read this file alike; the superset is named.
        encoding="windows-1252",
        text="Straße",
        script="latin",
    ),
    Case(
        "iso-8859-2-polish",
        "csv",
        _csv(POLISH, ",", "iso8859_2"),
        "success",
        "encoding-guessed",
        encoding="iso-8859-2",
        text="Województwo",
        script="latin",
    ),
    Case(
        "iso-8859-7-greek",
        "csv",
        _csv(GREEK, ",", "iso8859_7"),
        "success",
        "encoding-guessed",
        encoding="iso-8859-7",
        text="Περιφέρεια",
    ),
    Case(
        "declared-encoding-wins",
        "csv",
        _csv(FRENCH, ";", "latin_1"),
        "success",
        encoding="iso-8859-1",
        options={"encoding": "iso-8859-1"},
        text="Région",
        script="latin",
    ),
    Case(
        "declared-encoding-unknown",
        "csv",
        _csv(ROWS, ";", "cp1251"),
        "success",
        "encoding-unknown",
        findings=("encoding-guessed",),
        encoding="windows-1251",
        options={"encoding": "cyrillic-please"},
    ),
    Case(
        "declared-utf8-but-cp1251",
        "csv",
        _csv(ROWS, ";", "cp1251"),
        "failure",
        "encoding-error",
        findings=("encoding-mismatch",),
        options={"encoding": "utf-8"},
    ),
    Case(
        "utf8-with-one-damaged-byte",
        "csv",
        _csv(ROWS) + b"5,\xff,1\r\n",
        "failure",
        "encoding-error",
        encoding="utf-8",
    ),
    Case(
        "utf8-latin",
        "csv",
        _csv(FRENCH),
        "success",
        encoding="utf-8",
        text="Région",
        script="latin",
    ),
    # Delimiters, quoting, line ends, damage.
    Case("pipe-delimited", "csv", _csv(ROWS, "|"), "success", delimiter="|", schema=SCHEMA),
    Case(
        "semicolon-utf8",
        "csv",
        _csv(ROWS, ";"),
        "success",
        delimiter=";",
        text="Кінцева зупинка",
        script="cyrillic",
    ),
    Case(
        "quoted-newlines-and-delimiters",
        "csv",
        (
            'Назва,Адреса,Кількість\r\n"Школа 5","вул. Лесі Українки, 12",3\r\n'
            '"Ліцей","просп. Волі 3\r\nкорпус 2",4\r\n"Гімназія ""Престиж""",вул. Шопена 1,5\r\n'
        ).encode(),
        "success",
        text="Кількість",
        script="cyrillic",
    ),
    Case(
        "quoted-newline-then-type-error",
        "csv",
        b'id,note\r\n1,"two\r\nlines"\r\nthree,x\r\n4,ok\r\n',
        "failure",
        "type-error",
        schema={"fields": [{"name": "id", "type": "integer"}, {"name": "note", "type": "string"}]},
    ),
    Case(
        "mac-line-ends",
        "csv",
        "\r".join(",".join(r) for r in ROWS).encode() + b"\r",
        "success",
        schema=SCHEMA,
    ),
    Case(
        "mac-line-ends-with-error",
        "csv",
        "\r".join(",".join(r) for r in [*ROWS, ["5", "Вокзал", "багато"]]).encode(),
        "failure",
        "type-error",
        schema=SCHEMA,
    ),
    Case(
        "nul-bytes-in-text",
        "csv",
        _csv(ROWS).replace("Завод".encode(), "За\x00вод".encode()),
        "success",
        "nul-bytes",
    ),
    Case(
        "ragged-and-extra-cells",
        "csv",
        _csv([ROWS[0], ROWS[1], ["2"], ROWS[2], ["3", "a", "1", "x", "y"]]),
        "failure",
        "extra-cell",
        findings=("missing-cell",),
    ),
    Case(
        "blank-and-duplicate-labels",
        "csv",
        _csv([["id", "", "id", "name"], ["1", "a", "2", "b"]]),
        "failure",
        "blank-label",
        findings=("duplicate-label",),
    ),
    # Missing-value markers.
    Case(
        "markers-without-schema",
        "csv",
        _csv(MARKERS),
        "success",
        "missing-value-markers",
        text="Населення",
        script="cyrillic",
    ),
    Case(
        # The table: numbers first, so the type is integer; then dashes for "none".
        "markers-after-numbers",
        "csv",
        _csv([MARKERS[0]] + [[f"Р{n}", str(1000 + n), str(n)] for n in range(60)] + MARKERS[1:]),
        "success",
        "missing-value-markers",
    ),
    Case(
        "markers-semicolon-cp1251",
        "csv",
        _csv(MARKERS, ";", "cp1251"),
        "success",
        "missing-value-markers",
        findings=("encoding-guessed",),
        encoding="windows-1251",
        text="Шкіл",
        script="cyrillic",
    ),
    Case(
        "markers-with-schema-fail",
        "csv",
        _csv(MARKERS),
        "failure",
        "type-error",
        schema=MARKERS_SCHEMA,
    ),
    Case(
        "markers-declared-in-schema",
        "csv",
        _csv(MARKERS),
        "success",
        schema={**MARKERS_SCHEMA, "missingValues": ["", "-", "–", "—", "х", "x", "н/д", "n/a"]},
    ),
    Case(
        "markers-mistyped-value-still-fails",
        "csv",
        # After frictionless' sample of 100 rows, so the column is inferred as integer.
        _csv([*MARKERS] + [["Р", str(n), "1"] for n in range(120)] + [["Старий", "багато", "1"]]),
        "failure",
        "type-error",
        findings=("missing-value-markers",),
    ),
    # Spreadsheets as publishers make them.
    Case(
        "xlsx-merged-header",
        "xlsx",
        _xlsx(
            [["Район", "Населення", None], [None, "2023", "2024"], ["Центр", 68000, 69000]],
            merge=("B1:C1", "A1:A2"),
        ),
        "failure",
        "blank-label",
    ),
    Case(
        "xlsx-two-header-rows",
        "xlsx",
        _xlsx([["Район", "Населення", "Населення"], ["", "2023", "2024"], ["Центр", 68000, 69000]]),
        "success",
        options={"dialect": {"header_rows": [1, 2]}},
    ),
    Case(
        "xlsx-two-header-rows-undeclared",
        "xlsx",
        _xlsx(
            [["Район", "Школи", "Учні"], ["назва", "кількість", "осіб"]]
            + [[f"Р{n}", n, n * 100] for n in range(30)]
        ),
        "failure",
        "type-error",
    ),
    Case("over-size-limit", "csv", _csv(ROWS * 40000), "error", "too-big"),
    Case("one-gigabyte-line", "csv", _huge_line, "failure", "line-too-long", big=True),
]
