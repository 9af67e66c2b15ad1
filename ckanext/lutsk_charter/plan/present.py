"""How the plan reads to people: texts in a language, deadlines and statuses in words.

Pure: no database, no toolkit. The pages pass CKAN's ``_`` as ``gettext``; the
DOCX/XLSX documents pass the catalog of the document's language
(``documents.translator``), so a page and a document say the same words.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any, Literal

from ckanext.lutsk_charter.quality.checks import PRINCIPLES

from . import codes
from .documents import Language, PlanDocument, Row, Section

__all__ = ["PRINCIPLES", "STATUSES", "plan_document"]


def N_(message: str) -> str:
    return message


Gettext = Callable[[str], str]
Status = Literal["planned", "in_progress", "done", "cancelled", "overdue"]

#: A measure's status in words; "overdue" is computed from the deadline (open and late).
STATUSES: dict[str, str] = {**codes.MEASURE_STATUSES, "overdue": N_("overdue")}
#: The badge colour of each status (Bootstrap's); the word is always printed beside it.
STATUS_BADGES: dict[str, str] = {
    "planned": "secondary",
    "in_progress": "info",
    "done": "success",
    "cancelled": "dark",
    "overdue": "danger",
}
#: A report's state in words, with the two states of a period without a report.
REPORT_STATES: dict[str, str] = {
    **codes.REPORT_STATES,
    "missing": N_("not submitted"),
    "open": N_("not due yet"),
}
FEEDBACK_STATES = codes.FEEDBACK_STATES
PLAN_STATES = codes.PLAN_STATES
REPORTING_PERIODS = codes.REPORTING_PERIODS
DEADLINE_KINDS = codes.DEADLINE_KINDS
TRANSLATION_MISSING = N_("Translation missing")

_ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}
_QUARTER = re.compile(r"^(\d{4})-?Q([1-4])$", re.IGNORECASE)
_HALF = re.compile(r"^(\d{4})-?H([12])$", re.IGNORECASE)
_YEAR = re.compile(r"^(\d{4})$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def localized(record: Mapping[str, Any], field: str, language: str) -> tuple[str, bool]:
    """``(text, missing)``: ``field`` in ``language``; English falls back to Ukrainian.

    ``missing`` is true when an English text was asked for and only the
    Ukrainian one exists (the page then says "Translation missing").
    """
    uk = str(record.get(f"{field}_uk") or "")
    if language != "en":
        return uk, False
    en = str(record.get(f"{field}_en") or "")
    if en.strip():
        return en, False
    return uk, bool(uk.strip())


def text(record: Mapping[str, Any], field: str, language: str, gettext: Gettext) -> str:
    """``field`` in ``language`` for a document: a missing translation is marked in brackets."""
    value, missing = localized(record, field, language)
    return f"{value} [{gettext(TRANSLATION_MISSING)}]" if missing else value


def format_date(day: dt.date | str | None) -> str:
    """A date as the council writes it: 31.12.2024."""
    if not day:
        return ""
    if isinstance(day, str):
        try:
            day = dt.date.fromisoformat(day[:10])
        except ValueError:
            return day
    return day.strftime("%d.%m.%Y")


def deadline_text(
    kind: str | None, deadline: str | None, deadline_date: Any, gettext: Gettext
) -> str:
    """A deadline in words: "31.12.2024", "IV квартал 2024", "I півріччя 2025", "постійно"."""
    value = (deadline or "").strip()
    if kind == "ongoing":
        return gettext("ongoing")
    if kind == "date" or _DATE.match(value):
        return format_date(deadline_date or value)
    if match := _QUARTER.match(value):
        return gettext("{roman} quarter {year}").format(
            roman=_ROMAN[int(match.group(2))], year=match.group(1)
        )
    if match := _HALF.match(value):
        return gettext("{roman} half of {year}").format(
            roman=_ROMAN[int(match.group(2))], year=match.group(1)
        )
    if match := _YEAR.match(value):
        return gettext("{year}").format(year=match.group(1))
    return value or format_date(deadline_date)


def period_text(period: str, gettext: Gettext) -> str:
    """A reporting period ("2025-H1", "2025-Q3", "2025") in words."""
    return deadline_text(None, period, None, gettext)


def status_of(measure: Mapping[str, Any]) -> str:
    """The status to show: ``overdue`` when the action says so, else the stored one."""
    if measure.get("overdue") and measure.get("status") not in ("done", "cancelled"):
        return "overdue"
    return str(measure.get("status") or "planned")


def percent(part: int | float, whole: int | float) -> int:
    """``part`` of ``whole`` in whole per cent (0 of 0 is 0)."""
    return round(100 * part / whole) if whole else 0


def principle_summary(
    measures: Iterable[Mapping[str, Any]],
) -> dict[str, dict[str, int]]:
    """Per principle (the Charter's order): ``{"total", "done", "overdue", "cancelled", "share"}``.

    A measure serving several principles counts under each; cancelled measures
    are left out of the share done.
    """
    summary = {
        code: {"total": 0, "done": 0, "overdue": 0, "in_progress": 0, "cancelled": 0}
        for code in PRINCIPLES
    }
    for measure in measures:
        status = status_of(measure)
        for code in measure.get("principles") or ():
            counts = summary.setdefault(
                code, {"total": 0, "done": 0, "overdue": 0, "in_progress": 0, "cancelled": 0}
            )
            counts["total"] += 1
            if status in counts:
                counts[status] += 1
    for counts in summary.values():
        counts["share"] = percent(counts["done"], counts["total"] - counts["cancelled"])
    return summary


def indicator_text(measure: Mapping[str, Any], language: str, gettext: Gettext) -> str:
    """The indicator's words, and its live value against the target when it has one."""
    words = text(measure, "indicator_text", language, gettext)
    indicator = measure.get("indicator") or {}
    value = indicator.get("value")
    if value is None:
        return words
    figure = gettext("value {value}").format(value=number_text(value))
    if indicator.get("target") is not None:
        figure = gettext("value {value} of target {target}").format(
            value=number_text(value), target=number_text(indicator["target"])
        )
    return f"{words} ({figure})" if words else figure


def number_text(value: Any) -> str:
    """A figure as Ukrainians write it: 62,5; 80."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:.1f}".replace(".", ",")
    return str(int(value)) if isinstance(value, float) else str(value)


def executors(measure: Mapping[str, Any], gettext: Gettext) -> str:
    """The lead executor, then the co-executors, by their titles."""
    lead = measure.get("lead_organization") or {}
    names = [lead.get("title") or lead.get("name") or gettext("no executor")]
    names += [c.get("title") or c.get("name") or "" for c in measure.get("co_executors") or ()]
    return ", ".join(n for n in names if n)


def measure_deadline(measure: Mapping[str, Any], gettext: Gettext) -> str:
    """The measure's deadline in words (``deadline``: ``kind``, ``value``, ``date``)."""
    deadline = measure.get("deadline") or {}
    return deadline_text(deadline.get("kind"), deadline.get("value"), deadline.get("date"), gettext)


def _result(measure: Mapping[str, Any], language: str, gettext: Gettext, progress: bool) -> str:
    status = status_of(measure)
    words = gettext(STATUSES.get(status, status))
    if status == "cancelled":
        reason = text(measure, "cancel_reason", language, gettext)
        return f"{words}: {reason}" if reason else words
    if not progress:
        expected = text(measure, "expected_result", language, gettext)
        return f"{words}. {expected}" if expected else words
    done = measure.get("progress")
    if done is None:
        return words
    return gettext("{status}, {percent} done").format(status=words, percent=f"{done} %")


def plan_document(
    plan: Mapping[str, Any],
    measures: Iterable[Mapping[str, Any]],
    language: Language,
    gettext: Gettext,
    kind: Literal["plan", "progress"] = "plan",
    as_of: dt.date | None = None,
    address: str = "",
) -> PlanDocument:
    """The council document of ``plan``: measures by principle, texts in ``language``.

    ``plan`` as ``lutsk_charter_plan_show`` gives it, ``measures`` as
    ``lutsk_charter_plan_progress`` does; ``gettext`` is the catalog of ``language``.
    Bodies have one title (in Ukrainian): it stands in both languages.
    """
    measures = list(measures)
    sections: list[Section] = []
    for code, name in PRINCIPLES.items():
        rows = [
            Row(
                number=str(m.get("number") or ""),
                measure=text(m, "title", language, gettext),
                executor=executors(m, gettext),
                deadline=measure_deadline(m, gettext),
                indicator=indicator_text(m, language, gettext),
                status=_result(m, language, gettext, kind == "progress"),
            )
            for m in measures
            if (m.get("principles") or [None])[0] == code
        ]
        if rows:
            sections.append(Section(heading=gettext(name), rows=rows))
    document = PlanDocument(
        language=language,
        kind=kind,
        title=text(plan, "title", language, gettext),
        approved_by=approved_by(plan, gettext),
        sections=sections,
    )
    if kind == "progress":
        document.as_of = gettext("Progress of the measures as of {date}").format(
            date=format_date(as_of)
        )
        for code, counts in principle_summary(measures).items():
            if counts["total"]:
                document.summary.append(
                    gettext("{principle}: {done} of {total} done ({share} %)").format(
                        principle=gettext(PRINCIPLES[code]),
                        done=counts["done"],
                        total=counts["total"] - counts["cancelled"],
                        share=counts["share"],
                    )
                )
    if address:
        document.note = gettext("The plan and its progress on the portal: {address}").format(
            address=address
        )
    return document


def approved_by(plan: Mapping[str, Any], gettext: Gettext) -> str:
    """ "Approved by the order of the mayor of 07.03.2024 No. 123" (or nothing)."""
    document = plan.get("document") or {}
    if not document.get("number"):
        return ""
    return gettext("Approved by the order of the city mayor of {date} No. {number}").format(
        date=format_date(document.get("date")), number=document["number"]
    )
