"""The 835 register of datasets, written without a database."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

from ckanext.lutsk_charter.monitoring import register

SITE = "https://data.lutskrada.gov.ua/"


def dataset(name: str, body: str = "Департамент культури", **overrides) -> register.Dataset:
    values = {
        "name": name,
        "title": f"Набір {name}",
        "notes": 'Опис; з комою, "лапками"\nі новим рядком',
        "update_frequency": "once a month",
        "purpose": "Облік",
        "maintainer": "Ковальчук Ірина",
        "maintainer_email": "i.kovalchuk@lutskrada.gov.ua",
        "tags": ("майно", "Бюджет"),
        "formats": ("csv", "CSV ", "xlsx", ""),
        "organization_title": body,
        "organization_edrpou": "12345678",
    }
    values.update(overrides)
    return register.Dataset(**values)


def test_rows_have_the_835_columns_in_order():
    rows = register.rows([dataset("b"), dataset("a", body="Бюджетне управління")], SITE)
    assert [r["identifier"] for r in rows] == ["a", "b"]
    row = rows[1]
    assert tuple(row) == register.COLUMNS
    assert row["landingPage"] == "https://data.lutskrada.gov.ua/dataset/b"
    assert row["keyword"] == "Бюджет, майно"
    assert row["distributionFormat"] == "CSV, XLSX"
    assert row["accrualPeriodicity"] == "once a month"
    assert row["publisherIdentifier"] == "12345678"
    assert row["contactPointHasEmail"] == "i.kovalchuk@lutskrada.gov.ua"


def test_csv_has_a_bom_and_reads_back():
    rows = register.rows([dataset("a")], SITE)
    data = register.csv_bytes(rows)
    assert data.startswith(b"\xef\xbb\xbf")
    read = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert read == rows


def test_xlsx_reads_back_with_a_bold_header():
    rows = register.rows([dataset("a"), dataset("b")], SITE)
    sheet = load_workbook(io.BytesIO(register.xlsx_bytes(rows))).active
    values = list(sheet.iter_rows(values_only=True))
    assert values[0] == register.COLUMNS
    assert all(cell.font.bold for cell in sheet[1])
    read = [dict(zip(register.COLUMNS, v, strict=True)) for v in values[1:]]
    # An empty cell reads back as None.
    assert [{k: "" if v is None else v for k, v in r.items()} for r in read] == rows


def test_an_empty_register_is_a_header():
    assert register.csv_text([]).splitlines() == [",".join(register.COLUMNS)]
    sheet = load_workbook(io.BytesIO(register.xlsx_bytes([]))).active
    assert sheet.max_row == 1
