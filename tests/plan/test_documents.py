"""The plan as a council document: DOCX and XLSX read back, in Ukrainian and English."""

from __future__ import annotations

import datetime as dt
import io

import docx
import openpyxl

from ckanext.lutsk_charter.plan.documents import document_bytes, translator
from ckanext.lutsk_charter.plan.present import (
    deadline_text,
    localized,
    plan_document,
    principle_summary,
)

PLAN = {
    "name": "plan-2024-2025",
    "title_uk": "План дій з реалізації принципів Хартії відкритих даних на 2024–2025 роки",
    "title_en": "Action plan for the Open Data Charter principles for 2024–2025",
    "document": {"number": "123", "date": "2024-03-07", "url": ""},
}
ICT = {"id": "org-ikt", "name": "ikt", "title": "Управління інформаційно-комунікаційних технологій"}


def _measure(number: str, principle: str, **fields) -> dict:
    return {
        "number": number,
        "principles": [principle],
        "title_uk": f"Захід {number}",
        "title_en": f"Measure {number}",
        "lead_organization": ICT,
        "co_executors": [],
        "deadline": {"kind": "quarter", "value": "2024-Q4", "date": "2024-12-31"},
        "indicator_text_uk": "Частка наборів",
        "indicator_text_en": "Share of datasets",
        "expected_result_uk": "Набори оприлюднено",
        "expected_result_en": "Datasets published",
        "status": "in_progress",
        **fields,
    }


MEASURES = [
    _measure("1.1", "open_by_default", status="done"),
    _measure(
        "1.2",
        "open_by_default",
        title_en="",
        deadline={"kind": "ongoing", "value": "", "date": None},
        indicator={"value": 62.5, "target": 80},
    ),
    _measure(
        "3.1",
        "accessible_and_usable",
        overdue=True,
        deadline={"kind": "half_year", "value": "2025-H1", "date": None},
    ),
    _measure(
        "5.1",
        "improved_governance",
        status="cancelled",
        cancel_reason_uk="Закон змінився",
        cancel_reason_en="The law changed",
    ),
]


def _docx_text(content: bytes) -> tuple[list[str], list[list[str]]]:
    document = docx.Document(io.BytesIO(content))
    paragraphs = [p.text for p in document.paragraphs if p.text]
    table = document.tables[0]
    rows = [[cell.text for cell in row.cells] for row in table.rows]
    return paragraphs, rows


def test_the_plan_as_docx_in_ukrainian():
    document = plan_document(PLAN, MEASURES, "uk", translator("uk"))
    paragraphs, rows = _docx_text(document_bytes(document, "docx"))
    assert paragraphs[0] == PLAN["title_uk"]
    assert "Затверджено розпорядженням міського голови від 07.03.2024 № 123" in paragraphs
    assert rows[0] == [
        "№ з/п",
        "Захід",
        "Виконавець",
        "Строк виконання",
        "Індикатор виконання",
        "Стан / результат",
    ]
    assert rows[1][0] == "1. Відкритість за замовчуванням"  # the principle heads its measures
    assert rows[2] == [
        "1.1",
        "Захід 1.1",
        "Управління інформаційно-комунікаційних технологій",
        "IV квартал 2024",
        "Частка наборів",
        "виконано. Набори оприлюднено",
    ]
    assert rows[3][3] == "постійно"
    assert rows[3][4] == "Частка наборів (значення 62,5 з цільових 80)"
    principles = [r[0] for r in rows if len(set(r)) == 1]
    assert principles == [
        "1. Відкритість за замовчуванням",
        "3. Доступність і зручність використання",
        "5. Покращене врядування та залучення громадян",
    ]
    overdue = next(r for r in rows if r[0] == "3.1")
    assert overdue[3] == "I півріччя 2025"
    assert overdue[5].startswith("прострочено")
    cancelled = next(r for r in rows if r[0] == "5.1")
    assert cancelled[5] == "скасовано: Закон змінився"


def test_the_plan_as_docx_in_english_says_where_a_translation_is_missing():
    document = plan_document(PLAN, MEASURES, "en", translator("en"))
    paragraphs, rows = _docx_text(document_bytes(document, "docx"))
    assert paragraphs[0] == PLAN["title_en"]
    assert "Approved by the order of the city mayor of 07.03.2024 No. 123" in paragraphs
    assert rows[0][1] == "Measure"
    assert rows[1][0] == "1. Open by default"
    assert rows[2][1:4] == [
        "Measure 1.1",
        "Управління інформаційно-комунікаційних технологій",
        "IV quarter 2024",
    ]
    assert rows[3][1] == "Захід 1.2 [Translation missing]"
    assert rows[3][3] == "ongoing"
    cancelled = next(r for r in rows if r[0] == "5.1")
    assert cancelled[5] == "cancelled: The law changed"


def test_the_progress_report_as_xlsx_in_both_languages():
    reported = [{**m, "progress": 70} if m["number"] == "1.2" else m for m in MEASURES]
    for language, words in (
        ("uk", ("Стан виконання заходів станом на 01.12.2026", "виконується, виконано на 70 %")),
        ("en", ("Progress of the measures as of 01.12.2026", "in progress, 70 % done")),
    ):
        document = plan_document(
            PLAN,
            reported,
            language,
            translator(language),
            kind="progress",
            as_of=dt.date(2026, 12, 1),
        )
        sheet = openpyxl.load_workbook(io.BytesIO(document_bytes(document, "xlsx"))).active
        cells = [[c for c in row if c is not None] for row in sheet.iter_rows(values_only=True)]
        flat = [str(c) for row in cells for c in row]
        assert flat[0] == PLAN[f"title_{language}"]
        assert words[0] in flat
        row = next(r for r in cells if r and r[0] == "1.2")
        assert row[5].startswith(words[1])
        summary = "1. Відкритість за замовчуванням: 1 з 2 виконано (50 %)"
        if language == "en":
            summary = "1. Open by default: 1 of 2 done (50 %)"
        assert summary in flat


def test_text_a_body_typed_never_becomes_a_formula_in_the_workbook():
    evil = [_measure("1.1", "open_by_default", title_uk='=HYPERLINK("http://x","y")')]
    document = plan_document(PLAN, evil, "uk", translator("uk"))
    sheet = openpyxl.load_workbook(io.BytesIO(document_bytes(document, "xlsx"))).active
    cell = next(
        c for row in sheet.iter_rows() for c in row if c.value and "HYPERLINK" in str(c.value)
    )
    assert cell.data_type == "s"
    assert cell.quotePrefix


def test_words_for_deadlines_and_translations():
    uk = translator("uk")
    assert deadline_text("date", "2024-12-31", None, uk) == "31.12.2024"
    assert deadline_text("year", "2025", None, uk) == "2025 рік"
    assert deadline_text("half_year", "2025-H2", None, uk) == "II півріччя 2025"
    assert localized({"title_uk": "Захід", "title_en": " "}, "title", "en") == ("Захід", True)
    assert localized({"title_uk": "Захід", "title_en": "Measure"}, "title", "en") == (
        "Measure",
        False,
    )
    summary = principle_summary(MEASURES)
    assert summary["open_by_default"] == {
        "total": 2, "done": 1, "overdue": 0, "in_progress": 1, "cancelled": 0, "share": 50
    }  # fmt: skip
    assert summary["improved_governance"]["share"] == 0  # cancelled only: nothing to share
