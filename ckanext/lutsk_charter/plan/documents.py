"""The action plan as a council document (clause 1.3): DOCX and XLSX, Ukrainian or English.

Pure: no database, no toolkit. The caller (the view) builds a ``PlanDocument``
from what the plan actions return (``plan/present.py`` does it), already in the
document's language; this module lays it out the way the council's documents
are: a heading with the approving document, then one table of measures grouped
by Charter principle with the columns number, measure, executor, deadline,
indicator, status / result.

XLSX cells go through ``monitoring.exports.write_cell``, so no text a body typed
can become a formula in a spreadsheet program.
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

Language = Literal["uk", "en"]
LANGUAGES: tuple[Language, ...] = ("uk", "en")

_I18N = Path(__file__).resolve().parent.parent / "i18n"
_DOMAIN = "ckanext-lutsk_charter"

MEDIA_TYPES = {
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def N_(message: str) -> str:
    """Mark ``message`` for the catalog; it is translated when the document is written."""
    return message


#: The table's columns, in the council's order.
COLUMNS: tuple[str, ...] = (
    N_("No."),
    N_("Measure"),
    N_("Executor"),
    N_("Deadline"),
    N_("Performance indicator"),
    N_("Status / result"),
)


def translator(language: Language) -> Callable[[str], str]:
    """``gettext`` of the extension's catalog in ``language`` (English: the msgids)."""
    if language == "en":
        return gettext.NullTranslations().gettext
    return gettext.translation(
        _DOMAIN, localedir=str(_I18N), languages=[language], fallback=True
    ).gettext


@dataclass
class Row:
    """One measure, every cell already text in the document's language."""

    number: str
    measure: str
    executor: str
    deadline: str
    indicator: str
    status: str


@dataclass
class Section:
    """The measures of one Charter principle (or of a plan section)."""

    heading: str
    rows: list[Row] = field(default_factory=list)


@dataclass
class PlanDocument:
    """What a plan document says; ``kind`` "plan" is the plan, "progress" the report."""

    language: Language
    title: str
    approved_by: str
    sections: list[Section]
    kind: Literal["plan", "progress"] = "plan"
    #: "Progress as of 01.12.2026" for a progress report
    as_of: str = ""
    #: a closing line: how many measures are done, the portal's address
    note: str = ""
    #: per principle "3 of 5 done (60 %)" for a progress report, in sections' order
    summary: list[str] = field(default_factory=list)

    def header(self) -> list[str]:
        _ = translator(self.language)
        return [_(c) for c in COLUMNS]


def docx_bytes(document: PlanDocument) -> bytes:
    """The document as a Word file (python-docx): landscape A4, one table, a header row."""
    from docx import Document
    from docx.enum.section import WD_ORIENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Cm, Pt

    word = Document()
    page = word.sections[0]
    page.orientation = WD_ORIENT.LANDSCAPE
    page.page_width, page.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(page, side, Cm(1.5))
    normal = word.styles["Normal"]
    normal.font.name = "Times New Roman"  # type: ignore[attr-defined]
    normal.font.size = Pt(11)  # type: ignore[attr-defined]
    word.core_properties.title = document.title
    word.core_properties.language = document.language

    title = word.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = title.add_run(document.title)
    run.bold = True
    run.font.size = Pt(14)
    for line in (document.approved_by, document.as_of):
        if line:
            paragraph = word.add_paragraph(line)
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for line in document.summary:
        word.add_paragraph(line, style="List Bullet")

    header = document.header()
    table = word.add_table(rows=1, cols=len(header))
    table.style = "Table Grid"
    widths = (Cm(1.2), Cm(8.0), Cm(4.0), Cm(3.0), Cm(5.0), Cm(5.5))
    for cell, text, width in zip(table.rows[0].cells, header, widths, strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
        cell.width = width
    # the header row repeats on every page; no row breaks across pages
    header_row = table.rows[0]._tr.get_or_add_trPr()
    repeat = OxmlElement("w:tblHeader")
    repeat.set(qn("w:val"), "true")
    header_row.append(repeat)
    for section in document.sections:
        row = table.add_row()
        merged = row.cells[0].merge(row.cells[-1])
        merged.text = ""
        merged.paragraphs[0].add_run(section.heading).bold = True
        for measure in section.rows:
            cells = table.add_row().cells
            values = (
                measure.number,
                measure.measure,
                measure.executor,
                measure.deadline,
                measure.indicator,
                measure.status,
            )
            for cell, value, width in zip(cells, values, widths, strict=True):
                cell.text = value
                cell.width = width
    for table_row in table.rows:
        properties = table_row._tr.get_or_add_trPr()
        keep = OxmlElement("w:cantSplit")
        keep.set(qn("w:val"), "true")
        properties.append(keep)
    if document.note:
        word.add_paragraph("")
        word.add_paragraph(document.note)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def xlsx_bytes(document: PlanDocument) -> bytes:
    """The document as a workbook: the heading on top, then the table, a row per measure."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    from ckanext.lutsk_charter.monitoring.exports import sheet_name, write_cell

    _ = translator(document.language)
    workbook = Workbook()
    sheet: Any = workbook.active
    sheet.title = sheet_name(_("Action plan") if document.kind == "plan" else _("Progress"))
    header = document.header()
    row_number = 1

    def line(text: str, bold: bool = False) -> None:
        nonlocal row_number
        cell = sheet.cell(row=row_number, column=1)
        write_cell(cell, text)
        cell.font = Font(bold=bold, size=14 if bold else 11)
        sheet.merge_cells(
            start_row=row_number, start_column=1, end_row=row_number, end_column=len(header)
        )
        row_number += 1

    line(document.title, bold=True)
    for text in (document.approved_by, document.as_of, *document.summary):
        if text:
            line(text)
    row_number += 1
    header_row = row_number
    for column, text in enumerate(header, start=1):
        cell = sheet.cell(row=row_number, column=column)
        write_cell(cell, text)
        cell.font = Font(bold=True)
    row_number += 1
    wrap = Alignment(wrap_text=True, vertical="top")
    for section in document.sections:
        line(section.heading, bold=False)
        sheet.cell(row=row_number - 1, column=1).font = Font(bold=True)
        for measure in section.rows:
            values: Sequence[str] = (
                measure.number,
                measure.measure,
                measure.executor,
                measure.deadline,
                measure.indicator,
                measure.status,
            )
            for column, value in enumerate(values, start=1):
                cell = sheet.cell(row=row_number, column=column)
                write_cell(cell, value)
                cell.alignment = wrap
            row_number += 1
    if document.note:
        row_number += 1
        line(document.note)
    for column, width in enumerate((8, 50, 28, 18, 36, 40), start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    sheet.freeze_panes = sheet.cell(row=header_row + 1, column=1)
    sheet.print_title_rows = f"{header_row}:{header_row}"
    sheet.page_setup.orientation = "landscape"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def document_bytes(document: PlanDocument, fmt: str) -> bytes:
    """The document as ``fmt`` ("docx" or "xlsx")."""
    if fmt == "docx":
        return docx_bytes(document)
    if fmt == "xlsx":
        return xlsx_bytes(document)
    raise ValueError(fmt)
